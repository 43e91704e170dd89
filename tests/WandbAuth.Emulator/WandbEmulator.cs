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
        var endpoint = new GraphQLEndpoint(emulator.State, emulator.Faults, emulator.Requests, emulator.Options,
            emulator._app.Lifetime.ApplicationStopping);
        emulator._app.Run(endpoint.HandleAsync);
        await emulator._app.StartAsync();
        emulator.BaseUrl = new Uri(emulator._app.Urls.Single());
        return emulator;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
