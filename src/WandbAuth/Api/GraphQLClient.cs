using System;
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
    /// every failure into a WandbApiException that names the host and what the user asked for. Every read of an
    /// answer is bounded in time (the per-attempt timeout, the caller's cancellation) and in size.
    /// </summary>
    internal sealed class GraphQLClient
    {
        private readonly HttpTransport _transport;
        private readonly IAuthorizationSource _auth;

        /// <summary>As an API key.</summary>
        public GraphQLClient(HttpTransport transport, AuthenticationHeaderValue auth) : this(transport, FixedAuthorization.ApiKey(auth))
        {
        }

        public GraphQLClient(HttpTransport transport, IAuthorizationSource auth)
        {
            _transport = transport; _auth = auth;
        }

        public Uri BaseUrl => _transport.BaseUrl;

        /// <summary>What W&amp;B refusing this client's credential means (an API key, or keyless sign-in's access token).</summary>
        public string Refusal => _auth.Refusal;

        private ClientOptions Options => _transport.Options;

        /// <summary>Sends the operation and returns its "data" object; the whole answer is read within the attempt's timeout.</summary>
        public Task<JObject> SendAsync(GraphQLOperation op, JObject? variables, CancellationToken ct) =>
            SendCoreAsync(op, variables, async (response, attemptToken) =>
            {
                using (response)
                {
                    JObject body;
                    // Answers here are small (large listings stream through OpenStreamAsync): one read, then a synchronous parse.
                    try { body = JObject.Parse(await HttpAttempts.ReadBoundedAsync(response, Options.MaxReplyBytes, attemptToken).ConfigureAwait(false)); }
                    catch (JsonException e) { throw Unusable(op, NotGraphQL(response, e)); }
                    catch (ReplyTooLargeException e) { throw Unusable(op, TooLarge(op, e)); }
                    return DataOf(body, (int)response.StatusCode, op);
                }
            }, ct);

        /// <summary>
        /// Sends the operation and hands back the successful answer's body unread, for callers that stream a large
        /// answer: each read must bring data within the timeout, Ctrl+C (the caller's token) ends it at once, and
        /// no more than the reply limit is read between two renewals of its budget.
        /// </summary>
        public Task<ReplyStream> OpenStreamAsync(GraphQLOperation op, JObject? variables, CancellationToken ct) =>
            SendCoreAsync(op, variables, async (response, _) =>
            {
                try
                {
                    var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                    return new ReplyStream(body, response, Options.Timeout, Options.MaxReplyBytes, ct);
                }
                catch
                {
                    response.Dispose();
                    throw;
                }
            }, ct);

        /// <summary>
        /// The attempt loop (<see cref="HttpAttempts"/>). <paramref name="accept"/> takes a 2xx JSON answer (and owns it) under
        /// the attempt's token, so a body that stalls counts as that attempt timing out: a query is tried again, a mutation's
        /// outcome is unknown.
        /// </summary>
        private Task<T> SendCoreAsync<T>(GraphQLOperation op, JObject? variables,
            Func<HttpResponseMessage, CancellationToken, Task<T>> accept, CancellationToken ct) =>
            HttpAttempts.SendAsync(_transport.Http, Options.RequestLimits, new AttemptPlan<T>(
                async token => Request(op, variables, await _auth.HeaderAsync(token).ConfigureAwait(false)),
                (response, attemptToken) =>
                {
                    if (HttpAttempts.IsJson(response)) return accept(response, attemptToken);
                    using (response) throw Unusable(op, NotGraphQL(response, null));
                },
                (response, attempts, attemptToken) => Rejection(response, op, attempts, attemptToken, ct),
                (failure, connectionMade, attempts) => Failure(op, failure, connectionMade, attempts),
                op.IsMutation), ct);

        private HttpRequestMessage Request(GraphQLOperation op, JObject? variables, AuthenticationHeaderValue auth)
        {
            var body = new JObject { ["query"] = op.Document, ["variables"] = variables ?? new JObject(), ["operationName"] = op.Name };
            var request = new HttpRequestMessage(HttpMethod.Post, _transport.Endpoint)
            {
                Content = new StringContent(body.ToString(Formatting.None), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = auth;
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return request;
        }

        /// <summary>The exception for a final non-2xx answer, with what the server said when its body says it.</summary>
        private async Task<Exception> Rejection(HttpResponseMessage response, GraphQLOperation op, int attempts,
            CancellationToken attemptToken, CancellationToken ct)
        {
            int status = (int)response.StatusCode;
            var host = _transport.BaseUrl;
            var what = $"W&B at {Authority} answered HTTP {status} ({response.ReasonPhrase}) to {op.Purpose}";
            var tries = attempts > 1 ? $" after {attempts} attempts" : "";
            if (status >= 300 && status < 400)
                return new WandbApiException(ApiErrorKind.RedirectRefused, host,
                    $"{what}: a redirect to {response.Headers.Location}. WandbAuth never sends a key to a redirect target; if the server moved, connect with -BaseUrl set to its new address.", status);

            var error = await ErrorIn(response, attemptToken, ct).ConfigureAwait(false);
            var said = error == null ? "" : $" (the server said: {error.Message.TrimEnd('.')})";
            var kind = ServerError.Classify(status, error);
            switch (kind)
            {
                case ApiErrorKind.ClientNotRecognized:
                case ApiErrorKind.KeyCreationDisabled:
                    return Reported(kind, status, op, error!);
                case ApiErrorKind.KeyRejected:
                    return new WandbApiException(kind, host, $"{what}: {_auth.Refusal}{said}.", status);
                case ApiErrorKind.PermissionDenied:
                    return new WandbApiException(kind, host, $"{what}: permission denied{said}.", status);
            }
            if (status == 429)
                return new WandbApiException(ApiErrorKind.RateLimited, host, $"{what}{tries}: rate limited{said}. Wait a little and try again.", status);
            if (status >= 500)
                return op.IsMutation
                    ? new WandbApiException(ApiErrorKind.OutcomeUnknown, host, $"{what}{tries}{said}; the server may or may not have carried it out.", status)
                    : new WandbApiException(ApiErrorKind.ServerError, host, $"{what}{tries}{said}.", status);
            if (status == 404 && error == null)
                return new WandbApiException(ApiErrorKind.InvalidResponse, host, $"{what}: there is no W&B API at {_transport.Endpoint}. Check -BaseUrl.", status);
            return new WandbApiException(kind, host, $"{what}{said}.", status);
        }

        /// <summary>The error a rejection's JSON body carries (<see cref="ErrorBody"/>: a body that stalls or is not JSON says nothing).</summary>
        private static async Task<ServerError?> ErrorIn(HttpResponseMessage response, CancellationToken attemptToken, CancellationToken ct) =>
            ServerError.From((await ErrorBody.ReadAsync(response, attemptToken, ct).ConfigureAwait(false))?.Json);

        /// <summary>The "data" of a GraphQL answer, or an exception built from its "errors".</summary>
        internal JObject DataOf(JObject body, int status, GraphQLOperation op)
        {
            // GraphQL allows errors beside data. A mutation whose result is there happened: its result (a key shown this
            // once) must reach the caller, whatever else the server complains of.
            if (op.IsMutation && body["data"] is JObject done && done.Properties().Any(p => p.Value.Type != JTokenType.Null)) return done;
            var error = ServerError.From(body);
            bool hasErrors = body["errors"] is JArray errors && errors.Count > 0;
            // GraphQL errors win over partial data; a bare {"error": ...} counts when there is no data.
            if (hasErrors || (error != null && !(body["data"] is JObject)))
            {
                error ??= new ServerError("an error without a message", null);
                throw Reported(ServerError.Classify(status, error), status, op, error);
            }
            if (body["data"] is JObject data) return data;
            throw Unusable(op, new WandbApiException(ApiErrorKind.InvalidResponse, _transport.BaseUrl,
                $"W&B at {Authority} answered {op.Purpose} with JSON that is not a GraphQL answer (no data, no errors).", status));
        }

        /// <summary>
        /// A 2xx answer that cannot be read. For a query that is all there is to say; a mutation the server accepted may
        /// have happened, so its outcome is unknown (and callers look for what it made rather than trying again).
        /// </summary>
        private WandbApiException Unusable(GraphQLOperation op, WandbApiException e) => !op.IsMutation ? e :
            new WandbApiException(ApiErrorKind.OutcomeUnknown, _transport.BaseUrl,
                $"{e.Message.TrimEnd('.')}; the server accepted {op.Purpose} and may or may not have carried it out.", e.StatusCode, e);

        /// <summary>An error the server reported in words: the kinds users must tell apart get a message that says what to do.</summary>
        private WandbApiException Reported(ApiErrorKind kind, int status, GraphQLOperation op, ServerError error)
        {
            var where = $"W&B at {Authority}";
            var message = kind switch
            {
                ApiErrorKind.ClientNotRecognized =>
                    $"{where} refused {op.Purpose} with \"relogin required\": it serves API keys only to clients it recognises by their User-Agent " +
                    $"(W&B's own SDK sends \"{ClientOptions.FirstPartyUserAgentPrefix.Trim()} <version>\", and so does WandbAuth). A proxy between you and W&B may have " +
                    "replaced the User-Agent header, or the server has changed which clients it serves. The key itself may be fine; if the proxy is not the cause, " +
                    "check whether a newer WandbAuth is available.",
                ApiErrorKind.KeyCreationDisabled =>
                    $"{where} refused {op.Purpose}: {error.Message.TrimEnd('.')}. Ask an organization administrator to allow API key creation, " +
                    "or to create a service account key for you. Existing keys keep working.",
                _ => $"{where} refused {op.Purpose}: {error.Message.TrimEnd('.')}{(error.Code != null ? $" ({error.Code})" : "")}.",
            };
            return new WandbApiException(kind, _transport.BaseUrl, message, status);
        }

        internal WandbApiException TooLarge(GraphQLOperation op, ReplyTooLargeException e) =>
            new WandbApiException(ApiErrorKind.ReplyTooLarge, _transport.BaseUrl,
                $"W&B at {Authority} sent {e.Message} in answer to {op.Purpose}; WandbAuth stops reading there. A proxy or a misconfigured server may be answering: check -BaseUrl.", null, e);

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
                    $"The answer to {op.Purpose} from {Authority} was lost ({Describe(failure)}); the server may or may not have carried it out.", null, failure);
            if (failure is TimeoutException)
                return new WandbApiException(ApiErrorKind.Timeout, host,
                    $"W&B at {Authority} did not answer {op.Purpose} within {Options.Timeout.TotalSeconds:0} s{tries}.", null, failure);
            return new WandbApiException(ApiErrorKind.Network, host, $"Could not reach W&B at {Authority}{tries}: {Describe(failure)}.", null, failure);
        }

        /// <summary>What a network failure was, in a few words (never a request's content).</summary>
        internal static string Describe(Exception e) => e is TimeoutException ? "timed out"
            : (e.InnerException?.Message ?? e.Message).TrimEnd('.');

        private string Authority => _transport.BaseUrl.GetLeftPart(UriPartial.Authority);

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
