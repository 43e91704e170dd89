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
        /// <summary>
        /// The key ID as far as the key itself tells it (<see cref="KeyIds.Of"/>): exact for a current key, the
        /// first characters of any other until the server's listing names it. Empty for a token.
        /// </summary>
        public string KeyIdHint { get; }
    }

    /// <summary>Thrown for a malformed key. Its message names what was found, never the key's characters.</summary>
    public sealed class ApiKeyFormatException : FormatException
    {
        public ApiKeyFormatException(string message) : base(message) { }
    }

    /// <summary>
    /// Recognises W&amp;B credential formats before anything is sent. Accepts what the wandb SDK's own check accepts
    /// (wandb/sdk/lib/wbauth/validation.py: a prefix up to the first '-', then 40 or more of [A-Za-z0-9_-]; a
    /// JWT-shaped a.b.c; a wb_at_ access token), and is stricter where a paste accident is certain: a wandb_v1_ key
    /// must have the whole documented shape wandb_v1_&lt;key_id&gt;_&lt;secret&gt; (86 characters).
    /// </summary>
    internal static class ApiKeyFormat
    {
        public const string CurrentPrefix = "wandb_v1_";
        /// <summary>The SDK's "wb_at_" short-lived OAuth access tokens (validation.py).</summary>
        public const string AccessTokenPrefix = "wb_at_";
        public const int LegacyLength = 40;
        public const int MinimumSecretLength = 40;
        /// <summary>wandb_v1_ + 27 + '_' + 49: the current keys W&amp;B issues (wandb-api.md, corrections).</summary>
        public const int CurrentLength = 86;
        private const int CurrentMinimumIdLength = 20;
        /// <summary>
        /// Far above any key or identity token (JWTs run to a few kilobytes) and far below SecureString's 65,536-character
        /// limit, so a file or page pasted by mistake gets a clear message instead of a capacity error.
        /// </summary>
        public const int MaximumLength = 16384;

        public const string OldSdkNote =
            "(If a wandb SDK told you a key \"must be 40 characters\": SDKs older than 0.22.3 refuse current keys with \"API key must be 40 characters long, yours was 86\"; " +
            "such a key is fine, upgrade the SDK with pip install --upgrade wandb.)";

        public static CheckedKey Check(SecureString pasted) => SecretText.Use(pasted, Check);

        /// <summary>For keys that arrive as text (a variable, a file): checked before a SecureString is made of them.</summary>
        public static CheckedKey Check(string text)
        {
            RequireSaneLength(text.Length);
            var chars = text.ToCharArray();
            try { return Check(chars); }
            finally { Array.Clear(chars, 0, chars.Length); }
        }

        public static CheckedKey Check(char[] raw)
        {
            RequireSaneLength(raw.Length);
            // Keys never contain whitespace: anything a browser paste adds (spaces, tabs, line breaks) goes.
            var chars = new char[raw.Length];
            int n = 0;
            try
            {
                foreach (var c in raw) if (!char.IsWhiteSpace(c)) chars[n++] = c;
                var kind = Classify(chars, n);
                return new CheckedKey(SecretText.ToSecureString(chars, 0, n), kind, KeyIds.Of(chars, n, kind));
            }
            finally { Array.Clear(chars, 0, chars.Length); }
        }

        /// <summary>
        /// A key W&amp;B has just issued: checked as any key, but the server's word stands for its own keys, so a shape this
        /// check does not know is kept rather than lost (its kind read from its prefix). Never throws for a format.
        /// </summary>
        public static CheckedKey CheckIssued(SecureString issued)
        {
            try { return Check(issued); }
            catch (ApiKeyFormatException)
            {
                var kind = SecretText.Use(issued, c =>
                    HasPrefix(c, c.Length, CurrentPrefix) ? ApiKeyKind.Current : Array.IndexOf(c, '-') > 0 ? ApiKeyKind.SelfManaged : ApiKeyKind.Legacy);
                return new CheckedKey(issued, kind, KeyIds.Of(issued));
            }
        }

        /// <summary>True when the text is a whole credential (what a listing's name must never be shown as).</summary>
        public static bool IsWholeKey(char[] c, int n, out ApiKeyKind kind)
        {
            try { kind = Classify(c, n); return true; }
            catch (ApiKeyFormatException) { kind = default; return false; }
        }

        public static void RequireSaneLength(int length)
        {
            if (length > MaximumLength)
                throw new ApiKeyFormatException(
                    $"The API key has {length:N0} characters; W&B keys have fewer than 100 and identity tokens a few thousand. " +
                    "This is not a key: was a file or a web page pasted or read instead?");
        }

        private static ApiKeyKind Classify(char[] c, int n)
        {
            if (n == 0) throw new ApiKeyFormatException("The API key is empty. Copy your key from the W&B settings page (https://wandb.ai/authorize).");

            // Checked before the character rule: tokens carry dots, keys never do.
            if (HasPrefix(c, n, AccessTokenPrefix) && FirstInvalid(c, 0, n, allowDot: true) < 0) return ApiKeyKind.AccessToken;
            if (IsJwtShaped(c, n)) return ApiKeyKind.Jwt;

            int bad = FirstInvalid(c, 0, n, allowDot: false);
            if (bad >= 0)
                throw new ApiKeyFormatException(
                    $"The API key contains a character that no W&B key has (at position {bad + 1} of {n}); keys hold only letters, digits, '_' and '-'. " + Expected);

            if (HasPrefix(c, n, CurrentPrefix)) return CheckCurrent(c, n);

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

        /// <summary>wandb_v1_&lt;key_id&gt;_&lt;secret&gt;, letters and digits only: anything shorter was cut off.</summary>
        private static ApiKeyKind CheckCurrent(char[] c, int n)
        {
            int start = CurrentPrefix.Length;
            int separator = Array.IndexOf(c, '_', start, n - start);
            bool shaped = separator - start >= CurrentMinimumIdLength && n - separator - 1 >= MinimumSecretLength &&
                          IsAlphanumeric(c, start, separator) && IsAlphanumeric(c, separator + 1, n);
            if (shaped && n >= CurrentLength) return ApiKeyKind.Current;
            throw new ApiKeyFormatException(shaped || n < CurrentLength
                ? $"The API key starts like a current W&B key (wandb_v1_) but has only {n} characters; current keys have {CurrentLength} (wandb_v1_<key ID>_<secret>). It was probably cut off when copied: copy the whole key again."
                : $"The API key starts like a current W&B key (wandb_v1_) but is not shaped like one (wandb_v1_<key ID>_<secret>, letters and digits). Copy the whole key again.");
        }

        /// <summary>Three non-empty base64url segments, as the SDK passes internal-client JWTs through (validation.py).</summary>
        private static bool IsJwtShaped(char[] c, int n)
        {
            int dots = 0, segment = 0;
            for (int i = 0; i < n; i++)
            {
                if (c[i] == '.') { if (segment == 0) return false; dots++; segment = 0; continue; }
                if (!IsKeyChar(c[i])) return false;
                segment++;
            }
            return dots == 2 && segment > 0;
        }

        private const string Expected =
            "Expected a current key (wandb_v1_… , 86 characters), a legacy key (exactly 40 characters) " +
            "or a self-managed key (<prefix>-<40 or more characters>). " + OldSdkNote;

        private static bool IsKeyChar(char ch) =>
            (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';

        private static int FirstInvalid(char[] c, int start, int n, bool allowDot)
        {
            for (int i = start; i < n; i++)
                if (!IsKeyChar(c[i]) && !(allowDot && c[i] == '.')) return i;
            return -1;
        }

        private static bool IsAlphanumeric(char[] c, int start, int end)
        {
            for (int i = start; i < end; i++)
                if (!IsKeyChar(c[i]) || c[i] == '_' || c[i] == '-') return false;
            return true;
        }

        internal static bool HasPrefix(char[] c, int n, string prefix)
        {
            if (n < prefix.Length) return false;
            for (int i = 0; i < prefix.Length; i++) if (c[i] != prefix[i]) return false;
            return true;
        }

        public static string Describe(ApiKeyKind kind) => kind switch
        {
            ApiKeyKind.Current => "current (wandb_v1_)",
            ApiKeyKind.Legacy => "legacy (40 characters)",
            ApiKeyKind.SelfManaged => "self-managed (<prefix>-…)",
            ApiKeyKind.Jwt => "JWT-shaped token",
            _ => "access token (wb_at_)",
        };
    }
}
