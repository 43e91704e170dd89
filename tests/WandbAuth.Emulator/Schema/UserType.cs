using GraphQL.Types;

namespace WandbAuth.Emulator.Schema;

internal sealed class UserType : ObjectGraphType<EmulatorUser>
{
    public UserType()
    {
        Name = "User";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<StringGraphType>("name").Resolve(context => context.Source.Name);
        Field<StringGraphType>("username").Resolve(context => context.Source.Username);
        Field<StringGraphType>("email").Resolve(context => context.Source.Email);
        Field<BooleanGraphType>("admin").Resolve(context => context.Source.Admin);
        Field<StringGraphType>("entity").Resolve(context => context.Source.Entity);

        // The real API has this on Member; mirrored here so a user search can tell service accounts apart.
        Field<StringGraphType>("accountType").Resolve(context => AccountTypeName.Of(context.Source.AccountType));

        Field<NonNullGraphType<ConnectionType<ApiKeyType, ApiKeyView>>>("apiKeys")
            .Resolve(context => context.State().Listing(context.Source.Username).Select(ApiKeyView.Listed).ToList());
        Field<NonNullGraphType<ConnectionType<EntityType, EntityView>>>("teams")
            .Resolve(context => context.State().TeamsOf(context.Source.Username).Select(EntityView.Team).ToList());
    }
}

internal static class AccountTypeName
{
    public static string Of(AccountType type) => type == AccountType.ServiceAccount ? "SERVICE" : "USER";
}
