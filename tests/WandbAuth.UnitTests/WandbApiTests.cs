using System.Net;
using System.Security;
using Newtonsoft.Json.Linq;
using WandbAuth.Api;
using WandbAuth.Credentials;
using WandbAuth.UnitTests.Support;
using Xunit;

namespace WandbAuth.UnitTests;

public class WandbApiTests
{
    private static readonly string Key = TestKeys.Current(401);

    private const string NoOptionalFields =
        "{\"data\":{\"apiKey\":{\"fields\":[{\"name\":\"id\"},{\"name\":\"name\"},{\"name\":\"description\"}]}," +
        "\"user\":{\"fields\":[{\"name\":\"id\"},{\"name\":\"username\"}]}}}";

    private const string AllOptionalFields =
        "{\"data\":{\"apiKey\":{\"fields\":[{\"name\":\"id\"},{\"name\":\"name\"},{\"name\":\"description\"},{\"name\":\"createdAt\"},{\"name\":\"lastUsedAt\"}]}," +
        "\"user\":{\"fields\":[{\"name\":\"id\"},{\"name\":\"username\"},{\"name\":\"accountType\"}]}}}";

    private static WandbApi Api(ScriptedHandler handler) => new(ApiFixture.Client(handler, Key), new SchemaFeatureCache());

    private static string Viewer(string keyNodes) =>
        "{\"data\":{\"viewer\":{\"id\":\"VXNlcjox\",\"name\":\"Ada\",\"username\":\"ada\",\"email\":\"ada@example.com\",\"admin\":false,\"entity\":\"ada-team\"," +
        "\"apiKeys\":{\"edges\":[" + keyNodes + "]}," +
        "\"teams\":{\"edges\":[{\"node\":{\"name\":\"ada-team\"}},{\"node\":{\"name\":\"research\"}}]}}}}";

    [Fact]
    public async Task Viewer_null_means_the_key_was_rejected()
    {
        var handler = new ScriptedHandler().Json(NoOptionalFields).Json("{\"data\":{\"viewer\":null}}");
        var e = await Assert.ThrowsAsync<WandbApiException>(() => Api(handler).GetViewerAsync(default));
        Assert.Equal(ApiErrorKind.KeyRejected, e.Kind);
        Assert.Contains("wandb.example.com answered with no viewer: the API key was rejected", e.Message);
        TestKeys.AssertNoKeyIn(e.Message, Key);
    }

    [Fact]
    public async Task Viewer_is_read_with_its_keys_and_teams()
    {
        var handler = new ScriptedHandler().Json(NoOptionalFields)
            .Json(Viewer("{\"node\":{\"id\":\"QXBpS2V5OjE=\",\"name\":\"wandb_v1_Ab12Cd34\",\"description\":\"laptop\"}}"));
        var viewer = await Api(handler).GetViewerAsync(default);
        Assert.Equal("ada", viewer.Username);
        Assert.Equal("ada-team", viewer.Entity);
        Assert.Equal(new[] { "ada-team", "research" }, viewer.Teams);
        var key = Assert.Single(viewer.ApiKeys);
        Assert.Equal("QXBpS2V5OjE=", key.Id);
        Assert.Equal("Ab12Cd34", key.KeyId);   // the one key ID form: without wandb_v1_
        Assert.Equal("laptop", key.Description);
        Assert.Null(key.CreatedAt);
        Assert.Null(key.LastUsedAt);
    }

    [Fact]
    public async Task Created_and_last_used_are_not_requested_when_introspection_does_not_list_them()
    {
        var handler = new ScriptedHandler().Json(NoOptionalFields).Json(Viewer(""));
        await Api(handler).GetViewerAsync(default);
        Assert.Equal(new[] { "DiscoverFields", "GetViewer" }, handler.Requests.Select(r => r.OperationName));
        var document = handler.Requests[1].Query;
        Assert.Contains("fragment ApiKeyFields on ApiKey", document);
        Assert.DoesNotContain("createdAt", document);
        Assert.DoesNotContain("lastUsedAt", document);
    }

    [Fact]
    public async Task Created_and_last_used_are_requested_and_read_when_introspection_lists_them()
    {
        var handler = new ScriptedHandler().Json(AllOptionalFields)
            .Json(Viewer("{\"node\":{\"id\":\"k1\",\"name\":\"wandb_v1_Ab12Cd34\",\"description\":\"ci\",\"createdAt\":\"2025-03-04T05:06:07Z\",\"lastUsedAt\":1741064767}}"));
        var viewer = await Api(handler).GetViewerAsync(default);
        var document = handler.Requests[1].Query;
        Assert.Contains("createdAt", document);
        Assert.Contains("lastUsedAt", document);
        var key = Assert.Single(viewer.ApiKeys);
        Assert.Equal(new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc), key.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, key.CreatedAt!.Value.Kind);
        Assert.Equal(new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc), key.LastUsedAt);
    }

    [Fact]
    public async Task Introspection_is_asked_once_per_connection()
    {
        var handler = new ScriptedHandler().Json(NoOptionalFields).Json(Viewer("")).Json(Viewer(""));
        var api = Api(handler);
        await api.GetViewerAsync(default);
        await api.GetViewerAsync(default);
        Assert.Equal(new[] { "DiscoverFields", "GetViewer", "GetViewer" }, handler.Requests.Select(r => r.OperationName));
    }

    [Fact]
    public async Task Account_type_is_requested_for_users_only_when_the_schema_has_it()
    {
        var users = "{\"data\":{\"users\":{\"edges\":[{\"node\":{\"id\":\"u1\",\"username\":\"svc\",\"email\":null,\"admin\":false,\"accountType\":\"SERVICE\",\"apiKeys\":{\"edges\":[]}}}]}}}";
        var with = new ScriptedHandler().Json(AllOptionalFields).Json(users);
        var found = await Api(with).SearchUsersAsync("svc", default);
        Assert.Contains("accountType", with.Requests[1].Query);
        Assert.Equal("SERVICE", Assert.Single(found).AccountType);

        var without = new ScriptedHandler().Json(NoOptionalFields).Json(users);
        found = await Api(without).SearchUsersAsync("svc", default);
        Assert.DoesNotContain("accountType", without.Requests[1].Query);
        Assert.Null(Assert.Single(found).AccountType);
    }

    [Fact]
    public async Task Generated_key_is_handed_back_only_as_a_SecureString()
    {
        var newKey = TestKeys.Current(402);
        var handler = new ScriptedHandler().Json(
            "{\"data\":{\"generateApiKey\":{\"apiKey\":{\"id\":\"QXBpS2V5OjI=\",\"name\":\"" + newKey + "\",\"description\":\"rotation\"}}}}");
        var created = await Api(handler).GenerateApiKeyAsync("rotation", default);

        Assert.Equal(newKey, SecretText.Reveal(created.Secret));
        Assert.Equal("QXBpS2V5OjI=", created.Id);
        Assert.Equal("rotation", created.Description);
        foreach (var property in typeof(NewApiKey).GetProperties())
        {
            var value = property.GetValue(created);
            Assert.True(value is SecureString || value is string, $"{property.Name} is a {value?.GetType()}");
            if (value is string text) TestKeys.AssertNoKeyIn(text, newKey);
        }
        Assert.Contains("\"description\":\"rotation\"", handler.Requests[0].Body);
        Assert.Equal("GenerateApiKey", handler.Requests[0].OperationName);
    }

    [Fact]
    public async Task Generated_key_pasted_back_with_whitespace_by_the_server_is_trimmed()
    {
        var newKey = TestKeys.Current(403);
        var handler = new ScriptedHandler().Json(
            "{\"data\":{\"generateApiKey\":{\"apiKey\":{\"id\":\"k\",\"name\":\"" + newKey + "\\n\",\"description\":\"d\"}}}}");
        var created = await Api(handler).GenerateApiKeyAsync("d", default);
        Assert.Equal(newKey, SecretText.Reveal(created.Secret));
    }

    [Fact]
    public async Task Generated_key_in_a_format_WandbAuth_does_not_know_is_still_handed_back_not_lost()
    {
        // The server made the key and shows it this once: refusing it over its shape would lose it for good.
        var newKey = "wandb_v2_" + TestKeys.Random(20, 404);
        var handler = new ScriptedHandler().Json(
            "{\"data\":{\"generateApiKey\":{\"apiKey\":{\"id\":\"k\",\"name\":\"" + newKey + "\",\"description\":\"d\"}}}}");
        var created = await Api(handler).GenerateApiKeyAsync("d", default);
        Assert.Equal(newKey, SecretText.Reveal(created.Secret));
    }

    [Fact]
    public async Task Generate_answer_without_the_secret_leaves_the_outcome_unknown_so_the_caller_looks_for_the_key()
    {
        // The server may have made a key whose secret this answer lost: callers must treat it as a lost answer.
        var handler = new ScriptedHandler().Json("{\"data\":{\"generateApiKey\":{\"apiKey\":{\"id\":\"k\",\"name\":null}}}}");
        var e = await Assert.ThrowsAsync<WandbApiException>(() => Api(handler).GenerateApiKeyAsync("d", default));
        Assert.Equal(ApiErrorKind.OutcomeUnknown, e.Kind);
    }

    [Theory]
    [InlineData("{\"data\":{\"generateApiKey\":\"oops\"}}")]
    [InlineData("{\"data\":{\"generateApiKey\":[1]}}")]
    [InlineData("{\"data\":{\"generateApiKey\":{\"apiKey\":{\"id\":\"k\",\"name\":{\"a\":1}}}}}")]
    [InlineData("{\"data\":{\"generateApiKey\":{\"apiKey\":[\"wandb_v1_x\"]}}}")]
    [InlineData("{\"data\":{\"generateApiKey\":{\"apiKey\":{\"id\":\"k\",\"name\":42}}}}")]
    public async Task Generate_answer_in_an_odd_shape_leaves_the_outcome_unknown_never_another_exception(string answer)
    {
        var e = await Assert.ThrowsAsync<WandbApiException>(() => Api(new ScriptedHandler().Json(answer)).GenerateApiKeyAsync("d", default));
        Assert.Equal(ApiErrorKind.OutcomeUnknown, e.Kind);
    }

    [Fact]
    public async Task Generated_key_with_an_odd_id_and_description_is_still_handed_back()
    {
        var newKey = TestKeys.Current(405);
        var handler = new ScriptedHandler().Json(
            "{\"data\":{\"generateApiKey\":{\"apiKey\":{\"id\":{\"odd\":true},\"name\":\"" + newKey + "\",\"description\":7}}}}");
        var created = await Api(handler).GenerateApiKeyAsync("d", default);
        Assert.Equal(newKey, SecretText.Reveal(created.Secret));
        Assert.Equal("", created.Id);
        Assert.Equal("d", created.Description);
    }

    [Fact]
    public async Task Generated_key_answered_beside_errors_is_handed_back_not_dropped()
    {
        // GraphQL allows errors beside data; the key is in the data, and this is the only time it is shown.
        var newKey = TestKeys.Current(406);
        var handler = new ScriptedHandler().Json(
            "{\"data\":{\"generateApiKey\":{\"apiKey\":{\"id\":\"k\",\"name\":\"" + newKey + "\"}}},\"errors\":[{\"message\":\"audit log unavailable\"}]}");
        var created = await Api(handler).GenerateApiKeyAsync("d", default);
        Assert.Equal(newKey, SecretText.Reveal(created.Secret));
    }

    [Fact]
    public async Task A_refused_key_creation_with_errors_and_null_data_is_the_servers_refusal()
    {
        var handler = new ScriptedHandler().Json("{\"data\":{\"generateApiKey\":null},\"errors\":[{\"message\":\"permission denied\"}]}");
        var e = await Assert.ThrowsAsync<WandbApiException>(() => Api(handler).GenerateApiKeyAsync("d", default));
        Assert.Equal(ApiErrorKind.PermissionDenied, e.Kind);
    }

    [Fact]
    public async Task Delete_without_success_true_is_an_error()
    {
        var handler = new ScriptedHandler().Json("{\"data\":{\"deleteApiKey\":{\"success\":false}}}");
        var e = await Assert.ThrowsAsync<WandbApiException>(() => Api(handler).DeleteApiKeyAsync("QXBpS2V5OjE=", default));
        Assert.Contains("QXBpS2V5OjE=", e.Message);
        Assert.Equal("QXBpS2V5OjE=", (string?)handler.Requests[0].Json["variables"]?["id"]);
    }

    [Fact]
    public async Task Unknown_team_is_not_found()
    {
        var handler = new ScriptedHandler().Json("{\"data\":{\"entity\":null}}");
        var e = await Assert.ThrowsAsync<WandbApiException>(() => Api(handler).GetTeamMembersAsync("nobody", default));
        Assert.Equal(ApiErrorKind.NotFound, e.Kind);
        Assert.Contains("nobody", e.Message);
    }

    public static TheoryData<string, DateTime> ParsableDates() => new()
    {
        { "\"2025-03-04T05:06:07Z\"", new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc) },
        { "\"2025-03-04T05:06:07.250Z\"", new DateTime(2025, 3, 4, 5, 6, 7, 250, DateTimeKind.Utc) },
        { "\"2025-03-04T07:06:07+02:00\"", new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc) },
        // W&B often writes UTC timestamps without a zone: they are UTC, whatever this machine's time zone.
        { "\"2025-03-04T05:06:07\"", new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc) },
        { "1741064767", new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc) },
        { "1741064767.5", new DateTime(2025, 3, 4, 5, 6, 7, 500, DateTimeKind.Utc) },
        { "0", new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc) },
    };

    [Theory]
    [MemberData(nameof(ParsableDates))]
    public void Dates_parse_from_iso_text_and_unix_seconds_as_utc(string json, DateTime expected)
    {
        // Parsed the way GraphQLClient reads answers (Newtonsoft turns ISO strings into Date tokens).
        var token = JObject.Parse("{\"v\":" + json + "}")["v"];
        var parsed = WandbApi.Date(token);
        Assert.Equal(expected, parsed);
        Assert.Equal(DateTimeKind.Utc, parsed!.Value.Kind);
    }

    [Theory]
    [InlineData("2025-03-04T05:06:07Z")]
    [InlineData("2025-03-04T05:06:07")]
    [InlineData("2025-03-04 05:06:07")]
    public void Dates_given_as_plain_strings_parse_the_same(string text)
    {
        var parsed = WandbApi.Date(new JValue(text));
        Assert.Equal(new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc), parsed);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("\"yesterday\"")]
    [InlineData("\"n/a\"")]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("[1741064767]")]
    [InlineData("1741064767000")]
    [InlineData("1741064767000000")]
    [InlineData("1e20")]
    [InlineData("-1e20")]
    [InlineData("100000000000000000000")]
    public void Unknown_date_shapes_give_null_instead_of_failing_a_listing(string json)
    {
        var token = JObject.Parse("{\"v\":" + json + "}")["v"];
        Assert.Null(WandbApi.Date(token));
    }

    [Fact]
    public void Missing_date_gives_null() => Assert.Null(WandbApi.Date(null));

    [Fact]
    public void Listing_survives_a_key_with_an_unreadable_date()
    {
        var features = new SchemaFeatures { ApiKeyCreatedField = "createdAt" };
        var connection = JObject.Parse("{\"edges\":[{\"node\":{\"id\":\"a\",\"name\":\"k1\",\"description\":\"\",\"createdAt\":1741064767000000}}," +
                                       "{\"node\":{\"id\":\"b\",\"name\":\"k2\",\"description\":\"\",\"createdAt\":\"2025-03-04T05:06:07Z\"}}]}");
        var keys = WandbApi.Keys(connection, features);
        Assert.Equal(2, keys.Count);
        Assert.Null(keys[0].CreatedAt);
        Assert.NotNull(keys[1].CreatedAt);
    }
}
