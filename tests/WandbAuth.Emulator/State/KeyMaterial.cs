using System.Security.Cryptography;

namespace WandbAuth.Emulator;

/// <summary>Makes secrets in the shapes W&amp;B hands out, their key IDs, and the name a listing shows for them.</summary>
internal static class KeyMaterial
{
    public const string V1Prefix = "wandb_v1_";
    private const string SelfManagedPrefix = "local-";
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Current keys: wandb_v1_&lt;key_id&gt;_&lt;secret&gt;, 27 and 49 alphanumerics, 86 in all (wandb-api.md, corrections).</summary>
    public const int V1KeyIdLength = 27;
    public const int V1SecretLength = 49;

    public static string NewSecret(KeyFormat format) => format switch
    {
        KeyFormat.V1 => V1Prefix + RandomNumberGenerator.GetString(Alphanumerics, V1KeyIdLength) + "_" +
                        RandomNumberGenerator.GetString(Alphanumerics, V1SecretLength),
        KeyFormat.Legacy40 => RandomNumberGenerator.GetHexString(40, lowercase: true),
        KeyFormat.SelfManaged => SelfManagedPrefix + RandomNumberGenerator.GetHexString(40, lowercase: true),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>
    /// "The first part of each API key": the documented &lt;key_id&gt; of a current key; for the older shapes, whose
    /// hashed listings are not documented, a strict prefix of the secret.
    /// </summary>
    public static string KeyIdOf(string secret, KeyFormat format) => format switch
    {
        KeyFormat.V1 => secret.Substring(V1Prefix.Length, V1KeyIdLength),
        KeyFormat.Legacy40 => secret[..10],
        KeyFormat.SelfManaged => secret[..(SelfManagedPrefix.Length + 10)],
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>ApiKey.name in a listing, as each server generation shows it.</summary>
    public static string ListedName(string secret, string keyId, KeyFormat format, ListingNames names) => names switch
    {
        ListingNames.FullSecret => secret,
        ListingNames.PrefixedKeyId when format == KeyFormat.V1 => V1Prefix + keyId,
        _ => keyId,
    };
}
