using SecretManagement.StandIn;
using WandbAuth.HostedTests.Harness;

namespace WandbAuth.HostedTests.Connect;

/// <summary>Connect-Wandb finds the key in each place `wandb login` looks, and says where, never what.</summary>
public class ConnectSourcesTests : HostedTest
{
    private static string Prop(PsResult r, string name) => r.Single().Properties[name].Value?.ToString() ?? "";

    [Fact]
    public void ApiKey_parameter_connects_verified_with_server_key_id()
    {
        var result = ConnectAlice();
        Assert.Empty(result.AllErrors);
        var c = result.Single();
        Assert.Equal("WandbAuth.Connection", c.TypeNames[0]);
        Assert.Equal("Parameter", Prop(result, "Source"));
        Assert.Equal("True", Prop(result, "Verified"));
        Assert.Equal("alice", Prop(result, "User"));
        Assert.Equal("alice-team", Prop(result, "DefaultEntity"));
        var serverKeyId = Emulator.State.Keys("alice").Single().KeyId;
        Assert.Equal(serverKeyId, Prop(result, "KeyId"));
        result.AssertNoSecret(AliceKey);
    }

    [Fact]
    public void Without_Verify_what_only_the_server_knows_is_unknown_not_false()
    {
        Ps.SetVariable("AliceSecure", Secure(AliceKey));
        var result = Ps.Run("Connect-Wandb -ApiKey $AliceSecure -BaseUrl $BaseUrl");
        Assert.Empty(result.AllErrors);
        var c = result.Single();
        Assert.Equal(false, c.Properties["Verified"].Value);
        foreach (var unknown in new[] { "User", "IsAdmin", "Teams" }) Assert.Null(c.Properties[unknown].Value);
        Assert.Empty(Emulator.Requests.All);

        // Format-List shows them blank, never "IsAdmin : False".
        var list = Ps.Run("$PSStyle.OutputRendering = 'PlainText'; Get-WandbConnection | Format-List | Out-String -Width 80").Single().ToString();
        Assert.Matches(@"(?m)^IsAdmin\s*:\s*$", list);
        Assert.Matches(@"(?m)^User\s*:\s*$", list);

        var verified = ConnectAlice().Single();
        Assert.Equal(false, verified.Properties["IsAdmin"].Value);
        Assert.Equal("alice", verified.Properties["User"].Value);
        Assert.NotNull(verified.Properties["Teams"].Value);
        result.AssertNoSecret(AliceKey);
    }

    [Fact]
    public void Credential_password_is_the_key()
    {
        Ps.SetVariable("Cred", new System.Management.Automation.PSCredential("api", Secure(AliceKey)));
        var result = Ps.Run("Connect-Wandb -Credential $Cred -BaseUrl $BaseUrl -Verify");
        Assert.Empty(result.AllErrors);
        Assert.Equal("alice", Prop(result, "User"));
        result.AssertNoSecret(AliceKey);
    }

    [Fact]
    public void Vault_and_SecretName_read_the_key_from_SecretManagement()
    {
        StandInVaults.Seed(LocalVault, "MyWandb", Secure(AliceKey));
        var result = Ps.Run("Connect-Wandb -Vault Local -SecretName MyWandb -BaseUrl $BaseUrl -Verify");
        Assert.Empty(result.AllErrors);
        Assert.Equal("SecretVault", Prop(result, "Source"));
        Assert.Equal("Local/MyWandb", Prop(result, "SourceDetail"));
        result.AssertNoSecret(AliceKey);
    }

    [Fact]
    public void Environment_variable_comes_first_in_the_chain()
    {
        Env.Set("WANDB_API_KEY", AliceKey);
        StandInVaults.Seed(LocalVault, DefaultSecretName(), Secure("0123456789012345678901234567890123456789"));
        var result = Ps.Run("Connect-Wandb -BaseUrl $BaseUrl -Verify");
        Assert.Empty(result.AllErrors);
        Assert.Equal("EnvironmentVariable", Prop(result, "Source"));
        Assert.Equal("WANDB_API_KEY", Prop(result, "SourceDetail"));
        result.AssertNoSecret(AliceKey);
    }

    [Fact]
    public void Default_vault_secret_named_for_the_host_is_found_without_parameters()
    {
        StandInVaults.Seed(LocalVault, DefaultSecretName(), Secure(AliceKey));
        var result = Ps.Run("Connect-Wandb -BaseUrl $BaseUrl -Verify");
        Assert.Empty(result.AllErrors);
        Assert.Equal("SecretVault", Prop(result, "Source"));
        Assert.Equal($"Local/{DefaultSecretName()}", Prop(result, "SourceDetail"));
    }

    [Fact]
    public void Settings_file_in_WANDB_CONFIG_DIR_supplies_key_and_base_url()
    {
        var path = Env.WriteFile("cfg/settings", $"[default]\nbase_url = {Emulator.BaseUrl}\napi_key = {AliceKey}\nentity = research\n");
        Env.Set("WANDB_CONFIG_DIR", Path.GetDirectoryName(path));
        var result = Ps.Run("Connect-Wandb -Verify");
        Assert.Empty(result.AllErrors);
        Assert.Equal("SettingsFile", Prop(result, "Source"));
        Assert.Equal(path, Prop(result, "SourceDetail"));
        Assert.Equal(Emulator.BaseUrl.ToString().TrimEnd('/'), Prop(result, "BaseUrl").TrimEnd('/'));
        Assert.Equal("research", Prop(result, "DefaultEntity"));
        result.AssertNoSecret(AliceKey);
    }

    [Fact]
    public void Workspace_settings_file_is_read_from_the_PowerShell_location()
    {
        var path = Env.WriteFile("project/wandb/settings", $"[default]\napi_key = {AliceKey}\n");
        Ps.SetVariable("Project", Path.Combine(Env.Home, "project"));
        var result = Ps.Run("$ExecutionContext.SessionState.Path.SetLocation($Project) | Out-Null; Connect-Wandb -BaseUrl $BaseUrl -Verify");
        Assert.Empty(result.AllErrors);
        Assert.Equal("SettingsFile", Prop(result, "Source"));
        Assert.Equal(path, Prop(result, "SourceDetail"));
    }

    [Fact]
    public void Netrc_entry_for_host_and_port_is_used()
    {
        var machine = $"{Emulator.BaseUrl.Host}:{Emulator.BaseUrl.Port}";
        var path = Env.WriteFile("netrc-file", $"machine other.example.com login api password nope\nmachine {machine}\n  login user\n  password {AliceKey}\n");
        Env.Set("NETRC", path);
        var result = Ps.Run("Connect-Wandb -BaseUrl $BaseUrl -Verify");
        Assert.Empty(result.AllErrors);
        Assert.Equal("Netrc", Prop(result, "Source"));
        Assert.Equal(path, Prop(result, "SourceDetail"));
    }

    [Fact]
    public void Home_netrc_is_read_when_NETRC_is_not_set()
    {
        var machine = $"{Emulator.BaseUrl.Host}:{Emulator.BaseUrl.Port}";
        Env.WriteFile(".netrc", $"machine {machine} login user password {AliceKey}\n");
        var result = Ps.Run("Connect-Wandb -BaseUrl $BaseUrl -Verify");
        Assert.Empty(result.AllErrors);
        Assert.Equal("Netrc", Prop(result, "Source"));
    }

    [Fact]
    public void Prompt_reads_a_pasted_key_with_whitespace_through_the_host()
    {
        Ps.Console.SecureAnswers.Enqueue("  " + AliceKey + " \n");
        var result = Ps.Run("Connect-Wandb -BaseUrl $BaseUrl -Verify");
        Assert.Empty(result.AllErrors);
        Assert.Equal("Prompt", Prop(result, "Source"));
        Assert.Contains("/authorize", result.HostText);
        result.AssertNoSecret(AliceKey);
    }

    [Fact]
    public void Relogin_prompts_even_when_a_stored_key_exists()
    {
        Env.Set("WANDB_API_KEY", "0123456789012345678901234567890123456789");
        Ps.Console.SecureAnswers.Enqueue(AliceKey);
        var result = Ps.Run("Connect-Wandb -BaseUrl $BaseUrl -Relogin -Verify");
        Assert.Empty(result.AllErrors);
        Assert.Equal("Prompt", Prop(result, "Source"));
    }

    private string DefaultSecretName() => $"WandbApiKey-127-0-0-1-{Emulator.BaseUrl.Port}";
}
