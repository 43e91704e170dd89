using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using WandbAuth.Credentials;

namespace WandbAuth.Api
{
    /// <summary>The W&amp;B operations WandbAuth uses, as one key, over a shared transport. Knows nothing of PowerShell.</summary>
    internal sealed partial class WandbApi
    {
        private readonly GraphQLClient _client;
        private readonly SchemaFeatureCache _features;

        public WandbApi(GraphQLClient client, SchemaFeatureCache features)
        {
            _client = client; _features = features;
        }

        public Uri BaseUrl => _client.BaseUrl;

        /// <summary>A 200 answer whose viewer is null: W&amp;B did not take the credential.</summary>
        private WandbApiException NoViewer() => new WandbApiException(ApiErrorKind.KeyRejected, BaseUrl,
            $"W&B at {BaseUrl.GetLeftPart(UriPartial.Authority)} answered with no viewer: {_client.Refusal}.");

        /// <summary>The caller. A rejected key (HTTP 401, or viewer null) throws KeyRejected.</summary>
        public async Task<ViewerInfo> GetViewerAsync(CancellationToken ct)
        {
            var f = await _features.GetAsync(_client, "GetViewer", ct).ConfigureAwait(false);
            var data = await _client.SendAsync(GraphQLOperation.Load("GetViewer", SchemaDiscovery.ApiKeyFragment(f)), null, ct).ConfigureAwait(false);
            if (data["viewer"] is not JObject v) throw NoViewer();
            return new ViewerInfo
            {
                Id = (string?)v["id"] ?? "",
                Name = (string?)v["name"],
                Username = (string?)v["username"] ?? "",
                Email = (string?)v["email"],
                Admin = (bool?)v["admin"] ?? false,
                Entity = (string?)v["entity"],
                ApiKeys = Keys(v["apiKeys"], f),
                Teams = Nodes(v["teams"]).Select(t => (string?)t["name"]).Where(n => n != null).Select(n => n!).ToList(),
            };
        }

        public async Task<NewApiKey> GenerateApiKeyAsync(string description, CancellationToken ct)
        {
            var data = await _client.SendAsync(GraphQLOperation.Load("GenerateApiKey"), new JObject { ["description"] = description }, ct).ConfigureAwait(false);
            // Read without trusting the answer's shape: anything but the key where it belongs leaves the outcome unknown, so
            // callers look for a key the server may have made instead of reporting a plain failure.
            var key = JsonText.Object(JsonText.Object(data, "generateApiKey"), "apiKey");
            var secretText = JsonText.Of(key?["name"]);
            if (key == null || secretText == null)
                throw new WandbApiException(ApiErrorKind.OutcomeUnknown, BaseUrl,
                    "W&B answered the request to create an API key without the key; it may have created one nobody received.");
            // The response object is dropped at once; only the SecureString keeps the secret.
            key["name"] = null;
            // The server's own answer is the key, shown this once: a shape ApiKeyFormat does not know must not lose it,
            // nor may an odd id or description.
            var secret = ApiKeyFormat.CheckIssued(SecretText.ToSecureString(secretText.Trim())).Key;
            return new NewApiKey(JsonText.Of(key["id"]) ?? "", JsonText.Of(key["description"]) ?? description, secret);
        }

        public async Task DeleteApiKeyAsync(string id, CancellationToken ct)
        {
            var data = await _client.SendAsync(GraphQLOperation.Load("DeleteApiKey"), new JObject { ["id"] = id }, ct).ConfigureAwait(false);
            if ((bool?)data["deleteApiKey"]?["success"] != true)
                throw new WandbApiException(ApiErrorKind.GraphQLError, BaseUrl, $"W&B did not confirm deleting API key {id} (success was not true).");
        }

        /// <summary>Users and service accounts with their keys (organization admins only).</summary>
        public async Task<IReadOnlyList<UserRecord>> SearchUsersAsync(string? query, CancellationToken ct)
        {
            var f = await _features.GetAsync(_client, "SearchUsers", ct).ConfigureAwait(false);
            var op = GraphQLOperation.Load("SearchUsers", SchemaDiscovery.ApiKeyFragment(f), SchemaDiscovery.UserFragment(f));
            var data = await _client.SendAsync(op, new JObject { ["query"] = query }, ct).ConfigureAwait(false);
            return Nodes(data["users"]).Select(u => ParseUser(u, f)).ToList();
        }

        public async Task<IReadOnlyList<TeamMember>> GetTeamMembersAsync(string team, CancellationToken ct)
        {
            var data = await _client.SendAsync(GraphQLOperation.Load("GetTeamEntity"), new JObject { ["name"] = team }, ct).ConfigureAwait(false);
            if (data["entity"] is not JObject entity)
                throw new WandbApiException(ApiErrorKind.NotFound, BaseUrl, $"W&B at {BaseUrl.GetLeftPart(UriPartial.Authority)} has no team '{team}'.");
            return ((entity["members"] as JArray) ?? new JArray()).Select(m => new TeamMember
            {
                Id = (string?)m["id"] ?? "",
                Username = (string?)m["username"] ?? "",
                Email = (string?)m["email"],
                Admin = (bool?)m["admin"] ?? false,
                AccountType = (string?)m["accountType"],
            }).ToList();
        }

        internal static UserRecord ParseUser(JToken u, SchemaFeatures f) => new UserRecord
        {
            Id = (string?)u["id"] ?? "",
            Username = (string?)u["username"] ?? "",
            Email = (string?)u["email"],
            Admin = (bool?)u["admin"] ?? false,
            AccountType = f.UserHasAccountType ? (string?)u["accountType"] : null,
            ApiKeys = Keys(u["apiKeys"], f),
        };

        internal static IReadOnlyList<ApiKeyRecord> Keys(JToken? connection, SchemaFeatures f) =>
            Nodes(connection).Select(n => ParseKey(n, f)).ToList();

        internal static ApiKeyRecord ParseKey(JToken n, SchemaFeatures f) => new ApiKeyRecord
        {
            Id = (string?)n["id"] ?? "",
            // Old servers list the whole secret as the name: it is cut to a key ID here, before anything can show it.
            KeyId = KeyIds.FromListing((string?)n["name"] ?? ""),
            Description = (string?)n["description"] ?? "",
            CreatedAt = f.ApiKeyCreatedField == null ? null : Date(n[f.ApiKeyCreatedField]),
            LastUsedAt = f.ApiKeyLastUsedField == null ? null : Date(n[f.ApiKeyLastUsedField]),
        };

        internal static IEnumerable<JToken> Nodes(JToken? connection) =>
            ((connection?["edges"] as JArray) ?? new JArray()).Select(e => e?["node"]).Where(n => n != null && n.Type == JTokenType.Object)!;

        /// <summary>ISO-8601 text or Unix seconds; anything else is treated as unknown rather than failing a listing.</summary>
        internal static DateTime? Date(JToken? value)
        {
            if (value == null || value.Type == JTokenType.Null) return null;
            if (value.Type == JTokenType.Date)
            {
                // A timestamp without a zone is UTC (as the string path assumes), not this machine's local time.
                var date = (DateTime)value;
                return date.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(date, DateTimeKind.Utc) : date.ToUniversalTime();
            }
            if (value.Type == JTokenType.Integer || value.Type == JTokenType.Float)
            {
                var seconds = (double)value;
                // Outside 0001..9999 (milliseconds, say) is not Unix seconds: unknown, not an exception.
                if (double.IsNaN(seconds) || seconds < -62135596800 || seconds > 253402300799) return null;
                return DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)).UtcDateTime;
            }
            if (value.Type != JTokenType.String) return null;
            var text = (string?)value;
            if (text != null && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d))
                return d;
            return null;
        }
    }

    /// <summary>Introspection results, asked once per connection and shared by every call on it.</summary>
    internal sealed class SchemaFeatureCache
    {
        private readonly object _gate = new object();
        private Task<SchemaFeatures>? _task;

        public Task<SchemaFeatures> GetAsync(GraphQLClient client, string servedOperation, CancellationToken ct)
        {
            lock (_gate)
            {
                // A failed discovery is not cached: the next call asks again.
                if (_task == null || _task.IsFaulted || _task.IsCanceled) _task = SchemaDiscovery.DiscoverAsync(client, servedOperation, ct);
                return _task;
            }
        }
    }
}
