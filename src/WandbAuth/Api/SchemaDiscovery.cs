using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;

namespace WandbAuth.Api
{
    /// <summary>
    /// Finds the optional fields W&amp;B's unpublished schema may have ("Created", "Last used") by introspection,
    /// and builds the fragments that request only what exists.
    /// </summary>
    internal static class SchemaDiscovery
    {
        private static readonly string[] CreatedCandidates = { "createdAt", "created_at", "dateCreated", "created" };
        private static readonly string[] LastUsedCandidates = { "lastUsedAt", "lastUsed", "last_used_at", "lastUsedTime" };

        /// <param name="servedOperation">The operation discovery runs for: a failure is reported as that request's.</param>
        public static async Task<SchemaFeatures> DiscoverAsync(GraphQLClient client, string servedOperation, CancellationToken ct)
        {
            var op = GraphQLOperation.Load("DiscoverFields").ServingFor(GraphQLOperation.Load(servedOperation));
            var data = await client.SendAsync(op, null, ct).ConfigureAwait(false);
            var apiKeyFields = FieldNames(data["apiKey"]);
            var userFields = FieldNames(data["user"]);
            return new SchemaFeatures
            {
                ApiKeyCreatedField = CreatedCandidates.FirstOrDefault(apiKeyFields.Contains),
                ApiKeyLastUsedField = LastUsedCandidates.FirstOrDefault(apiKeyFields.Contains),
                UserHasAccountType = userFields.Contains("accountType"),
            };
        }

        private static HashSet<string> FieldNames(JToken? type) =>
            new HashSet<string>((type?["fields"] as JArray)?.Select(f => (string?)f["name"]).Where(n => n != null).Select(n => n!) ?? Enumerable.Empty<string>(), StringComparer.Ordinal);

        public static string ApiKeyFragment(SchemaFeatures f)
        {
            var fields = new List<string> { "id", "name", "description" };
            if (f.ApiKeyCreatedField != null) fields.Add(f.ApiKeyCreatedField);
            if (f.ApiKeyLastUsedField != null) fields.Add(f.ApiKeyLastUsedField);
            return "fragment ApiKeyFields on ApiKey { " + string.Join(" ", fields) + " }";
        }

        public static string UserFragment(SchemaFeatures f) =>
            "fragment UserExtraFields on User { " + (f.UserHasAccountType ? "accountType" : "__typename") + " }";
    }
}
