using GraphQL;
using GraphQL.Types;

namespace WandbAuth.Emulator.Schema;

internal sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";

        // For the caller, whoever that is: a service account calling with its key gets its own next key.
        Field<GenerateApiKeyPayloadType>("generateApiKey")
            .Argument<NonNullGraphType<GenerateApiKeyInputType>>("input")
            .Resolve(context =>
            {
                var input = context.GetArgument<GenerateApiKeyInput>("input");
                var caller = context.RequireCaller();
                if (context.State().Options.KeyCreationDisabled) throw Errors.KeyCreationDisabled();
                if (caller.FederatedSubject is not null) throw Errors.FederatedAccountOwnsNoKeys();
                var (key, secret) = context.State().GenerateKey(caller, input.Description ?? "");
                return new ApiKeyView(key, secret);
            });

        Field<DeleteApiKeyPayloadType>("deleteApiKey")
            .Argument<NonNullGraphType<DeleteApiKeyInputType>>("input")
            .Resolve(context =>
            {
                var input = context.GetArgument<DeleteApiKeyInput>("input");
                return context.State().DeleteKey(context.RequireCaller(), input.Id) switch
                {
                    MutationOutcome.Done => true,
                    MutationOutcome.NotFound => throw Errors.ApiKeyNotFound(),
                    _ => throw Errors.PermissionDenied(),
                };
            });

        Field<CreateServiceAccountPayloadType>("createServiceAccount")
            .Argument<NonNullGraphType<CreateServiceAccountInputType>>("input")
            .Resolve(context =>
            {
                var input = context.GetArgument<CreateServiceAccountInput>("input");
                var (outcome, account) = context.State()
                    .CreateServiceAccount(context.RequireCaller(), input.EntityName, input.Description);
                return outcome switch
                {
                    MutationOutcome.Done => account,
                    MutationOutcome.NotFound => throw Errors.EntityNotFound(input.EntityName),
                    _ => throw Errors.PermissionDenied(),
                };
            });
    }
}
