using GraphQL.Types;

namespace WandbAuth.Emulator.Schema;

internal sealed class DeleteApiKeyInput
{
    public string Id { get; set; } = "";
}

internal sealed class DeleteApiKeyInputType : InputObjectGraphType<DeleteApiKeyInput>
{
    public DeleteApiKeyInputType()
    {
        Name = "DeleteApiKeyInput";

        // String!, not ID!: the SDK's document passes a `$id: String!` variable here, and GraphQL does not
        // let a String variable fill an ID slot.
        Field<NonNullGraphType<StringGraphType>>("id");
    }
}

internal sealed class DeleteApiKeyPayloadType : ObjectGraphType<bool>
{
    public DeleteApiKeyPayloadType()
    {
        Name = "DeleteApiKeyPayload";
        Field<BooleanGraphType>("success").Resolve(context => context.Source);
    }
}
