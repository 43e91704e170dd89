using WandbAuth.UnitTests.Rotation.Support;
using WandbAuth.Vault;
using Xunit;

namespace WandbAuth.UnitTests.Rotation;

/// <summary>A failed step deletes the new key, unless the update script had it; the secret keeps the old, working key.</summary>
public class RollbackTests
{
    [Theory]
    [InlineData("WandbApiKey-WandbPending")]   // parking the new key
    [InlineData("WandbApiKey")]                // promoting it
    public async Task Vault_write_failure_rolls_back_to_the_old_key(string failingSecret)
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", "WandbApiKey");
        bed.Vault.Before = c => { if (c.Is(VaultOp.Set, failingSecret)) throw new VaultException("Set-Secret failed: the vault is read-only"); };

        var result = await bed.RotateAsync("WandbApiKey");

        Assert.Equal(RotationStatus.RolledBack, result.Status);
        Assert.Contains("read-only", result.Message);
        Assert.Null(result.NewKeyId);
        bed.AssertUntouched("WandbApiKey", "alice", oldKey);
    }

    [Fact]
    public async Task Promote_that_corrupts_the_secret_writes_the_old_key_back_then_rolls_back()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", "WandbApiKey");
        var failed = false;
        bed.Vault.Before = c =>
        {
            if (failed || !c.Is(VaultOp.Set, "WandbApiKey")) return;
            failed = true;
            bed.Vault.Put("WandbApiKey", "half-written");
            throw new VaultException("Set-Secret failed: connection reset");
        };

        var result = await bed.RotateAsync("WandbApiKey");

        Assert.Equal(RotationStatus.RolledBack, result.Status);
        Assert.Contains("written back", result.Message);
        bed.AssertUntouched("WandbApiKey", "alice", oldKey);
    }

    [Fact]
    public async Task New_key_the_server_rejects_at_verification_rolls_back()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", "WandbApiKey");
        // Once the new key is parked (the pending secret's first write; the rollback's clear is the second),
        // someone revokes it: verification must catch that before the promote.
        var parked = false;
        bed.Vault.After = c =>
        {
            if (!parked && c.Is(VaultOp.Set, "WandbApiKey-WandbPending")) { parked = true; bed.State.Revoke(bed.State.Keys("alice")[^1].KeyId); }
        };

        var result = await bed.RotateAsync("WandbApiKey");

        Assert.Equal(RotationStatus.RolledBack, result.Status);
        Assert.Contains("rejected the new key", result.Message);
        bed.AssertUntouched("WandbApiKey", "alice", oldKey);
    }

    [Fact]
    public async Task Pending_key_that_reads_back_different_rolls_back()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", "WandbApiKey");
        // Only the parking write is corrupted; the rollback's clear (the second write) lands as written.
        var parked = false;
        bed.Vault.After = c =>
        {
            if (!parked && c.Is(VaultOp.Set, "WandbApiKey-WandbPending")) { parked = true; bed.Vault.Put("WandbApiKey-WandbPending", "wandb_v1_truncated"); }
        };

        var result = await bed.RotateAsync("WandbApiKey");

        Assert.Equal(RotationStatus.RolledBack, result.Status);
        Assert.Contains("differs", result.Message);
        bed.AssertUntouched("WandbApiKey", "alice", oldKey);
    }

    [Fact]
    public async Task Test_script_that_throws_rolls_back_with_its_reason_and_deletes_the_new_key()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", "WandbApiKey");

        var result = await bed.RotateAsync("WandbApiKey", r =>
            r.TestScript = (_, _) => throw new InvalidOperationException("smoke test: 403 from the training cluster"));

        Assert.Equal(RotationStatus.RolledBack, result.Status);
        Assert.Contains("test script failed: smoke test: 403 from the training cluster", result.Message);
        bed.AssertUntouched("WandbApiKey", "alice", oldKey);
    }

    [Fact]
    public async Task Update_script_that_throws_after_handing_the_key_on_rolls_back_the_vault_and_keeps_the_new_key()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", "WandbApiKey");
        string? handedOn = null;

        var result = await bed.RotateAsync("WandbApiKey", r => r.UpdateScript = (key, _) =>
        {
            handedOn = Credentials.SecretText.Reveal(key);   // the first consumer got it ...
            throw new InvalidOperationException("kubectl: secret ml/wandb not found");   // ... the second did not
        });

        Assert.Equal(RotationStatus.RolledBack, result.Status);
        Assert.Contains("update script failed: kubectl: secret ml/wandb not found", result.Message);
        Assert.Equal(oldKey, bed.Vault.Peek("WandbApiKey"));
        Assert.True(bed.State.IsLive(oldKey), "the old key still works");
        Assert.True(bed.State.IsLive(handedOn!), "whoever got the new key is not locked out");
        Assert.Equal(bed.State.KeyIdOf(handedOn!), result.NewKeyId);
        Assert.Contains($"Remove-WandbApiKey -KeyId {result.NewKeyId}", result.Message);
        bed.AssertNoWorkingSecrets("WandbApiKey");
        bed.AssertNoKeyIn(result, oldKey, handedOn);
    }

    [Fact]
    public async Task Kept_key_whose_state_cannot_be_cleared_stays_pending_and_the_next_run_finishes_with_it_not_deletes_it()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", "WandbApiKey");
        string? handedOn = null;
        bool vaultBroken = false;
        bed.Vault.Before = c => { if (vaultBroken && c.Is(VaultOp.Set, "WandbApiKey-WandbRotation")) throw new VaultException("Set-Secret failed: the vault is busy"); };

        var failed = await bed.RotateAsync("WandbApiKey", r => r.UpdateScript = (key, _) =>
        {
            handedOn = Credentials.SecretText.Reveal(key);
            vaultBroken = true;   // from here the state secret cannot be written, so the rollback cannot clear it
            throw new InvalidOperationException("kubectl: connection refused");
        });
        vaultBroken = false;
        Assert.Equal(RotationStatus.RolledBack, failed.Status);
        Assert.Contains("keeps the new key", failed.Message);
        Assert.Equal(handedOn, bed.Vault.Peek("WandbApiKey-WandbPending"));

        var next = await bed.RotateAsync("WandbApiKey");

        Assert.Equal(RotationStatus.Resumed, next.Status);
        Assert.Equal(handedOn, bed.AssertRotated("WandbApiKey", "alice", oldKey));   // the key handed on is the one kept
    }

    [Fact]
    public async Task Promote_that_fails_after_the_update_script_ran_rolls_back_the_vault_and_keeps_the_new_key()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", "WandbApiKey");
        string? handedOn = null;
        bed.Vault.Before = c => { if (c.Is(VaultOp.Set, "WandbApiKey")) throw new VaultException("Set-Secret failed: the vault is read-only"); };

        var result = await bed.RotateAsync("WandbApiKey", r => r.UpdateScript = (key, _) =>
        {
            handedOn = Credentials.SecretText.Reveal(key);
            return Task.CompletedTask;
        });

        Assert.Equal(RotationStatus.RolledBack, result.Status);
        Assert.Equal(oldKey, bed.Vault.Peek("WandbApiKey"));
        Assert.True(bed.State.IsLive(handedOn!), "the deployment the update script gave the new key to keeps working");
        Assert.Contains($"Remove-WandbApiKey -KeyId {result.NewKeyId}", result.Message);
        bed.AssertNoWorkingSecrets("WandbApiKey");
    }

    [Fact]
    public async Task Script_error_that_quotes_the_key_is_reported_without_it()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", "WandbApiKey");
        string? leaked = null;

        var result = await bed.RotateAsync("WandbApiKey", r => r.TestScript = (key, _) =>
        {
            leaked = Credentials.SecretText.Reveal(key);
            throw new InvalidOperationException($"login failed for {leaked}");
        });

        Assert.Equal(RotationStatus.RolledBack, result.Status);
        Assert.DoesNotContain(leaked!, result.Message);
        bed.AssertUntouched("WandbApiKey", "alice", oldKey);
    }
}
