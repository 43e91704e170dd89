using System.Security;
using SecretManagement.StandIn;
using WandbAuth.Emulator;

namespace WandbAuth.HostedTests.Harness;

/// <summary>
/// Each hosted test gets a fresh emulator with one user ("alice", key in AliceKey), an isolated environment,
/// empty stand-in vaults (one default vault "Local") and a PowerShell session with the module imported.
/// </summary>
public abstract class HostedTest : IAsyncLifetime
{
    protected WandbEmulator Emulator { get; private set; } = null!;
    protected IsolatedEnvironment Env { get; private set; } = null!;
    protected PowerShellSession Ps { get; private set; } = null!;
    protected string AliceKey { get; private set; } = "";
    protected const string LocalVault = "Local";

    protected virtual bool WithSecretManagement => true;
    protected virtual bool HostHasUI => true;

    public virtual async Task InitializeAsync()
    {
        Env = new IsolatedEnvironment();
        StandInVaults.Reset();
        StandInVaults.Register(LocalVault, VaultKind.Full, isDefault: true);
        Emulator = await WandbEmulator.StartAsync();
        Emulator.State.AddUser("alice", "alice@example.com", entity: "alice-team");
        AliceKey = Emulator.State.IssueKey("alice", "laptop");
        Ps = new PowerShellSession(WithSecretManagement, HostHasUI);
        Ps.SetVariable("BaseUrl", Emulator.BaseUrl.ToString());
    }

    public virtual async Task DisposeAsync()
    {
        Ps.Dispose();
        await Emulator.DisposeAsync();
        StandInVaults.Reset();
        Env.Dispose();
    }

    protected static SecureString Secure(string text)
    {
        var s = new SecureString();
        foreach (var c in text) s.AppendChar(c);
        s.MakeReadOnly();
        return s;
    }

    /// <summary>Connects as alice with -ApiKey (passed as a variable), verified.</summary>
    protected PsResult ConnectAlice(string extra = "")
    {
        Ps.SetVariable("AliceSecure", Secure(AliceKey));
        return Ps.Run($"Connect-Wandb -ApiKey $AliceSecure -BaseUrl $BaseUrl -Verify {extra}");
    }
}
