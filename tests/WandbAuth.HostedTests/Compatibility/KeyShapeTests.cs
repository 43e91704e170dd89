using WandbAuth.HostedTests.Harness;

namespace WandbAuth.HostedTests.Compatibility;

/// <summary>
/// Keys as the wandb SDK checks them (wandb/sdk/lib/wbauth/validation.py), stricter where a paste accident is
/// certain: refused before anything is sent, with a message a user can act on and never the key.
/// </summary>
public class KeyShapeTests : HostedTest
{
    [Fact]
    public void A_current_key_cut_short_is_refused_as_truncated_before_anything_is_sent()
    {
        Env.Set("WANDB_API_KEY", AliceKey[..50]);

        var r = Ps.Run("Connect-Wandb -BaseUrl $BaseUrl -Verify");

        var error = r.SingleError();
        Assert.StartsWith("WandbKeyMalformed", error.FullyQualifiedErrorId);
        Assert.Contains("only 50 characters", error.Exception.Message);
        Assert.Contains("cut off", error.Exception.Message);
        Assert.Empty(Emulator.Requests.All);
        r.AssertNoSecret(AliceKey);
    }

    [Fact]
    public void A_megabyte_value_gets_a_clear_message_not_a_capacity_error()
    {
        Env.Set("WANDB_API_KEY", new string('a', 1024 * 1024));

        var r = Ps.Run("Connect-Wandb -BaseUrl $BaseUrl -Verify");

        var error = r.SingleError();
        Assert.StartsWith("WandbKeyMalformed", error.FullyQualifiedErrorId);
        Assert.Contains("1,048,576 characters", error.Exception.Message);
        Assert.Contains("not a key", error.Exception.Message);
        Assert.DoesNotContain("capacity", error.Exception.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Emulator.Requests.All);
    }
}
