using System.Text.RegularExpressions;

namespace WandbAuth.Api
{
    /// <summary>
    /// Last line of defence for text that came from outside (server error messages): anything shaped like a
    /// current W&amp;B key keeps only its first part.
    /// </summary>
    internal static class Redaction
    {
        private static readonly Regex CurrentKey = new Regex(@"(wandb_v1_[A-Za-z0-9]{4})[A-Za-z0-9_-]{20,}", RegexOptions.CultureInvariant);
        private static readonly Regex LongToken = new Regex(@"\b([A-Za-z0-9]{4})[A-Za-z0-9_-]{36,}\b", RegexOptions.CultureInvariant);

        public static string Scrub(string text)
        {
            if (string.IsNullOrEmpty(text)) return text;
            text = CurrentKey.Replace(text, "$1…");
            return LongToken.Replace(text, "$1…");
        }
    }
}
