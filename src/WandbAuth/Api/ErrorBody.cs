using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WandbAuth.Api
{
    /// <summary>
    /// What a refusal's body holds, read best-effort for what the server said (W&amp;B, its token exchange, Azure DevOps): a
    /// JSON object, or the first line of plain text. A body that stalls, breaks off, runs past 64 KB or cannot be parsed
    /// says nothing; only the caller's own cancellation ends the read with an exception.
    /// </summary>
    internal sealed class ErrorBody
    {
        /// <summary>An error answer is read for its message only: a few kilobytes say all there is.</summary>
        private const long Limit = 64 * 1024;
        private const int LineLimit = 200;

        private ErrorBody(JObject? json, string? line) { Json = json; Line = line; }

        /// <summary>A JSON body's object; null for anything else.</summary>
        public JObject? Json { get; }

        /// <summary>A text/plain body's first line, cut at 200 characters; null for anything else.</summary>
        public string? Line { get; }

        /// <summary>Null when the body is neither JSON nor plain text, or could not be read.</summary>
        public static async Task<ErrorBody?> ReadAsync(HttpResponseMessage response, CancellationToken attemptToken, CancellationToken ct)
        {
            bool json = HttpAttempts.IsJson(response);
            var type = response.Content.Headers.ContentType?.MediaType;
            if (!json && (type == null || !type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))) return null;
            string text;
            try { text = await HttpAttempts.ReadBoundedAsync(response, Limit, attemptToken).ConfigureAwait(false); }
            catch (Exception e) when (!ct.IsCancellationRequested && (e is IOException || e is OperationCanceledException || e is HttpRequestException || e is ObjectDisposedException))
            {
                return null;
            }
            if (json)
            {
                try { return JToken.Parse(text) is JObject body ? new ErrorBody(body, null) : null; }
                catch (JsonException) { return null; }
            }
            var line = text.Trim().Split('\n')[0].Trim();
            return line.Length == 0 ? null : new ErrorBody(null, line.Length > LineLimit ? line.Substring(0, LineLimit) + "…" : line);
        }
    }
}
