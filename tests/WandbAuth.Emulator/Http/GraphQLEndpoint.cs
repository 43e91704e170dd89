using GraphQL;
using GraphQL.SystemTextJson;
using Microsoft.AspNetCore.Http;
using WandbAuth.Emulator.Schema;

namespace WandbAuth.Emulator.Http;

/// <summary>
/// POST /graphql (the emulator's other paths are <see cref="TokenEndpoint"/> and <see cref="AzureDevOpsStandIn"/>; the
/// rest is 404). Order per request: latency, fault, auth (an API key by Basic, or an access token from /oidc/token by
/// Bearer), execution. Status codes follow GraphQL.NET's server convention (GraphQL.Server's
/// ValidationErrorsReturnBadRequest, on by default): a document that fails to parse or validate, so is
/// never executed, gets 400; once execution starts the answer is 200, resolver errors included.
/// </summary>
/// <param name="stopping">Fires when the emulator shuts down, ending injected delays at once.</param>
internal sealed class GraphQLEndpoint(
    EmulatorState state, FaultInjector faults, RequestLog log, EmulatorOptions options, CancellationToken stopping)
{
    private static readonly GraphQLSerializer Serializer = new();
    private readonly DocumentExecuter _executer = new();

    // Built once each: the timestamp switch only chooses between them, so it can flip between requests.
    private readonly WandbSchema _withTimestamps = Initialized(new SchemaShape(ApiKeyTimestampFields: true));
    private readonly WandbSchema _withoutTimestamps = Initialized(new SchemaShape(ApiKeyTimestampFields: false));

    public async Task HandleAsync(HttpContext context)
    {
        var secret = BasicAuth.KeyFrom(context.Request);
        var bearer = secret is null ? BearerAuth.TokenFrom(context.Request) : null;
        var trace = new Trace(context, log, secret is null ? null : state.KeyIdOf(secret))
        {
            Subject = bearer is null ? null : state.UserOfAccessToken(bearer)?.Username,
        };
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            if (!HttpMethods.IsPost(context.Request.Method) || context.Request.Path != "/graphql")
            {
                trace.Answered(StatusCodes.Status404NotFound);
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await HandleGraphQLAsync(context, secret, bearer, trace, cancellation.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The client hung up (often its own timeout during injected latency) or the emulator is stopping.
            trace.Aborted();
            context.Abort();
        }
    }

    private async Task HandleGraphQLAsync(HttpContext context, string? secret, string? bearer, Trace trace, CancellationToken cancel)
    {
        var body = await RequestBody.ReadAsync(context.Request, Serializer, cancel);
        trace.OperationName = body.OperationName;
        await Task.Delay(options.Latency, cancel);

        if (await FaultResponder.AnsweredAsync(context, faults.TakeFor(body.OperationName), trace, cancel)) return;

        var caller = secret is not null ? state.Authenticate(secret) : bearer is not null ? state.AuthenticateAccessToken(bearer) : null;
        if (caller is null && options.RejectMode == BadKeyRejection.Http401)
        {
            trace.Answered(StatusCodes.Status401Unauthorized);
            await Responses.ErrorsAsync(context.Response, StatusCodes.Status401Unauthorized, "user is not logged in",
                code: Schema.Errors.PermissionCode);
            return;
        }

        if (options.RequireFirstPartyClient && FirstPartyGate.Refuses(context.Request, body.Request?.Query))
        {
            trace.Answered(options.UnrecognisedClientStatus);
            await Responses.ErrorsAsync(context.Response, options.UnrecognisedClientStatus, FirstPartyGate.Refusal, withNullData: true);
            return;
        }

        if (body.Request is null)
        {
            trace.Answered(StatusCodes.Status400BadRequest);
            await Responses.ErrorsAsync(context.Response, StatusCodes.Status400BadRequest, body.Problem!);
            return;
        }

        var result = await _executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = options.ApiKeyTimestampFields ? _withTimestamps : _withoutTimestamps,
            Query = body.Request.Query,
            OperationName = body.Request.OperationName,
            Variables = body.Request.Variables,
            UserContext = new CallerContext(state, caller),
            CancellationToken = cancel,
        });

        if (trace.Fault is CommitThenLoseResponseFault)
        {
            // The operation has happened; the client must not learn of it.
            trace.Aborted();
            context.Abort();
            return;
        }

        var status = result.Executed ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        trace.Answered(status);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await Serializer.WriteAsync(context.Response.Body, result, cancel);
    }

    private static WandbSchema Initialized(SchemaShape shape)
    {
        var schema = new WandbSchema(shape);
        schema.Initialize(); // surface schema mistakes at start-up, not on the first request
        return schema;
    }
}
