using GraphQL;
using GraphQL.Types;

namespace WandbAuth.Emulator.Schema;

internal sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";

        // Null for a bad key in NullViewer mode: the way some servers say "not logged in".
        Field<UserType>("viewer").Resolve(context => context.CallerOrNull());

        Field<NonNullGraphType<ConnectionType<UserType, EmulatorUser>>>("users")
            .Argument<StringGraphType>("query")
            .Resolve(context =>
            {
                if (!context.RequireCaller().Admin)
                {
                    throw Errors.PermissionDenied();
                }

                return context.State().SearchUsers(context.GetArgument<string?>("query"));
            });

        Field<EntityType>("entity")
            .Argument<NonNullGraphType<StringGraphType>>("name")
            .Resolve(context =>
            {
                context.RequireCaller();
                var name = context.GetArgument<string>("name");
                var state = context.State();
                return state.FindTeam(name) is { } team ? EntityView.Team(team)
                    : state.FindUser(name) is { } user ? EntityView.Personal(user)
                    : null;
            });
    }
}
