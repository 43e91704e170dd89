namespace WandbAuth.Emulator;

/// <summary>
/// Everything the emulated server knows: users, teams and keys. Every member takes one lock, so test code
/// may set up or inspect state while requests are in flight. Users: this file; keys: EmulatorState.Keys.cs;
/// the checked operations behind mutations: EmulatorState.Operations.cs.
/// </summary>
public sealed partial class EmulatorState
{
    private readonly Lock _gate = new();
    private readonly EmulatorOptions _options;
    private readonly Dictionary<string, EmulatorUser> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmulatorTeam> _teams = new(StringComparer.Ordinal);

    // team name -> (username -> team admin); insertion order is listing order (nothing is ever removed).
    private readonly Dictionary<string, Dictionary<string, bool>> _members = new(StringComparer.Ordinal);
    private long _lastNumber;

    internal EmulatorState(EmulatorOptions options) => _options = options;

    internal EmulatorOptions Options => _options;

    /// <param name="entity">Default entity; the username when null.</param>
    /// <param name="admin">Organization admin: may list users and delete anyone's keys.</param>
    public EmulatorUser AddUser(string username, string? email = null, bool admin = false, string? entity = null,
        AccountType accountType = AccountType.User)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        lock (_gate)
        {
            return AddUserLocked(username, username, email, admin, entity ?? username, accountType);
        }
    }

    public EmulatorTeam AddTeam(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_gate)
        {
            EnsureEntityNameFree(name);
            var team = new EmulatorTeam(NodeId.For("Entity", ++_lastNumber), name);
            _teams.Add(name, team);
            _members.Add(name, new Dictionary<string, bool>(StringComparer.Ordinal));
            return team;
        }
    }

    /// <summary>Adds a member, or changes an existing member's team-admin flag.</summary>
    public void AddMember(string team, string username, bool teamAdmin = false)
    {
        lock (_gate)
        {
            RequireUser(username);
            MembersOfLocked(team)[username] = teamAdmin;
        }
    }

    public EmulatorUser? FindUser(string username)
    {
        lock (_gate)
        {
            return _users.GetValueOrDefault(username);
        }
    }

    public EmulatorTeam? FindTeam(string name)
    {
        lock (_gate)
        {
            return _teams.GetValueOrDefault(name);
        }
    }

    /// <summary>All users and service accounts, in creation order.</summary>
    public IReadOnlyList<EmulatorUser> Users()
    {
        lock (_gate)
        {
            return [.. _users.Values];
        }
    }

    public IReadOnlyList<EmulatorTeam> Teams()
    {
        lock (_gate)
        {
            return [.. _teams.Values];
        }
    }

    public IReadOnlyList<EmulatorTeam> TeamsOf(string username)
    {
        lock (_gate)
        {
            return [.. _teams.Values.Where(t => _members[t.Name].ContainsKey(username))];
        }
    }

    public IReadOnlyList<EmulatorTeamMember> Members(string team)
    {
        lock (_gate)
        {
            return [.. MembersOfLocked(team).Select(m => new EmulatorTeamMember(_users[m.Key], m.Value))];
        }
    }

    private EmulatorUser AddUserLocked(string username, string name, string? email, bool admin, string entity,
        AccountType accountType)
    {
        EnsureEntityNameFree(username);
        var user = new EmulatorUser(NodeId.For("User", ++_lastNumber), username, name, email, admin, entity, accountType);
        _users.Add(username, user);
        return user;
    }

    // Users' personal entities and teams share one namespace on W&B.
    private void EnsureEntityNameFree(string name)
    {
        if (_users.ContainsKey(name) || _teams.ContainsKey(name))
        {
            throw new InvalidOperationException($"The entity name '{name}' is already taken.");
        }
    }

    private EmulatorUser RequireUser(string username) =>
        _users.GetValueOrDefault(username) ?? throw new KeyNotFoundException($"No user '{username}'.");

    private Dictionary<string, bool> MembersOfLocked(string team) =>
        _members.GetValueOrDefault(team) ?? throw new KeyNotFoundException($"No team '{team}'.");
}
