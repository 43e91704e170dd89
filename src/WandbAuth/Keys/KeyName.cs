using System;
using System.Globalization;

namespace WandbAuth.Keys
{
    /// <summary>
    /// What New-WandbApiKey accepts as a key's descriptive name ("Key name" on the settings page, generateApiKey's
    /// description). W&amp;B documents no limit on it (neither its API key docs nor the wandb SDK, which passes any
    /// description through), so these rules are WandbAuth's own choice, documented in the help and README: one line
    /// of visible text that fits a table, with nothing that could rewrite a terminal when the name is shown.
    /// </summary>
    internal static class KeyName
    {
        /// <summary>Our limit, not W&amp;B's: room for a name that says where a key is used, and a sane listing.</summary>
        public const int MaxLength = 128;

        /// <returns>Why the name is refused (never quoting it: it may hold escape sequences), or null when it is fine.</returns>
        public static string? Problem(string? name)
        {
            if (string.IsNullOrWhiteSpace(name)) return "A key needs a descriptive name (-Name) that is not empty or blank.";
            if (name!.Length > MaxLength)
                return $"The key name has {name.Length} characters; WandbAuth allows at most {MaxLength}.";
            for (int i = 0; i < name.Length; i++)
            {
                if (!Invisible(name[i])) continue;
                return $"The key name contains a control character, U+{(int)name[i]:X4}, at position {i + 1} of {name.Length}; " +
                       "a key name is one line of visible text (no line breaks, tabs, escape sequences or direction overrides).";
            }
            return null;
        }

        /// <summary>Control characters (NUL, BEL, ESC, CR, LF, tab, DEL, C1), line separators and bidi overrides.</summary>
        private static bool Invisible(char c) =>
            char.IsControl(c)
            || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.LineSeparator
            || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.ParagraphSeparator
            || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
