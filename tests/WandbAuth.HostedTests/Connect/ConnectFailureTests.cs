using System.Management.Automation;
using WandbAuth.Emulator;
using WandbAuth.HostedTests.Harness;

namespace WandbAuth.HostedTests.Connect;

/// <summary>Every way Connect-Wandb can fail: a clear error with a category and id, no key in it, no connection kept.</summary>
public class ConnectFailureTests : HostedTest
{
    [Fact]
    public void Pipeline_agent_without_a_key_fails_at_once_saying_how_to_give_one()
    {
        Env.Set("TF_BUILD", "True");
        var result = Ps.Run("Connect-Wandb -BaseUrl $BaseUrl");
        var error = result.SingleError();
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.StartsWith("WandbNoCredential", error.FullyQualifiedErrorId);
        Assert.Contains("Azure Pipelines", error.Exception.Message);
        Assert.Contains("WANDB_API_KEY", error.Exception.Message);
        Assert.Empty(Ps.Console.Prompts);
    }

    [Fact]
    public void Host_without_a_UI_fails_instead_of_prompting()
    {
        using var noUi = new PowerShellSession(withSecretManagement: false, hostHasUI: false);
        noUi.SetVariable("BaseUrl", Emulator.BaseUrl.ToString());
        var result = noUi.Run("Connect-Wandb -BaseUrl $BaseUrl");
        var error = result.SingleError();
        Assert.StartsWith("WandbNoCredential", error.FullyQualifiedErrorId);
        Assert.Contains("SecretManagement is not installed", error.Exception.Message);
        // Both installers: Install-PSResource on PowerShell 7.4+, Install-Module on Windows PowerShell 5.1.
        Assert.Contains("Install-PSResource Microsoft.PowerShell.SecretManagement on PowerShell 7.4", error.Exception.Message);
        Assert.Contains("Install-Module Microsoft.PowerShell.SecretManagement on Windows PowerShell 5.1", error.Exception.Message);
    }

    [Theory]
    [InlineData(BadKeyRejection.Http401)]
    [InlineData(BadKeyRejection.NullViewer)]
    public void Verify_with_a_revoked_key_fails_and_keeps_no_connection(BadKeyRejection mode)
    {
        Emulator.Options.RejectMode = mode;
        var revoked = Emulator.State.IssueKey("alice", "old");
        Emulator.State.Revoke(Emulator.State.KeyIdOf(revoked)!);
        Ps.SetVariable("Revoked", Secure(revoked));
        var result = Ps.Run("Connect-Wandb -ApiKey $Revoked -BaseUrl $BaseUrl -Verify");
        var error = result.SingleError();
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.StartsWith("WandbKeyRejected", error.FullyQualifiedErrorId);
        Assert.Contains("127.0.0.1", error.Exception.Message);
        Assert.Empty(Ps.Run("Get-WandbConnection").Output);
        result.AssertNoSecret(revoked);
    }

    [Fact]
    public void Malformed_key_is_refused_before_any_request_naming_what_was_found()
    {
        var shortKey = "abcdefghijklmnopqrstuvwxyz0123456789";
        Ps.SetVariable("Bad", Secure(shortKey));
        var result = Ps.Run("Connect-Wandb -ApiKey $Bad -BaseUrl $BaseUrl -Verify");
        var error = result.SingleError();
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.StartsWith("WandbKeyMalformed", error.FullyQualifiedErrorId);
        Assert.Contains("36 characters", error.Exception.Message);
        Assert.DoesNotContain(shortKey, result.AllText());
        Assert.Empty(Emulator.Requests.All);
    }

    [Fact]
    public void Plain_http_to_a_remote_host_is_refused_without_sending_anything()
    {
        var result = ConnectAliceTo("http://wandb.example.com");
        var error = result.SingleError();
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        Assert.StartsWith("WandbInsecureTransport", error.FullyQualifiedErrorId);
        Assert.Contains("-AllowUnencryptedAuthentication", error.Exception.Message);
    }

    [Fact]
    public void Html_from_a_proxy_becomes_an_invalid_result_error_naming_host_and_status()
    {
        Emulator.Faults.Enqueue(Fault.Html(200), times: 10);
        var result = ConnectAlice();
        var error = result.SingleError();
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Contains("HTTP 200", error.Exception.Message);
        Assert.Contains("text/html", error.Exception.Message);
        result.AssertNoSecret(AliceKey);
    }

    [Fact]
    public void Server_errors_with_Retry_After_are_retried_until_the_answer_comes()
    {
        Emulator.Faults.Enqueue(Fault.Status(503, retryAfter: TimeSpan.FromMilliseconds(100)), times: 2);
        Emulator.Faults.Enqueue(Fault.Drop());
        var result = ConnectAlice();
        Assert.Empty(result.AllErrors);
        Assert.Equal("alice", result.Single().Properties["User"].Value);
    }

    [Fact]
    public void Cloud_and_BaseUrl_together_are_a_clear_argument_error()
    {
        var result = Ps.Run("Connect-Wandb -Cloud -BaseUrl $BaseUrl");
        Assert.Equal(ErrorCategory.InvalidArgument, result.SingleError().CategoryInfo.Category);
    }

    private PsResult ConnectAliceTo(string url)
    {
        Ps.SetVariable("AliceSecure", Secure(AliceKey));
        Ps.SetVariable("Url", url);
        return Ps.Run("Connect-Wandb -ApiKey $AliceSecure -BaseUrl $Url -Verify");
    }
}
