using System.Management.Automation;
using SecretManagement.StandIn;
using WandbAuth.Emulator;
using WandbAuth.HostedTests.Harness;

namespace WandbAuth.HostedTests.Compatibility;

/// <summary>
/// W&amp;B's answers a user can act on, each with its own error id and category, in words about what the user asked
/// for (never an operation's name): "relogin required" for an unrecognised client (wandb PR #12009), key creation
/// turned off by an organization, extensions.code, plain {"error": ...} bodies, and a key ID that is not there.
/// </summary>
public class ServerAnswerTests : HostedTest
{
    private static readonly string[] OperationNames = { "ListViewerKeys", "DiscoverFields", "GetViewer", "GenerateApiKey", "SearchUsers" };

    private static void AssertSaysWhatTheUserAskedFor(ErrorRecord error, string purpose)
    {
        Assert.Contains(purpose, error.Exception.Message);
        foreach (var name in OperationNames) Assert.DoesNotContain(name, error.Exception.Message);
    }

    [Fact]
    public void The_module_is_served_api_keys_by_a_server_that_gates_them_on_the_client()
    {
        Emulator.Options.RequireFirstPartyClient = true;
        ConnectAlice();

        var r = Ps.Run("Get-WandbApiKey");

        Assert.Empty(r.AllErrors);
        Assert.Single(r.Output);
        Assert.All(Emulator.Requests.All, q => Assert.StartsWith("W&B Public Client ", q.UserAgent));
    }

    [Theory]
    [InlineData(401)]
    [InlineData(200)]
    public void Relogin_required_is_a_clear_error_about_the_client_not_the_key(int status)
    {
        ConnectAlice();
        Emulator.Faults.Enqueue(status == 200
            ? Fault.GraphQLError("relogin required")
            : Fault.Status(401, body: "{\"errors\":[{\"message\":\"relogin required\"}]}"), "ListViewerKeys");

        var r = Ps.Run("Get-WandbApiKey");

        var error = r.SingleError();
        Assert.StartsWith("WandbClientNotRecognized", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("relogin required", error.Exception.Message);
        Assert.Contains("User-Agent", error.Exception.Message);
        AssertSaysWhatTheUserAskedFor(error, "the request for your API keys");
        r.AssertNoSecret(AliceKey);
    }

    [Fact]
    public void Key_creation_disabled_by_the_organization_is_its_own_error_and_nothing_is_stored()
    {
        Emulator.Options.KeyCreationDisabled = true;
        ConnectAlice();

        var r = Ps.Run("New-WandbApiKey -Name ci -Vault Local -SecretName wandb-ci");

        var error = r.SingleError();
        Assert.StartsWith("WandbKeyCreationDisabled", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Contains("organization administrator", error.Exception.Message);
        AssertSaysWhatTheUserAskedFor(error, "the request to create an API key");
        Assert.Single(Emulator.State.Keys("alice"));
        Assert.False(StandInVaults.Contains(LocalVault, "wandb-ci"));
    }

    [Fact]
    public void Permission_error_code_on_an_admin_listing_is_PermissionDenied()
    {
        ConnectAlice();

        var r = Ps.Run("Get-WandbApiKey -All");

        var error = r.SingleError();
        Assert.StartsWith("WandbPermissionDenied", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Contains("PERMISSION_ERROR", error.Exception.Message);
        AssertSaysWhatTheUserAskedFor(error, "the request for users and their API keys");
    }

    [Fact]
    public void A_plain_error_body_is_reported_in_the_servers_words()
    {
        ConnectAlice();
        Emulator.Faults.Enqueue(Fault.Status(400, body: "{\"error\":\"request rejected by gateway policy\"}"), "ListViewerKeys");

        var r = Ps.Run("Get-WandbApiKey");

        var error = r.SingleError();
        Assert.Contains("request rejected by gateway policy", error.Exception.Message);
        Assert.Contains("HTTP 400", error.Exception.Message);
        AssertSaysWhatTheUserAskedFor(error, "the request for your API keys");
    }

    [Fact]
    public void A_failing_field_discovery_speaks_of_the_listing_it_was_for()
    {
        Ps.SetVariable("AliceSecure", Secure(AliceKey));
        Assert.Empty(Ps.Run("Connect-Wandb -ApiKey $AliceSecure -BaseUrl $BaseUrl").AllErrors);   // unverified: nothing discovered yet
        Emulator.Faults.Enqueue(Fault.Status(403, body: "{\"errors\":[{\"message\":\"forbidden by policy\"}]}"), "DiscoverFields");

        var r = Ps.Run("Get-WandbApiKey");

        var error = r.SingleError();
        Assert.StartsWith("WandbPermissionDenied", error.FullyQualifiedErrorId);
        AssertSaysWhatTheUserAskedFor(error, "the request for your API keys");
    }

    [Fact]
    public void An_exact_key_id_that_matches_nothing_is_ObjectNotFound_as_Get_Item_reports_a_missing_path()
    {
        ConnectAlice();
        var mine = Emulator.State.KeyIdOf(AliceKey)!;
        Ps.SetVariable("Mine", mine);

        var r = Ps.Run("Get-WandbApiKey -KeyId $Mine, 'nosuchkey', 'wandb_v1_missing', 'absent*'");

        Assert.Equal(new[] { mine }, r.Output.Select(o => (string)o.Properties["KeyId"].Value));
        Assert.Equal(2, r.Errors.Count);
        Assert.All(r.Errors, e =>
        {
            Assert.StartsWith("WandbKeyNotFound", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
        });
        Assert.Equal(new[] { "nosuchkey", "wandb_v1_missing" }, r.Errors.Select(e => (string)e.TargetObject));
    }

    [Fact]
    public void A_whole_key_given_as_a_key_id_is_refused_without_repeating_it()
    {
        ConnectAlice();
        Ps.SetVariable("Whole", AliceKey);

        var get = Ps.Run("Get-WandbApiKey -KeyId $Whole");
        var remove = Ps.Run("Remove-WandbApiKey -KeyId $Whole -Confirm:$false");

        Assert.StartsWith("WandbInvalidArgument", get.SingleError().FullyQualifiedErrorId);
        Assert.StartsWith("WandbInvalidArgument", remove.SingleError().FullyQualifiedErrorId);
        Assert.Contains("whole API key", get.SingleError().Exception.Message);
        Assert.True(Emulator.State.IsLive(AliceKey));
        get.AssertNoSecret(AliceKey);
        remove.AssertNoSecret(AliceKey);
    }
}
