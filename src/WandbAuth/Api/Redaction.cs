using System.Text.RegularExpressions;

namespace WandbAuth.Api
{
    /// <summary>
    /// Last line of defence for text that came from outside (server error messages): anything shaped like a current
    /// W&amp;B key, a wb_at_ access token, a JWT (an identity token) or another long token keeps only its first characters.
    /// </summary>
    internal static class Redaction
    {
        /// <summary>
        /// header.payload.signature, the header a base64url JSON object: '{' followed by '"' or whitespace encodes as "ey" or
        /// "ew" (RFC 7519), and the shortest header, {"alg":"none"}, is 19 characters. The signature may be empty (an
        /// unsecured JWT).
        /// </summary>
        private static readonly Regex Jwt = new Regex(@"(e[wy][A-Za-z0-9_-]{2})[A-Za-z0-9_-]{12,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*", RegexOptions.CultureInvariant);
        private static readonly Regex AccessToken = new Regex(@"(wb_at_[A-Za-z0-9]{0,4})[A-Za-z0-9_.-]{12,}", RegexOptions.CultureInvariant);
        private static readonly Regex CurrentKey = new Regex(@"(wandb_v1_[A-Za-z0-9]{4})[A-Za-z0-9_-]{20,}", RegexOptions.CultureInvariant);
        private static readonly Regex LongToken = new Regex(@"\b([A-Za-z0-9]{4})[A-Za-z0-9_-]{36,}\b", RegexOptions.CultureInvariant);

        public static string Scrub(string text)
        {
            if (string.IsNullOrEmpty(text)) return text;
            text = Jwt.Replace(text, "$1…");
            text = AccessToken.Replace(text, "$1…");
            text = CurrentKey.Replace(text, "$1…");
            return LongToken.Replace(text, "$1…");
        }
    }
}
