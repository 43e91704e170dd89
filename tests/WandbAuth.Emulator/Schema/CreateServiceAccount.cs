using GraphQL.Types;

namespace WandbAuth.Emulator.Schema;

internal sealed class CreateServiceAccountInput
{
    public string EntityName { get; set; } = "";

    public string Description { get; set; } = "";
}

internal sealed class CreateServiceAccountInputType : InputObjectGraphType<CreateServiceAccountInput>
{
    public CreateServiceAccountInputType()
    {
        Name = "CreateServiceAccountInput";
        Field<NonNullGraphType<StringGraphType>>("entityName");
        Field<NonNullGraphType<StringGraphType>>("description");
    }
}

internal sealed class CreateServiceAccountPayloadType : ObjectGraphType<EmulatorUser>
{
    public CreateServiceAccountPayloadType()
    {
        Name = "CreateServiceAccountPayload";
        Field<UserType>("user").Resolve(context => context.Source);
    }
}
