using WandbAuth.Api;
using Xunit;

namespace WandbAuth.UnitTests;

public class RetryPolicyTests
{
    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(599)]
    public void Rate_limits_and_server_errors_are_retried_for_a_query(int status)
    {
        Assert.True(RetryPolicy.IsRetryableStatus(status));
        Assert.True(new RetryPolicy(1).ShouldRetry(1, status, connectionMade: true, isMutation: false));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(410)]
    [InlineData(413)]
    [InlineData(422)]
    [InlineData(501)]
    public void Client_errors_and_501_are_never_retried(int status)
    {
        Assert.False(RetryPolicy.IsRetryableStatus(status));
        Assert.False(new RetryPolicy(1).ShouldRetry(1, status, connectionMade: true, isMutation: false));
        Assert.False(new RetryPolicy(1).ShouldRetry(1, status, connectionMade: true, isMutation: true));
    }

    [Fact]
    public void Mutation_is_retried_after_429_because_the_server_did_nothing()
    {
        Assert.True(new RetryPolicy(1).ShouldRetry(1, 429, connectionMade: true, isMutation: true));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public void Mutation_is_not_retried_after_a_server_error_because_it_may_have_happened(int status)
    {
        Assert.False(new RetryPolicy(1).ShouldRetry(1, status, connectionMade: true, isMutation: true));
    }

    [Fact]
    public void Network_failure_is_retried_for_a_query_whether_or_not_a_connection_was_made()
    {
        var policy = new RetryPolicy(1);
        Assert.True(policy.ShouldRetry(1, null, connectionMade: true, isMutation: false));
        Assert.True(policy.ShouldRetry(1, null, connectionMade: false, isMutation: false));
    }

    [Fact]
    public void Network_failure_is_retried_for_a_mutation_only_when_no_connection_was_made()
    {
        var policy = new RetryPolicy(1);
        Assert.True(policy.ShouldRetry(1, null, connectionMade: false, isMutation: true));
        Assert.False(policy.ShouldRetry(1, null, connectionMade: true, isMutation: true));
    }

    [Fact]
    public void Attempts_stop_at_the_cap()
    {
        var policy = new RetryPolicy(1) { MaxAttempts = 3 };
        Assert.True(policy.ShouldRetry(2, 503, true, false));
        Assert.False(policy.ShouldRetry(3, 503, true, false));
        Assert.False(policy.ShouldRetry(3, null, false, false));
        Assert.False(policy.ShouldRetry(3, 429, true, true));
    }

    [Fact]
    public void Single_attempt_policy_never_retries()
    {
        var policy = new RetryPolicy(1) { MaxAttempts = 1 };
        Assert.False(policy.ShouldRetry(1, 503, true, false));
    }

    [Fact]
    public void Server_hint_is_used_as_the_delay()
    {
        var policy = new RetryPolicy(1);
        Assert.Equal(TimeSpan.FromSeconds(7), policy.DelayBefore(2, TimeSpan.FromSeconds(7)));
        Assert.Equal(TimeSpan.FromSeconds(7), policy.DelayBefore(5, TimeSpan.FromSeconds(7)));
        Assert.Equal(TimeSpan.Zero, policy.DelayBefore(2, TimeSpan.Zero));
    }

    [Fact]
    public void Server_hint_in_the_past_means_no_wait()
    {
        Assert.Equal(TimeSpan.Zero, new RetryPolicy(1).DelayBefore(2, TimeSpan.FromSeconds(-3)));
    }

    [Fact]
    public void Backoff_stays_between_half_and_all_of_a_ceiling_that_doubles_per_attempt_up_to_the_maximum()
    {
        var policy = new RetryPolicy(42) { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(2) };
        for (int round = 0; round < 50; round++)
        {
            for (int next = 2; next <= 12; next++)
            {
                double ceiling = Math.Min(2000, 100 * Math.Pow(2, next - 2));
                var delay = policy.DelayBefore(next, null).TotalMilliseconds;
                Assert.InRange(delay, ceiling / 2, ceiling);
            }
        }
    }

    [Fact]
    public void Backoff_grows_from_one_attempt_to_the_next()
    {
        var policy = new RetryPolicy(7) { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMinutes(5) };
        // Full-range jitter within [c/2, c] means attempt n+2 (ceiling 4c, floor 2c) is always above attempt n.
        var delays = Enumerable.Range(2, 8).Select(n => policy.DelayBefore(n, null)).ToList();
        for (int i = 0; i + 2 < delays.Count; i++) Assert.True(delays[i + 2] > delays[i], $"attempt {i + 4} waited no longer than attempt {i + 2}");
        Assert.True(delays[^1] > delays[0] * 16);
    }

    [Fact]
    public void Backoff_never_exceeds_the_maximum_even_after_many_attempts()
    {
        var policy = new RetryPolicy(3) { BaseDelay = TimeSpan.FromMilliseconds(250), MaxDelay = TimeSpan.FromSeconds(20) };
        foreach (var next in new[] { 10, 30, 100, 1000 })
            Assert.InRange(policy.DelayBefore(next, null), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Jitter_is_reproducible_with_a_seed_and_actually_varies()
    {
        var a = new RetryPolicy(123);
        var b = new RetryPolicy(123);
        var fromA = Enumerable.Range(0, 20).Select(_ => a.DelayBefore(4, null)).ToList();
        var fromB = Enumerable.Range(0, 20).Select(_ => b.DelayBefore(4, null)).ToList();
        Assert.Equal(fromA, fromB);
        Assert.True(fromA.Distinct().Count() > 1, "twenty delays for the same attempt were all equal: no jitter");
    }

    [Fact]
    public void Defaults_follow_the_documented_policy()
    {
        var policy = new RetryPolicy();
        Assert.True(policy.MaxAttempts > 1);
        Assert.Equal(TimeSpan.FromSeconds(60), policy.MaxServerDelay);
        Assert.InRange(policy.DelayBefore(2, null), TimeSpan.Zero, policy.MaxDelay);
    }
}
