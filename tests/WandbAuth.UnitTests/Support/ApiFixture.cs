using WandbAuth.Api;

namespace WandbAuth.UnitTests.Support;

/// <summary>A GraphQLClient over a ScriptedHandler for wandb.example.com, with retries that wait (almost) nothing.</summary>
internal static class ApiFixture
{
    public static readonly Uri BaseUrl = new("https://wandb.example.com");

    public static RetryPolicy FastRetry(int maxAttempts = 3) =>
        new(seed: 1) { MaxAttempts = maxAttempts, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) };

    public static GraphQLClient Client(ScriptedHandler handler, string key, RetryPolicy? retry = null, TimeSpan? timeout = null)
    {
        var options = new ClientOptions { Retry = retry ?? FastRetry(), Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        var transport = new HttpTransport(BaseUrl, options, handler);
        return new GraphQLClient(transport, BasicAuth.For(TestKeys.Secure(key)));
    }

    /// <summary>The Authorization parameter a key turns into: must never appear in a message either.</summary>
    public static string BasicCredential(string key) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("api:" + key));
}
