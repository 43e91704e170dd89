using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WandbAuth.Emulator.Http;

namespace WandbAuth.Emulator;

/// <summary>
/// An in-process stand-in for W&amp;B's GraphQL API on a real Kestrel socket (http://127.0.0.1, free port),
/// controlled directly from C#: seed <see cref="State"/>, queue <see cref="Faults"/>, inspect <see cref="Requests"/>.
/// <code>
/// await using var emulator = await WandbEmulator.StartAsync();
/// emulator.State.AddUser("alice", admin: true);
/// var key = emulator.State.IssueKey("alice");
/// // POST {emulator.BaseUrl}/graphql with Authorization: Basic base64("api:" + key)
/// </code>
/// </summary>
public sealed class WandbEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WandbEmulator(WebApplication app, EmulatorOptions options)
    {
        _app = app;
        Options = options;
        State = new EmulatorState(options);
    }

    /// <summary>Where the API answers, without a path: http://127.0.0.1:port.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public EmulatorState State { get; }

    public FaultInjector Faults { get; } = new();

    public RequestLog Requests { get; } = new();

    /// <summary>The operation name /oidc/token requests are logged and faulted under.</summary>
    public const string TokenExchangeOperation = "oidc/token";

    /// <summary>The operation name the Azure DevOps OIDC stand-in's requests are logged and faulted under.</summary>
    public const string AzureDevOpsOidcOperation = "azure-devops/oidctoken";

    /// <summary>
    /// The JWT issuer set up for the organization: /oidc/token accepts only tokens it signed. Replace it to trust another
    /// (the Azure DevOps stand-in's <see cref="AzureDevOpsStandIn.Issuer"/>, say).
    /// </summary>
    public TestJwtIssuer JwtIssuer { get; set; } = new();

    /// <summary>An Azure Pipelines job's OIDC request endpoint (System.OidcRequestUri), on this same loopback server.</summary>
    public AzureDevOpsStandIn AzureDevOps { get; private set; } = null!;

    /// <summary>
    /// An identity token from <see cref="JwtIssuer"/> that W&amp;B accepts for <paramref name="subject"/>: aud the organization's
    /// name, exp ten minutes ahead on <see cref="EmulatorOptions.Clock"/>.
    /// </summary>
    public string IdentityToken(string subject, TimeSpan? lifetime = null) =>
        JwtIssuer.Issue(subject, Options.OrganizationName, Options.Clock.GetUtcNow() + (lifetime ?? TimeSpan.FromMinutes(10)));

    /// <summary>The options given at start; changes take effect from the next request.</summary>
    public EmulatorOptions Options { get; }

    public static async Task<WandbEmulator> StartAsync(EmulatorOptions? options = null)
    {
        // The empty builder reads no configuration or environment, so nothing on the machine can move the
        // port, add HTTPS, or switch on console logging.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

        // Injected delays end when the emulator stops; this bounds anything else still running.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));

        var emulator = new WandbEmulator(builder.Build(), options ?? new EmulatorOptions());
        var stopping = emulator._app.Lifetime.ApplicationStopping;
        var graphql = new GraphQLEndpoint(emulator.State, emulator.Faults, emulator.Requests, emulator.Options, stopping);
        var tokens = new TokenEndpoint(emulator.State, emulator.Faults, emulator.Requests, emulator.Options, () => emulator.JwtIssuer, stopping);
        emulator._app.Run(context =>
            context.Request.Path == TokenEndpoint.Path ? tokens.HandleAsync(context)
            : context.Request.Path.StartsWithSegments(AzureDevOpsStandIn.PathBase) ? emulator.AzureDevOps.HandleAsync(context, stopping)
            : graphql.HandleAsync(context));
        await emulator._app.StartAsync();
        emulator.BaseUrl = new Uri(emulator._app.Urls.Single());
        emulator.AzureDevOps = new AzureDevOpsStandIn(emulator.BaseUrl, emulator.Options, emulator.Faults, emulator.Requests);
        return emulator;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        JwtIssuer.Dispose();
        AzureDevOps?.Dispose();
    }
}
