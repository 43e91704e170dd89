using WandbAuth.Credentials;
using WandbAuth.Session;
using WandbAuth.UnitTests.Support;
using Xunit;

namespace WandbAuth.UnitTests;

/// <summary>Which of the session's connections a rotated key ID belongs to, and switching them to the new key.</summary>
public class SessionKeySwitchTests
{
    private static readonly Uri Server = new("https://wandb.example.com");

    private static Connection Connected(string key) =>
        new(new ConnectionContext(Server, ApiKeyFormat.Check(TestKeys.Secure(key))), KeySource.Parameter, "-ApiKey");

    private static SessionKeySwitch Over(params Connection[] connections) => new(connections, said => Task.FromResult(said()));

    [Fact]
    public async Task Connection_using_the_rotated_key_is_switched_to_the_new_key_and_the_result_says_so()
    {
        string oldKey = TestKeys.Current(1), newKey = TestKeys.Current(2);
        var connection = Connected(oldKey);
        var session = Over(connection);
        var oldKeyId = oldKey[..33];

        Assert.True(session.IsSessionKey(oldKeyId));
        var said = await session.SwitchAsync(oldKeyId, TestKeys.Secure(newKey), newKey[..33]);

        Assert.Equal(newKey[..33], connection.KeyId);
        Assert.True(connection.Context.IsCurrentKey(newKey[..33]));
        Assert.False(connection.Context.IsCurrentKey(oldKeyId));
        Assert.Contains($"now uses the new key {newKey[..33]}", said);
        Assert.DoesNotContain(newKey[33..], said);   // the key ID only, never the secret after it
    }

    [Fact]
    public async Task Connection_using_another_key_is_left_alone()
    {
        string sessionKey = TestKeys.Current(1), rotated = TestKeys.Current(3);
        var connection = Connected(sessionKey);
        var session = Over(connection);

        Assert.False(session.IsSessionKey(rotated[..33]));
        var said = await session.SwitchAsync(rotated[..33], TestKeys.Secure(TestKeys.Current(4)), null);

        Assert.Equal("", said);
        Assert.True(connection.Context.IsCurrentKey(sessionKey[..33]));
    }

    [Fact]
    public async Task Switched_connection_keeps_its_transport_so_other_rotations_using_it_go_on()
    {
        string oldKey = TestKeys.Current(1);
        var connection = Connected(oldKey);
        var transport = connection.Context.Transport;

        await Over(connection).SwitchAsync(oldKey[..33], TestKeys.Secure(TestKeys.Current(2)), null);

        Assert.Same(transport, connection.Context.Transport);
    }
}
