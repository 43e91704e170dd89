using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace WandbAuth.Api
{
    /// <summary>What one kind of request does with each outcome of an attempt (see <see cref="HttpAttempts"/>).</summary>
    internal sealed class AttemptPlan<T>
    {
        public AttemptPlan(Func<CancellationToken, Task<HttpRequestMessage>> request, Func<HttpResponseMessage, CancellationToken, Task<T>> accept,
            Func<HttpResponseMessage, int, CancellationToken, Task<Exception>> reject, Func<Exception, bool, int, Exception> fail, bool isMutation)
        {
            Request = request; Accept = accept; Reject = reject; Fail = fail; IsMutation = isMutation;
        }

        /// <summary>A fresh request for each attempt. Its failures (a credential that cannot be had) end the loop as they are.</summary>
        public Func<CancellationToken, Task<HttpRequestMessage>> Request { get; }
        /// <summary>Takes a 2xx answer under the attempt's token and owns it.</summary>
        public Func<HttpResponseMessage, CancellationToken, Task<T>> Accept { get; }
        /// <summary>The exception for a final non-2xx answer: (answer, attempts made, the attempt's token).</summary>
        public Func<HttpResponseMessage, int, CancellationToken, Task<Exception>> Reject { get; }
        /// <summary>The exception for a network failure or timeout not tried again: (failure, connection made, attempts made).</summary>
        public Func<Exception, bool, int, Exception> Fail { get; }
        /// <summary>A request that changes something: tried again only when the server cannot have acted.</summary>
        public bool IsMutation { get; }
    }

    /// <summary>
    /// The attempt loop every WandbAuth request goes through (GraphQL, the identity token exchange, the Azure DevOps OIDC
    /// request): each attempt is bounded by its <see cref="AttemptLimits"/> (the per-attempt timeout, cut to what is left of
    /// a total) and the caller's cancellation, from sending to the last byte its plan reads; what is retried follows the
    /// <see cref="RetryPolicy"/>, with the server's Retry-After hint, as long as the wait leaves time for another attempt.
    /// </summary>
    internal static class HttpAttempts
    {
        public static async Task<T> SendAsync<T>(HttpClient http, AttemptLimits limits, AttemptPlan<T> plan, CancellationToken ct)
        {
            var policy = limits.Retry;
            var budget = limits.Start();
            for (int attempt = 1; ; attempt++)
            {
                var wait = TimeSpan.Zero;
                bool connectionMade = true;
                Exception? failure = null;
                using (var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(ct))
                using (var request = await plan.Request(ct).ConfigureAwait(false))
                {
                    attemptCts.CancelAfter(budget.ForAttempt());
                    HttpResponseMessage? response = null;
                    try
                    {
                        response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptCts.Token).ConfigureAwait(false);
                        int status = (int)response.StatusCode;
                        if (status >= 200 && status < 300)
                        {
                            var taken = response;
                            response = null; // accept owns it now
                            return await plan.Accept(taken, attemptCts.Token).ConfigureAwait(false);
                        }
                        bool again = RetryPolicy.IsRetryableStatus(status) && policy.ShouldRetry(attempt, status, true, plan.IsMutation);
                        if (again)
                        {
                            var hint = GraphQLClient.ServerHint(response);
                            wait = policy.DelayBefore(attempt + 1, hint);
                            again = !(hint > policy.MaxServerDelay) && budget.Allows(wait);
                        }
                        if (!again) throw await plan.Reject(response, attempt, attemptCts.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        failure = new TimeoutException();
                    }
                    catch (HttpRequestException e)
                    {
                        failure = e;
                        connectionMade = !GraphQLClient.IsConnectFailure(e);
                    }
                    catch (IOException e) when (!(e is ReplyTooLargeException))
                    {
                        failure = e; // the connection broke while the answer was being read
                    }
                    finally
                    {
                        response?.Dispose();
                    }
                }

                if (failure != null)
                {
                    bool again = policy.ShouldRetry(attempt, null, connectionMade, plan.IsMutation);
                    if (again)
                    {
                        wait = policy.DelayBefore(attempt + 1, null);
                        again = budget.Allows(wait);
                    }
                    if (!again) throw plan.Fail(failure, connectionMade, attempt);
                }
                await limits.Wait(wait, ct).ConfigureAwait(false);
            }
        }

        /// <summary>A whole small answer as text: past <paramref name="limit"/> bytes a ReplyTooLargeException, never more read.</summary>
        public static async Task<string> ReadBoundedAsync(HttpResponseMessage response, long limit, CancellationToken token)
        {
            if (response.Content.Headers.ContentLength is long declared && declared > limit) throw new ReplyTooLargeException(limit);
            var raw = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            using var body = new ReplyStream(raw, response, System.Threading.Timeout.InfiniteTimeSpan, limit, token);
            using var text = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(chunk, 0, chunk.Length, token).ConfigureAwait(false)) > 0) text.Write(chunk, 0, read);
            try { return Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length); }
            finally
            {
                // Answers may carry a secret (a new key, an access token): the bytes do not outlive the text.
                Array.Clear(text.GetBuffer(), 0, (int)text.Length);
                Array.Clear(chunk, 0, chunk.Length);
            }
        }

        /// <summary>
        /// A request that got no answer (a network failure, or a timeout) and is not tried again, for requests that change
        /// nothing: "<paramref name="server"/> did not answer <paramref name="purpose"/> within 10 s ...", or "Could not reach ...".
        /// </summary>
        public static WandbApiException NotAnswered(string server, Uri target, string purpose, AttemptLimits limits, Exception failure, int attempts)
        {
            var tries = attempts > 1 ? $" after {attempts} attempts" : "";
            return failure is TimeoutException
                ? new WandbApiException(ApiErrorKind.Timeout, target, $"{server} did not answer {purpose} {limits.Describe()}{tries}.", null, failure)
                : new WandbApiException(ApiErrorKind.Network, target, $"Could not reach {server} for {purpose}{tries}: {GraphQLClient.Describe(failure)}.", null, failure);
        }

        public static bool IsJson(HttpResponseMessage response)
        {
            var type = response.Content.Headers.ContentType?.MediaType;
            return type != null && (type.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        }
    }
}
