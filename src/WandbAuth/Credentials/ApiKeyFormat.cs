using System;
using System.Security;

namespace WandbAuth.Credentials
{
    /// <summary>A key that passed the format check, whitespace from a paste removed.</summary>
    internal sealed class CheckedKey
    {
        public CheckedKey(SecureString key, ApiKeyKind kind, string keyIdHint)
        {
            Key = key; Kind = kind; KeyIdHint = keyIdHint;
        }
        public SecureString Key { get; }
        public ApiKeyKind Kind { get; }
        /// <summary>The key's first part, shown until the server names the key (its listing is the authority).</summary>
        public string KeyIdHint { get; }
    }

    /// <summary>Thrown for a malformed key. Its message names what was found, never the key's characters.</summary>
    public sealed class ApiKeyFormatException : FormatException
    {
        public ApiKeyFormatException(string message) : base(message) { }
    }

    /// <summary>
    /// Recognises W&amp;B key formats before anything is sent. Mirrors the SDK's check (prefix split at the
    /// first '-', the rest [A-Za-z0-9_-] and 40+ long) and additionally names the format found.
    /// </summary>
    internal static class ApiKeyFormat
    {
        public const string CurrentPrefix = "wandb_v1_";
        public const int LegacyLength = 40;
        public const int MinimumSecretLength = 40;
        /// <summary>Characters of the key shown as its ID before the server lists it: never enough to use it.</summary>
        private const int HintLength = 8;

        public const string OldSdkNote =
            "(If a wandb SDK told you a key \"must be 40 characters\": SDKs older than 0.22.3 refuse current keys with \"API key must be 40 characters long, yours was 86\"; " +
            "such a key is fine, upgrade the SDK with pip install --upgrade wandb.)";

        public static CheckedKey Check(SecureString pasted) => SecretText.Use(pasted, Check);

        public static CheckedKey Check(char[] raw)
        {
            // Keys never contain whitespace: anything a browser paste adds (spaces, tabs, line breaks) goes.
            var chars = new char[raw.Length];
            int n = 0;
            try
            {
                foreach (var c in raw) if (!char.IsWhiteSpace(c)) chars[n++] = c;
                var kind = Classify(chars, n);
                return new CheckedKey(SecretText.ToSecureString(chars, 0, n), kind, Hint(chars, n, kind));
            }
            finally { Array.Clear(chars, 0, chars.Length); }
        }

        private static ApiKeyKind Classify(char[] c, int n)
        {
            if (n == 0) throw new ApiKeyFormatException("The API key is empty. Copy your key from the W&B settings page (https://wandb.ai/authorize).");

            int bad = FirstInvalid(c, 0, n);
            if (bad >= 0)
                throw new ApiKeyFormatException(
                    $"The API key contains a character that no W&B key has (at position {bad + 1} of {n}); keys hold only letters, digits, '_' and '-'. " + Expected);

            if (HasPrefix(c, n, CurrentPrefix))
            {
                if (n - CurrentPrefix.Length < MinimumSecretLength)
                    throw new ApiKeyFormatException(
                        $"The API key starts like a current W&B key (wandb_v1_) but has only {n} characters; current keys have about 86. It may have been cut off when copied.");
                return ApiKeyKind.Current;
            }

            int dash = Array.IndexOf(c, '-', 0, n);
            if (dash > 0)
            {
                int rest = n - dash - 1;
                if (rest < MinimumSecretLength)
                    throw new ApiKeyFormatException(
                        $"The API key looks like a self-managed server's key ('<prefix>-…') but has only {rest} characters after the prefix; at least {MinimumSecretLength} are expected. " + Expected);
                return ApiKeyKind.SelfManaged;
            }

            if (n == LegacyLength) return ApiKeyKind.Legacy;
            throw new ApiKeyFormatException($"The API key has {n} characters and no recognised prefix. " + Expected);
        }

        private const string Expected =
            "Expected a current key (wandb_v1_… , about 86 characters), a legacy key (exactly 40 characters) " +
            "or a self-managed key (<prefix>-<40 or more characters>). " + OldSdkNote;

        private static int FirstInvalid(char[] c, int start, int n)
        {
            for (int i = start; i < n; i++)
            {
                char ch = c[i];
                bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
                if (!ok) return i;
            }
            return -1;
        }

        private static bool HasPrefix(char[] c, int n, string prefix)
        {
            if (n < prefix.Length) return false;
            for (int i = 0; i < prefix.Length; i++) if (c[i] != prefix[i]) return false;
            return true;
        }

        private static string Hint(char[] c, int n, ApiKeyKind kind)
        {
            int prefix = kind switch
            {
                ApiKeyKind.Current => CurrentPrefix.Length,
                ApiKeyKind.SelfManaged => Array.IndexOf(c, '-', 0, n) + 1,
                _ => 0,
            };
            return new string(c, 0, Math.Min(n, prefix + HintLength));
        }

        public static string Describe(ApiKeyKind kind) => kind switch
        {
            ApiKeyKind.Current => "current (wandb_v1_)",
            ApiKeyKind.Legacy => "legacy (40 characters)",
            _ => "self-managed (<prefix>-…)",
        };
    }
}
