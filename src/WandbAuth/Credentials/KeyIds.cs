using System;
using System.Security;

namespace WandbAuth.Credentials
{
    /// <summary>
    /// Key IDs in one form throughout. W&amp;B documents current keys as wandb_v1_&lt;key_id&gt;_&lt;secret&gt; and lists a key
    /// by "the first part of each API key"; whether a listing's name carries the wandb_v1_ prefix is not public, and
    /// servers older than hashed keys list the whole secret as the name (wandb PRs #11271, #11663). So a key ID here
    /// is the listed name with any wandb_v1_ prefix dropped, a revealed secret cut down to the part a key ID shows,
    /// and -KeyId takes either form.
    /// </summary>
    internal static class KeyIds
    {
        /// <summary>Characters of a legacy or self-managed secret shown as its ID when the server does not name it: never enough to use it.</summary>
        private const int HintLength = 8;

        /// <summary>The key ID of a key in hand: exact for a current key; for the others, the first characters.</summary>
        public static string Of(char[] c, int n, ApiKeyKind kind)
        {
            switch (kind)
            {
                case ApiKeyKind.Current:
                    int start = ApiKeyFormat.CurrentPrefix.Length;
                    return new string(c, start, Array.IndexOf(c, '_', start, n - start) - start);
                case ApiKeyKind.Legacy:
                    return new string(c, 0, Math.Min(n, HintLength));
                case ApiKeyKind.SelfManaged:
                    int body = Array.IndexOf(c, '-', 0, n) + 1;
                    return new string(c, 0, Math.Min(n, body + HintLength));
                default:
                    return ""; // tokens are not API keys: no listing names them
            }
        }

        /// <summary>The key ID a listing's name stands for. A name that is a whole key never leaves this method.</summary>
        public static string FromListing(string name)
        {
            if (name.Length == 0 || name.Length > ApiKeyFormat.MaximumLength) return "";
            var chars = name.ToCharArray();
            try
            {
                return ApiKeyFormat.IsWholeKey(chars, chars.Length, out var kind) ? Of(chars, chars.Length, kind) : WithoutPrefix(name);
            }
            finally { Array.Clear(chars, 0, chars.Length); }
        }

        /// <summary>
        /// A key ID the user typed (-KeyId), in the one form: with or without wandb_v1_. A whole key is refused with a
        /// message that does not repeat it: a key does not belong on a command line.
        /// </summary>
        public static string FromUserInput(string text)
        {
            var trimmed = text.Trim();
            var chars = trimmed.ToCharArray();
            try
            {
                if (ApiKeyFormat.IsWholeKey(chars, chars.Length, out var kind))
                    throw new ArgumentException(
                        $"That is a whole API key ({ApiKeyFormat.Describe(kind)}), not a key ID. Give the key ID '{Of(chars, chars.Length, kind)}' instead; " +
                        "a key typed on a command line stays in the shell's history, so consider rotating that key.");
            }
            finally { Array.Clear(chars, 0, chars.Length); }
            return WithoutPrefix(trimmed);
        }

        /// <summary>True when the listed key ID (in the form above) names this key.</summary>
        public static bool Identifies(SecureString key, string keyId)
        {
            if (keyId.Length == 0) return false;
            var id = WithoutPrefix(keyId);
            return SecretText.Use(key, c =>
            {
                if (Array.IndexOf(c, '.') >= 0) return false; // a token, never listed
                int body = ApiKeyFormat.HasPrefix(c, c.Length, ApiKeyFormat.CurrentPrefix) ? ApiKeyFormat.CurrentPrefix.Length : 0;
                if (id.Length == 0 || body + id.Length > c.Length) return false;
                for (int i = 0; i < id.Length; i++) if (c[body + i] != id[i]) return false;
                return true;
            });
        }

        public static string WithoutPrefix(string keyId) =>
            keyId.StartsWith(ApiKeyFormat.CurrentPrefix, StringComparison.Ordinal) ? keyId.Substring(ApiKeyFormat.CurrentPrefix.Length) : keyId;
    }
}
