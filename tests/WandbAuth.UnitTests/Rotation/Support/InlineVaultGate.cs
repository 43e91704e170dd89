using WandbAuth.Rotation;
using WandbAuth.Vault;

namespace WandbAuth.UnitTests.Rotation.Support;

/// <summary>
/// Runs vault work at once, one piece at a time, as the cmdlet's pipeline thread would; failures come back as
/// faulted tasks, as they would from the cmdlet's gate.
/// </summary>
internal sealed class InlineVaultGate(ISecretStore store) : IVaultGate
{
    private readonly object _oneAtATime = new();

    public Task<T> RunAsync<T>(Func<ISecretStore, T> work)
    {
        lock (_oneAtATime)
        {
            try { return Task.FromResult(work(store)); }
            catch (Exception e) { return Task.FromException<T>(e); }
        }
    }
}
