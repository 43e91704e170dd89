using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Threading.Tasks;
using WandbAuth.Credentials;
using WandbAuth.Rotation;

namespace WandbAuth.Session
{
    /// <summary>
    /// The session's connections to one server (the runspace's and any passed with -Connection), switched to a rotated
    /// key when the rotation replaces theirs. Whether a listed key ID is a connection's key is ConnectionContext's call.
    /// </summary>
    internal sealed class SessionKeySwitch : ISessionKey
    {
        private readonly IReadOnlyList<Connection> _connections;
        private readonly Func<Func<string>, Task<string>> _onSessionThread;

        /// <param name="connections">The session's connections to the rotation's server.</param>
        /// <param name="onSessionThread">Runs the switch where the session's objects are used (the pipeline thread).</param>
        public SessionKeySwitch(IEnumerable<Connection> connections, Func<Func<string>, Task<string>> onSessionThread)
        {
            _connections = connections.Distinct().ToList();
            _onSessionThread = onSessionThread;
        }

        public bool IsSessionKey(string keyId) => _connections.Any(c => c.Context.IsCurrentKey(keyId));

        public Task<string> SwitchAsync(string oldKeyId, SecureString newKey, string? newKeyId) => _onSessionThread(() =>
        {
            var key = ApiKeyFormat.CheckIssued(newKey);
            var switching = _connections.Where(c => c.Context.IsCurrentKey(oldKeyId)).ToList();
            foreach (var connection in switching) connection.SwitchKey(key, newKeyId);
            var server = switching.Select(c => c.BaseUrl.GetLeftPart(UriPartial.Authority)).FirstOrDefault();
            return switching.Count == 0 ? ""
                : $"This session was connected with the old key; its connection to {server} now uses the new key {newKeyId ?? key.KeyIdHint}.";
        });
    }
}
