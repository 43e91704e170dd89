using WandbAuth.Api;
using WandbAuth.Emulator;
using Xunit;

namespace WandbAuth.UnitTests;

/// <summary>What is left of a request's time: each attempt's timeout and whether a pause still leaves room for another.</summary>
public class AttemptBudgetTests
{
    private readonly ManualClock _clock = new();

    private AttemptLimits Limits(TimeSpan? total) =>
        new(TimeSpan.FromSeconds(10), new RetryPolicy(1), total, () => _clock.Now, (_, _) => Task.CompletedTask);

    [Fact]
    public void An_attempt_gets_its_own_timeout_cut_to_what_is_left_of_the_total()
    {
        var budget = Limits(TimeSpan.FromSeconds(60)).Start();
        Assert.Equal(TimeSpan.FromSeconds(10), budget.ForAttempt());
        _clock.Advance(TimeSpan.FromSeconds(55));
        Assert.Equal(TimeSpan.FromSeconds(5), budget.ForAttempt());
        _clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(TimeSpan.Zero, budget.ForAttempt());
    }

    [Fact]
    public void A_pause_is_allowed_only_when_it_ends_before_the_total_runs_out()
    {
        var budget = Limits(TimeSpan.FromSeconds(60)).Start();
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(budget.Allows(TimeSpan.FromSeconds(29)));
        Assert.False(budget.Allows(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Without_a_total_every_attempt_gets_the_full_timeout_and_any_pause_is_allowed()
    {
        var budget = Limits(null).Start();
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(TimeSpan.FromSeconds(10), budget.ForAttempt());
        Assert.True(budget.Allows(TimeSpan.FromMinutes(10)));
    }
}
