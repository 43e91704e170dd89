using System.Net;
using System.Net.Sockets;
using System.Text;
using WandbAuth.Api;
using WandbAuth.Emulator;
using WandbAuth.UnitTests.Support;
using Xunit;

namespace WandbAuth.UnitTests.Transport;

[CollectionDefinition(nameof(ProcessWideProxy), DisableParallelization = true)]
public sealed class ProcessWideProxy
{
}

/// <summary>
/// A proxy reads a plain-HTTP request whole, Authorization header included: plain HTTP always goes direct, while
/// HTTPS keeps the system proxy users expect (it sees only a CONNECT tunnel). HttpClient.DefaultProxy is what
/// HTTP_PROXY and the OS settings become, and is process-wide, hence the collection.
/// </summary>
[Collection(nameof(ProcessWideProxy))]
public sealed class ProxyTests : IDisposable
{
    private readonly IWebProxy _saved = HttpClient.DefaultProxy;
    private readonly FakeProxy _proxy = new();

    public ProxyTests() => HttpClient.DefaultProxy = new WebProxy(_proxy.Address) { BypassProxyOnLocal = false };

    public void Dispose()
    {
        HttpClient.DefaultProxy = _saved;
        _proxy.Dispose();
    }

    [Fact]
    public async Task Plain_http_to_loopback_never_goes_through_a_proxy()
    {
        var (emulator, key) = await LoopbackClient.StartAsync();
        await using var _ = emulator;

        await LoopbackClient.For(emulator, key).SendAsync(GraphQLOperation.Load("DiscoverFields"), null, default);

        Assert.Single(emulator.Requests.All);
        Assert.Empty(_proxy.RequestLines);
    }

    [Fact]
    public async Task Https_uses_the_system_proxy_as_a_tunnel()
    {
        var options = new ClientOptions { Retry = ApiFixture.FastRetry(1), Timeout = TimeSpan.FromSeconds(10) };
        var client = new GraphQLClient(new HttpTransport(new Uri("https://wandb.example.com"), options), BasicAuth.For(TestKeys.Secure(TestKeys.Current())));

        await Assert.ThrowsAsync<WandbApiException>(() => client.SendAsync(GraphQLOperation.Load("DiscoverFields"), null, default));

        var line = Assert.Single(_proxy.RequestLines);
        Assert.StartsWith("CONNECT wandb.example.com:443 ", line);
    }

    /// <summary>Accepts connections, records each request line, and refuses with 502.</summary>
    private sealed class FakeProxy : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly List<string> _lines = [];

        public FakeProxy()
        {
            _listener.Start();
            _ = AcceptAsync();
        }

        public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

        public IReadOnlyList<string> RequestLines { get { lock (_lines) return [.. _lines]; } }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
                catch (Exception) { return; }
                using (client)
                {
                    var stream = client.GetStream();
                    var reader = new StreamReader(stream, Encoding.ASCII);
                    var line = await reader.ReadLineAsync();
                    lock (_lines) _lines.Add(line ?? "");
                    var refusal = Encoding.ASCII.GetBytes("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    await stream.WriteAsync(refusal);
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }
}
