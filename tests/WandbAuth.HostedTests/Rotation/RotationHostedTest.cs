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

    /// <summary>The secret holds a new live key of the owner, the old key is dead, the working secrets hold no key.</summary>
    protected string AssertRotated(string secret, string owner, string oldKey, string vault = LocalVault)
    {
        var current = Stored(secret, vault);
        Assert.NotNull(current);
        Assert.NotEqual(oldKey, current);
        Assert.True(Emulator.State.IsLive(current!));
        Assert.Equal(owner, Emulator.State.UserByKey(current!)!.Username);
        Assert.False(Emulator.State.IsLive(oldKey));
        AssertCleared(secret + "-WandbRotation", vault);
        AssertCleared(secret + "-WandbPending", vault);
        return current!;
    }

    /// <summary>
    /// What a cleared helper secret holds (the engine's VaultSteps.Tombstone, internal to the module). Helper secrets
    /// are overwritten with it, never removed: Azure Key Vault would keep a removed name from being written again.
    /// </summary>
    protected const string Tombstone = "cleared";

    /// <summary>A helper secret that holds neither a key nor a live state: absent, or cleared.</summary>
    protected static void AssertCleared(string name, string vault = LocalVault) =>
        Assert.True(Stored(name, vault) is null or Tombstone, $"{name} holds neither a key nor a rotation state");
}
