using GraphQL.Types;

namespace WandbAuth.Emulator.Schema;

/// <summary>A team, or the personal entity named after a user.</summary>
internal sealed record EntityView(string Id, string Name, bool IsTeam)
{
    public static EntityView Team(EmulatorTeam team) => new(team.Id, team.Name, true);

    public static EntityView Personal(EmulatorUser user) => new(NodeId.For("Entity", user.Username), user.Username, false);
}

internal sealed class EntityType : ObjectGraphType<EntityView>
{
    public EntityType()
    {
        Name = "Entity";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(context => context.Source.Name);
        Field<NonNullGraphType<BooleanGraphType>>("isTeam").Resolve(context => context.Source.IsTeam);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MemberType>>>>("members").Resolve(context =>
            context.Source.IsTeam
                ? context.State().Members(context.Source.Name)
                : [new EmulatorTeamMember(context.State().FindUser(context.Source.Name)!, TeamAdmin: true)]);
    }
}
