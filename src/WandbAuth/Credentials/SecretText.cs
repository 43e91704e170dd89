using System;
using System.Runtime.InteropServices;
using System.Security;

namespace WandbAuth.Credentials
{
    /// <summary>
    /// The only door between a SecureString and its characters. Plain text lives in a char array that is
    /// zeroed as soon as the callback returns, so a key never becomes an immutable managed string by accident.
    /// </summary>
    internal static class SecretText
    {
        public static T Use<T>(SecureString secret, Func<char[], T> use)
        {
            var chars = new char[secret.Length];
            IntPtr ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(secret);
                Marshal.Copy(ptr, chars, 0, chars.Length);
                return use(chars);
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
                Array.Clear(chars, 0, chars.Length);
            }
        }

        public static SecureString ToSecureString(char[] chars, int start, int length)
        {
            ApiKeyFormat.RequireSaneLength(length);
            var s = new SecureString();
            for (int i = start; i < start + length; i++) s.AppendChar(chars[i]);
            s.MakeReadOnly();
            return s;
        }

        /// <summary>For keys that arrive as text (a file, an environment variable, a server response).</summary>
        public static SecureString ToSecureString(string text)
        {
            // A SecureString holds at most 65,536 characters; say what is wrong before its capacity error would.
            ApiKeyFormat.RequireSaneLength(text.Length);
            var s = new SecureString();
            foreach (var c in text) s.AppendChar(c);
            s.MakeReadOnly();
            return s;
        }

        /// <summary>Plain text, for the few places the user asked for it (-AsPlainText, the Azure DevOps command).</summary>
        public static string Reveal(SecureString secret) => Use(secret, chars => new string(chars));

        public static bool StartsWith(SecureString secret, string prefix) => Use(secret, chars =>
        {
            if (prefix.Length == 0 || prefix.Length > chars.Length) return false;
            for (int i = 0; i < prefix.Length; i++) if (chars[i] != prefix[i]) return false;
            return true;
        });

        public static bool AreEqual(SecureString a, SecureString b) => a.Length == b.Length && Use(a, ca => Use(b, cb =>
        {
            int diff = 0;
            for (int i = 0; i < ca.Length; i++) diff |= ca[i] ^ cb[i];
            return diff == 0;
        }));
    }
}
