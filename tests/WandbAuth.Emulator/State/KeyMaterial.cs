using System.Security.Cryptography;

namespace WandbAuth.Emulator;

/// <summary>Makes secrets in the three shapes W&amp;B hands out, and the key ID each listing shows.</summary>
internal static class KeyMaterial
{
    private const string V1Prefix = "wandb_v1_";
    private const string SelfManagedPrefix = "local-";
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string NewSecret(KeyFormat format) => format switch
    {
        KeyFormat.V1 => V1Prefix + RandomNumberGenerator.GetString(Alphanumerics, 77),
        KeyFormat.Legacy40 => RandomNumberGenerator.GetHexString(40, lowercase: true),
        KeyFormat.SelfManaged => SelfManagedPrefix + RandomNumberGenerator.GetHexString(40, lowercase: true),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>"The first part of each API key": a strict prefix of the secret.</summary>
    public static string KeyIdOf(string secret, KeyFormat format) => format switch
    {
        KeyFormat.V1 => secret[..(V1Prefix.Length + 24)],
        KeyFormat.Legacy40 => secret[..10],
        KeyFormat.SelfManaged => secret[..(SelfManagedPrefix.Length + 10)],
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
