using Xunit;
using WandbAuth.Keys;

namespace WandbAuth.UnitTests.Keys;

public class KeyNameTests
{
    [Theory]
    [InlineData("laptop")]
    [InlineData("nightly-training (Azure DevOps)")]
    [InlineData("Schlüssel für CI – 東京")]
    [InlineData("🔑 team key")]
    public void Visible_one_line_names_are_accepted(string name) => Assert.Null(KeyName.Problem(name));

    [Fact]
    public void A_name_of_exactly_the_limit_is_accepted_and_one_more_is_refused_with_both_lengths()
    {
        Assert.Null(KeyName.Problem(new string('n', KeyName.MaxLength)));
        var problem = KeyName.Problem(new string('n', KeyName.MaxLength + 1));
        Assert.Contains($"{KeyName.MaxLength + 1} characters", problem);
        Assert.Contains($"at most {KeyName.MaxLength}", problem);
    }

    [Fact]
    public void A_megabyte_name_is_refused_without_being_quoted()
    {
        var problem = KeyName.Problem(new string('x', 1 << 20))!;
        Assert.Contains("1048576 characters", problem);
        Assert.True(problem.Length < 200);
    }

    [Theory]
    [InlineData("bell\a", 0x07)]
    [InlineData("nul\0", 0x00)]
    [InlineData("esc\u001b[2J", 0x1b)]
    [InlineData("two\nlines", 0x0a)]
    [InlineData("carriage\rreturn", 0x0d)]
    [InlineData("tab\there", 0x09)]
    [InlineData("del\u007f", 0x7f)]
    [InlineData("c1\u0085", 0x85)]
    [InlineData("line\u2028separator", 0x2028)]
    [InlineData("evil\u202Etxt.exe", 0x202E)]
    [InlineData("isolate\u2066x", 0x2066)]
    public void Control_characters_line_separators_and_direction_overrides_are_refused_by_code_point(string name, int codePoint)
    {
        var problem = KeyName.Problem(name)!;
        Assert.Contains($"U+{codePoint:X4}", problem);
        Assert.DoesNotContain(name, problem);
        Assert.Contains($"position {name.IndexOf((char)codePoint) + 1} of {name.Length}", problem);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_or_blank_names_are_refused(string? name) => Assert.Contains("not empty or blank", KeyName.Problem(name));
}
