using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json.Linq;

namespace WandbAuth.UnitTests.Support;

/// <summary>One request as the handler saw it (after HttpClient added its default headers).</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri? Uri, AuthenticationHeaderValue? Authorization, string UserAgent, string Body,
    IReadOnlyDictionary<string, string>? Headers = null, string? ContentType = null)
{
    public string? Header(string name) => Headers != null && Headers.TryGetValue(name, out var value) ? value : null;

    public JObject Json => JObject.Parse(Body);
    public string Query => (string?)Json["query"] ?? "";
    public string? OperationName => (string?)Json["operationName"];
}

/// <summary>
/// An HttpMessageHandler that answers from a script, one step per request, and records every request.
/// A request beyond the script fails the test (so "was not retried" is checked by the script's length too).
/// </summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Queue<Func<CancellationToken, Task<HttpResponseMessage>>> _steps = new();
    private readonly object _gate = new();

    public List<RecordedRequest> Requests { get; } = new();

    public ScriptedHandler Json(HttpStatusCode status, string json, Action<HttpResponseMessage>? configure = null) =>
        Text(status, json, "application/json", configure);

    public ScriptedHandler Json(string json) => Json(HttpStatusCode.OK, json);

    public ScriptedHandler Text(HttpStatusCode status, string body, string contentType, Action<HttpResponseMessage>? configure = null) =>
        Step(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
            configure?.Invoke(response);
            return Task.FromResult(response);
        });

    public ScriptedHandler Throw(Exception e) => Step(_ => Task.FromException<HttpResponseMessage>(e));

    /// <summary>Never answers: the request waits until it is cancelled (a server that hangs).</summary>
    public ScriptedHandler Hang() => Step(async ct =>
    {
        await Task.Delay(Timeout.Infinite, ct);
        throw new InvalidOperationException("unreachable");
    });

    private ScriptedHandler Step(Func<CancellationToken, Task<HttpResponseMessage>> step)
    {
        lock (_gate) _steps.Enqueue(step);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content == null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Func<CancellationToken, Task<HttpResponseMessage>> step;
        lock (_gate)
        {
            Requests.Add(new RecordedRequest(request.Method, request.RequestUri, request.Headers.Authorization, request.Headers.UserAgent.ToString(), body,
                request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase),
                request.Content?.Headers.ContentType?.ToString()));
            if (_steps.Count == 0) throw new InvalidOperationException($"Unscripted request #{Requests.Count} to {request.RequestUri}.");
            step = _steps.Dequeue();
        }
        var response = await step(cancellationToken);
        response.RequestMessage = request;
        return response;
    }
}
