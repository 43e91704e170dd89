using WandbAuth.Api;
using WandbAuth.Emulator;
using WandbAuth.Session;
using WandbAuth.UnitTests.Keys.Support;
using WandbAuth.UnitTests.Support;

namespace WandbAuth.UnitTests.Keyless;

/// <summary>
/// Keyless sign-in against the emulator over real HTTP, WandbAuth and the emulator reading one hand-moved clock, so expiry
/// and renewal are tested without waiting. Users: alice (alice@example.com) and the federated service account "ci-bot".
/// </summary>
internal sealed class KeylessBed : IAsyncDisposable
{
    public const string BotSubject = "repo:contoso/models:ref:refs/heads/main";

    private readonly string _dir = System.IO.Directory.CreateTempSubdirectory("wandbauth-keyless-").FullName;

    private KeylessBed(WandbEmulator server)
    {
        Server = server;
        Server.State.AddUser("alice", "alice@example.com");
        Server.State.AddTeam("ml");
        Server.State.AddFederatedServiceAccount("ml", "ci bot", BotSubject);
        Env = new FakeCredentialEnvironment { CannotPromptReason = "test", CurrentDirectory = _dir };
        TokenPath = Path.Combine(_dir, "token.jwt");
        Options = new ClientOptions
        {
            Retry = ApiFixture.FastRetry(),
            TokenExchangeRetry = ApiFixture.FastRetry(maxAttempts: 4),
            Timeout = TimeSpan.FromSeconds(10),
            Clock = () => Clock.Now,
            Wait = Clock.Waiting(),
        };
    }

    public ManualClock Clock { get; } = new();
    public WandbEmulator Server { get; }
    public FakeCredentialEnvironment Env { get; }
    public ClientOptions Options { get; }
    public MemoryVault Vault { get; } = new();
    public string TokenPath { get; }
    public string Directory => _dir;

    public static async Task<KeylessBed> StartAsync(TimeSpan? accessTokenLifetime = null)
    {
        var server = await WandbEmulator.StartAsync(new EmulatorOptions { AccessTokenLifetime = accessTokenLifetime ?? TimeSpan.FromHours(1) });
        var bed = new KeylessBed(server);
        server.Options.Clock = bed.Clock;
        return bed;
    }

    /// <summary>Writes a token W&amp;B accepts for <paramref name="subject"/>, as an identity provider re-mints one to the same path.</summary>
    public string WriteToken(string subject = "alice@example.com", TimeSpan? lifetime = null)
    {
        var jwt = Server.IdentityToken(subject, lifetime ?? TimeSpan.FromMinutes(30));
        File.WriteAllText(TokenPath, jwt + "\n");
        return jwt;
    }

    public Connection Open(ConnectRequest? request = null)
    {
        var r = request ?? new ConnectRequest();
        r.BaseUrl ??= Server.BaseUrl;
        return Connector.Open(r, Env, Vault, out _, Options);
    }

    public int Exchanges => Server.Requests.ForOperation(WandbEmulator.TokenExchangeOperation).Count(r => r.StatusCode == 200);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        System.IO.Directory.Delete(_dir, recursive: true);
    }
}
