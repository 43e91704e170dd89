using System.Text.Json;
using GraphQL.SystemTextJson;
using GraphQL.Transport;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.AspNetCore.Http;

namespace WandbAuth.Emulator.Http;

/// <summary>The JSON body {query, variables, operationName}, or why it could not be read.</summary>
internal sealed record RequestBody(GraphQLRequest? Request, string? OperationName, string? Problem)
{
    public static async Task<RequestBody> ReadAsync(HttpRequest http, GraphQLSerializer serializer, CancellationToken cancel)
    {
        GraphQLRequest? request;
        try
        {
            request = await serializer.ReadAsync<GraphQLRequest>(http.Body, cancel);
        }
        catch (JsonException e)
        {
            return new RequestBody(null, null, $"invalid JSON body: {e.Message}");
        }

        return request is null
            ? new RequestBody(null, null, "empty request body")
            : new RequestBody(request, request.OperationName ?? SoleOperationName(request.Query), null);
    }

    // Fault matching and the log key on the operation name; a client that leaves it out of the body
    // still names its operation inside the document.
    private static string? SoleOperationName(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return null;
        }

        try
        {
            var operations = Parser.Parse(query).Definitions.OfType<GraphQLOperationDefinition>().ToList();
            return operations.Count == 1 ? operations[0].Name?.StringValue : null;
        }
        catch (GraphQLSyntaxErrorException)
        {
            return null;
        }
    }
}
