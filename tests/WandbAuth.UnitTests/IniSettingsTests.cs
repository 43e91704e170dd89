using WandbAuth.Credentials;
using Xunit;

namespace WandbAuth.UnitTests;

public class IniSettingsTests
{
    [Fact]
    public void Reads_api_key_base_url_and_entity_from_the_default_section()
    {
        var s = IniSettings.Parse("[default]\napi_key = abc\nbase_url = https://wandb.example.com\nentity = my-team\n");
        Assert.Equal("abc", s.ApiKey);
        Assert.Equal("https://wandb.example.com", s.BaseUrl);
        Assert.Equal("my-team", s.Entity);
    }

    [Fact]
    public void Values_in_other_sections_are_ignored()
    {
        var s = IniSettings.Parse("[other]\napi_key = wrong\nentity = wrong\n[default]\nbase_url = https://a.example.com\n[after]\nentity = also-wrong\n");
        Assert.Null(s.ApiKey);
        Assert.Null(s.Entity);
        Assert.Equal("https://a.example.com", s.BaseUrl);
    }

    [Fact]
    public void Lines_before_any_section_are_ignored()
    {
        var s = IniSettings.Parse("api_key = stray\n[default]\nentity = team\n");
        Assert.Null(s.ApiKey);
        Assert.Equal("team", s.Entity);
    }

    [Fact]
    public void Comment_lines_starting_with_hash_or_semicolon_are_skipped()
    {
        var s = IniSettings.Parse("# written by wandb\n[default]\n; api_key = commented-out\n  # entity = commented\nbase_url = https://b.example.com\n");
        Assert.Null(s.ApiKey);
        Assert.Null(s.Entity);
        Assert.Equal("https://b.example.com", s.BaseUrl);
    }

    [Fact]
    public void Colon_and_equals_both_separate_a_name_from_its_value()
    {
        var s = IniSettings.Parse("[default]\nbase_url: https://c.example.com:8443\napi_key=k1\nentity :  spaced  \n");
        Assert.Equal("https://c.example.com:8443", s.BaseUrl);
        Assert.Equal("k1", s.ApiKey);
        Assert.Equal("spaced", s.Entity);
    }

    [Fact]
    public void A_url_after_equals_keeps_its_own_colons()
    {
        var s = IniSettings.Parse("[default]\nbase_url = http://localhost:8080\n");
        Assert.Equal("http://localhost:8080", s.BaseUrl);
    }

    [Fact]
    public void Windows_line_endings_do_not_end_up_in_values()
    {
        var s = IniSettings.Parse("[default]\r\napi_key = abc\r\nentity = team\r\n");
        Assert.Equal("abc", s.ApiKey);
        Assert.Equal("team", s.Entity);
    }

    [Fact]
    public void An_empty_value_counts_as_not_set()
    {
        var s = IniSettings.Parse("[default]\napi_key =\nentity = \n");
        Assert.Null(s.ApiKey);
        Assert.Null(s.Entity);
    }

    [Fact]
    public void Option_names_are_case_insensitive_like_configparser()
    {
        var s = IniSettings.Parse("[default]\nAPI_KEY = abc\nBase_Url = https://d.example.com\n");
        Assert.Equal("abc", s.ApiKey);
        Assert.Equal("https://d.example.com", s.BaseUrl);
    }

    [Fact]
    public void Empty_or_sectionless_text_has_no_settings()
    {
        Assert.Null(IniSettings.Parse("").ApiKey);
        Assert.Null(IniSettings.Parse("just some text\n").BaseUrl);
    }
}
