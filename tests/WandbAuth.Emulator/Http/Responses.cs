using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace WandbAuth.Emulator.Http;

/// <summary>Bodies the emulator writes itself rather than through GraphQL.NET.</summary>
internal static class Responses
{
    public const string HtmlPage = "<html><body>Bad Gateway</body></html>";

    /// <summary>
    /// {"errors":[{"message":...}]} with "data": null when asked, as W&amp;B answers outside GraphQL execution; with an
    /// extensions.code when given (W&amp;B's 401 carries "PERMISSION_ERROR").
    /// </summary>
    public static Task ErrorsAsync(HttpResponse response, int status, string message, bool withNullData = false, string? code = null)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        object[] errors = code is null ? [new { message }] : [new { message, extensions = new { code } }];
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

    /// <summary>Headers and the start of a JSON answer, then nothing more until the client gives up.</summary>
    public static async Task StallAsync(HttpResponse response, CancellationToken cancel)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        await response.WriteAsync("{\"data\":{\"viewer\":", cancel);
        await response.Body.FlushAsync(cancel);
        await Task.Delay(Timeout.Infinite, cancel);
    }

    /// <summary>A well-formed answer of about <paramref name="bytes"/> bytes, most of it one padding string inside data.</summary>
    public static async Task OversizedAsync(HttpResponse response, long bytes, CancellationToken cancel)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        await response.WriteAsync("{\"data\":{\"padding\":\"", cancel);
        var chunk = new string('A', 64 * 1024);
        for (long written = 0; written < bytes; written += chunk.Length) await response.WriteAsync(chunk, cancel);
        await response.WriteAsync("\",\"viewer\":null}}", cancel);
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
