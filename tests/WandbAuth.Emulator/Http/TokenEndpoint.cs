using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace WandbAuth.Emulator.Http;

/// <summary>
/// POST /oidc/token: the identity token exchange W&amp;B serves for identity federation (wandb-core's fetchAccessToken in
/// core/internal/api/credentials.go; the RFC 7523 JWT bearer grant). The JWT is checked as W&amp;B's docs list ("JWT
/// validation"): the signature against the organization's JWT issuer, iss equal to that issuer's URL, sub a user's email
/// or an external service account's subject, aud the organization's name (see <see cref="EmulatorOptions"/> for the
/// Dedicated Cloud and Self-Managed variants), exp not passed. A refusal is HTTP 400 with OAuth's error JSON and
/// "invalid_grant" (RFC 7523, 3.1; RFC 6749, 5.2): W&amp;B's own wording is not public. Faults apply as on /graphql.
/// </summary>
internal sealed class TokenEndpoint(
    EmulatorState state, FaultInjector faults, RequestLog log, EmulatorOptions options, Func<TestJwtIssuer> issuer, CancellationToken stopping)
{
    public const string Path = "/oidc/token";
    public const string JwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    public async Task HandleAsync(HttpContext context)
    {
        var trace = new Trace(context, log, keyId: null) { OperationName = WandbEmulator.TokenExchangeOperation };
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var cancel = cancellation.Token;
        try
        {
            if (!HttpMethods.IsPost(context.Request.Method))
            {
                trace.Answered(StatusCodes.Status405MethodNotAllowed);
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                return;
            }

            if (await FaultResponder.AnsweredAsync(context, faults.TakeFor(trace.OperationName), trace, cancel)) return;

            if (!context.Request.HasFormContentType)
            {
                await RefuseAsync(context, trace, "invalid_request", "the body must be application/x-www-form-urlencoded");
                return;
            }

            var form = await context.Request.ReadFormAsync(cancel);
            if (form["grant_type"].ToString() != JwtBearerGrant)
            {
                await RefuseAsync(context, trace, "unsupported_grant_type", $"grant_type must be {JwtBearerGrant}");
                return;
            }

            var assertion = form["assertion"].ToString();
            if (assertion.Length == 0)
            {
                await RefuseAsync(context, trace, "invalid_request", "assertion is missing");
                return;
            }

            var (user, problem) = Validate(assertion, trace);
            if (user is null)
            {
                await RefuseAsync(context, trace, "invalid_grant", problem!);
                return;
            }

            var (token, lifetime) = state.IssueAccessToken(user);
            trace.Answered(StatusCodes.Status200OK);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                access_token = token,
                token_type = "Bearer",
                expires_in = (long)lifetime.TotalSeconds,
            }), cancel);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            trace.Aborted();
            context.Abort();
        }
    }

    private (EmulatorUser? User, string? Problem) Validate(string jwt, Trace trace)
    {
        var trusted = issuer();
        if (!trusted.Signed(jwt, out var claims))
            return (null, "the signature does not verify with the organization's JWT issuer");

        trace.Subject = Text(claims!["sub"]);
        if (Text(claims["iss"]) != trusted.Url)
            return (null, $"iss {Text(claims["iss"]) ?? "(none)"} is not the organization's JWT issuer");
        if (claims["exp"] is not JsonValue exp || !exp.TryGetValue<long>(out var seconds))
            return (null, "exp is missing");
        if (DateTimeOffset.FromUnixTimeSeconds(seconds) <= options.Clock.GetUtcNow())
            return (null, "the token has expired");
        if (!options.SkipAudienceValidation && !Audiences(claims["aud"]).Any(AcceptedAudience))
            return (null, $"aud is not the organization's name ({options.OrganizationName})");
        if (trace.Subject is null)
            return (null, "sub is missing");
        var user = state.UserForSubject(trace.Subject);
        return user is null ? (null, "sub is neither a user's email nor the subject of a federated service account") : (user, null);
    }

    private bool AcceptedAudience(string aud) => aud == options.OrganizationName || (options.AcceptWandbAudience && aud == "wandb");

    private static IEnumerable<string> Audiences(JsonNode? aud) => aud switch
    {
        JsonValue one when one.TryGetValue<string>(out var text) => [text],
        JsonArray many => many.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var t) ? t : null).OfType<string>(),
        _ => [],
    };

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static async Task RefuseAsync(HttpContext context, Trace trace, string error, string description)
    {
        trace.Answered(StatusCodes.Status400BadRequest);
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { error, error_description = description }));
    }
}
