using SecretManagement.StandIn.Tests.Support;

namespace SecretManagement.StandIn.Tests;

/// <summary>The operation log tells tests what reached which vault, in what order, without secret values.</summary>
public sealed class OperationLogTests : StandInTest
{
    public OperationLogTests()
    {
        StandInVaults.Register("Main");
    }

    [Fact]
    public void Every_vault_call_is_logged_in_order_with_its_outcome()
    {
        Shell.Run(
            "Set-Secret -Name k -Secret 'v'\n" +
            "Get-Secret -Name k -Vault Main | Out-Null\n" +
            "Get-SecretInfo -Name 'k*' -Vault Main | Out-Null\n" +
            "Set-SecretInfo -Name k -Vault Main -Metadata @{ a = 'b' }\n" +
            "Remove-Secret -Name k -Vault Main\n" +
            "Remove-Secret -Name k -Vault Main");

        Assert.Equal(
            [
                "Set Main/k Succeeded",
                "Get Main/k Succeeded",
                "GetInfo Main/k* Succeeded",
                "SetInfo Main/k Succeeded",
                "Remove Main/k Succeeded",
                "Remove Main/k NotFound",
            ],
            StandInVaults.Operations.Select(o => o.ToString()));
        Assert.Equal([1L, 2, 3, 4, 5, 6], StandInVaults.Operations.Select(o => o.Sequence));
    }

    [Fact]
    public void Ordering_can_be_asserted_such_as_a_new_key_written_before_the_old_one_is_deleted()
    {
        StandInVaults.Seed("Main", "old", "1");

        Shell.Run("Set-Secret -Name new -Secret '2'; Remove-Secret -Name old -Vault Main");

        var log = StandInVaults.Operations;
        var write = log.Single(o => o is { Kind: VaultOperationKind.Set, Name: "new", Succeeded: true });
        var delete = log.Single(o => o is { Kind: VaultOperationKind.Remove, Name: "old", Succeeded: true });
        Assert.True(write.Sequence < delete.Sequence);
    }

    [Fact]
    public void NoClobber_is_logged_as_a_Get_followed_by_the_Set()
    {
        Shell.Run("Set-Secret -Name k -Secret 'v' -NoClobber");

        Assert.Equal(
            ["Get Main/k NotFound", "Set Main/k Succeeded"],
            StandInVaults.Operations.Select(o => o.ToString()));
    }

    [Fact]
    public void The_log_holds_names_and_outcomes_but_never_secret_values()
    {
        Shell.Run("Set-Secret -Name k -Secret 'hunter2-secret-value'; Get-Secret -Name k -AsPlainText | Out-Null");

        Assert.Equal(2, StandInVaults.Operations.Count);
        Assert.DoesNotContain(StandInVaults.Operations, o => o.ToString().Contains("hunter2"));
        // The record type has no property that could carry a value.
        Assert.Equal(
            ["Kind", "Name", "Outcome", "Sequence", "Succeeded", "Vault"],
            typeof(VaultOperationRecord).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Test_hands_Seed_and_Peek_are_not_logged()
    {
        StandInVaults.Seed("Main", "k", "v");
        _ = StandInVaults.Peek("Main", "k");

        Assert.Empty(StandInVaults.Operations);
    }

    [Fact]
    public void ClearOperations_empties_the_log_without_touching_the_vaults()
    {
        Shell.Run("Set-Secret -Name k -Secret 'v'");

        StandInVaults.ClearOperations();

        Assert.Empty(StandInVaults.Operations);
        Assert.True(StandInVaults.Contains("Main", "k"));
    }
}
