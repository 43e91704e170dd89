using SecretManagement.StandIn;

namespace WandbAuth.HostedTests.Rotation;

/// <summary>Secrets arrive by pipeline from Get-SecretInfo; results, progress and errors come back on the pipeline.</summary>
public class RotationPipelineTests : RotationHostedTest
{
    [Fact]
    public void Get_SecretInfo_piped_in_rotates_every_matching_secret_with_progress()
    {
        var old = new[] { "one", "two", "three" }.ToDictionary(n => $"Wandb-{n}", n => SeedSecret($"user-{n}", $"Wandb-{n}"));
        var untouched = SeedSecret("user-other", "Other");

        var result = Ps.Run("Get-SecretInfo -Vault Local -Name 'Wandb*' | Invoke-WandbKeyRotation -BaseUrl $BaseUrl -ThrottleLimit 2 -Confirm:$false");

        Assert.Empty(result.AllErrors);
        Assert.Equal(3, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal("WandbAuth.RotationResult", o.TypeNames[0]));
        Assert.All(result.Output, o => Assert.Equal("Completed", Prop(o, "Status")));
        var fresh = old.Select(kv => AssertRotated(kv.Key, "user-" + kv.Key[6..], kv.Value)).ToList();
        Assert.Equal(untouched, Stored("Other"));
        Assert.Contains(result.Progress, p => p.StatusDescription == "3 of 3 done");
        result.AssertNoSecret([.. old.Values, .. fresh]);
    }

    [Fact]
    public void Scripts_run_on_the_pipeline_thread_with_the_new_key_as_SecureString_in_args_and_underscore()
    {
        var oldKey = SeedSecret("alice2", "WandbApiKey");

        var result = Ps.Run("""
            Invoke-WandbKeyRotation WandbApiKey -Vault Local -BaseUrl $BaseUrl -Confirm:$false `
                -TestScript { $global:pendingInVault = Get-Secret WandbApiKey-WandbPending -Vault Local -AsPlainText; $global:tested = $_ } `
                -UpdateScript { $global:updated = $args[0]; $global:oldStillStored = Get-Secret WandbApiKey -Vault Local -AsPlainText }
            """);

        Assert.Empty(result.AllErrors);
        var newKey = AssertRotated("WandbApiKey", "alice2", oldKey);
        Assert.Equal(newKey, Plain(Ps.GetVariable("tested")));
        Assert.Equal(newKey, Plain(Ps.GetVariable("updated")));
        Assert.Equal(newKey, Ps.GetVariable("pendingInVault")?.ToString());
        Assert.Equal(oldKey, Ps.GetVariable("oldStillStored")?.ToString());
        Assert.Contains(result.Verbose, v => v.StartsWith("Local/WandbApiKey: running the update script", StringComparison.Ordinal));
        Assert.Contains(result.Verbose, v => v.StartsWith("Local/WandbApiKey: deleting the old key", StringComparison.Ordinal));
        result.AssertNoSecret(oldKey, newKey);
    }

    [Fact]
    public void Update_script_that_throws_rolls_back_and_writes_an_error_record()
    {
        var oldKey = SeedSecret("alice2", "WandbApiKey");

        var result = Ps.Run("Invoke-WandbKeyRotation WandbApiKey -Vault Local -BaseUrl $BaseUrl -Confirm:$false -UpdateScript { throw 'kubectl: forbidden' }");

        Assert.Equal("RolledBack", Prop(result.Single(), "Status"));
        var error = result.SingleError();
        Assert.StartsWith("WandbRotationRolledBack", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Contains("kubectl: forbidden", error.Exception.Message);
        Assert.Equal(oldKey, Stored("WandbApiKey"));
        Assert.True(Emulator.State.IsLive(oldKey));
        Assert.Single(Emulator.State.Keys("alice2"));
        result.AssertNoSecret(oldKey);
    }

    [Fact]
    public void Rejected_key_fails_with_an_error_record_and_nothing_changes()
    {
        var oldKey = SeedSecret("alice2", "WandbApiKey");
        Emulator.State.RevokeAll("alice2");

        var result = Ps.Run("Invoke-WandbKeyRotation WandbApiKey -Vault Local -BaseUrl $BaseUrl -Confirm:$false");

        Assert.Equal("Failed", Prop(result.Single(), "Status"));
        Assert.StartsWith("WandbRotationFailed", result.SingleError().FullyQualifiedErrorId);
        Assert.Equal(oldKey, Stored("WandbApiKey"));
        Assert.Equal(["WandbApiKey"], StandInVaults.SecretNames(LocalVault));
    }

    [Fact]
    public void Secrets_in_two_vaults_holding_the_same_key_are_refused_with_an_error_and_nothing_changes()
    {
        StandInVaults.Register("Prod", VaultKind.AzureKeyVaultLike);
        var shared = SeedSecret("alice2", "Wandb-Trainer");
        StandInVaults.Seed("Prod", "Wandb-Trainer-Copy", Secure(shared));
        var own = SeedSecret("bob2", "Wandb-Ingest");

        var result = Ps.Run("Get-SecretInfo -Name 'Wandb-*' | Invoke-WandbKeyRotation -BaseUrl $BaseUrl -Confirm:$false");

        Assert.Equal(3, result.Output.Count);
        var refused = result.Output.Where(o => Prop(o, "Status") == "Failed").Select(o => Prop(o, "SecretName")).Order().ToList();
        Assert.Equal(["Wandb-Trainer", "Wandb-Trainer-Copy"], refused);
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e =>
        {
            Assert.StartsWith("WandbRotationSharedKey", e.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidData, e.CategoryInfo.Category);
        });
        Assert.Contains(result.Errors, e => e.Exception.Message.Contains("'Wandb-Trainer-Copy' in vault 'Prod'"));
        Assert.Equal(shared, Stored("Wandb-Trainer"));
        Assert.Equal(shared, Stored("Wandb-Trainer-Copy", "Prod"));
        Assert.True(Emulator.State.IsLive(shared));
        Assert.DoesNotContain(Emulator.Requests.ForOperation("GenerateApiKey"), r => r.KeyId != null && shared.StartsWith(r.KeyId));
        AssertRotated("Wandb-Ingest", "bob2", own);
        result.AssertNoSecret(shared, own);
    }

    [Fact]
    public void Vault_calls_of_a_batch_run_side_by_side_off_the_pipeline_thread()
    {
        var old = new[] { "one", "two" }.ToDictionary(n => $"Wandb-{n}", n => SeedSecret($"user-{n}", $"Wandb-{n}"));
        using var bothInside = new Barrier(2);
        var met = new System.Collections.Concurrent.ConcurrentBag<bool>();
        var threads = new System.Collections.Concurrent.ConcurrentBag<int>();
        // Each secret's first read waits for the other's: only calls running at the same time can meet.
        StandInVaults.BeforeOperation = op =>
        {
            threads.Add(Environment.CurrentManagedThreadId);
            if (op.Kind == VaultOperationKind.Get && op.Attempt == 1 && old.ContainsKey(op.Name)) met.Add(bothInside.SignalAndWait(TimeSpan.FromSeconds(20)));
            return null;
        };

        var result = Ps.Run("Get-SecretInfo -Vault Local -Name 'Wandb-*' | Invoke-WandbKeyRotation -BaseUrl $BaseUrl -ThrottleLimit 2 -Confirm:$false -Verbose");

        Assert.Empty(result.AllErrors);
        Assert.Equal([true, true], met);
        Assert.Contains(result.Verbose, v => v.Contains("vault calls run in 2 runspaces of their own"));
        Assert.True(threads.Distinct().Count() >= 2);
        foreach (var (name, oldKey) in old) AssertRotated(name, "user-" + name[6..], oldKey);
    }

    [Fact]
    public void With_ThrottleLimit_1_vault_calls_stay_on_the_pipeline_thread()
    {
        var old = new[] { "one", "two" }.ToDictionary(n => $"Wandb-{n}", n => SeedSecret($"user-{n}", $"Wandb-{n}"));

        var result = Ps.Run("Get-SecretInfo -Vault Local -Name 'Wandb-*' | Invoke-WandbKeyRotation -BaseUrl $BaseUrl -ThrottleLimit 1 -Confirm:$false -Verbose");

        Assert.Empty(result.AllErrors);
        Assert.Contains(result.Verbose, v => v.Contains("vault calls run on the pipeline thread, one at a time."));
        foreach (var (name, oldKey) in old) AssertRotated(name, "user-" + name[6..], oldKey);
    }

    private static string Plain(object? secure) =>
        new System.Net.NetworkCredential("", (System.Security.SecureString)((secure as System.Management.Automation.PSObject)?.BaseObject ?? secure!)).Password;
}
