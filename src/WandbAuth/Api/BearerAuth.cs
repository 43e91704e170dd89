using System.Net.Http.Headers;
using System.Security;
using WandbAuth.Credentials;

namespace WandbAuth.Api
{
    /// <summary>
    /// A W&amp;B access token on the wire: "Authorization: Bearer &lt;token&gt;", as wandb-core sends the token it got for an
    /// identity token (core/internal/api/credentials.go) and the SDK sends a wb_at_ token (wandb/sdk/lib/wbauth/auth.py).
    /// </summary>
    internal static class BearerAuth
    {
        public static AuthenticationHeaderValue For(SecureString token) => new AuthenticationHeaderValue("Bearer", SecretText.Reveal(token));
    }
}
