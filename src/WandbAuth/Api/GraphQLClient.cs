using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WandbAuth.Api
{
    /// <summary>
    /// Sends GraphQL operations as one key over a shared transport: retries what is safe to retry and turns
    /// every failure into a WandbApiException that names the host and status.
    /// </summary>
    internal sealed class GraphQLClient
    {
        private readonly HttpTransport _transport;
        private readonly AuthenticationHeaderValue _auth;

        public GraphQLClient(HttpTransport transport, AuthenticationHeaderValue auth)
        {
            _transport = transport; _auth = auth;
        }

        public Uri BaseUrl => _transport.BaseUrl;

        /// <summary>Sends the operation and returns its "data" object.</summary>
        public async Task<JObject> SendAsync(GraphQLOperation op, JObject? variables, CancellationToken ct)
        {
            using var response = await SendForResponseAsync(op, variables, ct).ConfigureAwait(false);
            // Answers here are small (large listings stream through SendForResponseAsync): one read, then a
            // synchronous parse, which costs far less than Newtonsoft's async reader pausing at every token.
            var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            JObject body;
            try { body = JObject.Parse(text); }
            catch (JsonException e) { throw NotGraphQL(response, e); }
            return DataOf(body, (int)response.StatusCode);
        }

        /// <summary>
        /// Sends the operation and hands back the successful response unread, for callers that stream a large
        /// answer. Status and content type are already checked.
        /// </summary>
        public async Task<HttpResponseMessage> SendForResponseAsync(GraphQLOperation op, JObject? variables, CancellationToken ct)
        {
            var policy = _transport.Options.Retry;
            for (int attempt = 1; ; attempt++)
            {
                HttpResponseMessage? response = null;
                TimeSpan? hint = null;
                int? status = null;
                bool connectionMade = true;
                Exception? failure = null;
                using (var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(ct))
                using (var request = Request(op, variables))
                {
                    attemptCts.CancelAfter(_transport.Options.Timeout);
                    try
                    {
                        response = await _transport.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptCts.Token).ConfigureAwait(false);
                        status = (int)response.StatusCode;
                        if (status < 300 || !RetryPolicy.IsRetryableStatus(status.Value))
                            return await Checked(response, op).ConfigureAwait(false);
                        hint = ServerHint(response);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        failure = new TimeoutException();
                    }
                    catch (HttpRequestException e)
                    {
                        failure = e;
                        connectionMade = !IsConnectFailure(e);
                    }
                }

                if (!policy.ShouldRetry(attempt, status, connectionMade, op.IsMutation) ||
                    (hint.HasValue && hint.Value > policy.MaxServerDelay))
                {
                    if (response != null) return await Checked(response, op, attempt).ConfigureAwait(false);
                    throw Failure(op, failure!, connectionMade, attempt);
                }
                response?.Dispose();
                await Task.Delay(policy.DelayBefore(attempt + 1, hint), ct).ConfigureAwait(false);
            }
        }

        private HttpRequestMessage Request(GraphQLOperation op, JObject? variables)
        {
            var body = new JObject { ["query"] = op.Document, ["variables"] = variables ?? new JObject(), ["operationName"] = op.Name };
            var request = new HttpRequestMessage(HttpMethod.Post, _transport.Endpoint)
            {
                Content = new StringContent(body.ToString(Formatting.None), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = _auth;
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return request;
        }

        /// <summary>Turns a final non-2xx answer into an exception; passes a 2xx JSON answer through.</summary>
        private async Task<HttpResponseMessage> Checked(HttpResponseMessage response, GraphQLOperation op, int attempts = 1)
        {
            int status = (int)response.StatusCode;
            if (status >= 200 && status < 300)
            {
                if (!IsJson(response)) { var e = NotGraphQL(response, null); response.Dispose(); throw e; }
                return response;
            }
            using (response)
            {
                var host = _transport.BaseUrl;
                var what = $"W&B at {Authority} answered HTTP {status} ({response.ReasonPhrase}) to {op.Name}";
                var tries = attempts > 1 ? $" after {attempts} attempts" : "";
                if (status >= 300 && status < 400)
                    throw new WandbApiException(ApiErrorKind.RedirectRefused, host,
                        $"{what}: a redirect to {response.Headers.Location}. WandbAuth never sends a key to a redirect target; if the server moved, connect with -BaseUrl set to its new address.", status);
                if (status == 401)
                    throw new WandbApiException(ApiErrorKind.KeyRejected, host, $"{what}: the API key was rejected (revoked, mistyped, or for another server).", status);
                if (status == 403)
                    throw new WandbApiException(ApiErrorKind.PermissionDenied, host, $"{what}: permission denied.", status);
                if (status == 429)
                    throw new WandbApiException(ApiErrorKind.RateLimited, host, $"{what}{tries}: rate limited. Wait a little and try again.", status);
                if (status >= 500)
                    throw op.IsMutation
                        ? new WandbApiException(ApiErrorKind.OutcomeUnknown, host, $"{what}{tries}; the server may or may not have carried it out.", status)
                        : new WandbApiException(ApiErrorKind.ServerError, host, $"{what}{tries}.", status);
                // Other 4xx answers (a GraphQL validation failure, say) usually carry GraphQL errors: report those.
                if (IsJson(response))
                {
                    try
                    {
                        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                        DataOf(JObject.Parse(text), status);
                    }
                    catch (JsonException) { }
                }
                throw new WandbApiException(status == 404 ? ApiErrorKind.InvalidResponse : ApiErrorKind.GraphQLError, host,
                    status == 404 ? $"{what}: there is no W&B API at {_transport.Endpoint}. Check -BaseUrl." : $"{what}.", status);
            }
        }

        /// <summary>The "data" of a GraphQL answer, or an exception built from its "errors".</summary>
        internal JObject DataOf(JObject body, int status)
        {
            if (body["errors"] is JArray errors && errors.Count > 0)
            {
                var message = errors.Select(e => (string?)e["message"]).FirstOrDefault(m => !string.IsNullOrEmpty(m)) ?? "unknown error";
                throw new WandbApiException(ClassifyGraphQLError(message), _transport.BaseUrl,
                    $"W&B at {Authority} reported an error: {message}", status);
            }
            if (body["data"] is JObject data) return data;
            throw new WandbApiException(ApiErrorKind.InvalidResponse, _transport.BaseUrl,
                $"W&B at {Authority} answered HTTP {status} with JSON that is not a GraphQL answer (no data, no errors).", status);
        }

        internal static ApiErrorKind ClassifyGraphQLError(string message)
        {
            var m = message.ToLowerInvariant();
            if (m.Contains("permission") || m.Contains("not authorized") || m.Contains("forbidden") || m.Contains("unauthorized") || m.Contains("not allowed"))
                return ApiErrorKind.PermissionDenied;
            if (m.Contains("not logged in") || m.Contains("invalid api key"))
                return ApiErrorKind.KeyRejected;
            if (m.Contains("not found") || m.Contains("does not exist") || m.Contains("no such"))
                return ApiErrorKind.NotFound;
            return ApiErrorKind.GraphQLError;
        }

        private WandbApiException NotGraphQL(HttpResponseMessage response, Exception? inner)
        {
            var type = response.Content.Headers.ContentType?.MediaType ?? "no content type";
            return new WandbApiException(ApiErrorKind.InvalidResponse, _transport.BaseUrl,
                $"W&B at {Authority} answered HTTP {(int)response.StatusCode} with {type} instead of GraphQL JSON. A proxy or gateway may be in the way; check -BaseUrl.",
                (int)response.StatusCode, inner);
        }

        private WandbApiException Failure(GraphQLOperation op, Exception failure, bool connectionMade, int attempts)
        {
            var host = _transport.BaseUrl;
            var tries = attempts > 1 ? $" after {attempts} attempts" : "";
            if (op.IsMutation && connectionMade)
                return new WandbApiException(ApiErrorKind.OutcomeUnknown, host,
                    $"The answer to {op.Name} from {Authority} was lost ({Describe(failure)}); the server may or may not have carried it out.", null, failure);
            if (failure is TimeoutException)
                return new WandbApiException(ApiErrorKind.Timeout, host,
                    $"W&B at {Authority} did not answer {op.Name} within {_transport.Options.Timeout.TotalSeconds:0} s{tries}.", null, failure);
            return new WandbApiException(ApiErrorKind.Network, host, $"Could not reach W&B at {Authority}{tries}: {Describe(failure)}.", null, failure);
        }

        private static string Describe(Exception e) => e is TimeoutException ? "timed out"
            : (e.InnerException?.Message ?? e.Message).TrimEnd('.');

        private string Authority => _transport.BaseUrl.GetLeftPart(UriPartial.Authority);

        private static bool IsJson(HttpResponseMessage response)
        {
            var type = response.Content.Headers.ContentType?.MediaType;
            return type != null && (type.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>Retry-After (seconds or a date), else RateLimit-Reset (seconds) when nothing remains.</summary>
        internal static TimeSpan? ServerHint(HttpResponseMessage response)
        {
            var retryAfter = response.Headers.RetryAfter;
            if (retryAfter?.Delta is TimeSpan delta) return delta;
            if (retryAfter?.Date is DateTimeOffset date) return date - DateTimeOffset.UtcNow;
            if (response.Headers.TryGetValues("RateLimit-Remaining", out var remaining) &&
                double.TryParse(remaining.FirstOrDefault(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var left) && left > 0)
                return null; // requests remain: the window's reset says nothing about this failure
            if (response.Headers.TryGetValues("RateLimit-Reset", out var values) &&
                double.TryParse(values.FirstOrDefault(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
                return TimeSpan.FromSeconds(seconds);
            return null;
        }

        /// <summary>True when the request cannot have reached a server (refused, unresolvable, unreachable).</summary>
        internal static bool IsConnectFailure(Exception e)
        {
            for (var inner = e.InnerException; inner != null; inner = inner.InnerException)
            {
                if (inner is SocketException s)
                    return s.SocketErrorCode == SocketError.ConnectionRefused || s.SocketErrorCode == SocketError.HostNotFound ||
                           s.SocketErrorCode == SocketError.HostUnreachable || s.SocketErrorCode == SocketError.NetworkUnreachable ||
                           s.SocketErrorCode == SocketError.TryAgain;
                if (inner is WebException w)
                    return w.Status == WebExceptionStatus.ConnectFailure || w.Status == WebExceptionStatus.NameResolutionFailure;
            }
            return false;
        }
    }
}
