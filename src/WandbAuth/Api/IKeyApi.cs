using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace WandbAuth.Api
{
    /// <summary>
    /// The W&amp;B calls the key cmdlets make (Keys/ uses only these), so listing, creation and removal logic can be
    /// tested without HTTP. <see cref="WandbApi"/> is the real one.
    /// </summary>
    internal interface IKeyApi
    {
        Uri BaseUrl { get; }
        /// <summary>Which optional fields (Created, Last used, accountType) this server has.</summary>
        Task<SchemaFeatures> GetFeaturesAsync(CancellationToken ct);
        /// <summary>The caller and its keys. A rejected key throws KeyRejected.</summary>
        Task<UserRecord> GetViewerKeysAsync(CancellationToken ct);
        Task<NewApiKey> GenerateApiKeyAsync(string description, CancellationToken ct);
        Task DeleteApiKeyAsync(string id, CancellationToken ct);
        Task<IReadOnlyList<UserRecord>> SearchUsersAsync(string? query, CancellationToken ct);
        Task<IReadOnlyList<TeamMember>> GetTeamMembersAsync(string team, CancellationToken ct);
        /// <summary>users(query) read one user at a time as the answer arrives; dispose to end the request.</summary>
        Task<IUserStream> OpenUserStreamAsync(string? query, CancellationToken ct);
    }

    /// <summary>Users read lazily from an open response; enumerate once, then dispose.</summary>
    internal interface IUserStream : IEnumerable<UserRecord>, IDisposable
    {
    }
}
