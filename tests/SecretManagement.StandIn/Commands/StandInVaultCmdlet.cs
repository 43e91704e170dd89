using System;
using System.Management.Automation;
using SecretManagement.StandIn.Storage;

namespace SecretManagement.StandIn.Commands
{
    /// <summary>
    /// Shared error reporting for the stand-in cmdlets, kept in one place so every cmdlet reports the same
    /// situation the same way.
    /// </summary>
    public abstract class StandInVaultCmdlet : PSCmdlet
    {
        /// <summary>An unregistered vault name is a terminating error, as in the real module.</summary>
        internal VaultView ResolveVault(string vaultName)
        {
            var vault = StandInVaults.FindVault(vaultName);
            if (vault == null)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ItemNotFoundException($"Vault {vaultName} does not exist in registry."),
                    "VaultNotRegistered",
                    ErrorCategory.ObjectNotFound,
                    vaultName));
            }

            return vault!;
        }

        /// <summary>
        /// A vault that refused or failed: a non-terminating error record carrying the vault's own exception,
        /// with the secret name (never its value) as target.
        /// </summary>
        internal void WriteVaultError(Exception error, string errorId, VaultOperationKind kind, string secretName)
        {
            WriteError(new ErrorRecord(error, errorId, CategoryOf(error, kind), secretName));
        }

        internal void WriteSecretNotFoundInVault(string errorId, string secretName, string vaultName)
        {
            WriteError(new ErrorRecord(
                new ItemNotFoundException($"The secret {secretName} was not found in vault {vaultName}."),
                errorId,
                ErrorCategory.ObjectNotFound,
                secretName));
        }

        /// <summary>Set-Secret and Set-SecretInfo without -Vault write to the default vault, if there is one.</summary>
        internal string DefaultVaultOrThrow(string secretName, string errorId)
        {
            var name = StandInVaults.DefaultVault;
            if (name == null)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new PSInvalidOperationException(
                        $"Unable to write secret {secretName}: no vault was specified and no default vault is set."),
                    errorId,
                    ErrorCategory.InvalidOperation,
                    secretName));
            }

            return name!;
        }

        private static ErrorCategory CategoryOf(Exception error, VaultOperationKind kind) => error switch
        {
            PSNotSupportedException _ => ErrorCategory.NotImplemented,
            NotSupportedException _ => ErrorCategory.NotImplemented,
            ArgumentException _ => ErrorCategory.InvalidArgument,
            UnauthorizedAccessException _ => ErrorCategory.PermissionDenied,
            TimeoutException _ => ErrorCategory.OperationTimeout,
            ItemNotFoundException _ => ErrorCategory.ObjectNotFound,
            _ => kind == VaultOperationKind.Get || kind == VaultOperationKind.GetInfo
                ? ErrorCategory.ReadError
                : ErrorCategory.WriteError,
        };
    }
}
