using System;
using System.Collections.Generic;
using System.Linq;
using SecretManagement.StandIn.Storage;

namespace SecretManagement.StandIn
{
    /// <summary>
    /// The test controls of the stand-in SecretManagement module: which vaults exist, what is in them, faults
    /// to inject, and the log of vault operations. Process-wide, because every runspace that imports the
    /// module runs the same loaded assembly; every member is thread-safe. Tests that use it must not run in
    /// parallel with each other (put them in one xunit collection) and should call <see cref="Reset"/> first.
    /// </summary>
    public static partial class StandInVaults
    {
        // One lock for everything: vault contents, registrations, hooks, the log and the crash state.
        private static readonly object Sync = new object();
        private static readonly List<RegisteredVault> Vaults = new List<RegisteredVault>();
        private static string? defaultVault;

        /// <summary>Forgets every vault, secret, hook, crash and logged operation.</summary>
        public static void Reset()
        {
            lock (Sync)
            {
                Vaults.Clear();
                defaultVault = null;
                latency = TimeSpan.Zero;
                ResetFaultsLocked();
                ResetLogLocked();
            }
        }

        /// <summary>
        /// Registers an empty vault. As in the real module, the first vault registered becomes the default;
        /// <paramref name="isDefault"/> makes this one the default instead.
        /// </summary>
        public static void Register(string name, VaultKind kind = VaultKind.Full, bool isDefault = false)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("A vault name is required.", nameof(name));
            }

            lock (Sync)
            {
                if (FindLocked(name) != null)
                {
                    throw new InvalidOperationException($"Vault {name} is already registered.");
                }

                Vaults.Add(new RegisteredVault(name, kind));
                if (isDefault || defaultVault == null)
                {
                    defaultVault = name;
                }
            }
        }

        /// <summary>Designates the default vault; null leaves none (Set-SecretVaultDefault -ClearDefault).</summary>
        public static void SetDefault(string? name)
        {
            lock (Sync)
            {
                if (name != null && FindLocked(name) == null)
                {
                    throw new InvalidOperationException($"Vault {name} is not registered.");
                }

                defaultVault = name == null ? null : FindLocked(name)!.Name;
            }
        }

        /// <summary>The default vault's name, or null when there is none.</summary>
        public static string? DefaultVault
        {
            get
            {
                lock (Sync)
                {
                    return defaultVault;
                }
            }
        }

        /// <summary>Registered vault names in registration order.</summary>
        public static IReadOnlyList<string> VaultNames
        {
            get
            {
                lock (Sync)
                {
                    return Vaults.Select(v => v.Name).ToList();
                }
            }
        }

        internal static VaultView? FindVault(string name)
        {
            lock (Sync)
            {
                var vault = FindLocked(name);
                return vault == null ? null : ViewLocked(vault);
            }
        }

        /// <summary>Registration order, except that the default vault comes first (Get-Secret's search order).</summary>
        internal static IReadOnlyList<VaultView> VaultsDefaultFirst()
        {
            lock (Sync)
            {
                return Vaults
                    .Select(ViewLocked)
                    .OrderBy(v => v.IsDefault ? 0 : 1)
                    .ToList();
            }
        }

        internal static IReadOnlyList<VaultView> AllVaults()
        {
            lock (Sync)
            {
                return Vaults.Select(ViewLocked).ToList();
            }
        }

        private static RegisteredVault? FindLocked(string name) =>
            Vaults.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));

        private static RegisteredVault RequireLocked(string name) =>
            FindLocked(name) ?? throw new InvalidOperationException($"Vault {name} is not registered.");

        private static VaultView ViewLocked(RegisteredVault vault) =>
            new VaultView(
                vault.Name,
                vault.Kind,
                vault.ModuleName,
                string.Equals(vault.Name, defaultVault, StringComparison.OrdinalIgnoreCase));
    }
}
