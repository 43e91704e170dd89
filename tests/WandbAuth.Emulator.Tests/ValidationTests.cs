using System.Net;
using WandbAuth.Emulator.Tests.Support;

namespace WandbAuth.Emulator.Tests;

/// <summary>A wrong document fails as on a real GraphQL server: 400 and a validation error, nothing executed.</summary>
public class ValidationTests
{
    [Fact]
    public async Task Document_asking_for_an_unknown_field_fails_validation_with_400()
    {
        await using var org = await Seeded.StartAsync();

        var response = await org.Client.SendAsync(new Document("Typo", "query Typo { viewer { usernme } }"), org.BobKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("application/json", response.ContentType);
        Assert.Contains("Cannot query field 'usernme' on type 'User'", Assert.Single(response.ErrorMessages));
        Assert.False(response.Json.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Mutation_with_a_wrong_variable_type_is_not_executed()
    {
        await using var org = await Seeded.StartAsync();
        var document = new Document("Generate",
            "mutation Generate($description: Int) { generateApiKey(input: {description: $description}) { apiKey { id } } }");

        var response = await org.Client.SendAsync(document, org.BobKey, new { description = 1 });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.NotEmpty(response.ErrorMessages);
        Assert.Single(org.State.Keys("bob"));
    }

    [Fact]
    public async Task Body_that_is_not_json_is_a_400_with_an_errors_array()
    {
        await using var org = await Seeded.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("{not json") };
        request.Headers.Authorization = ApiClient.BasicAuth(org.BobKey);

        using var response = await org.Client.Http.SendAsync(request);
        var body = await ApiResponse.ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, body.Status);
        Assert.StartsWith("invalid JSON body", Assert.Single(body.ErrorMessages));
    }

    [Theory]
    [InlineData("GET", "/graphql")]
    [InlineData("POST", "/")]
    [InlineData("POST", "/oidc/tokens")]
    [InlineData("POST", "/_azdo/elsewhere")]
    public async Task Anything_but_POST_graphql_the_token_exchange_and_the_Azure_DevOps_stand_in_is_404(string method, string path)
    {
        await using var org = await Seeded.StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Authorization = ApiClient.BasicAuth(org.BobKey);

        using var response = await org.Client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
