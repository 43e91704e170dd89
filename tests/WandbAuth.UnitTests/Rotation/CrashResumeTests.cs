using WandbAuth.UnitTests.Rotation.Support;
using Xunit;

namespace WandbAuth.UnitTests.Rotation;

/// <summary>
/// Kill the process at any step: the next process resumes and ends with one working key in the secret, the
/// old key deleted and no extra live key for the owner.
/// </summary>
public class CrashResumeTests
{
    public enum CrashPoint
    {
        AfterCreateBeforePendingWrite,
        AfterPendingWrite,
        AfterStateWrite,
        InTestScript,
        AfterPromoteBeforeDelete,
        AfterDeleteBeforeCleanup,
        AfterPendingClearedBeforeStateCleared,
    }

    [Theory]
    [InlineData(CrashPoint.AfterCreateBeforePendingWrite)]
    [InlineData(CrashPoint.AfterPendingWrite)]
    [InlineData(CrashPoint.AfterStateWrite)]
    [InlineData(CrashPoint.InTestScript)]
    [InlineData(CrashPoint.AfterPromoteBeforeDelete)]
    [InlineData(CrashPoint.AfterDeleteBeforeCleanup)]
    [InlineData(CrashPoint.AfterPendingClearedBeforeStateCleared)]
    public async Task Next_process_resumes_a_rotation_killed_at(CrashPoint point)
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", "WandbApiKey");
        ArmCrash(bed, point);
        bool crashInScript = point == CrashPoint.InTestScript;

        await bed.RotateAsync("WandbApiKey", r => { if (crashInScript) r.TestScript = (_, _) => throw bed.Crash(); });
        bed.Restart();
        // At every instant some stored key works, the moment after the crash included.
        Assert.Contains(new[] { "WandbApiKey", "WandbApiKey-WandbPending" }.Select(bed.Vault.Peek), k => k != null && bed.State.IsLive(k));
        var scriptRuns = 0;
        var resumed = await bed.RotateAsync("WandbApiKey", r => r.TestScript = (_, _) => { scriptRuns++; return Task.CompletedTask; });

        Assert.Equal(RotationStatus.Resumed, resumed.Status);
        bed.AssertRotated("WandbApiKey", "alice", oldKey);
        bed.AssertNoKeyIn(resumed, oldKey);
        // Scripts run again unless the crash came after the promote, when they had already succeeded.
        Assert.Equal(point >= CrashPoint.AfterPromoteBeforeDelete ? 0 : 1, scriptRuns);
    }

    private static void ArmCrash(RotationBed bed, CrashPoint point)
    {
        const string secret = "WandbApiKey", pending = "WandbApiKey-WandbPending", state = "WandbApiKey-WandbRotation";
        // Helper secrets are cleared by overwriting, never removed: the pending secret's second write clears it, and
        // the state write after that clears the state.
        int stateWrites = 0, pendingWrites = 0;
        bed.Vault.Before = c =>
        {
            if (c.Is(VaultOp.Set, pending)) pendingWrites++;
            switch (point)
            {
                case CrashPoint.AfterCreateBeforePendingWrite when c.Is(VaultOp.Set, pending):
                case CrashPoint.AfterDeleteBeforeCleanup when c.Is(VaultOp.Set, pending) && pendingWrites == 2:
                case CrashPoint.AfterPendingClearedBeforeStateCleared when c.Is(VaultOp.Set, state) && pendingWrites == 2:
                    throw bed.Crash();
            }
        };
        bed.Vault.After = c =>
        {
            if (c.Is(VaultOp.Set, state)) stateWrites++;
            switch (point)
            {
                case CrashPoint.AfterPendingWrite when c.Is(VaultOp.Set, pending):
                case CrashPoint.AfterStateWrite when c.Is(VaultOp.Set, state) && stateWrites == 2:   // the write recording Pending
                case CrashPoint.AfterPromoteBeforeDelete when c.Is(VaultOp.Set, secret):
                    throw bed.Crash();
            }
        };
    }
}
