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

    /// <summary>A current key's ID as listings give it: the 27 characters after wandb_v1_.</summary>
    private static string IdOf(string key) => key[9..36];

    private static SessionKeySwitch Over(params Connection[] connections) => new(connections, said => Task.FromResult(said()));

    [Fact]
    public async Task Connection_using_the_rotated_key_is_switched_to_the_new_key_and_the_result_says_so()
    {
        string oldKey = TestKeys.Current(1), newKey = TestKeys.Current(2);
        var connection = Connected(oldKey);
        var session = Over(connection);
        var oldKeyId = IdOf(oldKey);

        Assert.True(session.IsSessionKey(oldKeyId));
        var said = await session.SwitchAsync(oldKeyId, TestKeys.Secure(newKey), IdOf(newKey));

        Assert.Equal(IdOf(newKey), connection.KeyId);
        Assert.True(connection.Context.IsCurrentKey(IdOf(newKey)));
        Assert.False(connection.Context.IsCurrentKey(oldKeyId));
        Assert.Contains($"now uses the new key {IdOf(newKey)}", said);
        Assert.DoesNotContain(newKey[36..], said);   // the key ID only, never the secret after it
    }

    [Fact]
    public async Task Connection_using_another_key_is_left_alone()
    {
        string sessionKey = TestKeys.Current(1), rotated = TestKeys.Current(3);
        var connection = Connected(sessionKey);
        var session = Over(connection);

        Assert.False(session.IsSessionKey(IdOf(rotated)));
        var said = await session.SwitchAsync(IdOf(rotated), TestKeys.Secure(TestKeys.Current(4)), null);

        Assert.Equal("", said);
        Assert.True(connection.Context.IsCurrentKey(IdOf(sessionKey)));
    }

    [Fact]
    public async Task Switched_connection_keeps_its_transport_so_other_rotations_using_it_go_on()
    {
        string oldKey = TestKeys.Current(1);
        var connection = Connected(oldKey);
        var transport = connection.Context.Transport;

        await Over(connection).SwitchAsync(IdOf(oldKey), TestKeys.Secure(TestKeys.Current(2)), null);

        Assert.Same(transport, connection.Context.Transport);
    }
}
