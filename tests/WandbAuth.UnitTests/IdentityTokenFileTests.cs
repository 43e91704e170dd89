using System.Text;
using Newtonsoft.Json.Linq;
using WandbAuth.Credentials;
using WandbAuth.UnitTests.Support;
using Xunit;

namespace WandbAuth.UnitTests;

public sealed class IdentityTokenFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wandbauth-jwt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string text, string name = "token")
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static IdentityTokenException Refused(string path)
    {
        var e = Assert.Throws<IdentityTokenException>(() => new IdentityTokenFile(path).Read());
        Assert.Contains(path, e.Message);
        return e;
    }

    [Fact]
    public void Token_is_read_trimmed_of_the_newline_and_spaces_editors_add_and_held_as_a_SecureString()
    {
        var jwt = TestJwts.Make(sub: "ci-bot", exp: DateTimeOffset.FromUnixTimeSeconds(1_900_000_000));
        var token = new IdentityTokenFile(Write("\uFEFF  " + jwt + "\r\n\n")).Read();
        Assert.Equal(jwt, SecretText.Reveal(token.Jwt));
        Assert.True(token.Jwt.IsReadOnly());
        Assert.Equal("ci-bot", token.Subject);
        Assert.Equal("https://issuer.example.com", token.Issuer);
        Assert.Equal(new[] { "wandb" }, token.Audience);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_900_000_000), token.ExpiresAt);
    }

    [Fact]
    public void File_is_read_again_each_time_so_a_re_minted_token_is_used()
    {
        var path = Write(TestJwts.Make(sub: "first"));
        var file = new IdentityTokenFile(path);
        Assert.Equal("first", file.Read().Subject);
        File.WriteAllText(path, TestJwts.Make(sub: "second"));
        Assert.Equal("second", file.Read().Subject);
    }

    [Fact]
    public void Audience_may_be_a_list()
    {
        var jwt = TestJwts.Make(aud: null, extra: new JObject { ["aud"] = new JArray("acme", "wandb") });
        Assert.Equal(new[] { "acme", "wandb" }, new IdentityTokenFile(Write(jwt)).Read().Audience);
    }

    [Theory]
    [InlineData("iss")]
    [InlineData("sub")]
    [InlineData("aud")]
    public void A_token_without_a_claim_W_and_B_checks_is_refused_naming_the_claim(string claim)
    {
        var jwt = TestJwts.Make(sub: claim == "sub" ? null : "a", iss: claim == "iss" ? null : "https://i", aud: claim == "aud" ? null : "wandb");
        var e = Refused(Write(jwt));
        Assert.Contains("lacks the claim " + claim, e.Message);
        Assert.DoesNotContain(jwt.Split('.')[1], e.Message);
    }

    [Fact]
    public void A_token_without_exp_is_refused()
    {
        var claims = new JObject { ["iss"] = "https://i", ["sub"] = "a", ["aud"] = "wandb" };
        var jwt = TestJwts.Encode("{\"alg\":\"RS256\"}") + "." + TestJwts.Encode(claims.ToString()) + ".c2ln";
        Assert.Contains("lacks the claim exp", Refused(Write(jwt)).Message);
    }

    [Theory]
    [InlineData("not a token at all")]
    [InlineData("only.two")]
    [InlineData("a.b.c.d.e")]
    [InlineData("eyJhbGciOiJub25lIn0.bm90IGpzb24.c2ln")]
    public void Text_that_is_not_a_signed_JWT_is_refused_before_anything_is_sent(string text) =>
        Assert.Contains("JWT", Refused(Write(text)).Message);

    [Fact]
    public void Json_file_is_refused_with_a_word_on_the_sso_accounts_file()
    {
        var e = Refused(Write("{\"version\":1,\"accounts\":{}}"));
        Assert.Contains("wandb login sso", e.Message);
    }

    [Fact]
    public void Empty_file_and_missing_file_say_so()
    {
        Assert.Contains("is empty", Refused(Write("\n")).Message);
        Assert.Contains("does not exist", Refused(Path.Combine(_dir, "absent")).Message);
    }

    [Fact]
    public void A_large_file_is_not_read_into_memory_as_a_token()
    {
        var path = Path.Combine(_dir, "big");
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes(new string('a', 200_000)));
        Assert.Contains("few thousand", Refused(path).Message);
    }

    [Fact]
    public void Claims_are_described_for_messages_without_the_token()
    {
        var jwt = TestJwts.Make(sub: "sc://contoso/ml/wandb", aud: "api://AzureADTokenExchange", exp: DateTimeOffset.Parse("2030-01-02T03:04:05Z"));
        var described = new IdentityTokenFile(Write(jwt)).Read().DescribeClaims();
        Assert.Equal("iss https://issuer.example.com, sub sc://contoso/ml/wandb, aud api://AzureADTokenExchange, exp 2030-01-02 03:04:05Z", described);
    }
}
