using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WandbAuth.Api;
using static WandbAuth.Api.Blocking;

namespace WandbAuth.Keys
{
    /// <summary>Whose keys a listing covers.</summary>
    internal enum KeyScope
    {
        /// <summary>The connected identity's own keys.</summary>
        Viewer,
        /// <summary>One user's or service account's keys (organization admins).</summary>
        User,
        /// <summary>The service accounts of one team.</summary>
        Team,
        /// <summary>Every user and service account the caller can see, streamed.</summary>
        All,
    }

    internal static class KeyScopeText
    {
        /// <summary>Whose keys, in words, for messages: "your keys", "the keys of 'bob'".</summary>
        public static string Whose(this KeyScope scope, string? target) => scope switch
        {
            KeyScope.User => $"the keys of '{target}'",
            KeyScope.Team => $"the keys of the service accounts of team '{target}'",
            KeyScope.All => "the keys of every user and service account",
            _ => "your keys",
        };
    }

    /// <summary>
    /// Lists keys lazily: each key is produced as soon as its owner has been read, so a caller that writes them to
    /// the pipeline one by one streams them (with <see cref="KeyScope.All"/>, straight off the HTTP response).
    /// Runs on the caller's thread, blocking on the API; the enumerables are single-use.
    /// </summary>
    internal sealed class KeyLister
    {
        private readonly IKeyApi _api;
        private readonly Func<string, bool> _isCurrent;
        private readonly Action<string> _note;

        public KeyLister(IKeyApi api, Func<string, bool> isCurrent, Action<string>? note = null)
        {
            _api = api; _isCurrent = isCurrent; _note = note ?? (_ => { });
        }

        /// <summary>
        /// Checks the filter against the server's schema at once (so an unsupported filter fails before anything
        /// is written), then returns the matching keys as they are read.
        /// </summary>
        public IEnumerable<ApiKey> List(KeyScope scope, string? target, KeyFilter filter, CancellationToken ct)
        {
            if (filter.UsesCreated || filter.UsesLastUsed)
                filter.RequireSupport(Run(_api.GetFeaturesAsync(ct)), _api.BaseUrl);
            if (scope != KeyScope.Viewer && scope != KeyScope.All && string.IsNullOrEmpty(target))
                throw new ArgumentException($"Listing the keys of a {scope.ToString().ToLowerInvariant()} needs its name.");
            return KeysOf(Owners(scope, target, ct)).Where(filter.Matches);
        }

        public IEnumerable<ApiKey> KeysOf(IEnumerable<UserRecord> owners)
        {
            foreach (var owner in owners)
                foreach (var key in owner.ApiKeys)
                    yield return ApiKeys.From(key, owner, _api.BaseUrl, _isCurrent);
        }

        private IEnumerable<UserRecord> Owners(KeyScope scope, string? target, CancellationToken ct) => scope switch
        {
            KeyScope.Viewer => Viewer(ct),
            KeyScope.User => One(() => FindUser(target!, ct)),
            KeyScope.Team => TeamServiceAccounts(target!, ct),
            _ => Everyone(ct),
        };

        private IEnumerable<UserRecord> Viewer(CancellationToken ct)
        {
            yield return Run(_api.GetViewerKeysAsync(ct));
        }

        private static IEnumerable<UserRecord> One(Func<UserRecord> get)
        {
            yield return get();
        }

        /// <summary>
        /// A user or service account by username (or e-mail), through users(query), which only organization admins
        /// may call. users(query) matches parts of names, so the exact one is picked here.
        /// </summary>
        public UserRecord FindUser(string user, CancellationToken ct)
        {
            var found = Run(_api.SearchUsersAsync(user, ct));
            return found.FirstOrDefault(u => string.Equals(u.Username, user, StringComparison.OrdinalIgnoreCase))
                ?? found.FirstOrDefault(u => string.Equals(u.Email, user, StringComparison.OrdinalIgnoreCase))
                ?? throw new KeyOperationException(KeyProblem.NotFound,
                    $"W&B at {_api.BaseUrl.GetLeftPart(UriPartial.Authority)} has no user or service account '{user}' that this connection can see.");
        }

        private IEnumerable<UserRecord> TeamServiceAccounts(string team, CancellationToken ct)
        {
            var members = Run(_api.GetTeamMembersAsync(team, ct));
            var accounts = members.Where(m => ApiKeys.IsServiceAccount(m.AccountType)).ToList();
            _note($"Team '{team}' has {members.Count} members, {accounts.Count} of them service accounts.");
            foreach (var account in accounts)
            {
                var found = Run(_api.SearchUsersAsync(account.Username, ct));
                var user = found.FirstOrDefault(u => u.Id == account.Id)
                        ?? found.FirstOrDefault(u => string.Equals(u.Username, account.Username, StringComparison.OrdinalIgnoreCase));
                if (user == null) { _note($"Service account '{account.Username}' of team '{team}' is not in the user listing; its keys are not shown."); continue; }
                // users(query) may not say what kind of account it is; the team listing did.
                if (user.AccountType == null) user.AccountType = account.AccountType;
                yield return user;
            }
        }

        private IEnumerable<UserRecord> Everyone(CancellationToken ct)
        {
            using var stream = Run(_api.OpenUserStreamAsync(null, ct));
            foreach (var user in stream) yield return user;
        }
    }
}
