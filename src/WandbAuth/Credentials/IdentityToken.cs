using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WandbAuth.Credentials
{
    /// <summary>
    /// An identity token (a JWT) for keyless sign-in, held as a SecureString, with the claims W&amp;B checks read from its
    /// payload so messages can say what the token claims. The claims are not secret and not verified here: W&amp;B checks
    /// the signature against the organization's JWT issuer (docs: "Use federated identities with SDK", JWT validation).
    /// </summary>
    internal sealed class IdentityToken
    {
        /// <summary>The claims W&amp;B's JWT validation needs: iss, sub, aud and exp.</summary>
        public static readonly string[] RequiredClaims = { "iss", "sub", "aud", "exp" };

        private IdentityToken(SecureString jwt, string issuer, string subject, IReadOnlyList<string> audience, DateTimeOffset expiresAt)
        {
            Jwt = jwt; Issuer = issuer; Subject = subject; Audience = audience; ExpiresAt = expiresAt;
        }

        public SecureString Jwt { get; }
        public string Issuer { get; }
        public string Subject { get; }
        public IReadOnlyList<string> Audience { get; }
        public DateTimeOffset ExpiresAt { get; }

        /// <summary>The claims W&amp;B matches, for messages: never the token.</summary>
        public string DescribeClaims() => string.Format(CultureInfo.InvariantCulture, "iss {0}, sub {1}, aud {2}, exp {3:yyyy-MM-dd HH:mm:ss}Z",
            Issuer, Subject, string.Join(" ", Audience), ExpiresAt.UtcDateTime);

        /// <summary>
        /// Checks <paramref name="length"/> characters from <paramref name="start"/> (already trimmed) and holds them as a
        /// SecureString. <paramref name="origin"/> names where the token came from in messages ("the identity token in
        /// /run/token"). Throws <see cref="IdentityTokenException"/> saying what is wrong, never with the token's text.
        /// </summary>
        public static IdentityToken Parse(char[] chars, int start, int length, string origin)
        {
            if (length == 0) throw new IdentityTokenException($"{Capital(origin)} is empty.");
            if (length > ApiKeyFormat.MaximumLength)
                throw new IdentityTokenException($"{Capital(origin)} has {length:N0} characters; identity tokens have a few thousand at most. Is it the right file?");
            var dots = new List<int>();
            for (int i = start; i < start + length; i++)
            {
                char c = chars[i];
                if (c == '.') { dots.Add(i); continue; }
                if (!IsBase64Url(c))
                    throw new IdentityTokenException($"{Capital(origin)} is not a JWT: it holds a character no JWT has (at position {i - start + 1} of {length}). " + Expected);
            }
            if (dots.Count == 4)
                throw new IdentityTokenException($"{Capital(origin)} is an encrypted JWT (JWE, five parts); W&B takes a signed JWT (three parts).");
            if (dots.Count != 2 || dots[0] == start || dots[1] == dots[0] + 1)
                throw new IdentityTokenException($"{Capital(origin)} is not a JWT ({dots.Count + 1} part(s) separated by dots). " + Expected);

            var claims = Claims(chars, dots[0] + 1, dots[1] - dots[0] - 1, origin);
            var missing = RequiredClaims.Where(name => claims[name] == null || claims[name]!.Type == JTokenType.Null).ToList();
            if (missing.Count > 0)
                throw new IdentityTokenException(
                    $"{Capital(origin)} lacks the claim{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}; W&B's JWT validation needs iss, sub, aud and exp (W&B docs: identity federation).");

            var token = new IdentityToken(SecretText.ToSecureString(chars, start, length),
                Text(claims, "iss", origin), Text(claims, "sub", origin), Audiences(claims["aud"]!, origin), Expiry(claims["exp"]!, origin));
            return token;
        }

        private static JObject Claims(char[] chars, int start, int length, string origin)
        {
            byte[]? bytes = null;
            try
            {
                bytes = Base64Url(chars, start, length);
                if (JToken.Parse(Encoding.UTF8.GetString(bytes)) is JObject claims) return claims;
            }
            catch (Exception e) when (e is FormatException || e is JsonException || e is ArgumentException) { }
            finally { if (bytes != null) Array.Clear(bytes, 0, bytes.Length); }
            throw new IdentityTokenException($"{Capital(origin)} is not a JWT: its middle part is not a base64url JSON object of claims. " + Expected);
        }

        private static byte[] Base64Url(char[] chars, int start, int length)
        {
            var padded = new char[(length + 3) / 4 * 4];
            try
            {
                for (int i = 0; i < padded.Length; i++)
                    padded[i] = i >= length ? '=' : chars[start + i] == '-' ? '+' : chars[start + i] == '_' ? '/' : chars[start + i];
                return Convert.FromBase64CharArray(padded, 0, padded.Length);
            }
            finally { Array.Clear(padded, 0, padded.Length); }
        }

        private static string Text(JObject claims, string name, string origin) =>
            claims[name] is JValue { Type: JTokenType.String } value && ((string)value!).Length > 0
                ? (string)value!
                : throw new IdentityTokenException($"{Capital(origin)} has a '{name}' claim that is not a text.");

        /// <summary>aud is one text or a list of texts (RFC 7519, 4.1.3).</summary>
        private static IReadOnlyList<string> Audiences(JToken aud, string origin)
        {
            if (aud is JValue { Type: JTokenType.String } one) return new[] { (string)one! };
            if (aud is JArray many && many.Count > 0 && many.All(a => a.Type == JTokenType.String)) return many.Select(a => (string)a!).ToList();
            throw new IdentityTokenException($"{Capital(origin)} has an 'aud' claim that is neither a text nor a list of texts.");
        }

        /// <summary>exp is a NumericDate: seconds since 1970 (RFC 7519, 2 and 4.1.4).</summary>
        private static DateTimeOffset Expiry(JToken exp, string origin)
        {
            if ((exp.Type == JTokenType.Integer || exp.Type == JTokenType.Float) && (double)exp is var seconds &&
                seconds > 0 && seconds < 253402300799)
                return DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
            throw new IdentityTokenException($"{Capital(origin)} has an 'exp' claim that is not a time (seconds since 1970).");
        }

        private static bool IsBase64Url(char c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';

        private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

        private const string Expected = "An identity token is a JWT: three base64url parts, header.claims.signature, as identity providers issue them.";
    }

    /// <summary>An identity token that cannot be used: its message says why and where it came from, never the token.</summary>
    public sealed class IdentityTokenException : Exception
    {
        public IdentityTokenException(string message) : base(message) { }
    }
}
