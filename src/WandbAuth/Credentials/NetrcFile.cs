using System;
using System.Collections.Generic;

namespace WandbAuth.Credentials
{
    /// <summary>A .netrc file: "machine &lt;host[:port]&gt; login &lt;user&gt; password &lt;key&gt;" tokens, any layout.</summary>
    internal sealed class NetrcFile
    {
        /// <summary>Tokens are separated by blanks; a CR from a Windows line end goes too.</summary>
        private static readonly char[] Blanks = { ' ', '\t', '\r' };
        private readonly Dictionary<string, string> _passwords;
        private NetrcFile(Dictionary<string, string> passwords) { _passwords = passwords; }

        public string? PasswordFor(string machine) => _passwords.TryGetValue(machine, out var p) ? p : null;

        public static NetrcFile Parse(string text)
        {
            var passwords = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var tokens = Tokens(text);
            string? machine = null;
            for (int i = 0; i < tokens.Count; i++)
            {
                switch (tokens[i])
                {
                    case "machine":
                        machine = i + 1 < tokens.Count ? tokens[++i] : null;
                        break;
                    case "default":
                        machine = null;
                        break;
                    case "password":
                        if (i + 1 < tokens.Count)
                        {
                            var value = tokens[++i];
                            if (machine != null && !passwords.ContainsKey(machine)) passwords[machine] = value;
                        }
                        break;
                    case "login":
                    case "account":
                        i++;
                        break;
                }
            }
            return new NetrcFile(passwords);
        }

        private static List<string> Tokens(string text)
        {
            var tokens = new List<string>();
            bool inMacro = false, valueNext = false;
            foreach (var line in text.Split('\n'))
            {
                var content = line.TrimStart();
                // "macdef <name>" starts a macro whose body runs to the next blank line: commands, not entries.
                if (inMacro) { inMacro = content.Trim().Length > 0; continue; }
                if (content.StartsWith("#", StringComparison.Ordinal)) continue;
                foreach (var t in content.Split(Blanks, StringSplitOptions.RemoveEmptyEntries))
                {
                    if (t == "macdef" && !valueNext) { inMacro = true; break; }
                    tokens.Add(t);
                    valueNext = !valueNext && t is "machine" or "login" or "password" or "account";
                }
            }
            return tokens;
        }
    }
}
