using WandbAuth.Api;
using WandbAuth.Emulator;
using WandbAuth.UnitTests.Support;

namespace WandbAuth.UnitTests.Transport;

/// <summary>A GraphQLClient over real HTTP to the emulator on loopback, with a short timeout and quick retries.</summary>
internal static class LoopbackClient
{
    public static GraphQLClient For(WandbEmulator emulator, string key, TimeSpan? timeout = null, long? maxReplyBytes = null, int attempts = 2)
    {
        var options = new ClientOptions
        {
            Retry = ApiFixture.FastRetry(attempts),
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
            MaxReplyBytes = maxReplyBytes ?? new ClientOptions().MaxReplyBytes,
        };
        return new GraphQLClient(new HttpTransport(emulator.BaseUrl, options), BasicAuth.For(TestKeys.Secure(key)));
    }

    public static async Task<(WandbEmulator Emulator, string Key)> StartAsync()
    {
        var emulator = await WandbEmulator.StartAsync();
        emulator.State.AddUser("alice", admin: true);
        return (emulator, emulator.State.IssueKey("alice", "laptop"));
    }
}
