using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using Microsoft.PowerShell.SecretManagement;

namespace SecretManagement.StandIn.Storage
{
    /// <summary>
    /// Converts secrets on their way into and out of a vault. Values are always copied both ways, so a caller
    /// that disposes the SecureString it passed (or got back) cannot reach into the stored secret.
    /// </summary>
    internal static class SecretValues
    {
        /// <summary>The types the real module accepts; messages name the type, never the value.</summary>
        internal static object NormalizeForStorage(object? secret)
        {
            switch (Unwrap(secret))
            {
                case string text:
                    // The real module hands strings to vaults as SecureString; store them that way.
                    return ToSecureString(text);
                case SecureString secure:
                    return ReadOnlyCopy(secure);
                case byte[] bytes:
                    return bytes.Clone();
                case PSCredential credential:
                    return new PSCredential(credential.UserName, ReadOnlyCopy(credential.Password));
                case Hashtable table:
                    return CopyHashtable(table);
                case null:
                    throw new ArgumentNullException(nameof(secret), "The secret cannot be null.");
                default:
                    throw new ArgumentException(
                        $"Invalid secret type '{Unwrap(secret)!.GetType().FullName}'. Supported types are " +
                        "byte[], string, SecureString, PSCredential and Hashtable.");
            }
        }

        /// <summary>A copy of a stored value, safe to hand to a caller.</summary>
        internal static object CopyOut(object stored) => stored switch
        {
            SecureString secure => ReadOnlyCopy(secure),
            byte[] bytes => bytes.Clone(),
            PSCredential credential => new PSCredential(credential.UserName, ReadOnlyCopy(credential.Password)),
            Hashtable table => CopyHashtable(table),
            _ => stored,
        };

        internal static SecretType TypeOf(object stored) => stored switch
        {
            byte[] _ => SecretType.ByteArray,
            string _ => SecretType.String,
            SecureString _ => SecretType.SecureString,
            PSCredential _ => SecretType.PSCredential,
            Hashtable _ => SecretType.Hashtable,
            _ => SecretType.Unknown,
        };

        internal static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        internal static SecureString ToSecureString(string text)
        {
            var secure = new SecureString();
            foreach (var character in text)
            {
                secure.AppendChar(character);
            }

            secure.MakeReadOnly();
            return secure;
        }

        internal static string ToPlainText(SecureString secure)
        {
            var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
            try
            {
                return Marshal.PtrToStringUni(pointer) ?? string.Empty;
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }

        private static SecureString ReadOnlyCopy(SecureString secure)
        {
            var copy = secure.Copy();
            copy.MakeReadOnly();
            return copy;
        }

        private static Hashtable CopyHashtable(Hashtable table)
        {
            // Clone keeps the table's comparer (PowerShell's @{} is case-insensitive).
            var copy = (Hashtable)table.Clone();
            foreach (var key in copy.Keys.Cast<object>().ToList())
            {
                var value = Unwrap(copy[key]);
                copy[key] = value switch
                {
                    SecureString secure => ReadOnlyCopy(secure),
                    byte[] bytes => bytes.Clone(),
                    PSCredential credential => new PSCredential(credential.UserName, ReadOnlyCopy(credential.Password)),
                    _ => value,
                };
            }

            return copy;
        }
    }
}
