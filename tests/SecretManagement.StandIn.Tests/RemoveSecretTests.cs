using System.Management.Automation;
using SecretManagement.StandIn.Tests.Support;

namespace SecretManagement.StandIn.Tests;

/// <summary>Remove-Secret deletes from the one vault named, and says so when there is nothing to delete.</summary>
public sealed class RemoveSecretTests : StandInTest
{
    public RemoveSecretTests()
    {
        StandInVaults.Register("Main");
        StandInVaults.Register("Other");
    }

    [Fact]
    public void Removing_deletes_only_from_the_named_vault()
    {
        StandInVaults.Seed("Main", "k", "v");
        StandInVaults.Seed("Other", "k", "v");

        var result = Shell.Run("Remove-Secret -Name k -Vault Main");

        Assert.Empty(result.Errors);
        Assert.False(StandInVaults.Contains("Main", "k"));
        Assert.True(StandInVaults.Contains("Other", "k"));
    }

    [Fact]
    public void Removing_a_missing_secret_is_a_non_terminating_ObjectNotFound_error()
    {
        var result = Shell.Run("Remove-Secret -Name absent -Vault Main; 'script went on'");

        var error = result.SingleError();
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("RemoveSecretNotFound,Microsoft.PowerShell.SecretManagement.RemoveSecretCommand", error.FullyQualifiedErrorId);
        Assert.Equal(["script went on"], result.Output);
    }

    [Fact]
    public void WhatIf_deletes_nothing()
    {
        StandInVaults.Seed("Main", "k", "v");

        Shell.Run("Remove-Secret -Name k -Vault Main -WhatIf");

        Assert.True(StandInVaults.Contains("Main", "k"));
    }
}
