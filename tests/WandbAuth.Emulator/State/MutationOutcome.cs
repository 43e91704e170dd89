namespace WandbAuth.Emulator;

/// <summary>Result of a state change requested through GraphQL, decided under the state lock.</summary>
internal enum MutationOutcome
{
    Done,
    NotFound,
    Forbidden,
}
