using System.Net.Sockets;

namespace WandbAuth.UnitTests.Rotation.Support;

/// <summary>The HTTP path to the emulator, which a simulated crash cuts: a dead process reaches no server.</summary>
internal sealed class SwitchableNetwork() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
{
    public bool Down { get; set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Down) throw new HttpRequestException("connection refused (simulated crash)", new SocketException((int)SocketError.ConnectionRefused));
        return base.SendAsync(request, cancellationToken);
    }
}
