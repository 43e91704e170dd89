using SecretManagement.StandIn;

namespace WandbAuth.HostedTests.Rotation;

/// <summary>The key this session is connected with, when a rotation replaces it: the session goes on with the new key.</summary>
public class RotationSessionKeyTests : RotationHostedTest
{
    [Fact]
    public void Rotating_the_secret_that_holds_the_sessions_key_leaves_the_session_working_on_the_new_key()
    {
        StandInVaults.Seed(LocalVault, "WandbApiKey", Secure(AliceKey));
        Assert.Empty(ConnectAlice().AllErrors);

        var result = Ps.Run("Get-SecretInfo -Vault Local | Invoke-WandbKeyRotation -Confirm:$false -Verbose");

        Assert.Empty(result.AllErrors);
        var rotated = result.Single();
        Assert.Equal("Completed", Prop(rotated, "Status"));
        Assert.Contains($"now uses the new key {Prop(rotated, "NewKeyId")}", Prop(rotated, "Message"));
        Assert.Contains(result.Verbose, v => v.Contains("switched this session's connection to the new key"));
        var newKey = AssertRotated("WandbApiKey", "alice", AliceKey);

        // The old key is deleted, and yet the next cmdlets work: the session uses the new key.
        var listed = Ps.Run("Get-WandbApiKey");
        var connection = Ps.Run("Get-WandbConnection").Single();
        Assert.Empty(listed.AllErrors);
        Assert.Equal(Prop(rotated, "NewKeyId"), Prop(connection, "KeyId"));
        Assert.Equal("True", Prop(Assert.Single(listed.Output), "IsCurrent"));
        result.AssertNoSecret(AliceKey, newKey);
        listed.AssertNoSecret(AliceKey, newKey);
    }

    [Fact]
    public void Rotating_another_secret_leaves_the_sessions_key_and_connection_alone()
    {
        Assert.Empty(ConnectAlice().AllErrors);
        var before = Prop(Ps.Run("Get-WandbConnection").Single(), "KeyId");
        var oldKey = SeedSecret("alice", "WandbOther");

        var result = Ps.Run("Invoke-WandbKeyRotation WandbOther -Vault Local -Confirm:$false");

        Assert.Equal("Completed", Prop(result.Single(), "Status"));
        Assert.DoesNotContain("session", Prop(result.Single(), "Message"));
        AssertRotated("WandbOther", "alice", oldKey);
        Assert.Equal(before, Prop(Ps.Run("Get-WandbConnection").Single(), "KeyId"));
        Assert.Empty(Ps.Run("Get-WandbApiKey").AllErrors);
        Assert.True(Emulator.State.IsLive(AliceKey));
    }
}
