using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using WandbAuth.Credentials;

namespace WandbAuth.Api
{
    /// <summary>
    /// An Azure Pipelines service connection's OIDC token, asked of the job's OIDC request endpoint (Azure DevOps release
    /// notes, sprint 240; REST "Oidctoken - Create"): POST {System.OidcRequestUri}?api-version=7.1&amp;serviceConnectionId=
    /// &lt;id&gt; with "Authorization: Bearer &lt;System.AccessToken&gt;", answered {"oidcToken": "&lt;JWT&gt;"}. The REST page
    /// documents api-version 7.1-preview.1; 7.1 is what Microsoft's own AzurePipelinesCredential sends (azure-identity for
    /// .NET, Python and JavaScript: OIDC_API_VERSION = "7.1"), so it is the version Azure DevOps answers every day. The
    /// request adds X-TFS-FedAuthRedirect: Suppress, Azure DevOps' header for a refusal as a status rather than a sign-in
    /// redirect. System.AccessToken goes to that address only, over HTTPS (or loopback), in a request bounded and retried
    /// as the exchange it comes before is (<see cref="ClientOptions.TokenExchangeLimits"/>). A fresh token is asked for
    /// every exchange.
    /// </summary>
    internal sealed class AzureDevOpsOidc : IIdentityTokenSource, IDisposable
    {
        private const long ReplyLimit = 64 * 1024;
        private const string Purpose = "the OIDC token request";

        private readonly AzurePipelinesOidc _settings;
        private readonly ClientOptions _options;
        private readonly HttpClient _http;
        private readonly AuthenticationHeaderValue _auth;
        private readonly Uri _endpoint;

        public AzureDevOpsOidc(AzurePipelinesOidc settings, ClientOptions options, HttpMessageHandler? handler = null)
        {
            _settings = settings;
            _options = options;
            _http = HttpTransport.NewClient(settings.RequestUri, "WandbAuth/" + typeof(AzureDevOpsOidc).Assembly.GetName().Version!.ToString(3), handler);
            _auth = BearerAuth.For(settings.AccessToken);
            var separator = string.IsNullOrEmpty(settings.RequestUri.Query) ? "?" : "&";
            _endpoint = new Uri(settings.RequestUri.AbsoluteUri + separator + "api-version=7.1&serviceConnectionId=" + Uri.EscapeDataString(settings.ServiceConnectionId));
        }

        public string Origin => $"the OIDC token Azure DevOps issued for service connection '{_settings.Given}'";

        private string Authority => _settings.RequestUri.GetLeftPart(UriPartial.Authority);

        public Task<IdentityToken> GetAsync(CancellationToken ct) =>
            HttpAttempts.SendAsync(_http, _options.TokenExchangeLimits, new AttemptPlan<IdentityToken>(
                _ => Task.FromResult(Request()),
                TokenAsync,
                (response, attempts, attemptToken) => RejectionAsync(response, attempts, attemptToken, ct),
                (failure, _, attempts) => HttpAttempts.NotAnswered($"Azure DevOps at {Authority}", _settings.RequestUri, Purpose, _options.TokenExchangeLimits, failure, attempts),
                isMutation: false), ct);

        private HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(Array.Empty<byte>()) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = _auth;
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.TryAddWithoutValidation("X-TFS-FedAuthRedirect", "Suppress");
            return request;
        }

        private async Task<IdentityToken> TokenAsync(HttpResponseMessage response, CancellationToken attemptToken)
        {
            using (response)
            {
                var (jwt, _) = await SecretReply.ReadAsync(response, "oidcToken", ReplyLimit,
                    (what, status, _) => Unavailable($"Azure DevOps at {Authority} answered {Purpose} {what}.", status), attemptToken).ConfigureAwait(false);
                var chars = jwt.ToCharArray();
                IdentityToken token;
                try { token = IdentityToken.Parse(chars, 0, chars.Length, Origin); }
                finally { Array.Clear(chars, 0, chars.Length); }
                CheckName(token);
                return token;
            }
        }

        /// <summary>
        /// A name given for the id the task's variable holds must be the connection the token is for. Only the Azure DevOps
        /// issuer's subject (https://vstoken.dev.azure.com/&lt;org id&gt;, retiring), sc://&lt;org&gt;/&lt;project&gt;/&lt;name&gt;, names
        /// the connection; the Microsoft Entra issuer (https://login.microsoftonline.com/&lt;tenant&gt;/v2.0), the default for
        /// new connections (Microsoft Learn, azure/devops/pipelines/release/convert-service-connections), gives subjects that
        /// end with the connection's id: the id asked for, so it proves nothing about the name. Any subject that does not name the connection fails closed, before W&amp;B sees the token:
        /// signing in as whatever connection the task is bound to, under a name the user did not mean, would use that
        /// identity's W&amp;B access without a word. The message gives the id, with which nothing is left to check.
        /// </summary>
        private void CheckName(IdentityToken token)
        {
            var name = _settings.ExpectedName;
            if (name == null) return;
            var named = token.Subject.StartsWith("sc://", StringComparison.OrdinalIgnoreCase)
                ? token.Subject.Substring(token.Subject.LastIndexOf('/') + 1)
                : null;
            if (string.Equals(named, name, StringComparison.OrdinalIgnoreCase)) return;
            token.Jwt.Dispose();
            var variable = AzurePipelines.TaskServiceConnectionVariable;
            var id = _settings.ServiceConnectionId;
            throw new AzurePipelinesException(named != null
                ? $"{variable} names the service connection '{named}' (the token's subject is {token.Subject}), not '{name}': " +
                  $"it is the connection of the task this runs in. Give '{name}''s id (a GUID) instead, or run in a task whose azureSubscription is '{name}'."
                : $"The OIDC token for the task's service connection ({variable} = {id}) has the subject {token.Subject} from {token.Issuer}, " +
                  $"which names no connection, so WandbAuth cannot tell whether it is '{name}' (connections on the Microsoft Entra issuer are " +
                  $"named by id in their tokens). Nothing was sent to W&B. If '{name}' is that connection, give its id: " +
                  $"-AzureDevOpsServiceConnection {id}; otherwise give '{name}''s id.");
        }

        private async Task<Exception> RejectionAsync(HttpResponseMessage response, int attempts, CancellationToken attemptToken, CancellationToken ct)
        {
            int status = (int)response.StatusCode;
            var what = $"Azure DevOps at {Authority} answered HTTP {status} ({response.ReasonPhrase}) to {Purpose} for service connection '{_settings.Given}'";
            if (status >= 300 && status < 400)
                return new WandbApiException(ApiErrorKind.RedirectRefused, _settings.RequestUri,
                    $"{what}: a redirect to {response.Headers.Location}. System.AccessToken is never sent anywhere but the job's OIDC request URI.", status);
            var said = await SaidAsync(response, attemptToken, ct).ConfigureAwait(false);
            var saidText = said == null ? "" : $" (Azure DevOps said: {said.TrimEnd('.')})";
            var tries = attempts > 1 ? $" after {attempts} attempts" : "";
            var hint = status == 401 || status == 403
                ? " System.AccessToken was not accepted: map the job's own token into the step (env: SYSTEM_ACCESSTOKEN: $(System.AccessToken))."
                : status == 400 || status == 404
                    ? " Check the service connection's id, and that this pipeline may use the connection (its Security > Pipeline permissions)."
                    : "";
            return Unavailable($"{what}{tries}{saidText}.{hint}", status);
        }

        /// <summary>Azure DevOps' error bodies carry a "message".</summary>
        private static async Task<string?> SaidAsync(HttpResponseMessage response, CancellationToken attemptToken, CancellationToken ct)
        {
            var body = await ErrorBody.ReadAsync(response, attemptToken, ct).ConfigureAwait(false);
            if (body?.Json is not JObject json) return body?.Line;
            return json["message"] is JValue { Type: JTokenType.String } message ? (string?)message : ServerError.From(json)?.Message;
        }

        private WandbApiException Unavailable(string message, int status) =>
            new WandbApiException(ApiErrorKind.IdentityTokenUnavailable, _settings.RequestUri, message, status);

        public void Dispose()
        {
            _http.Dispose();
            _settings.AccessToken.Dispose();
        }
    }
}
