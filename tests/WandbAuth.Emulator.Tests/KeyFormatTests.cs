using System.Text.RegularExpressions;
using WandbAuth.Emulator.Tests.Support;

namespace WandbAuth.Emulator.Tests;

public class KeyFormatTests
{
    [Theory]
    [InlineData(KeyFormat.V1, "^wandb_v1_[A-Za-z0-9]{27}_[A-Za-z0-9]{49}$", "^[A-Za-z0-9]{27}$")]
    [InlineData(KeyFormat.Legacy40, "^[0-9a-f]{40}$", "^[0-9a-f]{10}$")]
    [InlineData(KeyFormat.SelfManaged, "^local-[0-9a-f]{40}$", "^local-[0-9a-f]{10}$")]
    public async Task Issued_keys_have_the_format_shape_and_a_key_id_that_is_the_first_part_after_wandb_v1(
        KeyFormat format, string secretPattern, string keyIdPattern)
    {
        await using var emulator = await WandbEmulator.StartAsync();
        emulator.State.AddUser("bob");

        var secret = emulator.State.IssueKey("bob", format: format);

        var key = Assert.Single(emulator.State.Keys("bob"));
        Assert.Matches(secretPattern, secret);
        Assert.Matches(keyIdPattern, key.KeyId);
        Assert.StartsWith(key.KeyId, secret.StartsWith("wandb_v1_", StringComparison.Ordinal) ? secret[9..] : secret, StringComparison.Ordinal);
        Assert.Equal(format, key.Format);
    }

    [Fact]
    public async Task Keys_are_random()
    {
        await using var emulator = await WandbEmulator.StartAsync();
        emulator.State.AddUser("bob");

        var secrets = Enumerable.Range(0, 100).Select(_ => emulator.State.IssueKey("bob")).ToHashSet();

        Assert.Equal(100, secrets.Count);
    }

    [Fact]
    public async Task GenerateApiKey_uses_the_default_key_format()
    {
        await using var org = await Seeded.StartAsync(new EmulatorOptions { DefaultKeyFormat = KeyFormat.Legacy40 });

        var response = await org.Client.SendAsync(Documents.GenerateApiKey, org.BobKey, new { description = "old style" });

        var secret = response.Data.GetProperty("generateApiKey").GetProperty("apiKey").GetProperty("name").GetString()!;
        Assert.Matches(new Regex("^[0-9a-f]{40}$"), secret);
        Assert.Matches(new Regex("^[0-9a-f]{40}$"), org.BobKey);
    }
}
