using System.Security;
using System.Threading.Tasks;

namespace WandbAuth.Rotation
{
    /// <summary>
    /// The key a PowerShell session is connected with, which a rotation may be replacing: deleting it would make the next
    /// cmdlet fail with 401, so once the secret holds the new key the session is switched to it.
    /// </summary>
    internal interface ISessionKey
    {
        /// <summary>Whether the key W&amp;B lists as <paramref name="keyId"/> is the session's key.</summary>
        bool IsSessionKey(string keyId);

        /// <summary>Switches what used the key listed as <paramref name="oldKeyId"/> to the new key; returns a sentence for the result saying so.</summary>
        Task<string> SwitchAsync(string oldKeyId, SecureString newKey, string? newKeyId);
    }
}
