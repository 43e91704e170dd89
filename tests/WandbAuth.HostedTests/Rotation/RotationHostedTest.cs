using System.Collections;
using SecretManagement.StandIn;
using WandbAuth.Emulator;
using WandbAuth.HostedTests.Harness;

namespace WandbAuth.HostedTests.Rotation;

/// <summary>Invoke-WandbKeyRotation as a user runs it: keys seeded in stand-in vaults, the emulator as W&amp;B.</summary>
public abstract class RotationHostedTest : HostedTest
{
    /// <summary>A key of <paramref name="owner"/> stored as <paramref name="secret"/>; the owner is created when new.</summary>
    protected string SeedSecret(string owner, string secret, string vault = LocalVault, Hashtable? metadata = null,
        AccountType type = AccountType.User)
    {
        if (Emulator.State.FindUser(owner) == null) Emulator.State.AddUser(owner, accountType: type);
        var key = Emulator.State.IssueKey(owner, "seeded");
        StandInVaults.Seed(vault, secret, Secure(key), metadata);
        return key;
    }

    protected static string? Stored(string secret, string vault = LocalVault) => StandInVaults.PeekPlainText(vault, secret);

    protected static string Prop(System.Management.Automation.PSObject o, string name) => o.Properties[name].Value?.ToString() ?? "";

    /// <summary>The secret holds a new live key of the owner, the old key is dead, no working secrets are left.</summary>
    protected string AssertRotated(string secret, string owner, string oldKey, string vault = LocalVault)
    {
        var current = Stored(secret, vault);
        Assert.NotNull(current);
        Assert.NotEqual(oldKey, current);
        Assert.True(Emulator.State.IsLive(current!));
        Assert.Equal(owner, Emulator.State.UserByKey(current!)!.Username);
        Assert.False(Emulator.State.IsLive(oldKey));
        Assert.False(StandInVaults.Contains(vault, secret + "-WandbRotation"));
        Assert.False(StandInVaults.Contains(vault, secret + "-WandbPending"));
        return current!;
    }
}
