using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using WandbAuth.Rotation;

namespace WandbAuth.Vault
{
    /// <summary>
    /// Runspaces of WandbAuth's own that import the caller's SecretManagement module, each on a thread of its own, so
    /// vault calls wait side by side (Azure Key Vault answers in 100-200 ms) and off the pipeline thread, which stays
    /// free for output, prompts and scripts. The vault registry is SecretManagement's per-user one, the same from every
    /// runspace. The runspaces have no interactive host: a vault that wants to prompt (a locked SecretStore) fails the
    /// call instead of prompting from another thread.
    /// </summary>
    internal sealed class VaultWorkers : IVaultGate, IDisposable
    {
        private readonly BlockingCollection<Action<ISecretStore>> _work = new BlockingCollection<Action<ISecretStore>>();
        private readonly Runspace[] _runspaces;
        private readonly Thread[] _threads;

        private VaultWorkers(Runspace[] runspaces)
        {
            _runspaces = runspaces;
            _threads = runspaces.Select(r => new Thread(() => Serve(r)) { IsBackground = true, Name = "WandbAuth vault worker" }).ToArray();
            foreach (var thread in _threads) thread.Start();
        }

        public int Count => _runspaces.Length;

        /// <summary>
        /// Opens <paramref name="count"/> runspaces importing <paramref name="module"/>, or returns null with the reason
        /// when any cannot be opened (the caller then keeps vault calls on the pipeline thread).
        /// </summary>
        public static VaultWorkers? TryStart(SecretManagementModule module, int count, out string? why)
        {
            var opening = Enumerable.Range(0, count).Select(_ => Task.Run(() => Open(module))).ToArray();
            try { Task.WaitAll(opening); }
            catch (AggregateException e)
            {
                foreach (var opened in opening.Where(t => t.Status == TaskStatus.RanToCompletion)) opened.Result.Dispose();
                why = e.InnerExceptions.First().Message;
                return null;
            }
            why = null;
            return new VaultWorkers(opening.Select(t => t.Result).ToArray());
        }

        public Task<T> RunAsync<T>(Func<ISecretStore, T> work)
        {
            var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            try
            {
                _work.Add(store =>
                {
                    try { done.TrySetResult(work(store)); }
                    catch (Exception e) { done.TrySetException(e); }
                });
            }
            catch (InvalidOperationException e) { done.TrySetException(new VaultException("The vault workers have stopped.", e)); }
            return done.Task;
        }

        private static Runspace Open(SecretManagementModule module)
        {
            var state = InitialSessionState.CreateDefault2();
            state.ImportPSModule(new[] { module.ImportPath });
            state.ThrowOnRunspaceOpenError = true;
            var runspace = RunspaceFactory.CreateRunspace(state);
            // Each pipeline runs on the worker's own thread rather than a new one per call.
            runspace.ThreadOptions = PSThreadOptions.UseCurrentThread;
            try { runspace.Open(); }
            catch { runspace.Dispose(); throw; }
            return runspace;
        }

        private void Serve(Runspace runspace)
        {
            var store = new SecretManagementStore(runspace);
            foreach (var item in _work.GetConsumingEnumerable()) item(store);
        }

        public void Dispose()
        {
            _work.CompleteAdding();
            foreach (var thread in _threads) thread.Join();
            foreach (var runspace in _runspaces) runspace.Dispose();
            _work.Dispose();
        }
    }
}
