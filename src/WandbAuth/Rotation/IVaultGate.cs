using System;
using System.Threading.Tasks;
using WandbAuth.Vault;

namespace WandbAuth.Rotation
{
    /// <summary>
    /// The rotation engine's only way into the vault. Real SecretManagement calls must run on the PowerShell
    /// pipeline thread, so the cmdlet's gate marshals each piece of work there; tests run it inline.
    /// </summary>
    internal interface IVaultGate
    {
        Task<T> RunAsync<T>(Func<ISecretStore, T> work);
    }
}
