using GraphQL;

namespace WandbAuth.Emulator.Schema;

/// <summary>
/// GraphQL errors raised by resolvers. ExecutionError messages reach the client unchanged, with the
/// field's path; any other exception would be masked as "Error trying to resolve field".
/// </summary>
internal static class Errors
{
    /// <summary>W&amp;B's code for permission failures, which it also sends with its 401 "user is not logged in".</summary>
    public const string PermissionCode = "PERMISSION_ERROR";

    public static ExecutionError PermissionDenied() => new("permission denied") { Code = PermissionCode };

    /// <summary>What an organization that turned off key creation answers (wording from issue reports; W&amp;B's docs describe the setting).</summary>
    public const string KeyCreationDisabledMessage = "API key creation has been disabled by your organization administrator";

    public static ExecutionError KeyCreationDisabled() => new(KeyCreationDisabledMessage) { Code = PermissionCode };

    /// <summary>
    /// W&amp;B's docs: a service account whose authentication method is Federated Identity "cannot own API keys". The server's
    /// wording for refusing one is not public; this is the emulator's.
    /// </summary>
    public static ExecutionError FederatedAccountOwnsNoKeys() =>
        new("a service account with federated identity cannot own API keys") { Code = PermissionCode };

    public static ExecutionError ApiKeyNotFound() => new("api key not found");

    public static ExecutionError EntityNotFound(string name) => new($"entity {name} not found");
}
