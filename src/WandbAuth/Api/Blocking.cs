using System.Threading.Tasks;

namespace WandbAuth.Api
{
    /// <summary>
    /// Waits on API work from the PowerShell pipeline thread, which must not return before the answer is in.
    /// GetResult rethrows the original exception rather than an AggregateException.
    /// </summary>
    internal static class Blocking
    {
        public static T Run<T>(Task<T> task) => task.GetAwaiter().GetResult();
        public static void Run(Task task) => task.GetAwaiter().GetResult();
    }
}
