using System;
using WandbAuth.Rotation;
using WandbAuth.Vault;

namespace WandbAuth.Commands
{
    /// <summary>
    /// Where a rotation batch's vault calls run. In parallel vault workers (one per rotation running at once) when the
    /// batch has more than one rotation at a time and SecretManagement allows overlapping calls; otherwise on the pipeline
    /// thread, one at a time, with lease refreshes (needed only while a script holds that thread) going through a single
    /// worker started when the first one is due. Whenever workers cannot be made, the pipeline thread serves.
    /// </summary>
    internal sealed class RotationVaultGates : IDisposable
    {
        private readonly VaultWorkers? _workers;
        private readonly LeaseWorker? _lease;

        private RotationVaultGates(IVaultGate gate, VaultWorkers? workers, LeaseWorker? lease, string note)
        {
            Gate = gate; _workers = workers; _lease = lease; Note = note;
        }

        public IVaultGate Gate { get; }
        /// <summary>Null when Gate itself is free while scripts run.</summary>
        public IVaultGate? LeaseGate => _lease;
        /// <summary>Where the vault calls run, for -Verbose.</summary>
        public string Note { get; }

        /// <summary>How many parallel workers a batch gets: none when they would not help, or SecretManagement does not allow them.</summary>
        public static int WorkersFor(SecretManagementModule? module, int secrets, int throttleLimit)
        {
            var atOnce = Math.Min(secrets, throttleLimit);
            return module != null && module.AllowsParallelCalls && atOnce > 1 ? atOnce : 0;
        }

        public static RotationVaultGates Open(SecretManagementModule? module, int secrets, int throttleLimit, IVaultGate pipelineThread)
        {
            int count = WorkersFor(module, secrets, throttleLimit);
            if (count > 0)
            {
                var workers = VaultWorkers.TryStart(module!, count, out var why);
                if (workers != null) return new RotationVaultGates(workers, workers, null, $"vault calls run in {count} runspaces of their own, side by side.");
                return new RotationVaultGates(pipelineThread, null, null, $"vault calls run on the pipeline thread: no runspace could import SecretManagement ({why}).");
            }
            var reason = module == null ? "" : !module.AllowsParallelCalls && Math.Min(secrets, throttleLimit) > 1
                ? $" (Microsoft.PowerShell.SecretManagement {module.Version} runs every extension-vault call in one runspace of its own, so calls cannot overlap: PowerShell/SecretManagement#188)" : "";
            return new RotationVaultGates(pipelineThread, null, module == null ? null : new LeaseWorker(module, pipelineThread),
                $"vault calls run on the pipeline thread, one at a time{reason}.");
        }

        public void Dispose()
        {
            _workers?.Dispose();
            _lease?.Dispose();
        }

        /// <summary>One vault worker, started only when a lease refresh is due while a script runs; the pipeline thread when it cannot start.</summary>
        private sealed class LeaseWorker : IVaultGate, IDisposable
        {
            private readonly SecretManagementModule _module;
            private readonly IVaultGate _fallback;
            private readonly object _starting = new object();
            private IVaultGate? _gate;
            private VaultWorkers? _worker;

            public LeaseWorker(SecretManagementModule module, IVaultGate fallback) { _module = module; _fallback = fallback; }

            public System.Threading.Tasks.Task<T> RunAsync<T>(Func<ISecretStore, T> work)
            {
                lock (_starting)
                {
                    if (_gate == null)
                    {
                        _worker = VaultWorkers.TryStart(_module, 1, out _);
                        _gate = (IVaultGate?)_worker ?? _fallback;
                    }
                }
                return _gate.RunAsync(work);
            }

            public void Dispose() { lock (_starting) _worker?.Dispose(); }
        }
    }
}
