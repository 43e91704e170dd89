using WandbAuth.Api;
using WandbAuth.Credentials;
using WandbAuth.Emulator;
using WandbAuth.Rotation;
using WandbAuth.Session;
using Xunit;

namespace WandbAuth.UnitTests.Rotation.Support;

/// <summary>
/// One rotation test's world: the emulator over real HTTP, an in-memory vault, and simulated processes, so a
/// test can crash one process mid-rotation and let the next one resume.
/// </summary>
internal sealed class RotationBed : IAsyncDisposable
{
    private readonly List<SwitchableNetwork> _networks = [];
    private readonly List<ConnectionContext> _contexts = [];
    private readonly HashSet<int> _alive = [];
    private int _nextPid = 4000;

    private RotationBed(WandbEmulator server, MemoryVault vault)
    {
        Server = server;
        Vault = vault;
        Process = StartProcess();
    }

    public WandbEmulator Server { get; }
    public EmulatorState State => Server.State;
    public MemoryVault Vault { get; }
    /// <summary>The simulated process that runs rotations now; a crash ends it, Restart starts the next.</summary>
    public RotationOptions Process { get; private set; }
    /// <summary>Added to the real clock, to age leases.</summary>
    public TimeSpan ClockOffset { get; set; }

    public static async Task<RotationBed> StartAsync(MemoryVault? vault = null, EmulatorOptions? options = null) =>
        new(await WandbEmulator.StartAsync(options), vault ?? new MemoryVault());

    /// <summary>A user (or service account) whose only key is stored in the vault as <paramref name="secret"/>.</summary>
    public string SeedKey(string owner, string secret, KeyFormat? format = null, bool admin = false, AccountType type = AccountType.User)
    {
        if (State.FindUser(owner) == null) State.AddUser(owner, admin: admin, accountType: type);
        var key = State.IssueKey(owner, "seeded", format);
        Vault.Put(secret, key);
        return key;
    }

    /// <summary>A connection to the emulator as <paramref name="key"/>, over a network a crash can cut.</summary>
    public ConnectionContext Connect(string key)
    {
        var network = new SwitchableNetwork();
        var retry = new RetryPolicy(seed: 1) { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) };
        var context = new ConnectionContext(Server.BaseUrl, ApiKeyFormat.Check(SecretText.ToSecureString(key)),
            new ClientOptions { Retry = retry, Timeout = TimeSpan.FromSeconds(10) }, network);
        lock (_networks) { _networks.Add(network); _contexts.Add(context); }
        return context;
    }

    /// <summary>A request for the secret, connected as <paramref name="connectAs"/> (default: the secret's own key).</summary>
    public RotationRequest Request(string secret, string? connectAs = null) =>
        new(secret, Vault.Name, RotationServer.Over(Connect(connectAs ?? Vault.Peek(secret) ?? throw new InvalidOperationException($"No secret {secret}."))));

    public RotationRunner Runner(RotationOptions? process = null) => new(new InlineVaultGate(Vault), process ?? Process);

    public Task<RotationResult> RotateAsync(string secret, Action<RotationRequest>? configure = null, RotationOptions? process = null)
    {
        var request = Request(secret);
        configure?.Invoke(request);
        return Runner(process).RotateAsync(request);
    }

    /// <summary>Another process on the same machine, alive until it crashes.</summary>
    public RotationOptions StartProcess()
    {
        int pid;
        lock (_alive) { pid = _nextPid++; _alive.Add(pid); }
        return new RotationOptions
        {
            Identity = new LeaseOwner("bed-host", pid, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(pid), null),
            Locks = new RotationLocks(),
            IsRunning = lease => { lock (_alive) return _alive.Contains(lease.ProcessId); },
            UtcNow = () => DateTimeOffset.UtcNow + ClockOffset,
        };
    }

    /// <summary>A process on another machine ("other-host"), alive, on the bed's clock: its lease lapses only by time.</summary>
    public RotationOptions OtherMachine() => new()
    {
        Identity = new LeaseOwner("other-host", 77, DateTimeOffset.UtcNow.AddHours(-1), null),
        Locks = new RotationLocks(),
        IsRunning = _ => true,
        UtcNow = () => DateTimeOffset.UtcNow + ClockOffset,
    };

    /// <summary>Kills the current process where it stands: from now on it reaches neither vault nor server.</summary>
    public SimulatedCrash Crash()
    {
        lock (_alive) _alive.Remove(Process.Identity.ProcessId);
        Vault.Down = true;
        lock (_networks) _networks.ForEach(n => n.Down = true);
        return new SimulatedCrash();
    }

    /// <summary>A new process after a crash: the vault and the server are reachable again.</summary>
    public void Restart()
    {
        Vault.Before = null;
        Vault.After = null;
        Vault.Down = false;
        lock (_networks) _networks.ForEach(n => n.Down = false);
        Process = StartProcess();
    }

    /// <summary>The end state every rotation must reach.</summary>
    public string AssertRotated(string secret, string owner, string oldKey)
    {
        var current = Vault.Peek(secret);
        Assert.NotNull(current);
        Assert.NotEqual(oldKey, current);
        Assert.True(State.IsLive(current!), "the secret holds a key the server accepts");
        Assert.Equal(owner, State.UserByKey(current!)!.Username);
        Assert.False(State.IsLive(oldKey), "the old key is deleted");
        Assert.Single(State.Keys(owner));
        AssertNoWorkingSecrets(secret);
        return current!;
    }

    /// <summary>The end state of a rollback or of a rotation that never started.</summary>
    public void AssertUntouched(string secret, string owner, string oldKey)
    {
        Assert.Equal(oldKey, Vault.Peek(secret));
        Assert.True(State.IsLive(oldKey), "the old key still works");
        Assert.Single(State.Keys(owner));
        AssertNoWorkingSecrets(secret);
    }

    /// <summary>
    /// The helper secrets hold neither a key nor a live state: absent, or cleared with the tombstone (they are never
    /// removed, since Azure Key Vault would keep a removed name from being written again).
    /// </summary>
    public void AssertNoWorkingSecrets(string secret)
    {
        Assert.True(Vault.Peek(secret + "-WandbRotation") is null or VaultSteps.Tombstone, "no rotation state is left");
        Assert.True(Vault.Peek(secret + "-WandbPending") is null or VaultSteps.Tombstone, "no pending key is left");
    }

    /// <summary>Neither the message nor anything else in the result may carry a key.</summary>
    public void AssertNoKeyIn(RotationResult result, params string?[] keys)
    {
        var text = string.Join("|", result.Message, result.OldKeyId, result.NewKeyId, result.Owner);
        foreach (var key in keys.Concat(Vault.Names().Select(Vault.Peek)).Where(k => k is { Length: >= 40 }))
            Assert.DoesNotContain(key!, text);
    }

    public async ValueTask DisposeAsync()
    {
        lock (_networks) _contexts.ForEach(c => c.Dispose());
        await Server.DisposeAsync();
    }
}
