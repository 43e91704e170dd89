using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace WandbAuth.Emulator.Http;

/// <summary>Bodies the emulator writes itself rather than through GraphQL.NET.</summary>
internal static class Responses
{
    public const string HtmlPage = "<html><body>Bad Gateway</body></html>";

    /// <summary>{"errors":[{"message":...}]} with "data": null when asked, as W&amp;B answers outside GraphQL execution.</summary>
    public static Task ErrorsAsync(HttpResponse response, int status, string message, bool withNullData = false)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        var errors = new[] { new { message } };
        return response.WriteAsync(withNullData
            ? JsonSerializer.Serialize(new { errors, data = (object?)null })
            : JsonSerializer.Serialize(new { errors }));
    }

    public static Task StatusFaultAsync(HttpResponse response, StatusFault fault)
    {
        response.StatusCode = fault.Code;
        if (fault.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = WholeSeconds(retryAfter);
        }

        if (fault.RateLimitReset is { } reset)
        {
            response.Headers["RateLimit-Remaining"] = "0";
            response.Headers["RateLimit-Reset"] = WholeSeconds(reset);
        }

        if (fault.Body.Length == 0)
        {
            return Task.CompletedTask;
        }

        response.ContentType = fault.Body.TrimStart().StartsWith('{') ? "application/json" : "text/plain; charset=utf-8";
        return response.WriteAsync(fault.Body);
    }

    public static Task HtmlAsync(HttpResponse response, int status)
    {
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        return response.WriteAsync(HtmlPage);
    }

    // Both headers carry delta-seconds; round up so a client never retries early.
    private static string WholeSeconds(TimeSpan span) =>
        ((long)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
