using System;
using System.Net.Http.Headers;
using System.Security;
using System.Text;
using WandbAuth.Credentials;

namespace WandbAuth.Api
{
    /// <summary>W&amp;B's HTTP Basic scheme: user "api", the key as password. The one place a key leaves its SecureString for the wire.</summary>
    internal static class BasicAuth
    {
        public static AuthenticationHeaderValue For(SecureString key) => SecretText.Use(key, chars =>
        {
            var prefix = "api:".ToCharArray();
            var all = new char[prefix.Length + chars.Length];
            byte[]? bytes = null;
            try
            {
                prefix.CopyTo(all, 0);
                chars.CopyTo(all, prefix.Length);
                bytes = Encoding.UTF8.GetBytes(all);
                return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(bytes));
            }
            finally
            {
                Array.Clear(all, 0, all.Length);
                if (bytes != null) Array.Clear(bytes, 0, bytes.Length);
            }
        });
    }
}
