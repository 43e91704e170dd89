using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using WandbAuth.Rotation;
using WandbAuth.Vault;

namespace WandbAuth.Commands
{
    /// <summary>
    /// Runs work on the pipeline thread for a rotation running elsewhere: SecretManagement calls, scripts and
    /// every Write* must happen on the thread that called EndProcessing. The cmdlet drains the queue until the
    /// rotation's task completes.
    /// </summary>
    internal sealed class RotationPump : IDisposable
    {
        private readonly BlockingCollection<Action> _work = new BlockingCollection<Action>();
        private readonly CancellationToken _stop;

        public RotationPump(CancellationToken stop) { _stop = stop; }

        /// <summary>Queues work and returns its result; after a stop the task is cancelled at once.</summary>
        public Task<T> Run<T>(Func<T> work)
        {
            var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            void Execute()
            {
                if (_stop.IsCancellationRequested) { done.TrySetCanceled(_stop); return; }
                try { done.TrySetResult(work()); }
                catch (Exception e) { done.TrySetException(e); }
            }
            if (!TryAdd(Execute)) done.TrySetCanceled(_stop);
            return done.Task;
        }

        /// <summary>Queues a write (output, progress, an error record) without waiting for it.</summary>
        public void Post(Action write) => TryAdd(() => { if (!_stop.IsCancellationRequested) write(); });

        /// <summary>Executes queued work on the calling (pipeline) thread until <paramref name="task"/> completes.</summary>
        public void RunUntil(Task task)
        {
            task.ContinueWith(_ => _work.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            foreach (var item in _work.GetConsumingEnumerable()) item();
        }

        private bool TryAdd(Action item)
        {
            try { return _work.TryAdd(item); }
            catch (InvalidOperationException) { return false; }   // completed: nothing may run any more
        }

        public void Dispose() => _work.Dispose();
    }

    /// <summary>The cmdlet's vault gate: each piece of vault work runs on the pipeline thread.</summary>
    internal sealed class PumpVaultGate : IVaultGate
    {
        private readonly RotationPump _pump;
        private readonly ISecretStore _store;

        public PumpVaultGate(RotationPump pump, ISecretStore store) { _pump = pump; _store = store; }

        public Task<T> RunAsync<T>(Func<ISecretStore, T> work) => _pump.Run(() => work(_store));
    }
}
