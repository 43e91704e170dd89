using System.Security.Cryptography;

namespace WandbAuth.Emulator;

/// <summary>
/// Identity federation (W&amp;B docs: "Use federated identities with SDK"): a JWT whose sub is a user's email, or the subject
/// of an external service account, is exchanged for a short-lived access token, which then authenticates like a key.
/// </summary>
public sealed partial class EmulatorState
{
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    // access token -> (username, expiry)
    private readonly Dictionary<string, (string Username, DateTimeOffset ExpiresAt)> _accessTokens = new(StringComparer.Ordinal);

    /// <summary>
    /// An external service account of a team: it signs in with JWTs whose sub is <paramref name="subject"/>, and cannot own
    /// API keys (team Service Accounts tab, authentication method "Federated Identity").
    /// </summary>
    public EmulatorUser AddFederatedServiceAccount(string team, string name, string subject)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        lock (_gate)
        {
            var members = MembersOfLocked(team);
            var account = AddUserLocked(FreeUsername(name), name, null, false, team, AccountType.ServiceAccount) with { FederatedSubject = subject };
            _users[account.Username] = account;
            members.Add(account.Username, false);
            return account;
        }
    }

    /// <summary>How many access tokens the exchange has handed out for a user, expired ones included.</summary>
    public int AccessTokensIssued(string username)
    {
        lock (_gate)
        {
            return _accessTokens.Values.Count(t => t.Username == username);
        }
    }

    /// <summary>The access tokens handed out for a user: for tests that scan output for secrets, like <see cref="IssueKey"/>'s keys.</summary>
    public IReadOnlyList<string> AccessTokens(string username)
    {
        lock (_gate)
        {
            return [.. _accessTokens.Where(t => t.Value.Username == username).Select(t => t.Key)];
        }
    }

    /// <summary>The user a JWT's sub names: a user by email (case-insensitive), or an external service account by its subject.</summary>
    internal EmulatorUser? UserForSubject(string subject)
    {
        lock (_gate)
        {
            return _users.Values.FirstOrDefault(u => u.FederatedSubject == subject)
                ?? _users.Values.FirstOrDefault(u => u.AccountType == AccountType.User && string.Equals(u.Email, subject, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>
    /// Raised with each access token the exchange hands out, before the answer is written: for a test in another process
    /// (the Pester suite) that must know every token to prove none reached a stream.
    /// </summary>
    public event Action<string>? AccessTokenIssued;

    internal (string Token, TimeSpan Lifetime) IssueAccessToken(EmulatorUser user)
    {
        string token;
        lock (_gate)
        {
            token = RandomNumberGenerator.GetString(Alphanumerics, 64);
            _accessTokens.Add(token, (user.Username, _options.Clock.GetUtcNow() + _options.AccessTokenLifetime));
        }
        AccessTokenIssued?.Invoke(token);
        return (token, _options.AccessTokenLifetime);
    }

    /// <summary>Ends a user's access tokens before their time (a revoked session): requests carrying them are refused.</summary>
    public void RevokeAccessTokens(string username)
    {
        lock (_gate)
        {
            foreach (var token in _accessTokens.Where(t => t.Value.Username == username).Select(t => t.Key).ToList())
                _accessTokens[token] = (username, DateTimeOffset.MinValue);
        }
    }

    /// <summary>The owner of an access token that has not expired; an API key sent as Bearer is not one.</summary>
    internal EmulatorUser? AuthenticateAccessToken(string token)
    {
        lock (_gate)
        {
            return _accessTokens.TryGetValue(token, out var t) && t.ExpiresAt > _options.Clock.GetUtcNow() ? _users.GetValueOrDefault(t.Username) : null;
        }
    }

    /// <summary>Whose token this is, expired or not, for the request log.</summary>
    internal EmulatorUser? UserOfAccessToken(string token)
    {
        lock (_gate)
        {
            return _accessTokens.TryGetValue(token, out var t) ? _users.GetValueOrDefault(t.Username) : null;
        }
    }
}
