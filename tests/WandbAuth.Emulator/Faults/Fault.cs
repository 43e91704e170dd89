namespace WandbAuth.Emulator;

/// <summary>
/// One misbehaviour of the server or the network, consumed by the next matching /graphql request
/// (see <see cref="FaultInjector"/>). Create them with the static factories: <c>Fault.Status(503)</c>.
/// </summary>
public abstract record Fault
{
    private protected Fault()
    {
    }

    /// <summary>
    /// Answer with <paramref name="code"/> without executing. <paramref name="retryAfter"/> becomes a
    /// Retry-After header in whole seconds; <paramref name="rateLimitReset"/> becomes RateLimit-Remaining: 0
    /// and RateLimit-Reset in seconds, the headers W&amp;B sends with a 429.
    /// </summary>
    public static StatusFault Status(int code, TimeSpan? retryAfter = null, TimeSpan? rateLimitReset = null,
        string body = "") => new(code, retryAfter, rateLimitReset, body);

    /// <summary>An HTML error page, as a proxy in front of the API would send.</summary>
    public static HtmlFault Html(int code = 200) => new(code);

    /// <summary>Abort the TCP connection without any response.</summary>
    public static DropFault Drop() => new();

    /// <summary>Wait this long, then handle the request normally.</summary>
    public static DelayFault Delay(TimeSpan delay) => new(delay);

    /// <summary>Execute the request for real (state changes), then abort the connection before answering.</summary>
    public static CommitThenLoseResponseFault CommitThenLoseResponse() => new();

    /// <summary>HTTP 200 with {"errors":[{"message":...}],"data":null}, without executing.</summary>
    public static GraphQLErrorFault GraphQLError(string message) => new(message);

    /// <summary>Send the headers and the first bytes of an answer, then stall until the client hangs up.</summary>
    public static StallBodyFault StallBody() => new();

    /// <summary>A 200 JSON answer of about this many bytes (a proxy or broken server answering), without executing.</summary>
    public static OversizedFault Oversized(long bytes) => new(bytes);
}

public sealed record StallBodyFault : Fault;

public sealed record OversizedFault(long Bytes) : Fault;

public sealed record StatusFault(int Code, TimeSpan? RetryAfter, TimeSpan? RateLimitReset, string Body) : Fault;

public sealed record HtmlFault(int Code) : Fault;

public sealed record DropFault : Fault;

public sealed record DelayFault(TimeSpan Duration) : Fault;

public sealed record CommitThenLoseResponseFault : Fault;

public sealed record GraphQLErrorFault(string Message) : Fault;
