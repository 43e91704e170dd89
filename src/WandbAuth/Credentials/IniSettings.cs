using System;
using System.Collections.Generic;

namespace WandbAuth.Credentials
{
    /// <summary>
    /// The wandb settings file (INI, as Python's configparser writes it). Only the [default] section matters:
    /// api_key, base_url, entity.
    /// </summary>
    internal sealed class IniSettings
    {
        /// <summary>configparser accepts both between a name and its value.</summary>
        private static readonly char[] Separators = { '=', ':' };
        private readonly Dictionary<string, string> _values;
        private IniSettings(Dictionary<string, string> values) { _values = values; }

        public string? ApiKey => Get("api_key");
        public string? BaseUrl => Get("base_url");
        public string? Entity => Get("entity");

        public string? Get(string name) => _values.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

        public static IniSettings Parse(string text)
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            string? section = null;
            foreach (var rawLine in text.Split('\n'))
            {
                var line = rawLine.Trim();
                if (line.Length == 0 || line[0] == '#' || line[0] == ';') continue;
                if (line[0] == '[' && line[line.Length - 1] == ']') { section = line.Substring(1, line.Length - 2).Trim(); continue; }
                if (!string.Equals(section, "default", StringComparison.OrdinalIgnoreCase)) continue;
                int sep = line.IndexOfAny(Separators);
                if (sep <= 0) continue;
                values[line.Substring(0, sep).Trim()] = line.Substring(sep + 1).Trim();
            }
            return new IniSettings(values);
        }
    }
}
