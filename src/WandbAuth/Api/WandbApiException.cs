using System;

namespace WandbAuth.Api
{
    /// <summary>A failed W&amp;B call. Messages name the host and status, never the key (they pass through Redaction).</summary>
    public sealed class WandbApiException : Exception
    {
        public WandbApiException(ApiErrorKind kind, Uri host, string message, int? statusCode = null, Exception? inner = null)
            : base(Redaction.Scrub(message), inner)
        {
            Kind = kind; Host = host; StatusCode = statusCode;
        }
        public ApiErrorKind Kind { get; }
        public Uri Host { get; }
        public int? StatusCode { get; }
    }
}
