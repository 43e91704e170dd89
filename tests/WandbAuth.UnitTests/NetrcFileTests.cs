using WandbAuth.Credentials;
using Xunit;

namespace WandbAuth.UnitTests;

public class NetrcFileTests
{
    [Fact]
    public void Multi_line_entry_as_wandb_login_writes_it_is_read()
    {
        var n = NetrcFile.Parse("machine api.wandb.ai\n  login user\n  password secret-1\n");
        Assert.Equal("secret-1", n.PasswordFor("api.wandb.ai"));
    }

    [Fact]
    public void One_line_entries_are_read()
    {
        var n = NetrcFile.Parse("machine github.com login me password gh-token\nmachine api.wandb.ai login user password secret-2\n");
        Assert.Equal("secret-2", n.PasswordFor("api.wandb.ai"));
        Assert.Equal("gh-token", n.PasswordFor("github.com"));
    }

    [Fact]
    public void Machine_with_a_port_matches_only_that_host_and_port()
    {
        var n = NetrcFile.Parse("machine localhost:8080 login user password on-8080\n");
        Assert.Equal("on-8080", n.PasswordFor("localhost:8080"));
        Assert.Null(n.PasswordFor("localhost"));
        Assert.Null(n.PasswordFor("localhost:9090"));
    }

    [Fact]
    public void First_entry_for_a_machine_wins()
    {
        var n = NetrcFile.Parse("machine api.wandb.ai login a password first\nmachine api.wandb.ai login b password second\n");
        Assert.Equal("first", n.PasswordFor("api.wandb.ai"));
    }

    [Fact]
    public void Machine_names_match_case_insensitively_like_host_names()
    {
        var n = NetrcFile.Parse("machine API.WandB.ai login user password secret-3\n");
        Assert.Equal("secret-3", n.PasswordFor("api.wandb.ai"));
    }

    [Fact]
    public void Unknown_machine_has_no_password()
    {
        var n = NetrcFile.Parse("machine github.com login me password gh-token\n");
        Assert.Null(n.PasswordFor("api.wandb.ai"));
    }

    [Fact]
    public void Comment_lines_and_windows_line_endings_are_handled()
    {
        var n = NetrcFile.Parse("# machine api.wandb.ai password commented\r\nmachine api.wandb.ai\r\n\tlogin user\r\n\tpassword secret-4\r\n");
        Assert.Equal("secret-4", n.PasswordFor("api.wandb.ai"));
    }

    [Fact]
    public void Login_and_account_values_are_not_read_as_keywords()
    {
        var n = NetrcFile.Parse("machine api.wandb.ai login password account machine password secret-5\n");
        Assert.Equal("secret-5", n.PasswordFor("api.wandb.ai"));
    }

    [Fact]
    public void Default_entry_password_is_not_given_to_the_machine_before_it_nor_to_unknown_hosts()
    {
        // A catch-all password belongs to some other service: it is never sent to W&B.
        var n = NetrcFile.Parse("machine api.wandb.ai login user\ndefault login anon password catch-all\n");
        Assert.Null(n.PasswordFor("api.wandb.ai"));
        Assert.Null(n.PasswordFor("wandb.example.com"));
    }

    [Fact]
    public void Machine_after_a_default_entry_is_still_read()
    {
        var n = NetrcFile.Parse("default login anon password catch-all\nmachine api.wandb.ai login user password secret-6\n");
        Assert.Equal("secret-6", n.PasswordFor("api.wandb.ai"));
    }

    [Fact]
    public void Macro_body_is_not_read_as_entries()
    {
        var n = NetrcFile.Parse("macdef init\nmachine api.wandb.ai password from-the-macro\n\n");
        Assert.Null(n.PasswordFor("api.wandb.ai"));
    }

    [Fact]
    public void Machines_after_a_macro_and_its_blank_line_are_still_read()
    {
        var n = NetrcFile.Parse(
            "machine ftp.example.com login me password ftp-pass\n" +
            "macdef init\n" +
            "cd /pub\n" +
            "machine api.wandb.ai password from-the-macro\n" +
            "\n" +
            "machine api.wandb.ai login user password secret-7\n");
        Assert.Equal("ftp-pass", n.PasswordFor("ftp.example.com"));
        Assert.Equal("secret-7", n.PasswordFor("api.wandb.ai"));
    }

    [Fact]
    public void The_word_macdef_as_a_password_is_a_password_not_a_macro()
    {
        var n = NetrcFile.Parse("machine a.example.com login macdef password macdef\nmachine api.wandb.ai password secret-8\n");
        Assert.Equal("macdef", n.PasswordFor("a.example.com"));
        Assert.Equal("secret-8", n.PasswordFor("api.wandb.ai"));
    }
}
