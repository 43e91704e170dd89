using System.Net;
using Newtonsoft.Json.Linq;
using WandbAuth.Api;
using WandbAuth.UnitTests.Support;
using Xunit;

namespace WandbAuth.UnitTests.Transport;

/// <summary>
/// How W&amp;B's answers become error kinds: phrases users must tell apart first ("relogin required", key creation
/// disabled), then extensions.code, then the status; {"error": ...} bodies are read too; every message names what
/// the user asked for, never an operation.
/// </summary>
public class ServerAnswerTests
{
    private static readonly string Key = TestKeys.Current(301);
    private static GraphQLOperation Listing => GraphQLOperation.Load("ListViewerKeys");
    private static GraphQLOperation Create => GraphQLOperation.Load("GenerateApiKey");

    private static async Task<WandbApiException> Answered(HttpStatusCode status, string body, GraphQLOperation? op = null)
    {
        var handler = new ScriptedHandler().Json(status, body);
        var e = await Assert.ThrowsAsync<WandbApiException>(() => ApiFixture.Client(handler, Key, ApiFixture.FastRetry(1)).SendAsync(op ?? Listing, new JObject(), default));
        TestKeys.AssertNoKeyIn(e.Message, Key);
        Assert.DoesNotContain((op ?? Listing).Name, e.Message);
        return e;
    }

    [Fact]
    public async Task Wandbs_401_user_is_not_logged_in_with_PERMISSION_ERROR_is_a_rejected_key()
    {
        var e = await Answered(HttpStatusCode.Unauthorized, "{\"errors\":[{\"message\":\"user is not logged in\",\"extensions\":{\"code\":\"PERMISSION_ERROR\"}}]}");
        Assert.Equal(ApiErrorKind.KeyRejected, e.Kind);
        Assert.Contains("user is not logged in", e.Message);
    }

    [Fact]
    public async Task PERMISSION_ERROR_in_a_200_answer_is_permission_denied_whatever_its_wording()
    {
        var e = await Answered(HttpStatusCode.OK, "{\"errors\":[{\"message\":\"you cannot see that\",\"extensions\":{\"code\":\"PERMISSION_ERROR\"}}],\"data\":null}");
        Assert.Equal(ApiErrorKind.PermissionDenied, e.Kind);
        Assert.Contains("you cannot see that (PERMISSION_ERROR)", e.Message);
        Assert.Contains("the request for your API keys", e.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task Relogin_required_means_the_client_was_not_recognised(HttpStatusCode status)
    {
        var e = await Answered(status, "{\"errors\":[{\"message\":\"relogin required\"}],\"data\":null}");
        Assert.Equal(ApiErrorKind.ClientNotRecognized, e.Kind);
        Assert.Contains("User-Agent", e.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task Key_creation_disabled_by_an_organization_is_its_own_kind(HttpStatusCode status)
    {
        var e = await Answered(status, "{\"errors\":[{\"message\":\"API key creation has been disabled by your organization administrator\",\"extensions\":{\"code\":\"PERMISSION_ERROR\"}}],\"data\":null}", Create);
        Assert.Equal(ApiErrorKind.KeyCreationDisabled, e.Kind);
        Assert.Contains("the request to create an API key", e.Message);
        Assert.Contains("Existing keys keep working", e.Message);
    }

    [Fact]
    public async Task A_plain_error_body_on_a_server_error_is_quoted()
    {
        var e = await Answered(HttpStatusCode.InternalServerError, "{\"error\":\"database is read-only\"}");
        Assert.Equal(ApiErrorKind.ServerError, e.Kind);
        Assert.Contains("the server said: database is read-only", e.Message);
    }

    [Fact]
    public async Task A_plain_error_body_in_a_200_answer_without_data_is_an_error_not_an_empty_answer()
    {
        var e = await Answered(HttpStatusCode.OK, "{\"error\":\"token expired\"}");
        Assert.Equal(ApiErrorKind.GraphQLError, e.Kind);
        Assert.Contains("token expired", e.Message);
    }

    [Fact]
    public async Task A_declared_length_past_the_limit_is_refused_before_reading()
    {
        var handler = new ScriptedHandler().Json(HttpStatusCode.OK, "{\"data\":{}}", r => r.Content.Headers.ContentLength = 100L * 1024 * 1024);
        var e = await Assert.ThrowsAsync<WandbApiException>(() => ApiFixture.Client(handler, Key).SendAsync(Listing, null, default));
        Assert.Equal(ApiErrorKind.ReplyTooLarge, e.Kind);
    }

    [Theory]
    [InlineData(null, "relogin required", ApiErrorKind.ClientNotRecognized)]
    [InlineData("FORBIDDEN", "nope", ApiErrorKind.PermissionDenied)]
    [InlineData("UNAUTHENTICATED", "who are you", ApiErrorKind.KeyRejected)]
    [InlineData("NOT_FOUND", "gone", ApiErrorKind.NotFound)]
    [InlineData(null, "api key not found", ApiErrorKind.NotFound)]
    [InlineData(null, "something odd", ApiErrorKind.GraphQLError)]
    public void Error_kinds_come_from_phrase_then_code_then_wording(string? code, string message, ApiErrorKind kind) =>
        Assert.Equal(kind, ServerError.Classify(200, new ServerError(message, code)));

    [Theory]
    [InlineData("{\"error\": 5}")]
    [InlineData("{\"error\": null}")]
    [InlineData("{\"errors\": \"just text\"}")]
    [InlineData("{\"errors\": [null, 3, []]}")]
    [InlineData("{\"errors\": [{\"message\": {\"nested\": true}}]}")]
    [InlineData("{\"errors\": [{\"message\": \"\"}]}")]
    [InlineData("{\"error\": {\"message\": 7}}")]
    public void A_server_error_in_an_odd_shape_is_no_error_text_and_never_throws(string json) =>
        Assert.Null(ServerError.From(Newtonsoft.Json.Linq.JObject.Parse(json)));

    [Fact]
    public void The_first_error_with_a_message_is_taken_and_a_code_that_is_not_text_dropped()
    {
        var error = ServerError.From(Newtonsoft.Json.Linq.JObject.Parse(
            "{\"errors\": [{\"message\": 1}, {\"message\": \"no\", \"extensions\": {\"code\": [\"x\"]}}, {\"message\": \"yes\", \"extensions\": {\"code\": \"PERMISSION_ERROR\"}}]}"));
        Assert.NotNull(error);
        Assert.Equal("no", error!.Message);
        Assert.Null(error.Code);
    }
}
