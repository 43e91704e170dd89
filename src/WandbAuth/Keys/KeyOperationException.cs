using System;

namespace WandbAuth.Keys
{
    /// <summary>What went wrong in a key operation, for the cmdlets to turn into an error category and id.</summary>
    internal enum KeyProblem
    {
        /// <summary>No key with that key ID, or no such user or team.</summary>
        NotFound,
        /// <summary>The key this session uses: deleting it needs -Force.</summary>
        CurrentKeyProtected,
        /// <summary>A filter this server cannot answer (it has no such field).</summary>
        FilterUnsupported,
        /// <summary>The target secret exists and -Force was not given.</summary>
        SecretExists,
        /// <summary>No vault to store in, or SecretManagement missing.</summary>
        VaultUnavailable,
        /// <summary>The new key could not be stored; what happened to it on the server is in the message.</summary>
        StoreFailed,
        /// <summary>generateApiKey's answer was lost; the message says what was found and cleaned up.</summary>
        CreateAnswerLost,
        /// <summary>An object from another server (its BaseUrl is not the connection's).</summary>
        WrongServer,
        /// <summary>A keyless connection's federated identity, which cannot own API keys.</summary>
        FederatedIdentity,
    }

    /// <summary>A key operation that failed for a reason the user can act on. Messages never carry a secret.</summary>
    internal sealed class KeyOperationException : Exception
    {
        public KeyOperationException(KeyProblem problem, string message, Exception? inner = null) : base(message, inner)
        {
            Problem = problem;
        }

        public KeyProblem Problem { get; }
    }
}
