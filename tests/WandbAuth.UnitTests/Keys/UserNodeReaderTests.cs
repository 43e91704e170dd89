using Xunit;
using System.Text;
using Newtonsoft.Json.Linq;
using WandbAuth.Api;

namespace WandbAuth.UnitTests.Keys;

public class UserNodeReaderTests
{
    private static readonly Uri Host = new("https://wandb.example.com");
    private static readonly SchemaFeatures Features = new() { ApiKeyCreatedField = "createdAt", ApiKeyLastUsedField = "lastUsedAt", UserHasAccountType = true };

    /// <summary>A stream over bytes that counts how many have been read.</summary>
    private sealed class CountingStream : MemoryStream
    {
        public CountingStream(byte[] bytes) : base(bytes) { }
        public long BytesRead { get; private set; }
        public override int Read(byte[] buffer, int offset, int count) { var n = base.Read(buffer, offset, count); BytesRead += n; return n; }
        public override int Read(Span<byte> buffer) { var n = base.Read(buffer); BytesRead += n; return n; }
    }

    /// <summary>A stream that fails after its bytes run out, as a dropped connection does mid-answer.</summary>
    private sealed class CutStream : MemoryStream
    {
        public CutStream(byte[] bytes) : base(bytes) { }
        public override int Read(byte[] buffer, int offset, int count) =>
            Position >= Length ? throw new IOException("connection reset") : base.Read(buffer, offset, Math.Min(count, (int)(Length - Position)));
        public override int Read(Span<byte> buffer) => Position >= Length ? throw new IOException("connection reset") : base.Read(buffer);
    }

    private static string User(int i, int keys = 2) =>
        $"{{\"node\":{{\"id\":\"U{i}\",\"username\":\"user{i}\",\"email\":null,\"admin\":false,\"accountType\":\"USER\",\"apiKeys\":{{\"edges\":[" +
        string.Join(",", Enumerable.Range(0, keys).Select(k => $"{{\"node\":{{\"id\":\"K{i}-{k}\",\"name\":\"wandb_v1_{i:D6}{k}\",\"description\":\"key {k}\",\"createdAt\":\"2025-01-0{k + 1}T00:00:00Z\",\"lastUsedAt\":null}}}}")) +
        "]}}}";

    private static string Answer(int users, string? before = null, string? after = null) =>
        "{" + (before ?? "") + "\"data\":{\"users\":{\"edges\":[" + string.Join(",", Enumerable.Range(0, users).Select(i => User(i))) + "]}}" + (after ?? "") + "}";

    private const long Limit = 1024 * 1024;

    private static UserNodeReader Reader(Stream s) =>
        new(new ReplyStream(s, null, Timeout.InfiniteTimeSpan, Limit, CancellationToken.None), Features, Host,
            errors => throw new WandbApiException(ServerError.Classify(200, ServerError.From(new JObject { ["errors"] = errors })), Host, "W&B reported an error: " + errors[0]["message"]),
            tooLarge => new WandbApiException(ApiErrorKind.ReplyTooLarge, Host, "too large: " + tooLarge.Message));

    [Fact]
    public void Reads_users_with_their_keys_and_dates()
    {
        using var reader = Reader(new MemoryStream(Encoding.UTF8.GetBytes(Answer(3))));
        var users = reader.ToList();
        Assert.Equal(new[] { "user0", "user1", "user2" }, users.Select(u => u.Username));
        Assert.Equal("USER", users[0].AccountType);
        var key = users[1].ApiKeys[1];
        Assert.Equal("K1-1", key.Id);
        Assert.Equal("0000011", key.KeyId);
        Assert.Equal("key 1", key.Description);
        Assert.Equal(new DateTime(2025, 1, 2, 0, 0, 0, DateTimeKind.Utc), key.CreatedAt);
        Assert.Null(key.LastUsedAt);
    }

    [Fact]
    public void The_first_user_arrives_before_most_of_the_answer_is_read()
    {
        var bytes = Encoding.UTF8.GetBytes(Answer(5000));
        var stream = new CountingStream(bytes);
        using var reader = Reader(stream);
        using var users = reader.GetEnumerator();
        Assert.True(users.MoveNext());
        Assert.Equal("user0", users.Current.Username);
        Assert.True(bytes.Length > 1_000_000);
        Assert.True(stream.BytesRead < 64 * 1024, $"{stream.BytesRead} of {bytes.Length} bytes read for the first user");
        int count = 1;
        while (users.MoveNext()) count++;
        Assert.Equal(5000, count);
        Assert.Equal(5000, reader.UsersRead);
    }

    [Fact]
    public void Errors_before_the_data_become_the_matching_exception()
    {
        var json = "{\"errors\":[{\"message\":\"permission denied\",\"path\":[\"users\"]}],\"data\":null}";
        using var reader = Reader(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        var e = Assert.Throws<WandbApiException>(() => reader.ToList());
        Assert.Equal(ApiErrorKind.PermissionDenied, e.Kind);
    }

    [Fact]
    public void Errors_after_the_data_fail_the_listing_once_the_users_are_read()
    {
        var json = Answer(2, after: ",\"errors\":[{\"message\":\"internal failure on page 2\"}]");
        using var reader = Reader(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        var seen = new List<string>();
        var e = Assert.Throws<WandbApiException>(() => { foreach (var u in reader) seen.Add(u.Username); });
        Assert.Equal(new[] { "user0", "user1" }, seen);
        Assert.Contains("page 2", e.Message);
    }

    [Fact]
    public void Fields_it_does_not_know_are_skipped()
    {
        var json = "{\"extensions\":{\"cost\":[1,2,{\"a\":null}]},\"data\":{\"other\":{\"edges\":[" + User(9) + "]},\"users\":{\"pageInfo\":{\"hasNextPage\":false},\"edges\":[" +
                   "{\"cursor\":\"c0\"," + User(0)[1..] + ",{\"cursor\":\"c1\",\"node\":null}," + User(1) + "]}}}";
        using var reader = Reader(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(new[] { "user0", "user1" }, reader.Select(u => u.Username));
    }

    [Fact]
    public void Null_users_without_errors_is_an_empty_listing()
    {
        using var reader = Reader(new MemoryStream(Encoding.UTF8.GetBytes("{\"data\":{\"users\":null}}")));
        Assert.Empty(reader.ToList());
    }

    [Theory]
    [InlineData("<html>Bad Gateway</html>")]
    [InlineData("[1,2]")]
    [InlineData("{\"message\":\"hello\"}")]
    public void An_answer_that_is_not_GraphQL_is_an_invalid_response(string body)
    {
        using var reader = Reader(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        Assert.Equal(ApiErrorKind.InvalidResponse, Assert.Throws<WandbApiException>(() => reader.ToList()).Kind);
    }

    [Fact]
    public void A_connection_cut_mid_answer_is_a_network_error_saying_how_far_it_got()
    {
        var full = Encoding.UTF8.GetBytes(Answer(200));
        using var reader = Reader(new CutStream(full[..(full.Length / 2)]));
        var seen = 0;
        var e = Assert.Throws<WandbApiException>(() => { foreach (var _ in reader) seen++; });
        Assert.Equal(ApiErrorKind.Network, e.Kind);
        Assert.True(seen > 0);
        Assert.Contains($"{seen} users read", e.Message);
    }

    [Fact]
    public void It_can_be_read_only_once()
    {
        using var reader = Reader(new MemoryStream(Encoding.UTF8.GetBytes(Answer(1))));
        reader.ToList();
        Assert.Throws<InvalidOperationException>(() => reader.GetEnumerator());
    }
}
