using System.Management.Automation;
using SecretManagement.StandIn.Tests.Support;

namespace SecretManagement.StandIn.Tests;

/// <summary>
/// BeforeOperation and AfterOperation faults: a vault that refuses, one that fails a chosen attempt, one
/// that commits and then loses its reply, and a hook that throws.
/// </summary>
public sealed class FaultInjectionTests : StandInTest
{
    public FaultInjectionTests()
    {
        StandInVaults.Register("Main");
        StandInVaults.Seed("Main", "k", "original");
    }

    [Fact]
    public void A_BeforeOperation_exception_becomes_a_non_terminating_error_record_and_changes_nothing()
    {
        var diskFull = new IOException("disk full");
        StandInVaults.BeforeOperation = op => op.Kind == VaultOperationKind.Set ? diskFull : null;

        var result = Shell.Run("Set-Secret -Name k -Secret 'new'; 'script went on'");

        var error = result.SingleError();
        Assert.Same(diskFull, error.Exception);
        Assert.Equal(ErrorCategory.WriteError, error.CategoryInfo.Category);
        Assert.Equal("SetSecretVaultError,Microsoft.PowerShell.SecretManagement.SetSecretCommand", error.FullyQualifiedErrorId);
        Assert.Equal("k", error.TargetObject);
        Assert.Equal(["script went on"], result.Output);
        Assert.Equal("original", StandInVaults.PeekPlainText("Main", "k"));
        Assert.Equal("Set Main/k Failed", StandInVaults.Operations.Single().ToString());
    }

    [Fact]
    public void FailOn_fails_only_the_chosen_attempt_of_that_operation_on_that_name()
    {
        StandInVaults.BeforeOperation =
            StandInVaults.FailOn(VaultOperationKind.Set, "k", attempt: 2, new TimeoutException("vault timed out"));

        var first = Shell.Run("Set-Secret -Name k -Secret 'one'");
        var second = Shell.Run("Set-Secret -Name k -Secret 'two'");
        var other = Shell.Run("Set-Secret -Name other -Secret 'x'");
        var third = Shell.Run("Set-Secret -Name k -Secret 'three'");

        Assert.Empty(first.Errors);
        Assert.Equal(ErrorCategory.OperationTimeout, second.SingleError().CategoryInfo.Category);
        Assert.Empty(other.Errors);
        Assert.Empty(third.Errors);
        Assert.Equal("three", StandInVaults.PeekPlainText("Main", "k"));
    }

    [Fact]
    public void A_vault_failing_during_a_default_first_search_is_reported_and_the_search_goes_on()
    {
        StandInVaults.Register("Backup");
        StandInVaults.Seed("Backup", "only-here", "found");
        StandInVaults.BeforeOperation = op => op.Vault == "Main" ? new UnauthorizedAccessException("locked") : null;

        var result = Shell.Run("Get-Secret -Name only-here -AsPlainText");

        Assert.Equal("found", result.SingleOutput());
        Assert.Equal(ErrorCategory.PermissionDenied, result.SingleError().CategoryInfo.Category);
    }

    [Fact]
    public void A_failing_read_from_a_named_vault_also_reports_the_secret_as_not_found()
    {
        // The real module reports the vault's error and then, having no secret, "not found" as well: code
        // under test must not take the second error alone as proof that the secret is absent.
        StandInVaults.BeforeOperation = _ => new IOException("vault offline");

        var result = Shell.Run("Get-Secret -Name k -Vault Main");

        Assert.Equal(
            ["GetSecretVaultError", "GetSecretNotFound"],
            result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
    }

    [Fact]
    public void A_failing_vault_in_Get_SecretInfo_does_not_hide_the_other_vaults()
    {
        StandInVaults.Register("Backup");
        StandInVaults.Seed("Backup", "b", "v");
        StandInVaults.BeforeOperation = op => op.Vault == "Main" ? new IOException("vault offline") : null;

        var result = Shell.Run("(Get-SecretInfo).Name");

        Assert.Equal(["b"], result.Output);
        Assert.StartsWith("GetSecretInfoVaultError,", result.SingleError().FullyQualifiedErrorId);
    }

    [Fact]
    public void An_AfterOperation_exception_reports_an_error_although_the_write_committed()
    {
        StandInVaults.AfterOperation = op => op.Kind == VaultOperationKind.Set ? new IOException("reply lost") : null;

        var result = Shell.Run("Set-Secret -Name k -Secret 'committed'");

        Assert.Equal("reply lost", result.SingleError().Exception.Message);
        Assert.Equal("committed", StandInVaults.PeekPlainText("Main", "k"));
        Assert.Equal(VaultOperationOutcome.FailedAfterCommit, StandInVaults.Operations.Single().Outcome);
    }

    [Fact]
    public void A_hook_that_throws_is_a_terminating_error_that_changes_nothing()
    {
        StandInVaults.BeforeOperation = _ => throw new InvalidOperationException("vault module crashed");

        var result = Shell.Run(
            "try { Remove-Secret -Name k -Vault Main; 'not reached' } catch { $_.Exception.Message }");

        Assert.Equal(["vault module crashed"], result.Output);
        Assert.True(StandInVaults.Contains("Main", "k"));
        Assert.Equal(VaultOperationOutcome.Crashed, StandInVaults.Operations.Single().Outcome);
    }

    [Fact]
    public void Hooks_see_the_operation_kind_vault_name_and_attempt_but_never_the_value()
    {
        var seen = new List<VaultOperation>();
        StandInVaults.BeforeOperation = op =>
        {
            lock (seen)
            {
                seen.Add(op);
            }

            return null;
        };

        Shell.Run("Set-Secret -Name k -Secret 'hidden-value'; Get-Secret -Name k");

        Assert.Equal(
            [(VaultOperationKind.Set, "Main", "k", 1), (VaultOperationKind.Get, "Main", "k", 1)],
            seen.Select(o => (o.Kind, o.Vault, o.Name, o.Attempt)));
        Assert.DoesNotContain(seen, o => o.ToString().Contains("hidden-value"));
    }
}
