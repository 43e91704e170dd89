using System.Threading;
using System.Threading.Tasks;

namespace WandbAuth.Credentials
{
    /// <summary>
    /// Where keyless sign-in gets its identity token, asked afresh for every exchange: identity tokens are short-lived and
    /// re-minted (wandb core/internal/api/credentials.go reads the token file again for each exchange).
    /// </summary>
    internal interface IIdentityTokenSource
    {
        /// <summary>"the identity token in /run/token": where tokens come from, for messages.</summary>
        string Origin { get; }

        Task<IdentityToken> GetAsync(CancellationToken ct);
    }
}
