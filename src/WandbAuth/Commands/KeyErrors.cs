using System;
using System.Management.Automation;
using WandbAuth.Keys;

namespace WandbAuth.Commands
{
    /// <summary>Error records for the key cmdlets: their own problems here, everything else through ErrorRecords.</summary>
    internal static class KeyErrors
    {
        /// <summary>New-WandbApiKey and Invoke-WandbKeyRotation refusing a federated identity, which cannot own API keys.</summary>
        public const string FederatedIdentityErrorId = KeylessIdentity.ErrorId;

        public static ErrorRecord For(Exception e, object? target)
        {
            if (!(e is KeyOperationException k)) return ErrorRecords.For(e, target);
            var (id, category) = k.Problem switch
            {
                KeyProblem.NotFound => ("WandbKeyNotFound", ErrorCategory.ObjectNotFound),
                KeyProblem.CurrentKeyProtected => ("WandbCurrentKeyProtected", ErrorCategory.InvalidOperation),
                KeyProblem.FilterUnsupported => ("WandbFilterUnsupported", ErrorCategory.NotImplemented),
                KeyProblem.SecretExists => ("WandbSecretExists", ErrorCategory.ResourceExists),
                KeyProblem.VaultUnavailable => ("WandbVaultUnavailable", ErrorCategory.ResourceUnavailable),
                KeyProblem.StoreFailed => ("WandbKeyNotStored", ErrorCategory.WriteError),
                KeyProblem.CreateAnswerLost => ("WandbCreateAnswerLost", ErrorCategory.ConnectionError),
                KeyProblem.WrongServer => ("WandbWrongServer", ErrorCategory.InvalidArgument),
                KeyProblem.FederatedIdentity => (FederatedIdentityErrorId, ErrorCategory.InvalidOperation),
                _ => ("WandbKeyError", ErrorCategory.NotSpecified),
            };
            return new ErrorRecord(e, id, category, target);
        }
    }
}
