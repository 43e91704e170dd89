using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WandbAuth.Api
{
    /// <summary>The key-listing side of the API: the viewer's keys with their owner, and users(...) streamed.</summary>
    internal sealed partial class WandbApi : IKeyApi
    {
        public Task<SchemaFeatures> GetFeaturesAsync(CancellationToken ct) => _features.GetAsync(_client, "ListViewerKeys", ct);

        /// <summary>ListViewerKeys with fragments for the fields this server has.</summary>
        internal static GraphQLOperation ListViewerKeysOperation(SchemaFeatures f) =>
            GraphQLOperation.Load("ListViewerKeys", SchemaDiscovery.ApiKeyFragment(f), SchemaDiscovery.UserFragment(f));

        public async Task<UserRecord> GetViewerKeysAsync(CancellationToken ct)
        {
            var f = await _features.GetAsync(_client, "ListViewerKeys", ct).ConfigureAwait(false);
            var data = await _client.SendAsync(ListViewerKeysOperation(f), null, ct).ConfigureAwait(false);
            if (data["viewer"] is not JObject v) throw NoViewer();
            return ParseUser(v, f);
        }

        /// <summary>
        /// Sends users(query) and returns the answer unread: each user node is parsed as it arrives, so memory
        /// stays flat however many users and keys the organization has.
        /// </summary>
        public async Task<IUserStream> OpenUserStreamAsync(string? query, CancellationToken ct)
        {
            var f = await _features.GetAsync(_client, "SearchUsers", ct).ConfigureAwait(false);
            var op = GraphQLOperation.Load("SearchUsers", SchemaDiscovery.ApiKeyFragment(f), SchemaDiscovery.UserFragment(f));
            var body = await _client.OpenStreamAsync(op, new JObject { ["query"] = query }, ct).ConfigureAwait(false);
            return new UserNodeReader(body, f, BaseUrl, errors => _client.DataOf(new JObject { ["errors"] = errors }, 200, op),
                tooLarge => _client.TooLarge(op, tooLarge));
        }
    }
}
