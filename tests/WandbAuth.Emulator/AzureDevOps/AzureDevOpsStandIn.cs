using System.Text.Json;
using Microsoft.AspNetCore.Http;
using WandbAuth.Emulator.Http;

namespace WandbAuth.Emulator;

/// <summary>One request the stand-in received, as Azure DevOps would see it (never the access token).</summary>
public sealed record AzureDevOpsOidcRequest(string? ServiceConnectionId, string? ApiVersion, bool RedirectSuppressed, bool Authorized);

/// <summary>
/// Azure Pipelines' OIDC request endpoint for one job, the URL System.OidcRequestUri holds (Azure DevOps release notes,
/// sprint 240; REST "Oidctoken - Create"): POST {uri}?api-version=7.1&amp;serviceConnectionId=&lt;id&gt; with
/// "Authorization: Bearer &lt;System.AccessToken&gt;" answers {"oidcToken": "&lt;JWT&gt;"}. A service connection's token has
/// sub sc://&lt;org&gt;/&lt;project&gt;/&lt;connection name&gt; (the federation subject Azure DevOps documents) and the fixed aud
/// api://AzureADTokenExchange; without serviceConnectionId it is the pipeline's own (sub p://&lt;org&gt;/&lt;project&gt;/&lt;pipeline&gt;).
/// Refusals use Azure DevOps' usual {"message": ...} body. Faults apply under <see cref="WandbEmulator.AzureDevOpsOidcOperation"/>.
/// </summary>
public sealed class AzureDevOpsStandIn : IDisposable
{
    public const string PathBase = "/_azdo";
    public const string Audience = "api://AzureADTokenExchange";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _connections = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<AzureDevOpsOidcRequest> _requests = [];
    private readonly TestJwtIssuer _jobTokens = new("https://app.vstoken.visualstudio.com");
    private readonly EmulatorOptions _options;
    private readonly FaultInjector _faults;
    private readonly RequestLog _log;

    internal AzureDevOpsStandIn(Uri emulatorBase, EmulatorOptions options, FaultInjector faults, RequestLog log)
    {
        _options = options; _faults = faults; _log = log;
        Issuer = new TestJwtIssuer($"https://vstoken.dev.azure.com/{OrganizationId}");
        RequestUri = new Uri(emulatorBase, $"{PathBase}/{Organization}/{Guid.NewGuid()}/_apis/distributedtask/hubs/build/plans/{Guid.NewGuid()}/jobs/{Guid.NewGuid()}/oidctoken");
        // System.AccessToken is itself a JWT, issued for the job.
        AccessToken = _jobTokens.Issue("build-service", "app.vstoken.visualstudio.com", options.Clock.GetUtcNow().AddHours(1));
    }

    public string Organization => "contoso";
    public string Project => "ml-platform";
    public string Pipeline => "train";
    public Guid OrganizationId { get; } = Guid.NewGuid();

    /// <summary>The issuer of the OIDC tokens (the Azure DevOps issuer of workload identity federation).</summary>
    public TestJwtIssuer Issuer { get; }

    /// <summary>What SYSTEM_OIDCREQUESTURI holds for this job.</summary>
    public Uri RequestUri { get; }

    /// <summary>The job's System.AccessToken: the only bearer the endpoint accepts.</summary>
    public string AccessToken { get; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <returns>The new service connection's id.</returns>
    public string AddServiceConnection(string name)
    {
        var id = Guid.NewGuid().ToString();
        lock (_gate) _connections[id] = name;
        return id;
    }

    public IReadOnlyList<AzureDevOpsOidcRequest> Requests
    {
        get { lock (_gate) return [.. _requests]; }
    }

    internal async Task HandleAsync(HttpContext context, CancellationToken stopping)
    {
        var trace = new Trace(context, _log, keyId: null) { OperationName = WandbEmulator.AzureDevOpsOidcOperation };
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            var request = context.Request;
            var id = request.Query["serviceConnectionId"].FirstOrDefault();
            var authorized = BearerAuth.TokenFrom(request) == AccessToken;
            lock (_gate)
                _requests.Add(new AzureDevOpsOidcRequest(id, request.Query["api-version"].FirstOrDefault(),
                    request.Headers["X-TFS-FedAuthRedirect"] == "Suppress", authorized));

            if (!HttpMethods.IsPost(request.Method) || request.Path != new PathString(RequestUri.AbsolutePath))
            {
                await RefuseAsync(context, trace, StatusCodes.Status404NotFound, "The resource cannot be found.");
                return;
            }

            if (await FaultResponder.AnsweredAsync(context, _faults.TakeFor(trace.OperationName), trace, cancellation.Token)) return;

            if (!authorized)
            {
                await RefuseAsync(context, trace, StatusCodes.Status401Unauthorized, "TF400813: The user is not authorized to access this resource.");
                return;
            }

            if (string.IsNullOrEmpty(request.Query["api-version"]))
            {
                await RefuseAsync(context, trace, StatusCodes.Status400BadRequest, "The resource requires an api-version.");
                return;
            }

            string subject;
            lock (_gate)
            {
                if (id is null) subject = $"p://{Organization}/{Project}/{Pipeline}";
                else if (_connections.TryGetValue(id, out var name)) subject = $"sc://{Organization}/{Project}/{name}";
                else subject = "";
            }

            if (subject.Length == 0)
            {
                await RefuseAsync(context, trace, StatusCodes.Status400BadRequest, $"The service connection {id} does not exist or has not been authorized for use in this pipeline.");
                return;
            }

            trace.Subject = subject;
            trace.Answered(StatusCodes.Status200OK);
            context.Response.ContentType = "application/json";
            var token = Issuer.Issue(subject, Audience, _options.Clock.GetUtcNow() + TokenLifetime);
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { oidcToken = token }), cancellation.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            trace.Aborted();
            context.Abort();
        }
    }

    private static async Task RefuseAsync(HttpContext context, Trace trace, int status, string message)
    {
        trace.Answered(status);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { message, typeKey = "VssServiceException", errorCode = 0 }));
    }

    public void Dispose()
    {
        Issuer.Dispose();
        _jobTokens.Dispose();
    }
}
