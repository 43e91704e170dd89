using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Threading.Tasks;
using WandbAuth.Credentials;

namespace WandbAuth.Rotation
{
    /// <summary>
    /// Secrets of one batch that hold the same key. Rotating one of them deletes the key the others still hold, so none
    /// of them is rotated: each is refused before anything changes. Secrets outside the batch (another vault not piped
    /// in, a CI variable) cannot be seen here; the help says how to handle those.
    /// </summary>
    internal static class SharedKeys
    {
        /// <summary>
        /// Reads every secret of the batch (one vault call each, in parallel as far as the gate allows) and returns, for
        /// each secret sharing its key, the others that hold it. A secret that cannot be read, or holds no key, is left to
        /// its rotation, which reports it.
        /// </summary>
        public static async Task<IReadOnlyDictionary<RotationRequest, IReadOnlyList<RotationRequest>>> FindAsync(IVaultGate gate, IReadOnlyList<RotationRequest> batch)
        {
            var candidates = batch.Where(r => !RotationNames.IsHelper(r.SecretName, out _)).ToList();
            var keys = await Task.WhenAll(candidates.Select(r => ReadAsync(gate, r))).ConfigureAwait(false);
            return Group(candidates.Zip(keys, (r, k) => (r, k)).ToList());
        }

        /// <summary>For each request whose key another request also holds, those others. Keys are compared whole, normalised.</summary>
        public static IReadOnlyDictionary<RotationRequest, IReadOnlyList<RotationRequest>> Group(IReadOnlyList<(RotationRequest Request, SecureString? Key)> read)
        {
            var shared = new Dictionary<RotationRequest, IReadOnlyList<RotationRequest>>();
            foreach (var (request, key) in read)
            {
                if (key == null) continue;
                var others = read.Where(o => !ReferenceEquals(o.Request, request) && o.Key != null && SecretText.AreEqual(o.Key, key))
                                 .Select(o => o.Request).ToList();
                if (others.Count > 0) shared[request] = others;
            }
            return shared;
        }

        /// <summary>The refusal for <paramref name="request"/>, naming the others by vault and secret only.</summary>
        public static RotationResult Refusal(RotationRequest request, IReadOnlyList<RotationRequest> others)
        {
            var names = string.Join(", ", others.Select(o => $"'{o.SecretName}' in vault '{o.Vault}'"));
            return new RotationResult(request.SecretName, request.Vault)
            {
                Status = RotationStatus.Failed,
                ErrorId = "WandbRotationSharedKey",
                Message = $"'{request.SecretName}' in vault '{request.Vault}' holds the same key as {names}: rotating one would delete the key the " +
                          "others hold. None of them was rotated and nothing was changed. Give each secret a key of its own (New-WandbApiKey " +
                          "-SecretName), or rotate one of them alone with an -UpdateScript that updates the others.",
            };
        }

        private static async Task<SecureString?> ReadAsync(IVaultGate gate, RotationRequest request)
        {
            try
            {
                var stored = await gate.RunAsync(s => s.Get(request.SecretName, request.Vault)).ConfigureAwait(false);
                return stored == null ? null : ApiKeyFormat.Check(stored).Key;
            }
            catch (Exception) { return null; }
        }
    }
}
