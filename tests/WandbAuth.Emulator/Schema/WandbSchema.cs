namespace WandbAuth.Emulator.Schema;

/// <summary>The W&amp;B GraphQL surface of wandb-api.md, nothing more.</summary>
internal sealed class WandbSchema : GraphQL.Types.Schema
{
    public WandbSchema(SchemaShape shape)
        : base(new SchemaServices(shape))
    {
        Query = new QueryType();
        Mutation = new MutationType();
    }
}
