using System;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace WandbAuth.Vault
{
    /// <summary>The module that provides the SecretManagement cmdlets in the caller's session, and whether its vault calls may overlap.</summary>
    internal sealed class SecretManagementModule
    {
        /// <summary>Microsoft.PowerShell.SecretManagement as Microsoft publishes it (the GUID in its manifest).</summary>
        public static readonly Guid Microsofts = new Guid("a5c858f6-4a8e-41f1-b1ee-0ff8f6ad69d3");

        public SecretManagementModule(string importPath, Guid guid, Version version)
        {
            ImportPath = importPath; Guid = guid; Version = version;
        }

        /// <summary>What another runspace imports to get the same module: its manifest when it has one.</summary>
        public string ImportPath { get; }
        public Guid Guid { get; }
        public Version Version { get; }

        /// <summary>
        /// Whether calls from several runspaces may run at once. Microsoft's module (every release so far, 1.1.2 the
        /// latest) runs each extension-vault call in one static runspace of its own (PowerShellInvoker in its Utils.cs):
        /// a second call meanwhile fails with "The pipeline was not run because a pipeline is already running"
        /// (PowerShell/SecretManagement#188, open). Its calls therefore stay one at a time, on the pipeline thread.
        /// </summary>
        public bool AllowsParallelCalls => Guid != Microsofts;

        /// <summary>The module behind Microsoft.PowerShell.SecretManagement\Get-Secret in the current runspace, or null.</summary>
        public static SecretManagementModule? InCurrentRunspace()
        {
            using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
            ps.AddCommand("Get-Command").AddParameter("Name", "Get-Secret").AddParameter("Module", "Microsoft.PowerShell.SecretManagement")
              .AddParameter("ErrorAction", "Ignore");
            var module = ps.Invoke().Select(o => (o.BaseObject as CommandInfo)?.Module).FirstOrDefault(m => m != null);
            if (module == null) return null;
            var manifest = Path.Combine(module.ModuleBase, module.Name + ".psd1");
            return new SecretManagementModule(File.Exists(manifest) ? manifest : module.Path, module.Guid, module.Version);
        }
    }
}
