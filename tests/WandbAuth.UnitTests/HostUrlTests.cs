using WandbAuth.Credentials;
using Xunit;

namespace WandbAuth.UnitTests;

public class HostUrlTests
{
    [Theory]
    [InlineData("https://api.wandb.ai", "WandbApiKey")]
    [InlineData("https://wandb.example.com", "WandbApiKey-wandb-example-com")]
    [InlineData("http://127.0.0.1:8080", "WandbApiKey-127-0-0-1-8080")]
    public void Default_secret_name_uses_only_characters_Azure_Key_Vault_accepts(string url, string expected) =>
        Assert.Equal(expected, HostUrl.SecretNameFor(HostUrl.Parse(url)));

    [Fact]
    public void Plain_http_to_a_remote_host_is_refused_unless_opted_in()
    {
        var remote = HostUrl.Parse("http://wandb.example.com");
        var e = Assert.Throws<InsecureTransportException>(() => HostUrl.RequireSecureTransport(remote, allowUnencrypted: false));
        Assert.Contains("-AllowUnencryptedAuthentication", e.Message);
        HostUrl.RequireSecureTransport(remote, allowUnencrypted: true);
        HostUrl.RequireSecureTransport(HostUrl.Parse("http://127.0.0.1:1234"), allowUnencrypted: false);
        HostUrl.RequireSecureTransport(HostUrl.Parse("http://[::1]:1234"), allowUnencrypted: false);
        HostUrl.RequireSecureTransport(HostUrl.Parse("http://localhost:1234"), allowUnencrypted: false);
    }

    [Fact]
    public void Netrc_machine_carries_the_port_only_when_it_is_not_the_default() {
        Assert.Equal("api.wandb.ai", HostUrl.NetrcMachine(HostUrl.Parse("https://api.wandb.ai")));
        Assert.Equal("localhost:8080", HostUrl.NetrcMachine(HostUrl.Parse("http://localhost:8080")));
    }
}
