using System.Collections.ObjectModel;

namespace SecretManagement.StandIn.Storage
{
    /// <summary>One secret as a vault holds it: the normalized value and its (possibly empty) metadata.</summary>
    internal sealed class StoredSecret
    {
        internal StoredSecret(string name, object value, ReadOnlyDictionary<string, object> metadata)
        {
            Name = name;
            Value = value;
            Metadata = metadata;
        }

        /// <summary>The name as last written (lookups ignore case, as SecretStore and Key Vault do).</summary>
        internal string Name { get; }

        internal object Value { get; }

        internal ReadOnlyDictionary<string, object> Metadata { get; }
    }
}
