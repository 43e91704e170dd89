using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WandbAuth.Api
{
    /// <summary>
    /// A 200 JSON answer that carries one secret as a string field: an identity token from Azure DevOps, an access token from
    /// W&amp;B. The field is taken out of the parsed body at once, so only the caller holds the secret.
    /// </summary>
    internal static class SecretReply
    {
        /// <summary>
        /// The secret and the rest of the body. Anything else is thrown as <paramref name="refuse"/>(what was wrong, said after
        /// "answered ... ", the HTTP status, the ReplyTooLargeException when the answer ran past <paramref name="limit"/>).
        /// </summary>
        public static async Task<(string Secret, JObject Body)> ReadAsync(HttpResponseMessage response, string field, long limit,
            Func<string, int, ReplyTooLargeException?, Exception> refuse, CancellationToken token)
        {
            int status = (int)response.StatusCode;
            if (status != 200 || !HttpAttempts.IsJson(response))
                throw refuse($"with HTTP {status} and {response.Content.Headers.ContentType?.MediaType ?? "no content type"} instead of JSON with {field}", status, null);
            string text;
            try { text = await HttpAttempts.ReadBoundedAsync(response, limit, token).ConfigureAwait(false); }
            catch (ReplyTooLargeException e) { throw refuse($"with {e.Message}; WandbAuth stops reading there", status, e); }
            JObject body;
            try { body = JObject.Parse(text); }
            catch (JsonException) { throw refuse("with JSON that cannot be read", status, null); }
            var value = body[field] as JValue;
            body[field] = null;
            if (value?.Type != JTokenType.String || string.IsNullOrEmpty((string?)value)) throw refuse($"without {field}", status, null);
            return ((string)value!, body);
        }
    }
}
