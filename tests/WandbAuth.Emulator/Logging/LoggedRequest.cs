namespace WandbAuth.Emulator;

/// <summary>One request as the emulator saw it. Never holds a secret: the key appears as its key ID.</summary>
/// <param name="OperationName">From the JSON body, or from the document when the body names none.</param>
/// <param name="KeyId">Key ID of the live key presented; null when none or unknown.</param>
/// <param name="StatusCode">HTTP status sent; null when the connection was aborted instead.</param>
/// <param name="ConnectionId">Kestrel's connection id: one per TCP connection.</param>
/// <param name="Fault">The injected fault that shaped this request, if any.</param>
/// <param name="Subject">
/// For a request with a Bearer access token, the username it belongs to; for an identity token exchange, the token's sub
/// claim. Never a token.
/// </param>
public sealed record LoggedRequest(
    DateTimeOffset Time,
    string Method,
    string Path,
    string? OperationName,
    string? KeyId,
    int? StatusCode,
    string ConnectionId,
    string? UserAgent,
    Fault? Fault,
    string? Subject = null)
{
    public bool IsFault => Fault is not null;
}
