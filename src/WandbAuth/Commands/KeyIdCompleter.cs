using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using WandbAuth.Credentials;
using WandbAuth.Keys;
using WandbAuth.Session;

namespace WandbAuth.Commands
{
    /// <summary>
    /// Completes -KeyId with the key IDs of the connection's keys (another user's with -User), their descriptive
    /// names as tooltips. Asks W&amp;B through -Connection when typed, else the runspace's current connection;
    /// completes nothing when there is none or the server does not answer in time.
    /// </summary>
    public sealed class KeyIdCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var connection = Unwrap(fakeBoundParameters?["Connection"]) as Connection ?? ConnectionStore.Get();
            if (connection == null) return Enumerable.Empty<CompletionResult>();
            try
            {
                var user = Unwrap(fakeBoundParameters?["User"]) as string;
                var lister = new KeyLister(connection.Context.Api, connection.Context.IsCurrentKey);
                using var cts = new CancellationTokenSource(Patience);
                var keys = lister.List(user == null ? KeyScope.Viewer : KeyScope.User, user, new KeyFilter(), cts.Token).ToList();
                return Completion.Matching(keys.Select(k => (k.KeyId, Tooltip(k))), KeyIds.WithoutPrefix(wordToComplete ?? ""));
            }
            catch (Exception)
            {
                // Completion must never throw at the prompt: no answer, no candidates.
                return Enumerable.Empty<CompletionResult>();
            }
        }

        private static string Tooltip(ApiKey key)
        {
            var name = string.IsNullOrEmpty(key.Name) ? "(no name)" : key.Name;
            return key.IsCurrent ? name + " (this session's key)" : name;
        }

        private static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;
    }
}
