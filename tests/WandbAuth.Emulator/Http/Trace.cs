using Microsoft.AspNetCore.Http;

namespace WandbAuth.Emulator.Http;

/// <summary>
/// Collects what the request log records about one request. It is written when the outcome is decided,
/// before any response byte is sent, so a test holding a response always finds its log entry. Only the
/// first outcome counts: a client hanging up while its answer is being written changes nothing.
/// </summary>
internal sealed class Trace(HttpContext context, RequestLog log, string? keyId)
{
    private bool _written;

    public string? OperationName { get; set; }

    public Fault? Fault { get; set; }

    /// <summary>Who a Bearer access token or an exchanged identity token stands for (never the token).</summary>
    public string? Subject { get; set; }

    public void Answered(int statusCode) => Write(statusCode);

    public void Aborted() => Write(null);

    private void Write(int? statusCode)
    {
        if (_written)
        {
            return;
        }

        _written = true;
        log.Add(new LoggedRequest(
            DateTimeOffset.UtcNow,
            context.Request.Method,
            context.Request.Path.Value ?? "",
            OperationName,
            keyId,
            statusCode,
            context.Connection.Id,
            context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null,
            Fault,
            Subject));
    }
}
