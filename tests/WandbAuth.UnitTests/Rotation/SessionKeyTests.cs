using System.Security;
using WandbAuth.Credentials;
using WandbAuth.Rotation;
using WandbAuth.UnitTests.Rotation.Support;
using Xunit;

namespace WandbAuth.UnitTests.Rotation;

/// <summary>A rotation of the key the session is connected with switches the session, once the secret holds the new key.</summary>
public class SessionKeyTests
{
    private sealed class FakeSession(string sessionKey) : ISessionKey
    {
        public List<string> Switched { get; } = [];
        public Action? OnSwitch { get; set; }

        public bool IsSessionKey(string keyId) => KeyIds.Identifies(SecretText.ToSecureString(sessionKey), keyId);

        public Task<string> SwitchAsync(string oldKeyId, SecureString newKey, string? newKeyId)
        {
            OnSwitch?.Invoke();
            Switched.Add(SecretText.Reveal(newKey));
            return Task.FromResult($"switched to {newKeyId}.");
        }
    }

    [Fact]
    public async Task Session_on_the_rotated_key_is_switched_after_the_promote_and_before_the_old_key_is_deleted()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", "WandbApiKey");
        var session = new FakeSession(oldKey);
        bool oldLiveAtSwitch = false, secretHeldNewAtSwitch = false;
        session.OnSwitch = () => { oldLiveAtSwitch = bed.State.IsLive(oldKey); secretHeldNewAtSwitch = bed.Vault.Peek("WandbApiKey") != oldKey; };

        var result = await bed.RotateAsync("WandbApiKey", r => r.Session = session);

        var newKey = bed.AssertRotated("WandbApiKey", "alice", oldKey);
        Assert.Equal([newKey], session.Switched);
        Assert.True(oldLiveAtSwitch && secretHeldNewAtSwitch);
        Assert.EndsWith($"switched to {result.NewKeyId}.", result.Message);
    }

    [Fact]
    public async Task Session_on_another_key_is_not_switched()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", "WandbApiKey");
        bed.State.AddUser("bob");
        var session = new FakeSession(bed.State.IssueKey("bob", "the session's own"));

        var result = await bed.RotateAsync("WandbApiKey", r => r.Session = session);

        bed.AssertRotated("WandbApiKey", "alice", oldKey);
        Assert.Empty(session.Switched);
        Assert.DoesNotContain("switched", result.Message);
    }
}
