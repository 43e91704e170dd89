using WandbAuth.Credentials;
using WandbAuth.UnitTests.Support;
using Xunit;
using Env = WandbAuth.UnitTests.Support.FakeCredentialEnvironment;

namespace WandbAuth.UnitTests;

public class CredentialChainTests
{
    private static readonly Uri Cloud = HostUrl.PublicCloud;
    private static readonly Uri SelfHosted = HostUrl.Parse("https://wandb.example.com");

    private static readonly string EnvKey = TestKeys.Current(101);
    private static readonly string VaultKey = TestKeys.Current(102);
    private static readonly string SystemKey = TestKeys.Current(103);
    private static readonly string WorkspaceKey = TestKeys.Current(104);
    private static readonly string NetrcKey = TestKeys.Current(105);
    private static readonly string PromptKey = TestKeys.Current(106);

    /// <summary>An environment where every source holds a (different) key for the public cloud.</summary>
    private static Env Everywhere()
    {
        var env = new Env { PromptAnswer = PromptKey };
        env.Variables["WANDB_API_KEY"] = EnvKey;
        env.VaultSecrets["WandbApiKey"] = ("LocalStore", VaultKey);
        env.Files[Env.SystemSettings] = $"[default]\napi_key = {SystemKey}\n";
        env.Files[Env.WorkspaceSettings] = $"[default]\napi_key = {WorkspaceKey}\n";
        env.Files[Env.DotNetrc] = $"machine api.wandb.ai login user password {NetrcKey}\n";
        return env;
    }

    private static string Key(FoundKey found) => SecretText.Reveal(found.Key.Key);

    [Fact]
    public void Key_from_the_system_settings_file_does_not_follow_a_base_url_set_by_the_workspace_file()
    {
        var env = new Env();
        env.Files[Env.SystemSettings] = $"[default]\napi_key = {SystemKey}\n";
        env.Files[Env.WorkspaceSettings] = "[default]\nbase_url = https://collector.example.net\n";
        env.CannotPromptReason = "test";
        var chain = new CredentialChain(env);
        var baseUrl = chain.ResolveBaseUrl(null, cloud: false);
        Assert.Equal(HostUrl.Parse("https://collector.example.net"), baseUrl);
        var e = Assert.Throws<CredentialNotFoundException>(() => chain.Find(baseUrl, relogin: false));
        Assert.Contains("which " + Env.WorkspaceSettings + " set", e.Message);
    }

    [Fact]
    public void Key_from_a_settings_file_without_base_url_serves_a_base_url_the_user_chose()
    {
        var env = new Env();
        env.Files[Env.SystemSettings] = $"[default]\napi_key = {SystemKey}\n";
        env.Variables["WANDB_BASE_URL"] = "https://wandb.example.com";
        var chain = new CredentialChain(env);
        var found = chain.Find(chain.ResolveBaseUrl(null, cloud: false), relogin: false);
        Assert.Equal(KeySource.SettingsFile, found.Source);
    }

    [Fact]
    public void Environment_variable_comes_first()
    {
        var env = Everywhere();
        var found = new CredentialChain(env).Find(Cloud, relogin: false);
        Assert.Equal(KeySource.EnvironmentVariable, found.Source);
        Assert.Equal("WANDB_API_KEY", found.SourceDetail);
        Assert.Equal(EnvKey, Key(found));
        Assert.Empty(env.VaultLookups);
        Assert.Empty(env.Prompts);
    }

    [Fact]
    public void Environment_variable_pasted_with_a_trailing_newline_is_accepted()
    {
        var env = new Env();
        env.Variables["WANDB_API_KEY"] = EnvKey + "\n";
        Assert.Equal(EnvKey, Key(new CredentialChain(env).Find(Cloud, relogin: false)));
    }

    [Fact]
    public void Vault_secret_WandbApiKey_comes_second_for_the_public_cloud()
    {
        var env = Everywhere();
        env.Variables.Remove("WANDB_API_KEY");
        var found = new CredentialChain(env).Find(Cloud, relogin: false);
        Assert.Equal(KeySource.SecretVault, found.Source);
        Assert.Equal("LocalStore/WandbApiKey", found.SourceDetail);
        Assert.Equal(VaultKey, Key(found));
        Assert.Equal(new[] { "WandbApiKey" }, env.VaultLookups);
    }

    [Fact]
    public void Vault_secret_for_another_server_is_named_after_its_host()
    {
        var env = new Env();
        env.VaultSecrets["WandbApiKey"] = ("LocalStore", VaultKey);
        env.VaultSecrets["WandbApiKey-wandb-example-com"] = ("KeyVault", SystemKey);
        var found = new CredentialChain(env).Find(SelfHosted, relogin: false);
        Assert.Equal(KeySource.SecretVault, found.Source);
        Assert.Equal("KeyVault/WandbApiKey-wandb-example-com", found.SourceDetail);
        Assert.Equal(SystemKey, Key(found));
        Assert.Equal(new[] { "WandbApiKey-wandb-example-com" }, env.VaultLookups);
    }

    [Fact]
    public void Without_SecretManagement_the_vault_is_skipped_and_settings_are_used()
    {
        var env = Everywhere();
        env.Variables.Remove("WANDB_API_KEY");
        env.VaultUnavailableReason = "SecretManagement is not installed";
        var found = new CredentialChain(env).Find(Cloud, relogin: false);
        Assert.Equal(KeySource.SettingsFile, found.Source);
        Assert.Empty(env.VaultLookups);
    }

    [Fact]
    public void System_settings_file_comes_after_the_vault()
    {
        var env = Everywhere();
        env.Variables.Remove("WANDB_API_KEY");
        env.VaultSecrets.Clear();
        var found = new CredentialChain(env).Find(Cloud, relogin: false);
        Assert.Equal(KeySource.SettingsFile, found.Source);
        Assert.Equal(Env.SystemSettings, found.SourceDetail);
        Assert.Equal(SystemKey, Key(found));
    }

    [Fact]
    public void WANDB_CONFIG_DIR_moves_the_system_settings_file()
    {
        var env = Everywhere();
        env.Variables.Remove("WANDB_API_KEY");
        env.VaultSecrets.Clear();
        var configDir = Path.Combine(Path.GetTempPath(), "custom-wandb-config");
        env.Variables["WANDB_CONFIG_DIR"] = configDir;
        var moved = Path.Combine(configDir, "settings");
        env.Files[moved] = $"[default]\napi_key = {VaultKey}\n";
        var found = new CredentialChain(env).Find(Cloud, relogin: false);
        Assert.Equal(moved, found.SourceDetail);
        Assert.Equal(VaultKey, Key(found));
        Assert.DoesNotContain(Env.SystemSettings, env.FilesRead);
    }

    [Fact]
    public void Workspace_settings_file_is_used_when_the_system_one_has_no_key()
    {
        var env = Everywhere();
        env.Variables.Remove("WANDB_API_KEY");
        env.VaultSecrets.Clear();
        env.Files[Env.SystemSettings] = "[default]\nentity = team\n";
        var found = new CredentialChain(env).Find(Cloud, relogin: false);
        Assert.Equal(KeySource.SettingsFile, found.Source);
        Assert.Equal(Env.WorkspaceSettings, found.SourceDetail);
        Assert.Equal(WorkspaceKey, Key(found));
    }

    [Fact]
    public void Settings_file_whose_base_url_names_another_server_does_not_hand_over_its_key()
    {
        var env = new Env();
        env.Files[Env.SystemSettings] = $"[default]\nbase_url = https://other.example.com\napi_key = {SystemKey}\n";
        env.Files[Env.DotNetrc] = $"machine wandb.example.com login user password {NetrcKey}\n";
        var found = new CredentialChain(env).Find(SelfHosted, relogin: false);
        Assert.Equal(KeySource.Netrc, found.Source);
        Assert.Equal(NetrcKey, Key(found));
    }

    [Fact]
    public void Settings_file_whose_base_url_names_this_server_hands_over_its_key()
    {
        var env = new Env();
        env.Files[Env.WorkspaceSettings] = $"[default]\nbase_url = https://WANDB.example.com/\napi_key = {WorkspaceKey}\n";
        var found = new CredentialChain(env).Find(SelfHosted, relogin: false);
        Assert.Equal(KeySource.SettingsFile, found.Source);
        Assert.Equal(WorkspaceKey, Key(found));
    }

    [Fact]
    public void Netrc_comes_after_the_settings_files()
    {
        var env = Everywhere();
        env.Variables.Remove("WANDB_API_KEY");
        env.VaultSecrets.Clear();
        env.Files.Remove(Env.SystemSettings);
        env.Files.Remove(Env.WorkspaceSettings);
        var found = new CredentialChain(env).Find(Cloud, relogin: false);
        Assert.Equal(KeySource.Netrc, found.Source);
        Assert.Equal(Env.DotNetrc, found.SourceDetail);
        Assert.Equal(NetrcKey, Key(found));
        Assert.Empty(env.Prompts);
    }

    [Fact]
    public void NETRC_variable_names_the_netrc_file_to_read()
    {
        var env = new Env();
        var custom = Path.Combine(Path.GetTempPath(), "ci", "netrc");
        env.Variables["NETRC"] = custom;
        env.Files[custom] = $"machine api.wandb.ai password {VaultKey}\n";
        env.Files[Env.DotNetrc] = $"machine api.wandb.ai password {NetrcKey}\n";
        var found = new CredentialChain(env).Find(Cloud, relogin: false);
        Assert.Equal(KeySource.Netrc, found.Source);
        Assert.Equal(custom, found.SourceDetail);
        Assert.Equal(VaultKey, Key(found));
    }

    [Fact]
    public void Underscore_netrc_is_read_when_there_is_no_dot_netrc()
    {
        var env = new Env();
        env.Files[Env.UnderscoreNetrc] = $"machine api.wandb.ai password {NetrcKey}\n";
        var found = new CredentialChain(env).Find(Cloud, relogin: false);
        Assert.Equal(Env.UnderscoreNetrc, found.SourceDetail);
        Assert.Equal(NetrcKey, Key(found));
    }

    [Fact]
    public void Netrc_machine_for_a_server_on_a_non_default_port_carries_the_port()
    {
        var env = new Env();
        env.Files[Env.DotNetrc] = $"machine localhost password {VaultKey}\nmachine localhost:8080 password {NetrcKey}\n";
        var found = new CredentialChain(env).Find(HostUrl.Parse("http://localhost:8080"), relogin: false);
        Assert.Equal(NetrcKey, Key(found));
    }

    [Fact]
    public void Prompt_comes_last_and_names_where_to_get_a_key()
    {
        var env = new Env { PromptAnswer = PromptKey + "\r\n" };
        var found = new CredentialChain(env).Find(Cloud, relogin: false);
        Assert.Equal(KeySource.Prompt, found.Source);
        Assert.Equal(PromptKey, Key(found));
        var prompt = Assert.Single(env.Prompts);
        Assert.Contains("https://wandb.ai/authorize", prompt);
    }

    [Fact]
    public void Relogin_skips_every_stored_source_and_prompts()
    {
        var env = Everywhere();
        var found = new CredentialChain(env).Find(Cloud, relogin: true);
        Assert.Equal(KeySource.Prompt, found.Source);
        Assert.Equal("host prompt", found.SourceDetail);
        Assert.Equal(PromptKey, Key(found));
        Assert.Empty(env.VaultLookups);
        Assert.Empty(env.FilesRead);
    }

    [Fact]
    public void When_no_prompt_is_possible_the_error_comes_at_once_naming_the_reason_and_every_place_looked()
    {
        var env = new Env { CannotPromptReason = "running in an Azure Pipelines agent" };
        var e = Assert.Throws<CredentialNotFoundException>(() => new CredentialChain(env).Find(Cloud, relogin: false));
        Assert.Empty(env.Prompts);
        Assert.Contains("running in an Azure Pipelines agent", e.Message);
        Assert.Contains("WANDB_API_KEY", e.Message);
        Assert.Contains("WandbApiKey", e.Message);
        Assert.Contains(Env.SystemSettings, e.Message);
        Assert.Contains(Env.WorkspaceSettings, e.Message);
        Assert.Contains(Env.DotNetrc, e.Message);
        Assert.Contains(Env.UnderscoreNetrc, e.Message);
    }

    [Fact]
    public void When_no_prompt_is_possible_the_error_explains_a_skipped_settings_key()
    {
        var env = new Env { CannotPromptReason = "-NonInteractive" };
        env.Files[Env.SystemSettings] = $"[default]\nbase_url = https://other.example.com\napi_key = {SystemKey}\n";
        var e = Assert.Throws<CredentialNotFoundException>(() => new CredentialChain(env).Find(SelfHosted, relogin: false));
        Assert.Contains("https://other.example.com", e.Message);
        Assert.Contains(Env.SystemSettings, e.Message);
        TestKeys.AssertNoKeyIn(e.Message, SystemKey);
    }

    [Fact]
    public void Relogin_without_a_prompt_fails_at_once_naming_the_reason()
    {
        var env = Everywhere();
        env.CannotPromptReason = "the host has no UI";
        var e = Assert.Throws<CredentialNotFoundException>(() => new CredentialChain(env).Find(Cloud, relogin: true));
        Assert.Contains("the host has no UI", e.Message);
        Assert.Contains("-Relogin", e.Message);
        Assert.Empty(env.Prompts);
        Assert.Empty(env.VaultLookups);
    }

    public static TheoryData<string> SourcesOfABadKey() => new() { "env", "vault", "settings", "netrc", "prompt" };

    [Theory]
    [MemberData(nameof(SourcesOfABadKey))]
    public void Malformed_key_from_a_source_is_reported_with_that_source_and_without_the_key(string where)
    {
        var bad = TestKeys.Current(107).Substring(0, 60) + "!" + TestKeys.Current(107).Substring(61);
        var env = new Env();
        string expected;
        switch (where)
        {
            case "env": env.Variables["WANDB_API_KEY"] = bad; expected = "WANDB_API_KEY"; break;
            case "vault": env.VaultSecrets["WandbApiKey"] = ("LocalStore", bad); expected = "LocalStore/WandbApiKey"; break;
            case "settings": env.Files[Env.SystemSettings] = $"[default]\napi_key = {bad}\n"; expected = Env.SystemSettings; break;
            case "netrc": env.Files[Env.DotNetrc] = $"machine api.wandb.ai password {bad}\n"; expected = Env.DotNetrc; break;
            default: env.PromptAnswer = bad; expected = "prompt"; break;
        }
        var e = Assert.Throws<ApiKeyFormatException>(() => new CredentialChain(env).Find(Cloud, relogin: false));
        Assert.Contains(expected, e.Message);
        Assert.Contains("position 61", e.Message);
        TestKeys.AssertNoKeyIn(e.Message, bad);
    }

    [Fact]
    public void Cloud_switch_beats_every_other_base_url()
    {
        var env = new Env();
        env.Variables["WANDB_BASE_URL"] = "https://env.example.com";
        env.Files[Env.SystemSettings] = "[default]\nbase_url = https://file.example.com\n";
        Assert.Equal(HostUrl.PublicCloud, new CredentialChain(env).ResolveBaseUrl(new Uri("https://explicit.example.com"), cloud: true));
    }

    [Fact]
    public void Explicit_base_url_beats_the_environment_and_is_normalised()
    {
        var env = new Env();
        env.Variables["WANDB_BASE_URL"] = "https://env.example.com";
        Assert.Equal(new Uri("https://explicit.example.com"), new CredentialChain(env).ResolveBaseUrl(new Uri("https://Explicit.example.com/"), cloud: false));
        Assert.Equal(HostUrl.PublicCloud, new CredentialChain(env).ResolveBaseUrl(new Uri("https://wandb.ai"), cloud: false));
    }

    [Fact]
    public void WANDB_BASE_URL_beats_the_settings_files()
    {
        var env = new Env();
        env.Variables["WANDB_BASE_URL"] = "env.example.com";
        env.Files[Env.SystemSettings] = "[default]\nbase_url = https://file.example.com\n";
        Assert.Equal(new Uri("https://env.example.com"), new CredentialChain(env).ResolveBaseUrl(null, cloud: false));
    }

    [Fact]
    public void Settings_base_url_is_used_with_the_workspace_file_over_the_system_one()
    {
        var env = new Env();
        env.Files[Env.SystemSettings] = "[default]\nbase_url = https://system.example.com\n";
        Assert.Equal(new Uri("https://system.example.com"), new CredentialChain(env).ResolveBaseUrl(null, cloud: false));
        env.Files[Env.WorkspaceSettings] = "[default]\nbase_url = http://localhost:8080\n";
        Assert.Equal(new Uri("http://localhost:8080"), new CredentialChain(env).ResolveBaseUrl(null, cloud: false));
    }

    [Fact]
    public void Base_url_defaults_to_the_public_cloud_api()
    {
        var uri = new CredentialChain(new Env()).ResolveBaseUrl(null, cloud: false);
        Assert.Equal(new Uri("https://api.wandb.ai"), uri);
    }

    [Fact]
    public void Entity_comes_from_the_parameter_then_WANDB_ENTITY_then_settings_else_the_server_default()
    {
        var env = new Env();
        Assert.Null(new CredentialChain(env).ResolveEntity(null));
        env.Files[Env.SystemSettings] = "[default]\nentity = system-team\n";
        Assert.Equal("system-team", new CredentialChain(env).ResolveEntity(null));
        env.Files[Env.WorkspaceSettings] = "[default]\nentity = workspace-team\n";
        Assert.Equal("workspace-team", new CredentialChain(env).ResolveEntity(null));
        env.Variables["WANDB_ENTITY"] = "env-team";
        Assert.Equal("env-team", new CredentialChain(env).ResolveEntity(" "));
        Assert.Equal("param-team", new CredentialChain(env).ResolveEntity("param-team"));
    }
}
