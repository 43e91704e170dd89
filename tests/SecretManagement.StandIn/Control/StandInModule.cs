using System;
using System.IO;
using System.Management.Automation.Runspaces;

namespace SecretManagement.StandIn
{
    /// <summary>
    /// Where StandInModule.targets put the importable module in the consuming test project's output, and a
    /// one-line way to import it into a runspace.
    /// </summary>
    public static class StandInModule
    {
        /// <summary>The real module's name, which the stand-in's manifest carries.</summary>
        public const string Name = "Microsoft.PowerShell.SecretManagement";

        /// <summary>
        /// The "Modules" folder next to this assembly; add it to PSModulePath for discovery by name
        /// (Get-Command -Module, Import-Module by name, auto-loading).
        /// </summary>
        public static string ModulesDirectory
        {
            get
            {
                var assemblyDirectory = Path.GetDirectoryName(typeof(StandInModule).Assembly.Location)!;

                // Loaded from the module folder itself (e.g. imported into pwsh without a test project).
                return string.Equals(Path.GetFileName(assemblyDirectory), Name, StringComparison.OrdinalIgnoreCase)
                    ? Path.GetDirectoryName(assemblyDirectory)!
                    : Path.Combine(assemblyDirectory, "Modules");
            }
        }

        /// <summary>The manifest; its RootModule is the copy of this assembly next to it.</summary>
        public static string ManifestPath
        {
            get
            {
                var path = Path.Combine(ModulesDirectory, Name, Name + ".psd1");
                if (!File.Exists(path))
                {
                    throw new FileNotFoundException(
                        "The stand-in module manifest is not in the build output. Import " +
                        "tests/SecretManagement.StandIn/StandInModule.targets in the test project.", path);
                }

                return path;
            }
        }

        /// <summary>Makes runspaces opened from <paramref name="state"/> start with the stand-in imported.</summary>
        public static InitialSessionState ImportInto(InitialSessionState state)
        {
            if (state == null)
            {
                throw new ArgumentNullException(nameof(state));
            }

            state.ImportPSModule(new[] { ManifestPath });
            return state;
        }
    }
}
