using WandbAuth.UnitTests.Support;
using System.Collections;
using System.Security;
using WandbAuth.Api;
using WandbAuth.Credentials;

namespace WandbAuth.UnitTests.Keys.Support;

/// <summary>
/// An in-memory W&amp;B for the key logic: users with keys, a caller, and hooks to make a call fail or lose its answer.
/// Records every call by name, so tests can say what was (and was not) asked.
/// </summary>
internal sealed class FakeKeyApi : IKeyApi
{
    private int _next = 100;

    public FakeKeyApi(string viewer = "alice", bool admin = false)
    {
        Viewer = AddUser(viewer, admin: admin);
        NextSecret = () => TestKeys.Current(_seed++);
    }

    public Uri BaseUrl { get; set; } = new("https://wandb.example.com");
    public SchemaFeatures Features { get; set; } = new() { ApiKeyCreatedField = "createdAt", ApiKeyLastUsedField = "lastUsedAt", UserHasAccountType = true };
    public UserRecord Viewer { get; }
    public List<UserRecord> Users { get; } = new();
    public List<(string Team, TeamMember Member)> TeamMembers { get; } = new();
    public List<string> Calls { get; } = new();
    public List<string> Deleted { get; } = new();

    /// <summary>Runs before each call by name; throw from it to make that call fail.</summary>
    public Action<string>? Before { get; set; }
    /// <summary>When set, generateApiKey does its work and then throws this (an answer lost after the commit).</summary>
    public Func<Exception>? LoseGenerateAnswer { get; set; }
    /// <summary>What the next generated secret is.</summary>
    public Func<string> NextSecret { get; set; }

    private int _seed = 7000;

    public UserRecord AddUser(string username, bool admin = false, string accountType = "USER", string? email = null)
    {
        var user = new UserRecord { Id = "User:" + username, Username = username, Email = email ?? username + "@example.com", Admin = admin, AccountType = accountType, ApiKeys = new List<ApiKeyRecord>() };
        Users.Add(user);
        return user;
    }

    /// <summary>Adds a key record (no secret) and returns it, its listed name in the one key ID form as WandbApi parses it.</summary>
    public ApiKeyRecord AddKey(UserRecord owner, string description, string? keyId = null, DateTime? created = null, DateTime? lastUsed = null)
    {
        var n = _next++;
        var key = new ApiKeyRecord { Id = "ApiKey:" + n, KeyId = KeyIds.FromListing(keyId ?? $"wandb_v1_key{n:D4}"), Description = description, CreatedAt = created, LastUsedAt = lastUsed };
        ((List<ApiKeyRecord>)owner.ApiKeys).Add(key);
        return key;
    }

    private void Call(string name) { Calls.Add(name); Before?.Invoke(name); }

    public Task<SchemaFeatures> GetFeaturesAsync(CancellationToken ct) { Call("features"); return Task.FromResult(Features); }

    public Task<UserRecord> GetViewerKeysAsync(CancellationToken ct) { Call("viewer"); return Task.FromResult(Copy(Viewer)); }

    public Task<NewApiKey> GenerateApiKeyAsync(string description, CancellationToken ct)
    {
        Call("generate");
        var secret = NextSecret();
        // Listed as wandb_v1_<key_id>, one of the forms a server may list.
        var record = AddKey(Viewer, description, keyId: secret[..36], created: new DateTime(2025, 5, 1, 0, 0, 0, DateTimeKind.Utc));
        if (LoseGenerateAnswer != null) throw LoseGenerateAnswer();
        return Task.FromResult(new NewApiKey(record.Id, description, SecretText.ToSecureString(secret)));
    }

    public Task DeleteApiKeyAsync(string id, CancellationToken ct)
    {
        Call("delete");
        foreach (var user in Users)
        {
            var keys = (List<ApiKeyRecord>)user.ApiKeys;
            if (keys.RemoveAll(k => k.Id == id) > 0) { Deleted.Add(id); return Task.CompletedTask; }
        }
        throw new WandbApiException(ApiErrorKind.NotFound, BaseUrl, "W&B at https://wandb.example.com reported an error: api key not found");
    }

    public Task<IReadOnlyList<UserRecord>> SearchUsersAsync(string? query, CancellationToken ct)
    {
        Call("search:" + query);
        if (!Viewer.Admin) throw new WandbApiException(ApiErrorKind.PermissionDenied, BaseUrl, "W&B at https://wandb.example.com reported an error: permission denied");
        IReadOnlyList<UserRecord> found = Users.Where(u => string.IsNullOrEmpty(query) || u.Username.Contains(query, StringComparison.OrdinalIgnoreCase)
            || (u.Email?.Contains(query, StringComparison.OrdinalIgnoreCase) ?? false)).Select(Copy).ToList();
        return Task.FromResult(found);
    }

    public Task<IReadOnlyList<TeamMember>> GetTeamMembersAsync(string team, CancellationToken ct)
    {
        Call("team:" + team);
        var members = TeamMembers.Where(m => m.Team == team).Select(m => m.Member).ToList();
        if (members.Count == 0) throw new WandbApiException(ApiErrorKind.NotFound, BaseUrl, $"no team '{team}'");
        return Task.FromResult<IReadOnlyList<TeamMember>>(members);
    }

    /// <summary>The users as a stream that records how far it has been read.</summary>
    public Task<IUserStream> OpenUserStreamAsync(string? query, CancellationToken ct)
    {
        Call("stream");
        if (!Viewer.Admin) throw new WandbApiException(ApiErrorKind.PermissionDenied, BaseUrl, "permission denied");
        LastStream = new ListStream(Users.Select(Copy).ToList());
        return Task.FromResult<IUserStream>(LastStream);
    }

    public ListStream? LastStream { get; private set; }

    public void AddMember(string team, UserRecord user) =>
        TeamMembers.Add((team, new TeamMember { Id = user.Id, Username = user.Username, AccountType = user.AccountType }));

    private static UserRecord Copy(UserRecord u) => new()
    {
        Id = u.Id, Username = u.Username, Email = u.Email, Admin = u.Admin, AccountType = u.AccountType,
        ApiKeys = u.ApiKeys.Select(k => new ApiKeyRecord { Id = k.Id, KeyId = k.KeyId, Description = k.Description, CreatedAt = k.CreatedAt, LastUsedAt = k.LastUsedAt }).ToList(),
    };

    internal sealed class ListStream : IUserStream
    {
        private readonly IReadOnlyList<UserRecord> _users;
        public ListStream(IReadOnlyList<UserRecord> users) { _users = users; }
        public int Read { get; private set; }
        public bool Disposed { get; private set; }
        public IEnumerator<UserRecord> GetEnumerator()
        {
            foreach (var u in _users) { Read++; yield return u; }
        }
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        public void Dispose() => Disposed = true;
    }
}
