using System.Security;
using WandbAuth.Credentials;
using Xunit;

namespace WandbAuth.UnitTests.Support;

/// <summary>Made-up keys of each W&amp;B format (deterministic, so failures reproduce) and the "no key in this text" check.</summary>
internal static class TestKeys
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Hex = "0123456789abcdef";

    public static string Random(int length, int seed, string alphabet = Alphanumeric)
    {
        var rng = new Random(seed);
        var chars = new char[length];
        for (int i = 0; i < length; i++) chars[i] = alphabet[rng.Next(alphabet.Length)];
        return new string(chars);
    }

    /// <summary>wandb_v1_&lt;27&gt;_&lt;49&gt;: the 86-character keys W&amp;B issues (docs: wandb_v1_&lt;key_id&gt;_&lt;secret&gt;).</summary>
    public static string Current(int seed = 1) => ApiKeyFormat.CurrentPrefix + Random(27, seed) + "_" + Random(49, seed + 1000);

    /// <summary>The key ID WandbAuth shows for a key: a current key's &lt;key_id&gt;, another's first characters.</summary>
    public static string KeyIdOf(string key) => ApiKeyFormat.Check(key).KeyIdHint;

    /// <summary>Exactly 40 hex characters, like keys made before wandb_v1_.</summary>
    public static string Legacy(int seed = 2) => Random(40, seed, Hex);

    public static string SelfManaged(int seed = 3, int secretLength = 40) => "local-" + Random(secretLength, seed);

    public static SecureString Secure(string text) => SecretText.ToSecureString(text);

    /// <summary>What must never be shown: a current key's &lt;secret&gt; part, or an older key's part after its prefix.</summary>
    public static string SecretPart(string key)
    {
        if (key.StartsWith(ApiKeyFormat.CurrentPrefix, StringComparison.Ordinal)) return key.Substring(key.LastIndexOf('_') + 1);
        int dash = key.IndexOf('-');
        return dash > 0 ? key.Substring(dash + 1) : key;
    }

    /// <summary>Neither the whole key nor any 12-character slice of its secret part appears in the text.</summary>
    public static void AssertNoKeyIn(string? text, string key)
    {
        Assert.NotNull(text);
        Assert.DoesNotContain(key.Trim(), text, StringComparison.Ordinal);
        var secret = SecretPart(key.Trim());
        for (int i = 0; i + 12 <= secret.Length; i++)
            Assert.False(text!.Contains(secret.Substring(i, 12), StringComparison.Ordinal),
                $"The text contains characters {i}..{i + 11} of the key's secret part: {text}");
    }
}
