using GraphQL.Types;

namespace WandbAuth.Emulator.Schema;

/// <summary>
/// Relay-style list wrapper ({ edges { node } }) as W&amp;B's listings have. Only edges: no cursors or page
/// info, since the documents of wandb-api.md ask for none. Named after the node type: ApiKeyType gives
/// ApiKeyConnection.
/// </summary>
internal sealed class ConnectionType<TNodeType, TNode> : ObjectGraphType<IReadOnlyList<TNode>>
    where TNodeType : IGraphType
{
    public ConnectionType()
    {
        Name = NodeName.Of<TNodeType>() + "Connection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeType<TNodeType, TNode>>>>>("edges")
            .Resolve(context => context.Source);
    }
}

/// <summary>An edge is the node itself here: there is no per-edge data without cursors.</summary>
internal sealed class EdgeType<TNodeType, TNode> : ObjectGraphType<TNode>
    where TNodeType : IGraphType
{
    public EdgeType()
    {
        Name = NodeName.Of<TNodeType>() + "Edge";
        Field<NonNullGraphType<TNodeType>>("node").Resolve(context => context.Source);
    }
}

internal static class NodeName
{
    public static string Of<TNodeType>() => typeof(TNodeType).Name.Replace("Type", "", StringComparison.Ordinal);
}
