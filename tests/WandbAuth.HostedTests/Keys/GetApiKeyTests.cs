using System.Management.Automation;
using WandbAuth.Emulator;
using WandbAuth.HostedTests.Harness;

namespace WandbAuth.HostedTests.Keys;

/// <summary>Get-WandbApiKey on one's own keys: key IDs, names, dates when the server has them, filters, no secret.</summary>
public class GetApiKeyTests : KeyTest
{
    /// <summary>A clock tests can move, so keys can be made to look old.</summary>
    private sealed class MovableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Lists_own_keys_by_key_id_with_name_owner_dates_and_the_current_key_marked()
    {
        var ci = Emulator.State.IssueKey("alice", "ci");
        ConnectAlice();
        var result = Ps.Run("Get-WandbApiKey");
        Assert.Empty(result.AllErrors);
        Assert.Equal(2, result.Output.Count);
        var laptop = result.Output.Single(o => Str(o, "Name") == "laptop");
        var other = result.Output.Single(o => Str(o, "Name") == "ci");
        Assert.Equal("WandbAuth.ApiKey", laptop.TypeNames[0]);
        Assert.Equal(KeyIdOf(AliceKey), Str(laptop, "KeyId"));
        Assert.Equal(KeyIdOf(ci), Str(other, "KeyId"));
        Assert.True((bool)Prop(laptop, "IsCurrent")!);
        Assert.False((bool)Prop(other, "IsCurrent")!);
        Assert.Equal("alice", Str(laptop, "Owner"));
        Assert.Equal("User", Str(laptop, "OwnerType"));
        Assert.Equal(Emulator.State.Keys("alice").Single(k => k.Description == "laptop").Id, Str(laptop, "Id"));
        Assert.IsType<DateTime>(Prop(laptop, "CreatedAt"));
        Assert.IsType<DateTime>(Prop(laptop, "LastUsedAt"));   // the connection just used it
        Assert.Null(Prop(other, "LastUsedAt"));                 // never used
        // A listed key is not a created one: nothing it cannot know (a secret, where it is stored) is on it.
        foreach (var unknowable in new[] { "Key", "Vault", "SecretName" }) Assert.Null(laptop.Properties[unknowable]);
        Assert.Equal(Emulator.BaseUrl, Prop(laptop, "BaseUrl"));
        result.AssertNoSecret(AliceKey, ci);
    }

    [Fact]
    public void Listing_without_timestamp_fields_gives_null_dates()
    {
        Emulator.Options.ApiKeyTimestampFields = false;
        ConnectAlice();
        var result = Ps.Run("Get-WandbApiKey");
        Assert.Empty(result.AllErrors);
        var key = result.Single();
        Assert.Equal(KeyIdOf(AliceKey), Str(key, "KeyId"));
        Assert.Null(Prop(key, "CreatedAt"));
        Assert.Null(Prop(key, "LastUsedAt"));
        // No document asked for a field the server lacks (it would have answered 400).
        Assert.DoesNotContain(Emulator.Requests.All, r => r.StatusCode == 400);
        result.AssertNoSecret(AliceKey);
    }

    [Fact]
    public void Introspection_is_asked_once_per_connection()
    {
        ConnectAlice();
        for (int i = 0; i < 3; i++) Assert.Empty(Ps.Run("Get-WandbApiKey").AllErrors);
        Assert.Single(Emulator.Requests.ForOperation("DiscoverFields"));
        Assert.Equal(3, Emulator.Requests.ForOperation("ListViewerKeys").Count);
    }

    [Fact]
    public void Name_KeyId_and_Search_filter_like_the_settings_page()
    {
        var prod = Emulator.State.IssueKey("alice", "ci-prod");
        var staging = Emulator.State.IssueKey("alice", "ci-staging");
        ConnectAlice();
        string[] Names(string script)
        {
            var r = Ps.Run(script);
            Assert.Empty(r.AllErrors);
            r.AssertNoSecret(AliceKey, prod, staging);
            return Column(r, "Name").OrderBy(n => n).ToArray();
        }

        Assert.Equal(new[] { "ci-prod", "ci-staging" }, Names("Get-WandbApiKey 'CI-*'"));
        Assert.Equal(new[] { "laptop" }, Names("Get-WandbApiKey -Name laptop"));
        Ps.SetVariable("ProdId", KeyIdOf(prod));
        Ps.SetVariable("StagingStart", KeyIdOf(staging)[..14] + "*");
        Assert.Equal(new[] { "ci-prod" }, Names("Get-WandbApiKey -KeyId $ProdId"));
        Assert.Equal(new[] { "ci-prod", "ci-staging" }, Names("Get-WandbApiKey -KeyId $ProdId, $StagingStart"));
        Assert.Equal(new[] { "ci-staging" }, Names("Get-WandbApiKey -Search STAG"));
        Ps.SetVariable("IdPart", KeyIdOf(prod).Substring(10, 8));
        Assert.Equal(new[] { "ci-prod" }, Names("Get-WandbApiKey -Search $IdPart"));
        Assert.Equal(new[] { "ci-prod", "ci-staging", "laptop" }, Names("Get-WandbApiKey -Search LIC"));   // owner alice
        Assert.Empty(Names("Get-WandbApiKey -Search nothing-like-it"));
    }

    [Fact]
    public void NotUsedSince_and_CreatedBefore_find_stale_keys()
    {
        var clock = new MovableClock { Now = new DateTimeOffset(2024, 1, 15, 12, 0, 0, TimeSpan.Zero) };
        Emulator.Options.Clock = clock;
        var old = Emulator.State.IssueKey("alice", "forgotten");
        clock.Now = DateTimeOffset.UtcNow;
        ConnectAlice();
        Ps.SetVariable("Cutoff", DateTime.Now.AddDays(-30));

        var unused = Ps.Run("Get-WandbApiKey -NotUsedSince $Cutoff");
        Assert.Empty(unused.AllErrors);
        Assert.Equal(new[] { "forgotten" }, Column(unused, "Name"));
        var created = Ps.Run("Get-WandbApiKey -CreatedBefore $Cutoff");
        Assert.Equal(new[] { "forgotten" }, Column(created, "Name"));
        Assert.Equal(new DateTime(2024, 1, 15, 12, 0, 0, DateTimeKind.Utc), ((DateTime)Prop(created.Single(), "CreatedAt")!).ToUniversalTime());
        unused.AssertNoSecret(AliceKey, old);
        created.AssertNoSecret(AliceKey, old);
    }

    [Fact]
    public void Date_filters_on_a_server_without_timestamps_fail_instead_of_guessing()
    {
        Emulator.Options.ApiKeyTimestampFields = false;
        ConnectAlice();
        Ps.SetVariable("Cutoff", DateTime.Now.AddDays(-30));
        var result = Ps.Run("Get-WandbApiKey -NotUsedSince $Cutoff");
        var error = result.SingleError();
        Assert.Equal(ErrorCategory.NotImplemented, error.CategoryInfo.Category);
        Assert.StartsWith("WandbFilterUnsupported", error.FullyQualifiedErrorId);
        Assert.Contains("last used", error.Exception.Message);
        Assert.Empty(result.Output);
        Assert.StartsWith("WandbFilterUnsupported", Ps.Run("Get-WandbApiKey -CreatedBefore $Cutoff").SingleError().FullyQualifiedErrorId);
    }

    [Fact]
    public void Connection_parameter_lists_another_identitys_keys_beside_the_current_one()
    {
        var bobKey = AddUserWithKey("bob", keyName: "bobs-laptop");
        ConnectWith(bobKey, "Bob");
        ConnectAlice();
        var mine = Ps.Run("Get-WandbApiKey");
        var his = Ps.Run("Get-WandbApiKey -Connection $Bob");
        Assert.Equal(new[] { "laptop" }, Column(mine, "Name"));
        Assert.Equal(new[] { "bobs-laptop" }, Column(his, "Name"));
        Assert.True((bool)Prop(his.Single(), "IsCurrent")!);
        his.AssertNoSecret(bobKey, AliceKey);
    }

    [Fact]
    public void A_rejected_key_is_an_authentication_error_without_the_key()
    {
        ConnectAlice();
        Emulator.State.RevokeAll("alice");
        var result = Ps.Run("Get-WandbApiKey");
        var error = result.SingleError();
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        result.AssertNoSecret(AliceKey);
    }
}
