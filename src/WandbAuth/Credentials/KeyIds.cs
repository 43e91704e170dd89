using System;
using System.Security;

namespace WandbAuth.Credentials
{
    /// <summary>
    /// Key IDs in one form throughout. W&amp;B documents current keys as wandb_v1_&lt;key_id&gt;_&lt;secret&gt; and lists a key
    /// by "the first part of each API key"; whether a listing's name carries the wandb_v1_ prefix is not public, and
    /// servers older than hashed keys list the whole secret as the name (wandb PRs #11271, #11663). So a key ID here is
    /// the &lt;key_id&gt; of a current key (with or without wandb_v1_ in what the server or the user gives), and anything
    /// longer than a key ID can be is cut down to a short hint: fail closed, whatever shape a revealed secret has.
    /// </summary>
    internal static class KeyIds
    {
        /// <summary>Characters shown of a name or key too long to be a key ID: never enough to use it.</summary>
        private const int HintLength = 8;

        /// <summary>
        /// The longest key ID taken as given. Current keys' IDs have 27 characters; the listings of older shapes are
        /// shorter still. Anything longer may be a secret.
        /// </summary>
        public const int MaximumLength = 32;

        /// <summary>The key ID of a credential that passed the format check: none for tokens, which no listing names.</summary>
        public static string Of(char[] c, int n, ApiKeyKind kind) =>
            kind == ApiKeyKind.Jwt || kind == ApiKeyKind.AccessToken ? "" : ShortForm(c, n);

        /// <summary>The key ID of a key in hand, whatever its shape (a key the server just issued, say). Never throws.</summary>
        public static string Of(SecureString key) => SecretText.Use(key, c => ShortForm(c, c.Length));

        /// <summary>The key ID a listing's name stands for. A name that is a whole key never leaves this method whole.</summary>
        public static string FromListing(string name)
        {
            var chars = name.Trim().ToCharArray();
            try { return ShortForm(chars, chars.Length); }
            finally { Array.Clear(chars, 0, chars.Length); }
        }

        /// <summary>
        /// A key ID the user typed (-KeyId), in the one form: with or without wandb_v1_. A whole key, or anything too long
        /// to be a key ID, is refused with a message that does not repeat it: a key does not belong on a command line.
        /// </summary>
        public static string FromUserInput(string text)
        {
            var trimmed = text.Trim();
            var chars = trimmed.ToCharArray();
            try
            {
                var id = WithoutPrefix(trimmed);
                if (ApiKeyFormat.IsWholeKey(chars, chars.Length, out var kind))
                    throw new ArgumentException(
                        $"That is a whole API key ({ApiKeyFormat.Describe(kind)}), not a key ID. Give its key ID '{ShortForm(chars, chars.Length)}' instead; " +
                        "a key typed on a command line stays in the shell's history, so consider rotating that key.");
                if (id.Length > MaximumLength && id.IndexOf('*') < 0 && id.IndexOf('?') < 0 && id.IndexOf('[') < 0)
                    throw new ArgumentException(
                        $"A key ID has at most {MaximumLength} characters; this value has {id.Length}, so it is not one (is it a key?). " +
                        "Give the key ID Get-WandbApiKey shows.");
                return id;
            }
            finally { Array.Clear(chars, 0, chars.Length); }
        }

        /// <summary>
        /// True when the listed key ID (in the form above) names this key: for a current key, exactly its &lt;key_id&gt;;
        /// for the older shapes, whose listed IDs are not documented, the start of the key after any prefix's dash or
        /// the hint cut from it.
        /// </summary>
        public static bool Identifies(SecureString key, string keyId)
        {
            if (keyId.Length == 0) return false;
            var id = WithoutPrefix(keyId);
            if (id.Length == 0) return false;
            return SecretText.Use(key, c =>
            {
                if (Array.IndexOf(c, '.') >= 0) return false; // a token, never listed
                if (ApiKeyFormat.HasPrefix(c, c.Length, ApiKeyFormat.CurrentPrefix))
                {
                    int start = ApiKeyFormat.CurrentPrefix.Length;
                    int end = Array.IndexOf(c, '_', start, c.Length - start);
                    return end - start == id.Length && StartsWith(c, start, id);
                }
                return id.Length <= c.Length && StartsWith(c, 0, id);
            });
        }

        public static string WithoutPrefix(string keyId) =>
            keyId.StartsWith(ApiKeyFormat.CurrentPrefix, StringComparison.Ordinal) ? keyId.Substring(ApiKeyFormat.CurrentPrefix.Length) : keyId;

        /// <summary>
        /// A current key's &lt;key_id&gt; (up to its '_'); any other text as it is when it is short enough to be a key ID,
        /// else its prefix (up to a '-') and a hint of a few characters.
        /// </summary>
        private static string ShortForm(char[] c, int n)
        {
            if (ApiKeyFormat.HasPrefix(c, n, ApiKeyFormat.CurrentPrefix))
            {
                int start = ApiKeyFormat.CurrentPrefix.Length;
                int end = Array.IndexOf(c, '_', start, n - start);
                int length = (end < 0 ? n : end) - start;
                return new string(c, start, length <= MaximumLength ? length : HintLength);
            }
            if (n <= MaximumLength) return new string(c, 0, n);
            int dash = Array.IndexOf(c, '-', 0, Math.Min(n, MaximumLength));
            int keep = dash > 0 ? dash + 1 : 0;
            return new string(c, 0, Math.Min(n, keep + HintLength));
        }

        private static bool StartsWith(char[] c, int start, string id)
        {
            if (start + id.Length > c.Length) return false;
            for (int i = 0; i < id.Length; i++) if (c[start + i] != id[i]) return false;
            return true;
        }
    }
}
