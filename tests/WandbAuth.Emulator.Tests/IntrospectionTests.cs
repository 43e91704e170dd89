using System.Globalization;
using System.Net;
using System.Text.Json;
using WandbAuth.Emulator.Tests.Support;

namespace WandbAuth.Emulator.Tests;

/// <summary>createdAt/lastUsedAt are unconfirmed on the real API, so clients discover them by introspection.</summary>
public class IntrospectionTests
{
    private static IReadOnlyList<string> FieldNames(ApiResponse response) =>
        [.. response.Data.GetProperty("__type").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()!)];

    [Fact]
    public async Task ApiKey_type_lists_timestamp_fields_when_they_are_on()
    {
        await using var org = await Seeded.StartAsync();

        var response = await org.Client.SendAsync(Documents.ApiKeyFields, org.BobKey);

        Assert.Equal(["id", "name", "description", "createdAt", "lastUsedAt"], FieldNames(response));
    }

    [Fact]
    public async Task With_timestamp_fields_off_introspection_omits_them_and_asking_for_them_fails_validation()
    {
        await using var org = await Seeded.StartAsync(new EmulatorOptions { ApiKeyTimestampFields = false });

        var fields = await org.Client.SendAsync(Documents.ApiKeyFields, org.BobKey);
        var asking = await org.Client.SendAsync(Documents.ViewerKeyTimestamps, org.BobKey);

        Assert.Equal(["id", "name", "description"], FieldNames(fields));
        Assert.Equal(HttpStatusCode.BadRequest, asking.Status);
        Assert.Contains(asking.ErrorMessages, m => m.Contains("'createdAt'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Timestamp_fields_can_be_switched_while_running()
    {
        await using var org = await Seeded.StartAsync();

        org.Emulator.Options.ApiKeyTimestampFields = false;
        var off = await org.Client.SendAsync(Documents.ApiKeyFields, org.BobKey);
        org.Emulator.Options.ApiKeyTimestampFields = true;
        var on = await org.Client.SendAsync(Documents.ApiKeyFields, org.BobKey);

        Assert.DoesNotContain("createdAt", FieldNames(off));
        Assert.Contains("createdAt", FieldNames(on));
    }

    // GraphQL.NET's DateTime scalar writes "yyyy-MM-ddTHH:mm:ss.FFFFFFFK": trailing zero fraction digits are
    // dropped, so the number of fraction digits varies (none for a whole second).
    [Fact]
    public async Task Timestamps_are_ISO_8601_UTC_strings_from_the_configured_clock()
    {
        var clock = new FixedClock(new DateTimeOffset(2024, 3, 1, 12, 30, 0, 250, TimeSpan.Zero));
        await using var org = await Seeded.StartAsync(new EmulatorOptions { Clock = clock });
        var unused = org.State.IssueKey("bob", "unused");

        var response = await org.Client.SendAsync(Documents.ViewerKeyTimestamps, org.BobKey);

        var keys = response.Data.GetProperty("viewer").GetProperty("apiKeys").Nodes();
        Assert.Equal("2024-03-01T12:30:00.25Z", keys[0].GetProperty("createdAt").GetString());
        Assert.Equal("2024-03-01T12:30:00.25Z", keys[0].GetProperty("lastUsedAt").GetString());
        Assert.Equal(JsonValueKind.Null, keys[1].GetProperty("lastUsedAt").ValueKind);
        Assert.Equal(clock.GetUtcNow(), DateTimeOffset.Parse(keys[1].GetProperty("createdAt").GetString()!, CultureInfo.InvariantCulture));
        Assert.True(org.State.IsLive(unused));
    }

    [Fact]
    public async Task Schema_introspection_shows_the_query_and_mutation_roots()
    {
        await using var org = await Seeded.StartAsync();
        var document = new Document("Roots",
            "query Roots { __schema { queryType { name fields { name } } mutationType { name fields { name } } } }");

        var schema = (await org.Client.SendAsync(document, org.BobKey)).Data.GetProperty("__schema");

        static IEnumerable<string?> Names(JsonElement root) =>
            root.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString());
        Assert.Equal(["viewer", "users", "entity"], Names(schema.GetProperty("queryType")));
        Assert.Equal(["generateApiKey", "deleteApiKey", "createServiceAccount"], Names(schema.GetProperty("mutationType")));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
