using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WandbAuth.Emulator;

/// <summary>
/// An identity provider for tests: it signs JWTs with its own RSA key (RS256), as the JWT issuer an organization admin
/// sets up for W&amp;B does (W&amp;B docs: identity federation, "JWT issuer setup"). The emulator trusts the issuer in
/// <see cref="WandbEmulator.JwtIssuer"/> and checks tokens with its public key, as W&amp;B does with the issuer's JWKS.
/// </summary>
public sealed class TestJwtIssuer(string url) : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);

    public TestJwtIssuer() : this("https://issuer.emulator.test")
    {
    }

    /// <summary>The iss claim of every token it signs.</summary>
    public string Url { get; } = url;

    /// <summary>
    /// A signed JWT. Claims given as null are left out (to test tokens that lack one); <paramref name="claims"/> adds or
    /// replaces any others (an audience list, say).
    /// </summary>
    public string Issue(string? subject, string? audience, DateTimeOffset? expiresAt, string? issuer = "", IDictionary<string, JsonNode?>? claims = null)
    {
        var payload = new JsonObject();
        if (issuer is not null) payload["iss"] = issuer.Length == 0 ? Url : issuer;
        if (subject is not null) payload["sub"] = subject;
        if (audience is not null) payload["aud"] = audience;
        if (expiresAt is { } exp) payload["exp"] = exp.ToUnixTimeSeconds();
        foreach (var (name, value) in claims ?? new Dictionary<string, JsonNode?>()) payload[name] = value?.DeepClone();
        var signed = Base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"u8) + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return signed + "." + Base64Url(_key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>True when <paramref name="jwt"/> is three parts, RS256, and this issuer's signature over the first two.</summary>
    internal bool Signed(string jwt, out JsonObject? claims)
    {
        claims = null;
        var parts = jwt.Split('.');
        if (parts.Length != 3) return false;
        try
        {
            var header = JsonNode.Parse(FromBase64Url(parts[0])) as JsonObject;
            if ((string?)header?["alg"] != "RS256") return false;
            var signedPart = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            if (!_key.VerifyData(signedPart, FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)) return false;
            claims = JsonNode.Parse(FromBase64Url(parts[1])) as JsonObject;
            return claims is not null;
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    public void Dispose() => _key.Dispose();

    internal static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
