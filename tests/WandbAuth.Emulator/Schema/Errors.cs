using GraphQL;

namespace WandbAuth.Emulator.Schema;

/// <summary>
/// GraphQL errors raised by resolvers. ExecutionError messages reach the client unchanged, with the
/// field's path; any other exception would be masked as "Error trying to resolve field".
/// </summary>
internal static class Errors
{
    public static ExecutionError PermissionDenied() => new("permission denied");

    public static ExecutionError ApiKeyNotFound() => new("api key not found");

    public static ExecutionError EntityNotFound(string name) => new($"entity {name} not found");
}
