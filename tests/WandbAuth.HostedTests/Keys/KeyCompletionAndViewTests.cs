using System.Management.Automation;
using SecretManagement.StandIn;
using WandbAuth.HostedTests.Harness;

namespace WandbAuth.HostedTests.Keys;

/// <summary>Tab completion of -KeyId, -Vault and -SecretName, and the table view of keys.</summary>
public class KeyCompletionAndViewTests : KeyTest
{
    private List<(string Text, string Tooltip)> Complete(string input)
    {
        Ps.SetVariable("CompletionInput", input);
        var result = Ps.Run("(TabExpansion2 -inputScript $CompletionInput -cursorColumn $CompletionInput.Length).CompletionMatches");
        Assert.Empty(result.AllErrors);
        return result.Output.Select(o => ((CompletionResult)o.BaseObject)).Select(c => (c.CompletionText, c.ToolTip)).ToList();
    }

    [Fact]
    public void KeyId_completion_lists_key_ids_with_names()
    {
        var ci = Emulator.State.IssueKey("alice", "ci pipeline");
        ConnectAlice();
        var all = Complete("Remove-WandbApiKey -KeyId ");
        Assert.Equal(new[] { KeyIdOf(AliceKey), KeyIdOf(ci) }.OrderBy(k => k, StringComparer.Ordinal).ToArray(),
                     all.Select(c => c.Text).OrderBy(k => k, StringComparer.Ordinal).ToArray());
        Assert.Equal("ci pipeline", all.Single(c => c.Text == KeyIdOf(ci)).Tooltip);
        Assert.Equal("laptop (this session's key)", all.Single(c => c.Text == KeyIdOf(AliceKey)).Tooltip);

        var one = Complete("Get-WandbApiKey -KeyId " + KeyIdOf(ci)[..15]);
        Assert.Equal(KeyIdOf(ci), Assert.Single(one).Text);
    }

    [Fact]
    public void KeyId_completion_follows_the_Connection_and_User_typed()
    {
        var adminKey = AddUserWithKey("root", admin: true, keyName: "console");
        var bobKey = AddUserWithKey("bob", keyName: "bobs-laptop");
        ConnectWith(adminKey, "Root");
        ConnectAlice();
        var viaConnection = Complete("Remove-WandbApiKey -Connection $Root -KeyId ");
        Assert.Equal(new[] { KeyIdOf(adminKey) }, viaConnection.Select(c => c.Text));
        var ofBob = Complete("Remove-WandbApiKey -Connection $Root -User bob -KeyId ");
        Assert.Equal(("bobs-laptop"), Assert.Single(ofBob).Tooltip);
        Assert.Equal(KeyIdOf(bobKey), ofBob[0].Text);
    }

    [Fact]
    public void KeyId_completion_without_a_connection_offers_nothing_and_fails_nothing()
    {
        Assert.Empty(Complete("Remove-WandbApiKey -KeyId "));
    }

    [Fact]
    public void Vault_and_SecretName_complete_on_New_WandbApiKey()
    {
        StandInVaults.Register("Team", VaultKind.AzureKeyVaultLike);
        StandInVaults.Seed("Team", "wandb-ci", "x");
        StandInVaults.Seed("Team", "wandb-nightly", "y");
        ConnectAlice();
        Assert.Equal(new[] { "Local", "Team" }, Complete("New-WandbApiKey ci -Vault ").Select(c => c.Text));
        Assert.Equal(new[] { "wandb-ci", "wandb-nightly" }, Complete("New-WandbApiKey ci -Vault Team -SecretName wandb-").Select(c => c.Text));
    }

    [Fact]
    public void Table_view_shows_key_ids_names_dates_under_their_owner_and_marks_the_current_key()
    {
        var ci = Emulator.State.IssueKey("alice", "ci pipeline");
        ConnectAlice();
        var result = Ps.Run("Get-WandbApiKey | Out-Host");
        Assert.Empty(result.AllErrors);
        var lines = result.HostText.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        Assert.Single(lines, l => l.Trim() == "Owner: alice");
        var header = lines.First(l => l.Contains("KeyId"));
        foreach (var column in new[] { "KeyId", "Name", "Created", "Last used" }) Assert.Contains(column, header);
        var current = lines.Single(l => l.Contains(KeyIdOf(AliceKey)));
        var other = lines.Single(l => l.Contains(KeyIdOf(ci)));
        Assert.StartsWith("*", current);
        Assert.False(other.StartsWith("*"));
        Assert.Contains("laptop", current);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(current, @"\d{4}-\d{2}-\d{2}").Count);   // created, last used
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(other, @"\d{4}-\d{2}-\d{2}"));     // never used
        result.AssertNoSecret(AliceKey, ci);
    }
}
