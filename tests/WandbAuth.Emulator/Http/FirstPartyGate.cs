using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.AspNetCore.Http;

namespace WandbAuth.Emulator.Http;

/// <summary>
/// W&amp;B gates first-party fields such as a user's apiKeys on a recognised client: a request whose User-Agent is not
/// "W&amp;B Public Client &lt;version&gt;" is refused whole with "relogin required" (wandb PR #12009, which fixed the SDK
/// after it sent "wandb-core" instead).
/// </summary>
internal static class FirstPartyGate
{
    public const string UserAgentPrefix = "W&B Public Client ";
    public const string Refusal = "relogin required";

    public static bool Refuses(HttpRequest request, string? query) =>
        !request.Headers.UserAgent.ToString().StartsWith(UserAgentPrefix, StringComparison.Ordinal) && SelectsApiKeys(query);

    /// <summary>True when any operation or fragment of the document selects a field named apiKeys.</summary>
    private static bool SelectsApiKeys(string? query)
    {
        if (string.IsNullOrWhiteSpace(query)) return false;
        try
        {
            return Parser.Parse(query).Definitions.Any(d => d switch
            {
                GraphQLOperationDefinition op => Selects(op.SelectionSet),
                GraphQLFragmentDefinition fragment => Selects(fragment.SelectionSet),
                _ => false,
            });
        }
        catch (GraphQLSyntaxErrorException)
        {
            return false; // the validator answers a broken document
        }
    }

    private static bool Selects(GraphQLSelectionSet? set) =>
        set is not null && set.Selections.Any(s => s switch
        {
            GraphQLField field => field.Name.StringValue == "apiKeys" || Selects(field.SelectionSet),
            GraphQLInlineFragment inline => Selects(inline.SelectionSet),
            _ => false,
        });
}
