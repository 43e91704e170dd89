using System;
using System.Collections.Concurrent;

namespace WandbAuth.Rotation
{
    /// <summary>
    /// The in-process half of the guard: at most one run per (vault, secret) in this process, and which run
    /// ids are alive here. The state secret is the cross-process half. Tests give a second instance to play
    /// another process.
    /// </summary>
    internal sealed class RotationLocks
    {
        public static readonly RotationLocks Process = new RotationLocks();

        private readonly ConcurrentDictionary<string, string> _runBySecret = new ConcurrentDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, byte> _activeRuns = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);

        public bool TryEnter(string vault, string secret, string runId)
        {
            if (!_runBySecret.TryAdd(Key(vault, secret), runId)) return false;
            _activeRuns[runId] = 0;
            return true;
        }

        public void Exit(string vault, string secret, string runId)
        {
            _activeRuns.TryRemove(runId, out _);
            _runBySecret.TryRemove(Key(vault, secret), out _);
        }

        public bool IsActive(string? runId) => runId != null && _activeRuns.ContainsKey(runId);

        // Vault and secret names are case-insensitive in SecretManagement.
        private static string Key(string vault, string secret) => vault + "\u0000" + secret;
    }
}
