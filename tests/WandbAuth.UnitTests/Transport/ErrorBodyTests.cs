using System.Net;
using System.Text;
using WandbAuth.Api;
using Xunit;

namespace WandbAuth.UnitTests.Transport;

/// <summary>A refusal's body, read for what the server said and nothing more (W&amp;B, its token exchange, Azure DevOps).</summary>
public class ErrorBodyTests
{
    private static Task<ErrorBody?> Read(string body, string type, CancellationToken ct = default) =>
        ErrorBody.ReadAsync(new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent(body, Encoding.UTF8, type) }, ct, ct);

    [Fact]
    public async Task A_JSON_object_is_parsed()
    {
        var body = await Read("{\"message\":\"no such connection\"}", "application/json");
        Assert.Equal("no such connection", (string?)body?.Json?["message"]);
        Assert.Null(body?.Line);
    }

    [Theory]
    [InlineData("[1,2]", "application/json")]
    [InlineData("{not json", "application/problem+json")]
    [InlineData("<html>sign in</html>", "text/html")]
    [InlineData("   \n  ", "text/plain")]
    public async Task Anything_else_says_nothing(string text, string type) => Assert.Null(await Read(text, type));

    [Fact]
    public async Task Plain_text_gives_its_first_line_cut_at_200_characters()
    {
        Assert.Equal("bad assertion", (await Read("  bad assertion\nsecond line", "text/plain"))?.Line);
        Assert.Equal(new string('x', 200) + "…", (await Read(new string('x', 300), "text/plain"))?.Line);
    }

    [Fact]
    public async Task A_body_past_64_KB_is_not_read()
    {
        Assert.Null(await Read("{\"message\":\"" + new string('m', 70 * 1024) + "\"}", "application/json"));
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_swallowed()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Read("{\"message\":\"x\"}", "application/json", cancelled.Token));
    }
}
