namespace SecretManagement.StandIn.Storage
{
    /// <summary>An immutable snapshot of a vault's registration, safe to use outside the lock.</summary>
    internal sealed class VaultView
    {
        internal VaultView(string name, VaultKind kind, string moduleName, bool isDefault)
        {
            Name = name;
            Kind = kind;
            ModuleName = moduleName;
            IsDefault = isDefault;
        }

        internal string Name { get; }

        internal VaultKind Kind { get; }

        internal string ModuleName { get; }

        internal bool IsDefault { get; }
    }
}
