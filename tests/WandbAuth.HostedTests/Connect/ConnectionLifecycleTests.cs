using SecretManagement.StandIn;
using WandbAuth.HostedTests.Harness;

namespace WandbAuth.HostedTests.Connect;

public class ConnectionLifecycleTests : HostedTest
{
    [Fact]
    public void Get_returns_the_current_connection_and_Disconnect_forgets_it()
    {
        ConnectAlice();
        Assert.Equal("alice", Ps.Run("(Get-WandbConnection).User").Single().ToString());
        Assert.Empty(Ps.Run("Disconnect-Wandb").AllErrors);
        Assert.Empty(Ps.Run("Get-WandbConnection").Output);
    }

    [Fact]
    public void Disconnect_WhatIf_keeps_the_connection()
    {
        ConnectAlice();
        Ps.Run("Disconnect-Wandb -WhatIf");
        Assert.Single(Ps.Run("Get-WandbConnection").Output);
    }

    [Fact]
    public void The_connection_belongs_to_its_runspace()
    {
        ConnectAlice();
        using var other = new PowerShellSession();
        Assert.Empty(other.Run("Get-WandbConnection").Output);
    }

    [Fact]
    public void SaveToVault_stores_the_key_where_the_next_Connect_finds_it()
    {
        var saved = ConnectAlice("-SaveToVault");
        Assert.Empty(saved.AllErrors);
        var name = $"WandbApiKey-127-0-0-1-{Emulator.BaseUrl.Port}";
        Assert.Equal(AliceKey, StandInVaults.PeekPlainText(LocalVault, name));
        Assert.Equal(Emulator.State.Keys("alice").Single().KeyId, StandInVaults.PeekMetadata(LocalVault, name)!["KeyId"]);

        Ps.Run("Disconnect-Wandb");
        var again = Ps.Run("Connect-Wandb -BaseUrl $BaseUrl");
        Assert.Equal("SecretVault", again.Single().Properties["Source"].Value!.ToString());
        saved.AssertNoSecret(AliceKey);
    }

    [Fact]
    public void SaveToVault_says_where_it_stored_the_key_and_how_the_next_Connect_finds_it()
    {
        var saved = ConnectAlice("-SaveToVault");
        Assert.Empty(saved.AllErrors);
        Assert.Equal("WandbAuth.Connection", Assert.Single(saved.Output).TypeNames[0]);   // the message is not output
        var name = $"WandbApiKey-127-0-0-1-{Emulator.BaseUrl.Port}";
        var keyId = Emulator.State.Keys("alice").Single().KeyId;
        var message = Assert.Single(saved.Information);
        Assert.Equal($"Saved key {keyId} in vault 'Local' as secret '{name}'. Connect-Wandb finds it there next time.", message);
        Assert.Contains(message, saved.HostText);   // shown like Write-Host

        StandInVaults.Register("Plain", VaultKind.NoMetadata);
        var named = ConnectAlice("-SaveToVault -Vault Plain -SecretName WandbMine");
        Assert.Equal($"Saved key {keyId} in vault 'Plain' as secret 'WandbMine'. Next time: Connect-Wandb -SecretName WandbMine.", Assert.Single(named.Information));
        saved.AssertNoSecret(AliceKey);
        named.AssertNoSecret(AliceKey);
    }

    [Fact]
    public void SaveToVault_without_SecretManagement_fails_before_asking_for_a_key()
    {
        using var bare = new PowerShellSession(withSecretManagement: false);
        bare.SetVariable("BaseUrl", Emulator.BaseUrl.ToString());
        bare.Console.SecureAnswers.Enqueue(AliceKey);
        var result = bare.Run("Connect-Wandb -BaseUrl $BaseUrl -Relogin -SaveToVault");
        var error = result.SingleError();
        Assert.Contains("SecretManagement is not installed", error.Exception.Message);
        Assert.Contains("No key was asked for", error.Exception.Message);
        Assert.Single(bare.Console.SecureAnswers);                 // the prompt never came
        Assert.DoesNotContain("Paste an API key", result.HostText);
        Assert.Empty(bare.Run("Get-WandbConnection").Output);
        Assert.Empty(Emulator.Requests.All);
    }

    [Theory]
    [InlineData("-Vault NoSuchVault", "no vault named 'NoSuchVault'")]
    [InlineData("", "No vault is registered as the default")]
    public void SaveToVault_to_a_vault_that_cannot_take_the_key_fails_before_asking_for_it(string vault, string reason)
    {
        StandInVaults.Reset();
        StandInVaults.Register("NotDefault", VaultKind.Full);
        StandInVaults.SetDefault(null);
        Ps.Console.SecureAnswers.Enqueue(AliceKey);
        var result = Ps.Run($"Connect-Wandb -BaseUrl $BaseUrl -Relogin -SaveToVault {vault}");
        Assert.Contains(reason, result.SingleError().Exception.Message);
        Assert.Single(Ps.Console.SecureAnswers);
        Assert.Empty(StandInVaults.SecretNames("NotDefault"));
    }

    [Fact]
    public void SaveToVault_works_with_a_vault_that_stores_no_metadata()
    {
        StandInVaults.Register("Plain", VaultKind.NoMetadata);
        var saved = ConnectAlice("-SaveToVault -Vault Plain -SecretName Wandb");
        Assert.Empty(saved.AllErrors);
        Assert.Equal(AliceKey, StandInVaults.PeekPlainText("Plain", "Wandb"));
    }

    [Fact]
    public void SaveToVault_with_WhatIf_stores_nothing()
    {
        ConnectAlice("-SaveToVault -WhatIf");
        Assert.Empty(StandInVaults.SecretNames(LocalVault));
    }

    [Fact]
    public void Entity_parameter_overrides_the_default_team_and_WANDB_ENTITY_is_honoured()
    {
        Assert.Equal("ml", ConnectAlice("-Entity ml").Single().Properties["DefaultEntity"].Value);
        Env.Set("WANDB_ENTITY", "from-env");
        Assert.Equal("from-env", ConnectAlice().Single().Properties["DefaultEntity"].Value);
    }

    [Fact]
    public void Requests_carry_the_module_user_agent_and_reuse_one_connection()
    {
        ConnectAlice();
        ConnectAlice();
        Assert.All(Emulator.Requests.All, r => Assert.StartsWith("W&B Public Client WandbAuth/", r.UserAgent));
    }
}
