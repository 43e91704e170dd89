using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;

namespace WandbAuth.Emulator.Http;

/// <summary>`Authorization: Bearer &lt;access token&gt;`: how a client signed in with an identity token calls the API (wandb-core).</summary>
internal static class BearerAuth
{
    public static string? TokenFrom(HttpRequest request) =>
        AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
        && string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
        && !string.IsNullOrEmpty(header.Parameter)
            ? header.Parameter
            : null;
}
