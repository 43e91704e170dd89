using System;

namespace WandbAuth.Api
{
    internal sealed class ClientOptions
    {
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
        public RetryPolicy Retry { get; set; } = new RetryPolicy();
        public string UserAgent { get; set; } = "WandbAuth/" + typeof(ClientOptions).Assembly.GetName().Version!.ToString(3);
    }
}
