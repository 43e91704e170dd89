using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using WandbAuth.Emulator.Tests.Support;

namespace WandbAuth.Emulator.Tests;

public class AuthenticationTests
{
    [Fact]
    public async Task Basic_auth_with_user_api_and_the_key_as_password_identifies_the_caller()
    {
        await using var org = await Seeded.StartAsync();
        var header = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("api:" + org.AliceKey)));

        var response = await org.Client.SendAsync(Documents.GetViewer, key: null, authorization: header);

        Assert.Equal("alice", response.Data.GetProperty("viewer").GetProperty("username").GetString());
    }

    [Theory]
    [InlineData("user")]
    [InlineData("")]
    public async Task Basic_auth_with_another_user_name_is_rejected(string user)
    {
        await using var org = await Seeded.StartAsync();
        var header = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{org.AliceKey}")));

        var response = await org.Client.SendAsync(Documents.GetViewer, key: null, authorization: header);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }

    [Fact]
    public async Task Bearer_token_is_not_a_way_to_send_an_api_key()
    {
        await using var org = await Seeded.StartAsync();

        var response = await org.Client.SendAsync(Documents.GetViewer, key: null,
            authorization: new AuthenticationHeaderValue("Bearer", org.AliceKey));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }

    [Fact]
    public async Task Missing_unknown_and_revoked_keys_get_401_user_is_not_logged_in()
    {
        await using var org = await Seeded.StartAsync();
        org.State.RevokeAll("bob");

        var missing = await org.Client.SendAsync(Documents.GetViewer, key: null);
        var unknown = await org.Client.SendAsync(Documents.GetViewer, "wandb_v1_" + new string('x', 77));
        var revoked = await org.Client.SendAsync(Documents.GetViewer, org.BobKey);

        Assert.All([missing, unknown, revoked], response =>
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
            Assert.Equal("user is not logged in", Assert.Single(response.ErrorMessages));
        });
    }

    [Fact]
    public async Task Key_with_a_trailing_newline_is_a_different_key()
    {
        await using var org = await Seeded.StartAsync();

        var response = await org.Client.SendAsync(Documents.GetViewer, org.AliceKey + "\n");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }

    [Fact]
    public async Task NullViewer_mode_answers_200_with_a_null_viewer_for_a_bad_key()
    {
        await using var org = await Seeded.StartAsync(new EmulatorOptions { RejectMode = BadKeyRejection.NullViewer });

        var response = await org.Client.SendAsync(Documents.GetViewer, "0123456789abcdef0123456789abcdef01234567");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Empty(response.ErrorMessages);
        Assert.Equal(JsonValueKind.Null, response.Data.GetProperty("viewer").ValueKind);
    }

    [Fact]
    public async Task NullViewer_mode_turns_every_other_field_into_a_permission_error()
    {
        await using var org = await Seeded.StartAsync(new EmulatorOptions { RejectMode = BadKeyRejection.NullViewer });

        var generate = await org.Client.SendAsync(Documents.GenerateApiKey, key: null, new { description = "x" });
        var entity = await org.Client.SendAsync(Documents.GetTeamEntity, key: null, new { name = "ml" });

        Assert.Equal(HttpStatusCode.OK, generate.Status);
        Assert.Equal("permission denied", Assert.Single(generate.ErrorMessages));
        Assert.Equal("generateApiKey", generate.Json.GetProperty("errors")[0].GetProperty("path")[0].GetString());
        Assert.Equal(JsonValueKind.Null, generate.Data.GetProperty("generateApiKey").ValueKind);
        Assert.Equal("permission denied", Assert.Single(entity.ErrorMessages));
        Assert.Equal(3, org.State.Keys().Count);
    }

    [Fact]
    public async Task Reject_mode_can_be_switched_while_running()
    {
        await using var org = await Seeded.StartAsync();

        var before = await org.Client.SendAsync(Documents.GetViewer, key: null);
        org.Emulator.Options.RejectMode = BadKeyRejection.NullViewer;
        var after = await org.Client.SendAsync(Documents.GetViewer, key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, before.Status);
        Assert.Equal(HttpStatusCode.OK, after.Status);
    }

    [Fact]
    public async Task Authenticated_request_stamps_the_keys_last_used_time()
    {
        await using var org = await Seeded.StartAsync();
        Assert.Null(org.State.Keys("alice")[0].LastUsedAt);
        var before = DateTimeOffset.UtcNow;

        await org.Client.SendAsync(Documents.GetViewer, org.AliceKey);

        Assert.InRange(org.State.Keys("alice")[0].LastUsedAt!.Value, before, DateTimeOffset.UtcNow);
        Assert.Null(org.State.Keys("bob")[0].LastUsedAt);
    }

    [Fact]
    public async Task UserByKey_and_IsLive_recognise_only_live_full_keys()
    {
        await using var org = await Seeded.StartAsync();
        var keyId = org.State.Keys("alice")[0].KeyId;

        Assert.Equal("alice", org.State.UserByKey(org.AliceKey)?.Username);
        Assert.Null(org.State.UserByKey(keyId));
        Assert.True(org.State.Revoke(keyId));
        Assert.False(org.State.IsLive(org.AliceKey));
        Assert.Null(org.State.UserByKey(org.AliceKey));
    }
}
