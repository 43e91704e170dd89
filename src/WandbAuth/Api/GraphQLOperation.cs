using System;
using System.Collections.Concurrent;
using System.IO;

namespace WandbAuth.Api
{
    /// <summary>A GraphQL document kept as an embedded .graphql file, with the fragments it spreads appended.</summary>
    internal sealed class GraphQLOperation
    {
        private static readonly ConcurrentDictionary<string, string> Texts = new ConcurrentDictionary<string, string>();

        private GraphQLOperation(string name, string document, bool isMutation)
        {
            Name = name; Document = document; IsMutation = isMutation;
        }

        public string Name { get; }
        public string Document { get; }
        public bool IsMutation { get; }

        public static GraphQLOperation Load(string name, params string[] fragments)
        {
            var text = Texts.GetOrAdd(name, Read);
            var document = fragments.Length == 0 ? text : text + "\n" + string.Join("\n", fragments);
            return new GraphQLOperation(name, document, text.TrimStart().StartsWith("mutation", StringComparison.Ordinal) ||
                                                         text.IndexOf("\nmutation", StringComparison.Ordinal) >= 0);
        }

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
