using WandbAuth.Credentials;
using WandbAuth.UnitTests.Support;
using Xunit;

namespace WandbAuth.UnitTests;

/// <summary>One key ID form: a listing's name with or without wandb_v1_, or a whole secret an old server lists, all meet here.</summary>
public class KeyIdsTests
{
    private static readonly string Current = TestKeys.Current(31);
    private static readonly string Legacy = TestKeys.Legacy(32);
    private static readonly string SelfManaged = TestKeys.SelfManaged(33);
    private static string Id => Current.Substring(9, 27);

    /// <summary>What a listing may name, the key ID WandbAuth makes of it, and the key it names.</summary>
    public static TheoryData<string, string, string> Listings => new()
    {
        { "wandb_v1_" + Id, Id, Current },             // the prefix listed
        { Id, Id, Current },                           // the key ID alone
        { Current, Id, Current },                      // an old server listing the whole secret
        { Legacy, Legacy[..8], Legacy },               // a legacy secret listed whole
        { SelfManaged, SelfManaged[..14], SelfManaged }, // a self-managed secret listed whole: prefix and eight characters
        { Legacy[..10], Legacy[..10], Legacy },        // a hashed server's legacy key ID
    };

    [Theory]
    [MemberData(nameof(Listings))]
    public void A_listed_name_becomes_the_one_key_id_form_and_never_a_secret(string listed, string keyId, string key)
    {
        Assert.Equal(keyId, KeyIds.FromListing(listed));
        TestKeys.AssertNoKeyIn(KeyIds.FromListing(listed), key);
    }

    [Theory]
    [MemberData(nameof(Listings))]
    public void The_key_a_listing_names_is_identified_by_its_key_id(string listed, string keyId, string key)
    {
        Assert.Equal(keyId, KeyIds.FromListing(listed));
        Assert.True(KeyIds.Identifies(TestKeys.Secure(key), KeyIds.FromListing(listed)));
    }

    [Fact]
    public void Another_keys_id_does_not_identify_a_key()
    {
        var other = TestKeys.Current(34);
        Assert.False(KeyIds.Identifies(TestKeys.Secure(Current), KeyIds.FromListing(other)));
        Assert.False(KeyIds.Identifies(TestKeys.Secure(Current), ""));
        Assert.False(KeyIds.Identifies(TestKeys.Secure(Legacy), Id));
    }

    [Fact]
    public void A_token_is_never_identified_by_a_listing()
    {
        var jwt = "aaaaaaaa.bbbbbbbb.cccccccc";
        Assert.False(KeyIds.Identifies(TestKeys.Secure(jwt), "aaaaaaaa"));
        Assert.Equal("", ApiKeyFormat.Check(jwt).KeyIdHint);
    }

    [Theory]
    [InlineData("wandb_v1_abc", "abc")]
    [InlineData("abc", "abc")]
    [InlineData(" wandb_v1_abc* ", "abc*")]
    public void A_typed_key_id_may_carry_wandb_v1_or_not(string typed, string keyId) =>
        Assert.Equal(keyId, KeyIds.FromUserInput(typed));

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    public void A_whole_key_typed_as_a_key_id_is_refused_and_only_its_key_id_named(int seed)
    {
        var key = seed switch { 31 => Current, 32 => Legacy, _ => SelfManaged };
        var e = Assert.Throws<ArgumentException>(() => KeyIds.FromUserInput(key));
        Assert.Contains(KeyIds.FromListing(key), e.Message);
        TestKeys.AssertNoKeyIn(e.Message, key);
    }

    /// <summary>Secrets a server might list whole in shapes WandbAuth did not foresee: none may come out usable.</summary>
    public static TheoryData<string> OffShapeSecrets => new()
    {
        "wandb_v1_" + TestKeys.Random(27, 41) + "_" + TestKeys.Random(20, 42) + "-_" + TestKeys.Random(27, 43), // '-' and '_' inside the secret
        "wandb_v1_" + TestKeys.Random(12, 44) + "_" + TestKeys.Random(49, 45),                                  // a short key ID
        "wandb_v1_" + TestKeys.Random(80, 46),                                                                  // no separator at all
        TestKeys.Current(47) + "\n",                                                                            // a trailing newline
        "local-" + TestKeys.Random(32, 48),                                                                     // a prefix and 32 characters
        "0123456789abcdef0123456789abcdef01234567f",                                                            // 41 hex characters
        new string('x', 33),                                                                                    // just past the longest key ID
    };

    [Theory]
    [MemberData(nameof(OffShapeSecrets))]
    public void A_listed_secret_of_any_shape_comes_out_as_a_short_hint_only(string listed)
    {
        var id = KeyIds.FromListing(listed);
        // At most a current key's 27-character key ID, or a hint of eight characters after any prefix: never the secret.
        Assert.InRange(id.Length, 1, 27);
        Assert.True(listed.Trim().StartsWith("wandb_v1_" + id + "_", StringComparison.Ordinal) || id.Length <= "local-".Length + 8,
            $"'{id}' keeps more of the secret than a key ID or a hint");
    }
}
