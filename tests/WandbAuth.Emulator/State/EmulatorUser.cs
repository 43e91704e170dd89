namespace WandbAuth.Emulator;

/// <summary>A user or service account. Immutable: team membership lives in <see cref="EmulatorState"/>.</summary>
/// <param name="Id">GraphQL node id.</param>
/// <param name="Entity">Default entity (the "default team" of the settings page).</param>
/// <param name="Admin">Organization admin.</param>
public sealed record EmulatorUser(
    string Id,
    string Username,
    string Name,
    string? Email,
    bool Admin,
    string Entity,
    AccountType AccountType)
{
    /// <summary>
    /// For an external service account (authentication method "Federated Identity"), the sub claim its JWTs carry. Such an
    /// account signs in with identity tokens only and cannot own API keys (W&amp;B docs: service accounts).
    /// </summary>
    public string? FederatedSubject { get; init; }
}
