using System.Text;
using Newtonsoft.Json.Linq;

namespace WandbAuth.UnitTests.Support;

/// <summary>JWT-shaped test tokens: real base64url header and claims, a made-up signature (nothing here checks one).</summary>
internal static class TestJwts
{
    public static string Encode(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A token with iss, sub, aud and exp (a Unix time) unless a claim is given as null, plus any extras.</summary>
    public static string Make(string? sub = "alice@example.com", string? iss = "https://issuer.example.com", string? aud = "wandb",
        DateTimeOffset? exp = null, int seed = 1, JObject? extra = null)
    {
        var claims = extra ?? new JObject();
        if (iss != null) claims["iss"] = iss;
        if (sub != null) claims["sub"] = sub;
        if (aud != null) claims["aud"] = aud;
        claims["exp"] = (exp ?? DateTimeOffset.UtcNow.AddHours(1)).ToUnixTimeSeconds();
        return Encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + Encode(claims.ToString(Newtonsoft.Json.Formatting.None)) + "." + TestKeys.Random(86, seed);
    }
}
