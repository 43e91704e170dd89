using GraphQL.Types;

namespace WandbAuth.Emulator.Schema;

/// <param name="Name">The key ID in listings; the full secret only in generateApiKey's answer.</param>
internal sealed record ApiKeyView(EmulatorApiKey Key, string Name)
{
    public static ApiKeyView Listed((EmulatorApiKey Key, string Name) listed) => new(listed.Key, listed.Name);
}

internal sealed class ApiKeyType : ObjectGraphType<ApiKeyView>
{
    public ApiKeyType(SchemaShape shape)
    {
        Name = "ApiKey";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Key.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(context => context.Source.Name);
        Field<StringGraphType>("description").Resolve(context => context.Source.Key.Description);

        // Unconfirmed on the real API (wandb-api.md): clients must discover these by introspection.
        if (shape.ApiKeyTimestampFields)
        {
            Field<DateTimeGraphType>("createdAt").Resolve(context => context.Source.Key.CreatedAt.UtcDateTime);
            Field<DateTimeGraphType>("lastUsedAt").Resolve(context => context.Source.Key.LastUsedAt?.UtcDateTime);
        }
    }
}
