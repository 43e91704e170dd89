using System.Management.Automation;
using System.Security;
using SecretManagement.StandIn;
using WandbAuth.Emulator;
using WandbAuth.HostedTests.Harness;

namespace WandbAuth.HostedTests.Keys;

/// <summary>New-WandbApiKey: the key is created once, held only as a SecureString, stored where asked, never orphaned.</summary>
public class NewApiKeyTests : KeyTest
{
    [Fact]
    public void New_key_comes_back_as_a_SecureString_with_its_key_id_name_and_owner()
    {
        ConnectAlice();
        var result = Ps.Run("New-WandbApiKey -Name 'ci pipeline'");
        Assert.Empty(result.AllErrors);
        var key = result.Single();
        Assert.Equal("WandbAuth.CreatedApiKey", key.TypeNames[0]);
        var secret = Assert.IsType<SecureString>(Prop(key, "Key"));
        var plain = Plain(secret);
        Assert.True(Emulator.State.IsLive(plain));
        var listed = Emulator.State.Keys("alice").Single(k => k.Description == "ci pipeline");
        Assert.Equal(listed.KeyId, Str(key, "KeyId"));
        Assert.Equal(listed.Id, Str(key, "Id"));
        Assert.Equal("ci pipeline", Str(key, "Name"));
        Assert.Equal("alice", Str(key, "Owner"));
        Assert.IsType<DateTime>(Prop(key, "CreatedAt"));
        Assert.Equal(Emulator.BaseUrl, Prop(key, "BaseUrl"));
        Assert.Null(Prop(key, "Vault"));
        result.AssertNoSecret(plain, AliceKey);
    }

    [Fact]
    public void AsPlainText_is_the_only_way_the_key_comes_out_as_text()
    {
        ConnectAlice();
        var result = Ps.Run("$k = New-WandbApiKey laptop2 -AsPlainText; $k.Key; $k -is [WandbAuth.CreatedApiKey]; $k.PSObject.TypeNames[0]");
        Assert.Empty(result.AllErrors);
        var plain = Assert.IsType<string>(result.Output[0].BaseObject);
        Assert.True(Emulator.State.IsLive(plain));
        Assert.Equal(true, result.Output[1].BaseObject);
        Assert.Equal("WandbAuth.CreatedApiKey#PlainText", result.Output[2].BaseObject);
        // Captured by a script: nothing is printed but the warning, and no other stream carries the key.
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("stored nowhere", warning);
        var elsewhere = string.Join("\n", result.Verbose.Concat(result.Warnings).Concat(result.Debug).Concat(result.Information)) + result.HostText;
        Assert.DoesNotContain(plain, elsewhere);
        Assert.DoesNotContain(plain.Substring(plain.Length / 2), elsewhere);
        Assert.DoesNotContain("wandb_v1_", result.HostText.Replace(warning, ""));
        result.AssertNoSecret(AliceKey);
    }

    [Fact]
    public void AsPlainText_at_the_prompt_shows_the_key_once_on_a_line_of_its_own_after_a_warning_that_it_is_the_only_time()
    {
        ConnectAlice();
        var result = Ps.Run("$PSStyle.OutputRendering = 'PlainText'; New-WandbApiKey -Name 'one-off export' -AsPlainText | Out-String -Width 120");
        Assert.Empty(result.AllErrors);
        var shown = (string)result.Single().BaseObject;
        var keyId = Emulator.State.Keys("alice").Single(k => k.Description == "one-off export").KeyId;
        var lines = shown.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var keyLine = Assert.Single(lines, l => l.StartsWith("wandb_v1_" + keyId + "_", StringComparison.Ordinal));
        Assert.True(Emulator.State.IsLive(keyLine), "the line holds the whole key and nothing else");
        Assert.Equal(1, shown.Split(keyLine).Length - 1);
        Assert.Contains("nowhere", Assert.Single(lines, l => l.StartsWith("Stored in")));
        Assert.Contains("only time it is shown", Assert.Single(result.Warnings));
        Assert.DoesNotContain(keyLine, string.Join("\n", result.Warnings) + result.HostText);
    }

    [Fact]
    public void AsPlainText_into_a_vault_shows_where_it_went_without_a_warning()
    {
        ConnectAlice();
        var result = Ps.Run("$PSStyle.OutputRendering = 'PlainText'; New-WandbApiKey -Name ci -Vault Local -SecretName WandbCi -AsPlainText | Out-String -Width 120");
        Assert.Empty(result.AllErrors);
        Assert.Empty(result.Warnings);
        var shown = (string)result.Single().BaseObject;
        Assert.Matches(@"(?m)^Stored in : Local/WandbCi\r?$", shown);
        Assert.Contains(StandInVaults.PeekPlainText(LocalVault, "WandbCi")!, shown);
    }

    [Fact]
    public void Without_AsPlainText_the_view_says_the_key_is_only_in_the_object_and_shows_no_key()
    {
        ConnectAlice();
        var result = Ps.Run("$PSStyle.OutputRendering = 'PlainText'; $k = New-WandbApiKey -Name 'ci pipeline'; $k | Out-String -Width 80; $k");
        Assert.Empty(result.AllErrors);
        Assert.Empty(result.Warnings);
        Assert.Contains("nowhere: only in .Key", (string)result.Output[0].BaseObject);
        result.AssertNoSecret(Plain((SecureString)Prop(result.Output[1], "Key")!), AliceKey);
    }

    [Fact]
    public void New_key_goes_straight_into_a_vault_that_stores_no_metadata()
    {
        StandInVaults.Register("Plain", VaultKind.NoMetadata);
        ConnectAlice();
        var result = Ps.Run("New-WandbApiKey -Name build -Vault Plain -SecretName WandbBuild");
        Assert.Empty(result.AllErrors);
        var stored = StandInVaults.PeekPlainText("Plain", "WandbBuild");
        Assert.NotNull(stored);
        Assert.True(Emulator.State.IsLive(stored!));
        Assert.Empty(StandInVaults.PeekMetadata("Plain", "WandbBuild")!);
        var key = result.Single();
        Assert.Equal("Plain", Str(key, "Vault"));
        Assert.Equal("WandbBuild", Str(key, "SecretName"));
        Assert.Equal(stored, Plain((SecureString)Prop(key, "Key")!));
        result.AssertNoSecret(stored!, AliceKey);
    }

    [Theory]
    [InlineData(VaultKind.Full)]
    [InlineData(VaultKind.AzureKeyVaultLike)]
    public void A_vault_that_takes_metadata_gets_KeyId_BaseUrl_Owner_and_CreatedAt_as_strings(VaultKind kind)
    {
        StandInVaults.Register("Target", kind);
        ConnectAlice();
        var result = Ps.Run("New-WandbApiKey -Name nightly -Vault Target -SecretName wandb-nightly");
        Assert.Empty(result.AllErrors);
        var stored = StandInVaults.PeekPlainText("Target", "wandb-nightly")!;
        var metadata = StandInVaults.PeekMetadata("Target", "wandb-nightly")!;
        Assert.Equal(KeyIdOf(stored), metadata["KeyId"]);
        Assert.Equal(Emulator.BaseUrl.ToString().TrimEnd('/'), metadata["BaseUrl"]);
        Assert.Equal("alice", metadata["Owner"]);
        Assert.True(DateTime.TryParse((string)metadata["CreatedAt"], out _));
        Assert.All(metadata.Values, v => Assert.IsType<string>(v));
        result.AssertNoSecret(stored, AliceKey);
    }

    [Fact]
    public void Vault_alone_stores_under_the_name_Connect_Wandb_looks_for()
    {
        ConnectAlice();
        var result = Ps.Run("New-WandbApiKey -Name main -Vault Local");
        Assert.Empty(result.AllErrors);
        var name = $"WandbApiKey-127-0-0-1-{Emulator.BaseUrl.Port}";
        var stored = StandInVaults.PeekPlainText(LocalVault, name)!;
        Assert.True(Emulator.State.IsLive(stored));

        Ps.Run("Disconnect-Wandb");
        var again = Ps.Run("Connect-Wandb -BaseUrl $BaseUrl -Verify");
        Assert.Equal(KeyIdOf(stored), Str(again.Single(), "KeyId"));
        result.AssertNoSecret(stored, AliceKey);
        again.AssertNoSecret(stored, AliceKey);
    }

    [Fact]
    public void An_existing_secret_is_not_overwritten_without_Force_and_no_key_is_made()
    {
        StandInVaults.Seed(LocalVault, "wandb", "old-value-kept-in-the-vault-0123456789abcdef");
        ConnectAlice();
        var refused = Ps.Run("New-WandbApiKey -Name second -Vault Local -SecretName wandb");
        var error = refused.SingleError();
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.StartsWith("WandbSecretExists", error.FullyQualifiedErrorId);
        Assert.Contains("-Force", error.Exception.Message);
        Assert.Equal("old-value-kept-in-the-vault-0123456789abcdef", StandInVaults.PeekPlainText(LocalVault, "wandb"));
        Assert.Equal(new[] { "laptop" }, LiveKeyNames("alice"));
        Assert.Empty(Emulator.Requests.ForOperation("GenerateApiKey"));

        var forced = Ps.Run("New-WandbApiKey -Name second -Vault Local -SecretName wandb -Force");
        Assert.Empty(forced.AllErrors);
        var stored = StandInVaults.PeekPlainText(LocalVault, "wandb")!;
        Assert.True(Emulator.State.IsLive(stored));
        forced.AssertNoSecret(stored, AliceKey);
    }

    [Fact]
    public void Vault_write_failure_deletes_the_new_key_on_the_server()
    {
        ConnectAlice();
        StandInVaults.BeforeOperation = op => op.Kind == VaultOperationKind.Set ? new InvalidOperationException("The vault is locked.") : null;
        var result = Ps.Run("New-WandbApiKey -Name doomed -Vault Local -SecretName wandb-doomed");
        var error = result.SingleError();
        Assert.Equal(ErrorCategory.WriteError, error.CategoryInfo.Category);
        Assert.StartsWith("WandbKeyNotStored", error.FullyQualifiedErrorId);
        Assert.Contains("The vault is locked", error.Exception.Message);
        Assert.Contains("deleted on W&B again", error.Exception.Message);
        Assert.Empty(result.Output);
        Assert.Equal(new[] { "laptop" }, LiveKeyNames("alice"));
        Assert.Single(Emulator.Requests.ForOperation("GenerateApiKey"));
        Assert.Single(Emulator.Requests.ForOperation("DeleteApiKey"));
        Assert.False(StandInVaults.Contains(LocalVault, "wandb-doomed"));
        result.AssertNoSecret(AliceKey);
    }

    [Fact]
    public void A_vault_that_commits_and_then_reports_failure_keeps_the_key()
    {
        ConnectAlice();
        StandInVaults.AfterOperation = op => op.Kind == VaultOperationKind.Set ? new IOException("The reply was lost.") : null;
        var result = Ps.Run("New-WandbApiKey -Name kept -Vault Local -SecretName wandb-kept");
        Assert.Empty(result.AllErrors);
        var stored = StandInVaults.PeekPlainText(LocalVault, "wandb-kept")!;
        Assert.True(Emulator.State.IsLive(stored));
        Assert.Contains(result.Warnings, w => w.Contains("holds the new key"));
        Assert.Empty(Emulator.Requests.ForOperation("DeleteApiKey"));
        result.AssertNoSecret(stored, AliceKey);
    }

    [Fact]
    public void Lost_create_answer_leaves_no_orphan_key()
    {
        ConnectAlice();
        Emulator.Faults.Enqueue(Fault.CommitThenLoseResponse(), "GenerateApiKey");
        var result = Ps.Run("New-WandbApiKey -Name lost -Vault Local -SecretName wandb-lost");
        var error = result.SingleError();
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.StartsWith("WandbCreateAnswerLost", error.FullyQualifiedErrorId);
        Assert.Contains("deleted again", error.Exception.Message);
        // Created on the server, never received, deleted: never sent twice.
        Assert.Single(Emulator.Requests.ForOperation("GenerateApiKey"));
        Assert.Single(Emulator.Requests.ForOperation("DeleteApiKey"));
        Assert.Equal(new[] { "laptop" }, LiveKeyNames("alice"));
        Assert.False(StandInVaults.Contains(LocalVault, "wandb-lost"));
        result.AssertNoSecret(AliceKey);
    }

    [Fact]
    public void Lost_create_request_that_never_ran_reports_that_nothing_was_made()
    {
        ConnectAlice();
        Emulator.Faults.Enqueue(Fault.Drop(), "GenerateApiKey");
        var result = Ps.Run("New-WandbApiKey -Name dropped");
        var error = result.SingleError();
        Assert.StartsWith("WandbCreateAnswerLost", error.FullyQualifiedErrorId);
        Assert.Contains("did not create a key", error.Exception.Message);
        Assert.Single(Emulator.Requests.ForOperation("GenerateApiKey"));
        Assert.Empty(Emulator.Requests.ForOperation("DeleteApiKey"));
        Assert.Equal(new[] { "laptop" }, LiveKeyNames("alice"));
        result.AssertNoSecret(AliceKey);
    }

    [Fact]
    public void Lost_answer_does_not_touch_a_key_of_the_same_name_made_earlier()
    {
        ConnectAlice();
        var earlier = Emulator.State.IssueKey("alice", "twin");
        Emulator.Faults.Enqueue(Fault.CommitThenLoseResponse(), "GenerateApiKey");
        var result = Ps.Run("New-WandbApiKey -Name twin");
        Assert.StartsWith("WandbCreateAnswerLost", result.SingleError().FullyQualifiedErrorId);
        Assert.True(Emulator.State.IsLive(earlier));
        Assert.Equal(new[] { "laptop", "twin" }, LiveKeyNames("alice"));
        result.AssertNoSecret(AliceKey, earlier);
    }

    [Fact]
    public void A_created_key_piped_to_Remove_is_deleted_by_its_node_id()
    {
        ConnectAlice();
        var result = Ps.Run("New-WandbApiKey -Name throwaway | Remove-WandbApiKey -Force");
        Assert.Empty(result.AllErrors);
        Assert.Equal(new[] { "laptop" }, LiveKeyNames("alice"));
        // The object carries the node id: no second listing to look the key ID up.
        Assert.Single(Emulator.Requests.ForOperation("DeleteApiKey"));
        Assert.Equal(2, Emulator.Requests.ForOperation("ListViewerKeys").Count);   // before and after generateApiKey
        result.AssertNoSecret(AliceKey);
    }

    [Fact]
    public void A_stored_created_key_piped_to_Invoke_WandbKeyRotation_rotates_its_secret()
    {
        ConnectAlice();
        var result = Ps.Run("New-WandbApiKey -Name ci -Vault Local -SecretName WandbCi | Invoke-WandbKeyRotation -Confirm:$false");
        Assert.Empty(result.AllErrors);
        var rotation = result.Single();
        Assert.Equal("WandbAuth.RotationResult", rotation.TypeNames[0]);
        Assert.Equal(("WandbCi", "Local", "Completed"), (Str(rotation, "SecretName"), Str(rotation, "Vault"), Str(rotation, "Status")));
        var stored = StandInVaults.PeekPlainText(LocalVault, "WandbCi")!;
        Assert.True(Emulator.State.IsLive(stored));
        Assert.Equal(2, Emulator.State.Keys("alice").Count);   // laptop and the rotated key; the created one is gone
        result.AssertNoSecret(AliceKey, stored);
    }

    [Theory]
    [InlineData("'x' * 1MB", "1048576 characters")]
    [InlineData("'x' * 129", "at most 128")]
    [InlineData("\"ring`a\"", "U+0007")]
    [InlineData("\"nul`0\"", "U+0000")]
    [InlineData("\"`e[31mred\"", "U+001B")]
    [InlineData("\"two`nlines\"", "U+000A")]
    public void Names_too_long_or_with_control_characters_are_refused_before_anything_is_created(string nameExpression, string reason)
    {
        ConnectAlice();
        Emulator.Requests.Clear();
        var result = Ps.Run($"New-WandbApiKey -Name ({nameExpression}) -Vault Local -SecretName WandbOdd");
        var error = result.SingleError();
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.StartsWith("WandbInvalidArgument", error.FullyQualifiedErrorId);
        Assert.Contains(reason, error.Exception.Message);
        Assert.Contains("No key was created", error.Exception.Message);
        Assert.Empty(result.Output);
        Assert.Empty(Emulator.Requests.All);
        Assert.Equal(new[] { "laptop" }, LiveKeyNames("alice"));
        Assert.False(StandInVaults.Contains(LocalVault, "WandbOdd"));
    }

    [Fact]
    public void A_name_of_128_visible_characters_is_created()
    {
        ConnectAlice();
        var result = Ps.Run("New-WandbApiKey -Name ('n' * 128)");
        Assert.Empty(result.AllErrors);
        Assert.Contains(new string('n', 128), LiveKeyNames("alice"));
    }

    [Fact]
    public void WhatIf_creates_nothing()
    {
        ConnectAlice();
        var result = Ps.Run("New-WandbApiKey -Name maybe -Vault Local -SecretName wandb-maybe -WhatIf");
        Assert.Empty(result.AllErrors);
        Assert.Empty(result.Output);
        Assert.Contains("What if", result.HostText);
        Assert.Empty(Emulator.Requests.ForOperation("GenerateApiKey"));
        Assert.Equal(new[] { "laptop" }, LiveKeyNames("alice"));
        Assert.False(StandInVaults.Contains(LocalVault, "wandb-maybe"));
    }

    [Fact]
    public void Connection_parameter_creates_the_key_for_that_identity()
    {
        var bobKey = AddUserWithKey("bob");
        ConnectWith(bobKey, "Bob");
        ConnectAlice();
        var result = Ps.Run("New-WandbApiKey -Name bobs -Connection $Bob");
        Assert.Empty(result.AllErrors);
        Assert.Equal("bob", Str(result.Single(), "Owner"));
        Assert.Equal(new[] { "bobs", "main" }, LiveKeyNames("bob"));
        Assert.Equal(new[] { "laptop" }, LiveKeyNames("alice"));
        result.AssertNoSecret(bobKey, AliceKey, Plain((SecureString)Prop(result.Single(), "Key")!));
    }

    [Theory]
    [InlineData("New-WandbApiKey -Name x")]
    [InlineData("Get-WandbApiKey")]
    [InlineData("Remove-WandbApiKey -KeyId x -Force")]
    public void Key_cmdlets_without_a_connection_say_how_to_connect(string script)
    {
        var error = Ps.Run(script).SingleError();
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.StartsWith("WandbNotConnected", error.FullyQualifiedErrorId);
        Assert.Contains("Connect-Wandb", error.Exception.Message);
    }
}
