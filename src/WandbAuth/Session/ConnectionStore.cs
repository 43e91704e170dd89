using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace WandbAuth.Session
{
    /// <summary>The current connection of each runspace; parallel runspaces pass -Connection instead.</summary>
    internal static class ConnectionStore
    {
        private static readonly ConditionalWeakTable<Runspace, Holder> Current = new ConditionalWeakTable<Runspace, Holder>();

        private sealed class Holder { public Connection? Connection; }

        public static Connection? Get() => Runspace.DefaultRunspace is Runspace rs ? Current.GetOrCreateValue(rs).Connection : null;

        public static void Set(Connection? connection)
        {
            if (Runspace.DefaultRunspace is Runspace rs) Current.GetOrCreateValue(rs).Connection = connection;
        }
    }
}
