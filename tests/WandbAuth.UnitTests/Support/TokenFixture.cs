using WandbAuth.Api;
using WandbAuth.Credentials;
using WandbAuth.Emulator;

namespace WandbAuth.UnitTests.Support;

/// <summary>The identity token exchange over a ScriptedHandler for wandb.example.com, with a hand-moved clock that pauses between attempts move.</summary>
internal sealed class TokenFixture : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wandbauth-exchange-").FullName;

    public TokenFixture(HttpMessageHandler handler, TimeSpan? timeout = null)
    {
        Options = new ClientOptions
        {
            Retry = ApiFixture.FastRetry(),
            TokenExchangeRetry = ApiFixture.FastRetry(maxAttempts: 4),
            TokenExchangeTimeout = timeout ?? TimeSpan.FromSeconds(10),
            Clock = () => Clock.Now,
            Wait = Clock.Waiting(Waits),
        };
        Transport = new HttpTransport(ApiFixture.BaseUrl, Options, handler);
        Exchange = new TokenExchange(Transport);
        TokenPath = Path.Combine(_dir, "token");
        WriteToken(TestJwts.Make(exp: Clock.Now.AddHours(1)));
    }

    public ManualClock Clock { get; } = new();
    /// <summary>Every pause between attempts, in order: each moved <see cref="Clock"/> on instead of sleeping.</summary>
    public List<TimeSpan> Waits { get; } = new();
    public ClientOptions Options { get; }
    public HttpTransport Transport { get; }
    public TokenExchange Exchange { get; }
    public string TokenPath { get; }
    public IdentityTokenFile File => new(TokenPath);

    public void WriteToken(string jwt) => System.IO.File.WriteAllText(TokenPath, jwt + "\n");

    public string TokenText => System.IO.File.ReadAllText(TokenPath).Trim();

    public AccessTokenSource Source() => new(File, Exchange, Options.Clock);

    /// <summary>W&amp;B's answer to a good exchange.</summary>
    public static string Granted(string accessToken, object? expiresIn = null) =>
        expiresIn == null ? $"{{\"access_token\":\"{accessToken}\"}}" : $"{{\"access_token\":\"{accessToken}\",\"expires_in\":{expiresIn}}}";

    public void Dispose()
    {
        Transport.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
