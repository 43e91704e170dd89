using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;

namespace WandbAuth.Api
{
    /// <summary>A GraphQL document kept as an embedded .graphql file, with the fragments it spreads appended.</summary>
    internal sealed class GraphQLOperation
    {
        private static readonly ConcurrentDictionary<string, string> Texts = new ConcurrentDictionary<string, string>();

        /// <summary>What each operation is, in the user's terms: messages say this, never an operation's name.</summary>
        private static readonly Dictionary<string, string> Purposes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GetViewer"] = "the request for the account this key belongs to",
            ["ListViewerKeys"] = "the request for your API keys",
            ["SearchUsers"] = "the request for users and their API keys",
            ["GetTeamEntity"] = "the request for the team's members",
            ["GenerateApiKey"] = "the request to create an API key",
            ["DeleteApiKey"] = "the request to delete an API key",
            ["DiscoverFields"] = "the request for the fields the server's API keys have",
        };

        private GraphQLOperation(string name, string document, bool isMutation, string purpose)
        {
            Name = name; Document = document; IsMutation = isMutation; Purpose = purpose;
        }

        public string Name { get; }
        public string Document { get; }
        public bool IsMutation { get; }
        /// <summary>"the request for your API keys": what the user asked for, for messages.</summary>
        public string Purpose { get; }

        public static GraphQLOperation Load(string name, params string[] fragments)
        {
            var text = Texts.GetOrAdd(name, Read);
            var document = fragments.Length == 0 ? text : text + "\n" + string.Join("\n", fragments);
            return new GraphQLOperation(name, document, text.TrimStart().StartsWith("mutation", StringComparison.Ordinal) ||
                                                         text.IndexOf("\nmutation", StringComparison.Ordinal) >= 0,
                                        Purposes.TryGetValue(name, out var purpose) ? purpose : "a request");
        }

        /// <summary>This operation sent on behalf of another (schema discovery before a listing): its failures speak of that one.</summary>
        public GraphQLOperation ServingFor(GraphQLOperation other) => new GraphQLOperation(Name, Document, IsMutation, other.Purpose);

        private static string Read(string name)
        {
            var resource = $"WandbAuth.Api.Documents.{name}.graphql";
            using var stream = typeof(GraphQLOperation).Assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"The GraphQL document {resource} is not embedded.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }
}
