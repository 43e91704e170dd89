using GraphQL;

namespace WandbAuth.Emulator.Schema;

/// <summary>Per-request GraphQL user context: who is calling, and the state resolvers act on.</summary>
internal sealed class CallerContext(EmulatorState state, EmulatorUser? caller) : Dictionary<string, object?>
{
    public EmulatorState State { get; } = state;

    /// <summary>Null only in <see cref="BadKeyRejection.NullViewer"/> mode with a bad key.</summary>
    public EmulatorUser? Caller { get; } = caller;
}

internal static class CallerContextExtensions
{
    public static EmulatorState State(this IResolveFieldContext context) => ((CallerContext)context.UserContext).State;

    public static EmulatorUser? CallerOrNull(this IResolveFieldContext context) =>
        ((CallerContext)context.UserContext).Caller;

    /// <summary>The caller; a GraphQL error for a request that carried no valid key.</summary>
    public static EmulatorUser RequireCaller(this IResolveFieldContext context) =>
        context.CallerOrNull() ?? throw Errors.PermissionDenied();
}
