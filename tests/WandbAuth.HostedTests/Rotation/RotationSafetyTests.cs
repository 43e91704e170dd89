using SecretManagement.StandIn;

namespace WandbAuth.HostedTests.Rotation;

/// <summary>-WhatIf, -Confirm, plain-HTTP refusal and the Azure DevOps variable: what the user sees and what changes.</summary>
public class RotationSafetyTests : RotationHostedTest
{
    [Fact]
    public void WhatIf_shows_the_plan_per_secret_and_changes_nothing()
    {
        var oldKey = SeedSecret("alice2", "WandbApiKey");
        StandInVaults.ClearOperations();

        var result = Ps.Run("Invoke-WandbKeyRotation WandbApiKey -Vault Local -BaseUrl $BaseUrl -UpdateScript { 'x' } -WhatIf");

        Assert.Empty(result.Output);
        Assert.Empty(result.AllErrors);
        Assert.Contains("What if: Performing the operation \"Rotate the W&B API key", result.HostText);
        Assert.Contains("run the update script with it", result.HostText);
        Assert.Contains("on target \"Local/WandbApiKey\"", result.HostText);
        Assert.Equal(oldKey, Stored("WandbApiKey"));
        Assert.DoesNotContain(StandInVaults.Operations, o => o.Kind is VaultOperationKind.Set or VaultOperationKind.Remove);
        Assert.Empty(Emulator.Requests.All);
    }

    [Fact]
    public void Confirm_prompts_per_secret_and_No_changes_nothing()
    {
        var oldKey = SeedSecret("alice2", "WandbApiKey");
        Ps.Console.ChoiceAnswers.Enqueue(2);   // No

        var result = Ps.Run("Invoke-WandbKeyRotation WandbApiKey -Vault Local -BaseUrl $BaseUrl");

        Assert.Contains(Ps.Console.Prompts, p => p.Contains("Local/WandbApiKey"));
        Assert.Empty(result.Output);
        Assert.Equal(oldKey, Stored("WandbApiKey"));
        Assert.Empty(Emulator.Requests.ForOperation("GenerateApiKey"));
    }

    [Fact]
    public void Plain_http_to_a_remote_server_is_refused_before_anything_happens()
    {
        var oldKey = SeedSecret("alice2", "WandbApiKey");

        var result = Ps.Run("Invoke-WandbKeyRotation WandbApiKey -Vault Local -BaseUrl http://wandb.example.com -Confirm:$false");

        Assert.Empty(result.Output);
        Assert.StartsWith("WandbInsecureTransport", result.SingleError().FullyQualifiedErrorId);
        Assert.Equal(oldKey, Stored("WandbApiKey"));
    }

    [Fact]
    public void Azure_DevOps_variable_carries_the_new_key_only_inside_a_pipeline()
    {
        var oldKey = SeedSecret("alice2", "WandbApiKey");
        Env.Set("TF_BUILD", "True");

        var result = Ps.Run("Invoke-WandbKeyRotation WandbApiKey -Vault Local -BaseUrl $BaseUrl -Confirm:$false -AzureDevOpsVariable WANDB_API_KEY");

        var newKey = AssertRotated("WandbApiKey", "alice2", oldKey);
        var command = $"##vso[task.setvariable variable=WANDB_API_KEY;issecret=true]{newKey}\n";
        Assert.Equal(2, result.HostText.Split(command).Length);   // printed exactly once
        // Nowhere else: every other stream and the rest of the host text are clean.
        Assert.DoesNotContain(newKey, result.HostText.Replace(command, ""));
        Assert.DoesNotContain(newKey, string.Join("\n", result.Output.Select(o => string.Join(" ", o.Properties.Select(p => p.Value)))));
    }

    [Fact]
    public void Azure_DevOps_variable_outside_a_pipeline_is_ignored_with_a_warning()
    {
        var oldKey = SeedSecret("alice2", "WandbApiKey");

        var result = Ps.Run("Invoke-WandbKeyRotation WandbApiKey -Vault Local -BaseUrl $BaseUrl -Confirm:$false -AzureDevOpsVariable WANDB_API_KEY");

        var newKey = AssertRotated("WandbApiKey", "alice2", oldKey);
        Assert.Contains(result.Warnings, w => w.Contains("TF_BUILD"));
        Assert.DoesNotContain("##vso", result.HostText);
        result.AssertNoSecret(oldKey, newKey);
    }
}
