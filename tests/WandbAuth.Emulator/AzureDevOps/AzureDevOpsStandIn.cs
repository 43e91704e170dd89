using System.Text.Json;
using Microsoft.AspNetCore.Http;
using WandbAuth.Emulator.Http;

namespace WandbAuth.Emulator;

/// <summary>One request the stand-in received, as Azure DevOps would see it (never the access token).</summary>
public sealed record AzureDevOpsOidcRequest(string? ServiceConnectionId, string? ApiVersion, bool RedirectSuppressed, bool Authorized);

/// <summary>
/// Azure Pipelines' OIDC request endpoint for one job, the URL System.OidcRequestUri holds (Azure DevOps release notes,
/// sprint 240; REST "Oidctoken - Create", which documents api-version 7.1-preview.1; azure-identity's
/// AzurePipelinesCredential sends 7.1, and so does WandbAuth): POST {uri}?api-version=7.1&amp;serviceConnectionId=&lt;id&gt; with
/// "Authorization: Bearer &lt;System.AccessToken&gt;" answers {"oidcToken": "&lt;JWT&gt;"}, with the fixed aud
/// api://AzureADTokenExchange. A connection on the Azure DevOps issuer (https://vstoken.dev.azure.com/&lt;org id&gt;, retiring)
/// gets sub sc://&lt;org&gt;/&lt;project&gt;/&lt;connection name&gt;, the federation subject Azure DevOps documents; one on the
/// Microsoft Entra issuer (https://login.microsoftonline.com/&lt;tenant&gt;/v2.0, the default for new connections: Microsoft
/// Learn, azure/devops/pipelines/release/convert-service-connections) gets an Entra subject that ends with the
/// connection's id, /eid1/c/pub/t/&lt;tenant&gt;/a/&lt;app&gt;/sc/&lt;org id&gt;/&lt;connection id&gt; (as connections report it in
/// workloadIdentityFederationSubject). Without serviceConnectionId the token is the pipeline's own (sub
/// p://&lt;org&gt;/&lt;project&gt;/&lt;pipeline&gt;). Refusals use Azure DevOps' usual {"message": ...} body. Faults apply under
/// <see cref="WandbEmulator.AzureDevOpsOidcOperation"/>.
/// </summary>
public sealed class AzureDevOpsStandIn : IDisposable
{
    public const string PathBase = "/_azdo";
    public const string Audience = "api://AzureADTokenExchange";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Name, bool Entra)> _connections = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<AzureDevOpsOidcRequest> _requests = [];
    private readonly TestJwtIssuer _jobTokens = new("https://app.vstoken.visualstudio.com");
    private readonly EmulatorOptions _options;
    private readonly FaultInjector _faults;
    private readonly RequestLog _log;

    internal AzureDevOpsStandIn(Uri emulatorBase, EmulatorOptions options, FaultInjector faults, RequestLog log)
    {
        _options = options; _faults = faults; _log = log;
        Issuer = new TestJwtIssuer($"https://vstoken.dev.azure.com/{OrganizationId}");
        EntraIssuer = new TestJwtIssuer($"https://login.microsoftonline.com/{TenantId}/v2.0");
        RequestUri = new Uri(emulatorBase, $"{PathBase}/{Organization}/{Guid.NewGuid()}/_apis/distributedtask/hubs/build/plans/{Guid.NewGuid()}/jobs/{Guid.NewGuid()}/oidctoken");
        // System.AccessToken is itself a JWT, issued for the job.
        AccessToken = _jobTokens.Issue("build-service", "app.vstoken.visualstudio.com", options.Clock.GetUtcNow().AddHours(1));
    }

    public string Organization => "contoso";
    public string Project => "ml-platform";
    public string Pipeline => "train";
    public Guid OrganizationId { get; } = Guid.NewGuid();

    public Guid TenantId { get; } = Guid.NewGuid();
    /// <summary>The application in an Entra subject's /a/ segment; opaque to WandbAuth.</summary>
    public Guid ApplicationId { get; } = Guid.NewGuid();

    /// <summary>The issuer of connections on the Azure DevOps issuer of workload identity federation.</summary>
    public TestJwtIssuer Issuer { get; }

    /// <summary>The issuer of connections on the Microsoft Entra issuer.</summary>
    public TestJwtIssuer EntraIssuer { get; }

    /// <summary>What SYSTEM_OIDCREQUESTURI holds for this job.</summary>
    public Uri RequestUri { get; }

    /// <summary>The job's System.AccessToken: the only bearer the endpoint accepts.</summary>
    public string AccessToken { get; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <returns>The new service connection's id.</returns>
    public string AddServiceConnection(string name, bool entraIssuer = false)
    {
        var id = Guid.NewGuid().ToString();
        lock (_gate) _connections[id] = (name, entraIssuer);
        return id;
    }

    /// <summary>The subject of an Entra-issued token for a connection: it names the connection by id, not by name.</summary>
    public string EntraSubject(string connectionId) =>
        $"/eid1/c/pub/t/{Base64Url(TenantId)}/a/{Base64Url(ApplicationId)}/sc/{OrganizationId}/{connectionId}";

    private static string Base64Url(Guid id) => Convert.ToBase64String(id.ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');

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
            var issuer = Issuer;
            lock (_gate)
            {
                if (id is null) subject = $"p://{Organization}/{Project}/{Pipeline}";
                else if (!_connections.TryGetValue(id, out var connection)) subject = "";
                else if (!connection.Entra) subject = $"sc://{Organization}/{Project}/{connection.Name}";
                else (subject, issuer) = (EntraSubject(id), EntraIssuer);
            }

            if (subject.Length == 0)
            {
                await RefuseAsync(context, trace, StatusCodes.Status400BadRequest, $"The service connection {id} does not exist or has not been authorized for use in this pipeline.");
                return;
            }

            trace.Subject = subject;
            trace.Answered(StatusCodes.Status200OK);
            context.Response.ContentType = "application/json";
            var token = issuer.Issue(subject, Audience, _options.Clock.GetUtcNow() + TokenLifetime);
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
        EntraIssuer.Dispose();
        _jobTokens.Dispose();
    }
}
