using WandbAuth.Api;
using WandbAuth.UnitTests.Support;
using Xunit;

namespace WandbAuth.UnitTests;

public class RedactionTests
{
    [Fact]
    public void Current_key_is_cut_to_its_prefix_and_a_few_characters()
    {
        var key = TestKeys.Current(301);
        var scrubbed = Redaction.Scrub($"invalid api key {key} for user x");
        TestKeys.AssertNoKeyIn(scrubbed, key);
        Assert.StartsWith("invalid api key " + key.Substring(0, 13), scrubbed);
        Assert.EndsWith(" for user x", scrubbed);
        Assert.InRange(scrubbed.Length, 1, "invalid api key  for user x".Length + 20);
    }

    [Fact]
    public void Legacy_40_character_key_is_cut_to_a_short_prefix()
    {
        var key = TestKeys.Legacy(302);
        var scrubbed = Redaction.Scrub($"key={key};");
        TestKeys.AssertNoKeyIn(scrubbed, key);
        Assert.StartsWith("key=" + key.Substring(0, 4), scrubbed);
        Assert.EndsWith(";", scrubbed);
    }

    [Fact]
    public void Self_managed_key_is_cut_to_a_short_prefix()
    {
        var key = TestKeys.SelfManaged(303, secretLength: 48);
        var scrubbed = Redaction.Scrub($"'{key}' was revoked");
        TestKeys.AssertNoKeyIn(scrubbed, key);
        Assert.EndsWith("' was revoked", scrubbed);
    }

    [Fact]
    public void Every_key_in_a_text_is_cut()
    {
        var a = TestKeys.Current(304);
        var b = TestKeys.Legacy(305);
        var scrubbed = Redaction.Scrub($"{a}\n{b}\n{a}");
        TestKeys.AssertNoKeyIn(scrubbed, a);
        TestKeys.AssertNoKeyIn(scrubbed, b);
        Assert.Equal(3, scrubbed.Split('\n').Length);
    }

    [Fact]
    public void Current_key_glued_to_other_text_is_still_cut()
    {
        var key = TestKeys.Current(306);
        var scrubbed = Redaction.Scrub("password:" + key + "_trailing");
        TestKeys.AssertNoKeyIn(scrubbed, key);
    }

    [Theory]
    [InlineData("W&B at https://api.wandb.ai answered HTTP 502 (Bad Gateway) to GenerateApiKey.")]
    [InlineData("API key QXBpS2V5OjEyMzQ= not found")]
    [InlineData("a 39 character token 0123456789abcdef0123456789abcdef0123456 stays")]
    [InlineData("")]
    public void Ordinary_text_and_short_tokens_are_left_alone(string text) =>
        Assert.Equal(text, Redaction.Scrub(text));

    [Fact]
    public void Null_stays_null() => Assert.Null(Redaction.Scrub(null!));

    [Theory]
    [InlineData("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", "{\"sub\":\"a\"}", "c2lnbmF0dXJlLWJ5dGVzLWhlcmU")]
    [InlineData("{ \"alg\": \"none\" }", "{\"iss\":\"https://vstoken.dev.azure.com/x\",\"sub\":\"sc://org/project/wandb\"}", "")]
    [InlineData("{\n\"alg\":\"ES256\"}", "{\"aud\":\"wandb\"}", "AAAA")]
    public void Jwt_shaped_text_keeps_only_its_first_characters_whatever_the_segment_lengths(string header, string payload, string signature)
    {
        var jwt = TestJwts.Encode(header) + "." + TestJwts.Encode(payload) + "." + signature;
        var scrubbed = Redaction.Scrub($"invalid_grant: assertion {jwt} was rejected");
        Assert.DoesNotContain(TestJwts.Encode(payload), scrubbed);
        Assert.DoesNotContain(jwt.Substring(6), scrubbed);
        Assert.Equal($"invalid_grant: assertion {jwt.Substring(0, 4)}… was rejected", scrubbed);
    }

    [Fact]
    public void Access_token_with_the_wb_at_prefix_is_cut()
    {
        var token = "wb_at_" + TestKeys.Random(48, 307);
        var scrubbed = Redaction.Scrub($"Bearer {token} expired");
        Assert.DoesNotContain(token.Substring(10), scrubbed);
        Assert.Equal($"Bearer {token.Substring(0, 10)}… expired", scrubbed);
    }

    [Theory]
    [InlineData("W&B at https://wandb.example.com answered HTTP 400 (Bad Request) to the identity token exchange.")]
    [InlineData("the identity token in /home/runner/work/_temp/wandb.jwt expired at 2025-01-01 12:00:00Z")]
    [InlineData("sc://contoso/ml-platform/wandb-prod is not mapped to a W&B user")]
    [InlineData("an eyewitness.account.reported nothing")]
    public void Dotted_names_paths_and_subjects_are_not_taken_for_tokens(string text) =>
        Assert.Equal(text, Redaction.Scrub(text));
}
