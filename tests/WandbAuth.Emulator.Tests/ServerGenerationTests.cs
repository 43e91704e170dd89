using System.Net;
using System.Text.Json;
using WandbAuth.Emulator.Tests.Support;

namespace WandbAuth.Emulator.Tests;

/// <summary>
/// The switches that make the emulator behave like each W&amp;B server generation the public SDK and docs describe:
/// client gating (wandb PR #12009), what a listing's name holds (PRs #11271, #11663), error codes, key creation
/// turned off by an organization.
/// </summary>
public class ServerGenerationTests
{
    private static readonly Document ViewerIdOnly = new("ViewerId", "query ViewerId { viewer { id username } }");

    private static readonly Document KeysThroughFragment = new("KeysThroughFragment", """
        query KeysThroughFragment { viewer { ...Keys } }
        fragment Keys on User { apiKeys { edges { node { id } } } }
        """);

    [Theory]
    [InlineData("wandb-core", 401)]
    [InlineData("WandbAuth/0.1.0", 200)]
    [InlineData(null, 401)]
    public async Task ApiKeys_from_an_unrecognised_client_are_refused_whole_with_relogin_required(string? userAgent, int status)
    {
        await using var org = await Seeded.StartAsync(new EmulatorOptions { UnrecognisedClientStatus = status });
        using var client = new ApiClient(org.Emulator, userAgent);

        var response = await client.SendAsync(Documents.GetViewer, org.BobKey);

        Assert.Equal((HttpStatusCode)status, response.Status);
        Assert.Equal(["relogin required"], response.ErrorMessages);
        Assert.Equal(JsonValueKind.Null, response.Data.ValueKind);
    }

    [Fact]
    public async Task ApiKeys_selected_through_a_fragment_are_gated_too()
    {
        await using var org = await Seeded.StartAsync();
        using var client = new ApiClient(org.Emulator, "wandb-core");

        var response = await client.SendAsync(KeysThroughFragment, org.BobKey);

        Assert.Equal(["relogin required"], response.ErrorMessages);
    }

    [Fact]
    public async Task Requests_without_apiKeys_are_served_to_any_client()
    {
        await using var org = await Seeded.StartAsync();
        using var client = new ApiClient(org.Emulator, "wandb-core");

        var response = await client.SendAsync(ViewerIdOnly, org.BobKey);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("bob", response.Data.GetProperty("viewer").GetProperty("username").GetString());
    }

    [Fact]
    public async Task The_sdk_user_agent_gets_apiKeys_and_the_gate_can_be_switched_off()
    {
        await using var org = await Seeded.StartAsync();
        using var other = new ApiClient(org.Emulator, "wandb-core");

        var recognised = await org.Client.SendAsync(Documents.GetViewer, org.BobKey);
        org.Emulator.Options.RequireFirstPartyClient = false;
        var ungated = await other.SendAsync(Documents.GetViewer, org.BobKey);

        Assert.Empty(recognised.ErrorMessages);
        Assert.Empty(ungated.ErrorMessages);
        Assert.Single(ungated.Data.GetProperty("viewer").GetProperty("apiKeys").Nodes());
    }

    [Theory]
    [InlineData(ListingNames.PrefixedKeyId, KeyFormat.V1, "wandb_v1_{id}")]
    [InlineData(ListingNames.BareKeyId, KeyFormat.V1, "{id}")]
    [InlineData(ListingNames.FullSecret, KeyFormat.V1, "{secret}")]
    [InlineData(ListingNames.PrefixedKeyId, KeyFormat.Legacy40, "{id}")]
    [InlineData(ListingNames.FullSecret, KeyFormat.Legacy40, "{secret}")]
    [InlineData(ListingNames.FullSecret, KeyFormat.SelfManaged, "{secret}")]
    public async Task A_listings_name_is_what_each_server_generation_shows(ListingNames names, KeyFormat format, string expected)
    {
        await using var org = await Seeded.StartAsync(new EmulatorOptions { ListingNames = names });
        var secret = org.State.IssueKey("bob", "second", format);
        var keyId = org.State.Keys("bob")[1].KeyId;

        var response = await org.Client.SendAsync(Documents.GetViewer, secret);

        var listed = response.Data.GetProperty("viewer").GetProperty("apiKeys").Nodes()[1].GetProperty("name").GetString();
        Assert.Equal(expected.Replace("{id}", keyId).Replace("{secret}", secret), listed);
    }

    [Fact]
    public async Task A_bad_key_is_refused_with_401_user_is_not_logged_in_and_PERMISSION_ERROR()
    {
        await using var org = await Seeded.StartAsync();

        var response = await org.Client.SendAsync(Documents.GetViewer, "wandb_v1_" + new string('x', 27) + "_" + new string('y', 49));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        var error = Assert.Single(response.Json.GetProperty("errors").EnumerateArray());
        Assert.Equal("user is not logged in", error.GetProperty("message").GetString());
        Assert.Equal("PERMISSION_ERROR", error.GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Permission_errors_carry_the_PERMISSION_ERROR_code()
    {
        await using var org = await Seeded.StartAsync();

        var response = await org.Client.SendAsync(Documents.SearchUsers, org.BobKey, new { query = "" });

        var error = Assert.Single(response.Json.GetProperty("errors").EnumerateArray());
        Assert.Equal("permission denied", error.GetProperty("message").GetString());
        Assert.Equal("PERMISSION_ERROR", error.GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_organization_that_disabled_key_creation_refuses_generateApiKey_and_creates_nothing()
    {
        await using var org = await Seeded.StartAsync(new EmulatorOptions { KeyCreationDisabled = true });

        var response = await org.Client.SendAsync(Documents.GenerateApiKey, org.BobKey, new { description = "x" });

        Assert.Equal(["API key creation has been disabled by your organization administrator"], response.ErrorMessages);
        Assert.Single(org.State.Keys("bob"));
    }

    [Fact]
    public async Task Stalled_body_sends_headers_and_the_first_bytes_then_nothing()
    {
        await using var org = await Seeded.StartAsync();
        org.Emulator.Faults.Enqueue(Fault.StallBody());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("{\"query\":\"{ viewer { id } }\"}") };

        using var response = await org.Client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64];
        int first = await body.ReadAsync(buffer);
        using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var next = body.ReadAsync(buffer, quiet.Token).AsTask();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(first > 0);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
    }

    [Fact]
    public async Task Oversized_answer_is_well_formed_json_of_at_least_the_size_asked()
    {
        await using var org = await Seeded.StartAsync();
        org.Emulator.Faults.Enqueue(Fault.Oversized(2 * 1024 * 1024));

        var response = await org.Client.SendAsync(Documents.GetViewer, org.BobKey);

        Assert.True(response.Text.Length >= 2 * 1024 * 1024);
        Assert.Equal(JsonValueKind.Null, response.Data.GetProperty("viewer").ValueKind);
    }
}
