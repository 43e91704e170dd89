using WandbAuth.Credentials;
using WandbAuth.UnitTests.Support;
using Xunit;

namespace WandbAuth.UnitTests;

public class ApiKeyFormatTests
{
    [Fact]
    public void Current_wandb_v1_key_of_86_characters_is_accepted_as_current()
    {
        var key = TestKeys.Current();
        Assert.Equal(86, key.Length);
        var checkedKey = ApiKeyFormat.Check(key.ToCharArray());
        Assert.Equal(ApiKeyKind.Current, checkedKey.Kind);
        Assert.Equal(key, SecretText.Reveal(checkedKey.Key));
    }

    [Fact]
    public void Legacy_key_of_exactly_40_characters_is_accepted_as_legacy()
    {
        var key = TestKeys.Legacy();
        var checkedKey = ApiKeyFormat.Check(key.ToCharArray());
        Assert.Equal(ApiKeyKind.Legacy, checkedKey.Kind);
        Assert.Equal(key, SecretText.Reveal(checkedKey.Key));
    }

    [Theory]
    [InlineData(40)]
    [InlineData(41)]
    [InlineData(64)]
    public void Self_managed_local_key_with_40_or_more_characters_after_the_prefix_is_accepted(int secretLength)
    {
        var key = TestKeys.SelfManaged(secretLength: secretLength);
        var checkedKey = ApiKeyFormat.Check(key.ToCharArray());
        Assert.Equal(ApiKeyKind.SelfManaged, checkedKey.Kind);
        Assert.Equal(key, SecretText.Reveal(checkedKey.Key));
    }

    [Theory]
    [InlineData("{0}\n")]
    [InlineData("{0}\r\n")]
    [InlineData("  {0}  ")]
    [InlineData("\t{0}\n\n")]
    public void Pasted_key_with_surrounding_whitespace_or_trailing_newline_is_accepted_and_trimmed(string layout)
    {
        var key = TestKeys.Current();
        var checkedKey = ApiKeyFormat.Check(string.Format(layout, key).ToCharArray());
        Assert.Equal(ApiKeyKind.Current, checkedKey.Kind);
        Assert.Equal(key, SecretText.Reveal(checkedKey.Key));
    }

    [Fact]
    public void Key_wrapped_across_lines_by_a_browser_paste_is_joined_again()
    {
        var key = TestKeys.Current();
        var pasted = key.Substring(0, 30) + "\r\n" + key.Substring(30, 30) + " " + key.Substring(60);
        Assert.Equal(key, SecretText.Reveal(ApiKeyFormat.Check(pasted.ToCharArray()).Key));
    }

    [Fact]
    public void SecureString_input_is_checked_the_same_way_as_characters()
    {
        var key = TestKeys.Legacy();
        var checkedKey = ApiKeyFormat.Check(TestKeys.Secure(key + "\n"));
        Assert.Equal(ApiKeyKind.Legacy, checkedKey.Kind);
        Assert.Equal(key, SecretText.Reveal(checkedKey.Key));
    }

    public static TheoryData<string, string, string[]> Malformed()
    {
        var current = TestKeys.Current(11);
        var legacy = TestKeys.Legacy(12);
        return new TheoryData<string, string, string[]>
        {
            // name, key, fragments the message must contain (what was found, what is expected)
            { "empty", "", new[] { "empty" } },
            { "only whitespace", " \r\n\t ", new[] { "empty" } },
            { "too short", "abc123", new[] { "has 6 characters", "exactly 40", "wandb_v1_" } },
            { "39 unprefixed", legacy.Substring(0, 39), new[] { "has 39 characters", "exactly 40", "wandb_v1_" } },
            { "41 unprefixed", legacy + "a", new[] { "has 41 characters", "exactly 40", "wandb_v1_" } },
            { "86 unprefixed", TestKeys.Random(86, 13), new[] { "has 86 characters", "exactly 40", "wandb_v1_" } },
            { "current key cut off", current.Substring(0, 45), new[] { "only 45 characters", "wandb_v1_", "have 86", "cut off" } },
            { "self-managed too short", "local-" + legacy.Substring(0, 39), new[] { "39 characters after the prefix", "at least 40" } },
            { "a dot inside", legacy.Substring(0, 20) + "." + legacy.Substring(21), new[] { "position 21 of 40", "letters, digits" } },
            { "a non-ASCII letter", current.Substring(0, 40) + "é" + current.Substring(41), new[] { "position 41 of 86", "letters, digits" } },
            { "quotes around it", "\"" + legacy + "\"", new[] { "position 1 of 42" } },
        };
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_key_is_rejected_with_a_message_naming_what_was_found_and_what_is_expected(string name, string key, string[] mustContain)
    {
        var e = Assert.Throws<ApiKeyFormatException>(() => ApiKeyFormat.Check(key.ToCharArray()));
        foreach (var fragment in mustContain)
            Assert.True(e.Message.Contains(fragment, StringComparison.Ordinal), $"{name}: the message lacks '{fragment}': {e.Message}");
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Rejection_message_never_contains_the_key_beyond_its_first_few_characters(string name, string key, string[] mustContain)
    {
        var e = Assert.Throws<ApiKeyFormatException>(() => ApiKeyFormat.Check(key.ToCharArray()));
        _ = (name, mustContain);
        if (key.Trim().Length > 0) TestKeys.AssertNoKeyIn(e.Message, key);
    }

    [Fact]
    public void Key_id_of_a_current_key_is_its_documented_key_id_part_and_none_of_its_secret()
    {
        var key = TestKeys.Current();
        var keyId = ApiKeyFormat.Check(key.ToCharArray()).KeyIdHint;
        Assert.Equal(key.Substring(9, 27), keyId);
        TestKeys.AssertNoKeyIn(keyId, key);
    }

    [Fact]
    public void Key_id_hint_of_a_legacy_key_is_a_short_prefix()
    {
        var key = TestKeys.Legacy();
        var hint = ApiKeyFormat.Check(key.ToCharArray()).KeyIdHint;
        Assert.StartsWith(hint, key);
        Assert.InRange(hint.Length, 1, 8);
    }

    [Fact]
    public void Key_id_hint_of_a_self_managed_key_keeps_the_prefix_and_a_few_characters()
    {
        var key = TestKeys.SelfManaged(secretLength: 50);
        var hint = ApiKeyFormat.Check(key.ToCharArray()).KeyIdHint;
        Assert.StartsWith("local-", hint);
        Assert.StartsWith(hint, key);
        Assert.InRange(hint.Length - "local-".Length, 1, 8);
        TestKeys.AssertNoKeyIn(hint, key);
    }

    [Theory]
    [InlineData(ApiKeyKind.Current, "wandb_v1_")]
    [InlineData(ApiKeyKind.Legacy, "40")]
    [InlineData(ApiKeyKind.SelfManaged, "self-managed")]
    public void Each_format_has_a_name_users_recognise(ApiKeyKind kind, string expected) =>
        Assert.Contains(expected, ApiKeyFormat.Describe(kind));

    [Theory]
    [InlineData(50)]
    [InlineData(36)]
    [InlineData(80)]
    [InlineData(85)]
    public void A_current_key_cut_short_anywhere_is_refused_as_cut_off(int length)
    {
        var key = TestKeys.Current(21)[..length];
        var e = Assert.Throws<ApiKeyFormatException>(() => ApiKeyFormat.Check(key.ToCharArray()));
        Assert.Contains($"only {length} characters", e.Message);
        Assert.Contains("cut off", e.Message);
        TestKeys.AssertNoKeyIn(e.Message, TestKeys.Current(21));
    }

    [Fact]
    public void A_wandb_v1_value_of_full_length_but_not_its_shape_is_refused()
    {
        var e = Assert.Throws<ApiKeyFormatException>(() => ApiKeyFormat.Check(("wandb_v1_" + TestKeys.Random(77, 5)).ToCharArray()));
        Assert.Contains("not shaped like one", e.Message);
    }

    [Fact]
    public void A_JWT_shaped_credential_is_accepted_as_the_SDK_accepts_it()
    {
        var jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9." + TestKeys.Random(43, 8);
        var checkedKey = ApiKeyFormat.Check(jwt.ToCharArray());
        Assert.Equal(ApiKeyKind.Jwt, checkedKey.Kind);
        Assert.Equal("", checkedKey.KeyIdHint);
        Assert.Equal(jwt, SecretText.Reveal(checkedKey.Key));
    }

    [Fact]
    public void A_wb_at_access_token_is_accepted_as_the_SDK_accepts_it()
    {
        var token = "wb_at_" + TestKeys.Random(30, 9) + "." + TestKeys.Random(20, 10);
        Assert.Equal(ApiKeyKind.AccessToken, ApiKeyFormat.Check(token.ToCharArray()).Kind);
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("a..c")]
    [InlineData(".b.c")]
    [InlineData("a.b.c.d")]
    public void Dotted_text_that_is_not_three_segments_is_not_a_JWT(string text) =>
        Assert.Throws<ApiKeyFormatException>(() => ApiKeyFormat.Check(text.ToCharArray()));

    [Fact]
    public void A_megabyte_value_is_refused_as_not_a_key_from_text_before_a_SecureString_is_made()
    {
        var huge = new string('a', 1024 * 1024);
        var fromText = Assert.Throws<ApiKeyFormatException>(() => ApiKeyFormat.Check(huge));
        var toSecure = Assert.Throws<ApiKeyFormatException>(() => SecretText.ToSecureString(huge));
        Assert.Contains("1,048,576 characters", fromText.Message);
        Assert.Contains("not a key", fromText.Message);
        Assert.Equal(fromText.Message, toSecure.Message);
    }
}
