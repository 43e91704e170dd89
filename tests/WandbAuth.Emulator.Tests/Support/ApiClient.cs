using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace WandbAuth.Emulator.Tests.Support;

/// <summary>A plain HttpClient speaking to the emulator the way a W&amp;B client does, User-Agent included.</summary>
public sealed class ApiClient(WandbEmulator emulator, string? userAgent = ApiClient.SdkUserAgent) : IDisposable
{
    /// <summary>What the wandb SDK's public API sends (wandb PR #12009).</summary>
    public const string SdkUserAgent = "W&B Public Client 0.27.2";

    public HttpClient Http { get; } = WithUserAgent(new HttpClient { BaseAddress = emulator.BaseUrl }, userAgent);

    private static HttpClient WithUserAgent(HttpClient http, string? userAgent)
    {
        if (userAgent is not null) http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent);
        return http;
    }

    public static AuthenticationHeaderValue BasicAuth(string key) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("api:" + key)));

    public async Task<ApiResponse> SendAsync(Document document, string? key, object? variables = null,
        AuthenticationHeaderValue? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query = document.Text, variables, operationName = document.OperationName }),
        };
        request.Headers.Authorization = authorization ?? (key is null ? null : BasicAuth(key));
        using var response = await Http.SendAsync(request);
        return await ApiResponse.ReadAsync(response);
    }

    public void Dispose() => Http.Dispose();
}

public sealed record ApiResponse(HttpStatusCode Status, string ContentType, string Text)
{
    public JsonElement Json => JsonDocument.Parse(Text).RootElement;

    public JsonElement Data => Json.GetProperty("data");

    public IReadOnlyList<string> ErrorMessages => Json.TryGetProperty("errors", out var errors)
        ? [.. errors.EnumerateArray().Select(e => e.GetProperty("message").GetString()!)]
        : [];

    public static async Task<ApiResponse> ReadAsync(HttpResponseMessage response) => new(
        response.StatusCode,
        response.Content.Headers.ContentType?.MediaType ?? "",
        await response.Content.ReadAsStringAsync());
}
