using System.Collections;
using System.Management.Automation;
using SecretManagement.StandIn.Tests.Support;

namespace SecretManagement.StandIn.Tests;

/// <summary>Set-SecretInfo changes metadata only, of an existing secret.</summary>
public sealed class SetSecretInfoTests : StandInTest
{
    public SetSecretInfoTests()
    {
        StandInVaults.Register("Main");
        StandInVaults.Register("Other");
    }

    [Fact]
    public void It_replaces_the_metadata_and_leaves_the_secret_value_alone()
    {
        StandInVaults.Seed("Other", "k", "value", new Hashtable { ["old"] = "x" });

        Shell.Run("Set-SecretInfo -Name k -Vault Other -Metadata @{ new = 'y' }");

        var metadata = StandInVaults.PeekMetadata("Other", "k")!;
        Assert.Equal(["new"], metadata.Keys);
        Assert.Equal("value", StandInVaults.PeekPlainText("Other", "k"));
    }

    [Fact]
    public void Without_Vault_it_updates_the_secret_in_the_default_vault()
    {
        StandInVaults.Seed("Main", "k", "v");

        var result = Shell.Run("Set-SecretInfo -Name k -Metadata @{ owner = 'ops' }");

        Assert.Empty(result.Errors);
        Assert.Equal("ops", StandInVaults.PeekMetadata("Main", "k")!["owner"]);
    }

    [Fact]
    public void On_a_missing_secret_it_is_an_ObjectNotFound_error_and_creates_nothing()
    {
        var result = Shell.Run("Set-SecretInfo -Name absent -Vault Main -Metadata @{ owner = 'ops' }");

        Assert.Equal(ErrorCategory.ObjectNotFound, result.SingleError().CategoryInfo.Category);
        Assert.False(StandInVaults.Contains("Main", "absent"));
    }
}
