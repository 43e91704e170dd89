using System;
using System.Threading.Tasks;
using WandbAuth.Vault;

namespace WandbAuth.Rotation
{
    /// <summary>
    /// The rotation engine's only way into the vault. SecretManagement calls must run in a runspace: the cmdlet's gates
    /// run each piece of work on the pipeline thread or in a vault worker's runspace (RotationVaultGates); tests run it inline.
    /// </summary>
    internal interface IVaultGate
    {
        Task<T> RunAsync<T>(Func<ISecretStore, T> work);
    }
}
