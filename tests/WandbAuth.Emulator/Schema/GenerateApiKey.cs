using GraphQL.Types;

namespace WandbAuth.Emulator.Schema;

internal sealed class GenerateApiKeyInput
{
    public string? Description { get; set; }
}

internal sealed class GenerateApiKeyInputType : InputObjectGraphType<GenerateApiKeyInput>
{
    public GenerateApiKeyInputType()
    {
        Name = "GenerateApiKeyInput";
        Field<StringGraphType>("description");
    }
}

/// <summary>Its apiKey.name is the full secret: the one time the server shows it.</summary>
internal sealed class GenerateApiKeyPayloadType : ObjectGraphType<ApiKeyView>
{
    public GenerateApiKeyPayloadType()
    {
        Name = "GenerateApiKeyPayload";
        Field<ApiKeyType>("apiKey").Resolve(context => context.Source);
    }
}
