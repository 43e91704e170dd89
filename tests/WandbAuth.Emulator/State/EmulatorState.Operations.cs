using System.Text.RegularExpressions;

namespace WandbAuth.Emulator;

/// <summary>The permission-checked operations behind the GraphQL fields; check and change share one lock.</summary>
public sealed partial class EmulatorState
{
    internal (EmulatorApiKey Key, string Secret) GenerateKey(EmulatorUser caller, string description)
    {
        lock (_gate)
        {
            var key = CreateKeyLocked(RequireUser(caller.Username), description, _options.DefaultKeyFormat);
            return (key.Snapshot(), key.Secret);
        }
    }

    /// <summary>Owners may delete their own keys; organization admins anyone's (wandb-api.md).</summary>
    internal MutationOutcome DeleteKey(EmulatorUser caller, string nodeId)
    {
        lock (_gate)
        {
            if (!_keysById.TryGetValue(nodeId, out var key))
            {
                return MutationOutcome.NotFound;
            }

            if (key.Owner != caller.Username && !caller.Admin)
            {
                return MutationOutcome.Forbidden;
            }

            RemoveLocked(key);
            return MutationOutcome.Done;
        }
    }

    /// <summary>
    /// Team admins and organization admins may create service accounts in a team. The account starts
    /// without a key: the real server's way of handing over the first one is unconfirmed, so tests use
    /// <see cref="IssueKey"/>.
    /// </summary>
    internal (MutationOutcome Outcome, EmulatorUser? Account) CreateServiceAccount(EmulatorUser caller, string team,
        string description)
    {
        lock (_gate)
        {
            if (!_members.TryGetValue(team, out var members))
            {
                return (MutationOutcome.NotFound, null);
            }

            if (!caller.Admin && !members.GetValueOrDefault(caller.Username))
            {
                return (MutationOutcome.Forbidden, null);
            }

            var account = AddUserLocked(FreeUsername(description), description, null, false, team,
                AccountType.ServiceAccount);
            members.Add(account.Username, false);
            return (MutationOutcome.Done, account);
        }
    }

    /// <summary>Case-insensitive substring match on username or email; null or empty matches everybody.</summary>
    internal IReadOnlyList<EmulatorUser> SearchUsers(string? query)
    {
        lock (_gate)
        {
            return [.. _users.Values.Where(u => string.IsNullOrEmpty(query)
                || u.Username.Contains(query, StringComparison.OrdinalIgnoreCase)
                || (u.Email?.Contains(query, StringComparison.OrdinalIgnoreCase) ?? false))];
        }
    }

    // A service account's username is derived from its description, made unique with a counter.
    private string FreeUsername(string description)
    {
        var stem = Regex.Replace(description.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');
        stem = stem.Length == 0 ? "service-account" : stem;
        var candidate = stem;
        for (var n = 2; _users.ContainsKey(candidate) || _teams.ContainsKey(candidate); n++)
        {
            candidate = $"{stem}-{n}";
        }

        return candidate;
    }
}
