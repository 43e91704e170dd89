using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace WandbAuth.Rotation
{
    /// <summary>Progress after each finished secret: how many of how many, and which one just finished.</summary>
    internal readonly struct RotationProgress
    {
        public RotationProgress(int done, int total, RotationResult last) { Done = done; Total = total; Last = last; }
        public int Done { get; }
        public int Total { get; }
        public RotationResult Last { get; }
    }

    /// <summary>
    /// Rotates many secrets, at most ThrottleLimit at once, each one's steps in order. One failure never stops
    /// the others. Secrets of the batch that hold the same key are refused first (SharedKeys). Results and progress go
    /// to callbacks (the cmdlet forwards them to the pipeline thread).
    /// </summary>
    internal sealed class RotationRunner
    {
        private readonly IVaultGate _gate;
        private readonly IVaultGate? _leaseGate;
        private readonly RotationOptions _options;

        /// <param name="leaseGate">Where lease refreshes go while scripts run, when <paramref name="gate"/> is busy then
        /// (the cmdlet's pipeline thread runs the scripts); null when the gate itself is free.</param>
        public RotationRunner(IVaultGate gate, RotationOptions? options = null, IVaultGate? leaseGate = null)
        {
            _gate = gate;
            _leaseGate = leaseGate;
            _options = options ?? new RotationOptions();
        }

        public Task<RotationResult> RotateAsync(RotationRequest request, CancellationToken ct = default) =>
            new SecretRotation(request, _gate, _options, _leaseGate).RunAsync(ct);

        /// <returns>The results in the order of the requests.</returns>
        public async Task<IReadOnlyList<RotationResult>> RotateAllAsync(IReadOnlyList<RotationRequest> requests, int throttleLimit,
            Action<RotationResult>? onResult = null, Action<RotationProgress>? onProgress = null, CancellationToken ct = default)
        {
            if (throttleLimit < 1) throw new ArgumentOutOfRangeException(nameof(throttleLimit), "The throttle limit must be at least 1.");
            // One vault call per secret, and only for a batch: a key shared within it must be refused before anything changes.
            var shared = requests.Count > 1
                ? await SharedKeys.FindAsync(_gate, requests).ConfigureAwait(false)
                : new Dictionary<RotationRequest, IReadOnlyList<RotationRequest>>();
            using var throttle = new SemaphoreSlim(throttleLimit);
            int done = 0;
            var callbacks = new object();

            async Task<RotationResult> One(RotationRequest request)
            {
                RotationResult result;
                if (shared.TryGetValue(request, out var others)) result = SharedKeys.Refusal(request, others);
                else
                {
                    await throttle.WaitAsync(ct).ConfigureAwait(false);
                    try { result = await RotateAsync(request, ct).ConfigureAwait(false); }
                    finally { throttle.Release(); }
                }
                // Callbacks one at a time: a pipeline writer need not be thread-safe.
                lock (callbacks)
                {
                    onResult?.Invoke(result);
                    onProgress?.Invoke(new RotationProgress(++done, requests.Count, result));
                }
                return result;
            }

            return await Task.WhenAll(requests.Select(One)).ConfigureAwait(false);
        }
    }
}
