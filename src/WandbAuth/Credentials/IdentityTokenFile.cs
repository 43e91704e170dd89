using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace WandbAuth.Credentials
{
    /// <summary>
    /// A file holding a JWT, as WANDB_IDENTITY_TOKEN_FILE names one (W&amp;B docs: identity federation). Like wandb-core
    /// (core/internal/api/credentials.go, readIdentityToken) it is read again for every exchange and trimmed of surrounding
    /// whitespace, the newline echo and editors add. The text never becomes a string: bytes, then characters, then a
    /// SecureString, each cleared after use.
    /// </summary>
    internal sealed class IdentityTokenFile : IIdentityTokenSource
    {
        public IdentityTokenFile(string path) { Path = path; }

        public string Path { get; }

        public string Origin => $"the identity token in {Path}";

        public Task<IdentityToken> GetAsync(CancellationToken ct) => Task.FromResult(Read());

        public IdentityToken Read()
        {
            byte[] bytes;
            try
            {
                if (new FileInfo(Path).Length > ApiKeyFormat.MaximumLength * 4L)
                    throw new IdentityTokenException($"{Path} holds {new FileInfo(Path).Length:N0} bytes; an identity token has a few thousand at most. Is it the right file?");
                bytes = File.ReadAllBytes(Path);
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                throw new IdentityTokenException($"The identity token file {Path} does not exist. Write the JWT from your identity provider there, or give its path with -IdentityTokenFile or WANDB_IDENTITY_TOKEN_FILE.");
            }
            catch (Exception e) when (e is UnauthorizedAccessException || e is IOException || e is NotSupportedException || e is ArgumentException)
            {
                throw new IdentityTokenException($"The identity token file {Path} cannot be read: {e.Message.TrimEnd('.')}.");
            }

            char[]? chars = null;
            try
            {
                chars = Encoding.UTF8.GetChars(bytes);
                int start = 0, end = chars.Length;
                while (start < end && IsSpace(chars[start])) start++;
                while (end > start && IsSpace(chars[end - 1])) end--;
                if (end > start && chars[start] == '{')
                    throw new IdentityTokenException(
                        $"{Path} holds JSON, not a JWT. WandbAuth reads a file with the bare JWT, as WANDB_IDENTITY_TOKEN_FILE does in wandb-core; " +
                        "the identity_token.json that `wandb login sso` writes is not that kind of file.");
                return IdentityToken.Parse(chars, start, end - start, Origin);
            }
            finally
            {
                Array.Clear(bytes, 0, bytes.Length);
                if (chars != null) Array.Clear(chars, 0, chars.Length);
            }
        }

        /// <summary>Whitespace, and the byte order mark some Windows editors write.</summary>
        private static bool IsSpace(char c) => char.IsWhiteSpace(c) || c == '\uFEFF';
    }
}
