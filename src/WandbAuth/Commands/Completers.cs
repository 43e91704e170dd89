using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using WandbAuth.Vault;

namespace WandbAuth.Commands
{
    /// <summary>Completes -Vault with the registered SecretManagement vaults.</summary>
    public sealed class VaultNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var store = new SecretManagementStore();
            if (store.UnavailableReason != null) return Enumerable.Empty<CompletionResult>();
            return Completion.Matching(store.Vaults().Select(v => (v.Name, v.IsDefault ? "default vault" : v.Name)), wordToComplete);
        }
    }

    /// <summary>Completes -SecretName with the secrets of the -Vault already typed (or of every vault).</summary>
    public sealed class SecretNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var store = new SecretManagementStore();
            if (store.UnavailableReason != null) return Enumerable.Empty<CompletionResult>();
            var vaults = fakeBoundParameters["Vault"] is string v ? new[] { v } : store.Vaults().Select(x => x.Name).ToArray();
            return Completion.Matching(vaults.SelectMany(vault => store.SecretNames(vault).Select(n => (n, $"{n} in {vault}"))), wordToComplete);
        }
    }

    internal static class Completion
    {
        public static IEnumerable<CompletionResult> Matching(IEnumerable<(string Value, string Tooltip)> candidates, string wordToComplete)
        {
            var pattern = WildcardPattern.Get((wordToComplete ?? "").Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
            return candidates.Where(c => pattern.IsMatch(c.Value)).Distinct().OrderBy(c => c.Value)
                .Select(c => new CompletionResult(Quote(c.Value), c.Value, CompletionResultType.ParameterValue, c.Tooltip)).ToList();
        }

        private static string Quote(string value) =>
            value.Any(ch => char.IsWhiteSpace(ch) || "'\"`$(){};,|&<>@#".IndexOf(ch) >= 0) ? "'" + value.Replace("'", "''") + "'" : value;
    }
}
