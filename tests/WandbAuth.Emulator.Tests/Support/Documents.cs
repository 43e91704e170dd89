namespace WandbAuth.Emulator.Tests.Support;

/// <summary>A GraphQL document and the operation name a client sends with it.</summary>
public sealed record Document(string OperationName, string Text);

/// <summary>The documents of wandb-api.md, verbatim: the emulator must accept them unchanged.</summary>
public static class Documents
{
    public static readonly Document GetViewer = new("GetViewer", """
        query GetViewer { viewer { id name username email admin entity
          apiKeys { edges { node { id name description } } }
          teams { edges { node { name } } } } }
        """);

    public static readonly Document GenerateApiKey = new("GenerateApiKey", """
        mutation GenerateApiKey($description: String) {
          generateApiKey(input: {description: $description}) { apiKey { id name description } } }
        """);

    public static readonly Document DeleteApiKey = new("DeleteApiKey", """
        mutation DeleteApiKey($id: String!) { deleteApiKey(input: {id: $id}) { success } }
        """);

    public static readonly Document CreateServiceAccount = new("CreateServiceAccount", """
        mutation CreateServiceAccount($entity: String!, $description: String!) {
          createServiceAccount(input: {description: $description, entityName: $entity}) { user { id } } }
        """);

    public static readonly Document GetTeamEntity = new("GetTeamEntity", """
        query GetTeamEntity($name: String!) { entity(name: $name) { id name isTeam
          members { id admin pending email username name accountType apiKey } } }
        """);

    public static readonly Document SearchUsers = new("SearchUsers", """
        query SearchUsers($query: String) { users(query: $query) { edges { node { id username email admin
          apiKeys { edges { node { id name description } } } } } } }
        """);

    public static readonly Document ApiKeyFields = new("ApiKeyFields", """
        query ApiKeyFields { __type(name: "ApiKey") { fields { name } } }
        """);

    public static readonly Document ViewerKeyTimestamps = new("ViewerKeyTimestamps", """
        query ViewerKeyTimestamps { viewer { apiKeys { edges { node { name createdAt lastUsedAt } } } } }
        """);
}
