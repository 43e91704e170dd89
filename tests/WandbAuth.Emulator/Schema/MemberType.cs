using GraphQL.Types;

namespace WandbAuth.Emulator.Schema;

internal sealed class MemberType : ObjectGraphType<EmulatorTeamMember>
{
    public MemberType()
    {
        Name = "Member";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.User.Id);
        Field<BooleanGraphType>("admin").Resolve(context => context.Source.TeamAdmin);
        Field<BooleanGraphType>("pending").Resolve(_ => false);
        Field<StringGraphType>("email").Resolve(context => context.Source.User.Email);
        Field<StringGraphType>("username").Resolve(context => context.Source.User.Username);
        Field<StringGraphType>("name").Resolve(context => context.Source.User.Name);
        Field<StringGraphType>("accountType").Resolve(context => AccountTypeName.Of(context.Source.User.AccountType));

        // The SDK asks for it, but what the real server puts here is unconfirmed (a secret? a key ID?).
        // The emulator never hands out secrets outside generateApiKey, so it is always null.
        Field<StringGraphType>("apiKey").Resolve(_ => null);
    }
}
