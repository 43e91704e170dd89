using System.Text.RegularExpressions;
using WandbAuth.HostedTests.Harness;
using Xunit.Abstractions;

namespace WandbAuth.HostedTests.Help;

/// <summary>
/// The default table views, rendered by the real Format-Table at the width of a console (Out-String -Width), fit an
/// 80-column console with every header and the fields users act on whole, and still do at 120 columns. The objects
/// carry the longest values those fields have in practice: a current key's key ID is 27 characters (the &lt;key_id&gt; of
/// wandb_v1_&lt;key_id&gt;_&lt;secret&gt;).
/// </summary>
public class TableWidthTests : HostedTest
{
    private readonly ITestOutputHelper _log;

    public TableWidthTests(ITestOutputHelper log) { _log = log; }

    public static TheoryData<int> Widths => new() { 80, 120 };

    private const string KeyId = "Zp1aB2cD3eF4gH5iJ6kL7mN8oP9";   // 27 characters
    private const string OtherKeyId = "3kQrS4tU5vW6xY7zA8bC9dE0fG1";

    /// <summary>Objects of a WandbAuth type name (built here, so every value is under the test's control), formatted.</summary>
    private List<string> Render(string typeName, string objects, int width)
    {
        Ps.SetVariable("TypeName", typeName);
        Ps.SetVariable("Width", width);
        var r = Ps.Run("$PSStyle.OutputRendering = 'PlainText'; " +
                       $"@({objects}) | ForEach-Object {{ $_.PSObject.TypeNames.Insert(0, $TypeName); $_ }} | Format-Table | Out-String -Width $Width");
        Assert.Empty(r.AllErrors);
        var text = (string)r.Single().BaseObject;
        _log.WriteLine($"{typeName} at {width} columns:\n{text}");
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r', ' ')).Where(l => l.Length > 0).ToList();
        Assert.All(lines, l => Assert.True(l.Length <= width, $"{l.Length} characters: '{l}'"));
        Assert.DoesNotContain(lines, l => l.Contains('…') || l.Contains("..."));
        return lines;
    }

    private static void AssertHeaders(List<string> lines, params string[] headers)
    {
        var header = lines.First(l => Regex.IsMatch(l, $@"(?<!\S){Regex.Escape(headers[0])}(?!\S)"));
        foreach (var h in headers) Assert.Matches($@"(?<!\S){Regex.Escape(h)}(?!\S)", header);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Connection_table_shows_user_key_id_verified_and_server_whole(int width)
    {
        var lines = Render("WandbAuth.Connection", $$"""
            [pscustomobject]@{ BaseUrl = [uri]'https://wandb.example.com'; User = 'ml-platform-ci'; KeyId = '{{KeyId}}'; Verified = $true;
                                Source = 'EnvironmentVariable'; SourceDetail = 'WANDB_API_KEY'; DefaultEntity = 'ml-platform' }
            """, width);
        AssertHeaders(lines, "User", "KeyId", "Verified", "Server");
        var row = Assert.Single(lines, l => l.Contains(KeyId));
        Assert.Matches(@"^ml-platform-ci\s+" + KeyId + @"\s+True\s+wandb\.example\.com$", row);
        Assert.DoesNotContain(lines, l => l.Contains("EnvironmentVariable"));   // Source and the rest: Format-List
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Keyless_connection_table_says_keyless_where_the_key_id_would_be(int width)
    {
        var lines = Render("WandbAuth.Connection", """
            [pscustomobject]@{ BaseUrl = [uri]'https://wandb.example.com'; User = 'ml-platform-ci'; KeyId = ''; Verified = $true;
                                Source = 'AzureDevOps'; SourceDetail = 'service connection wandb-federation';
                                Subject = 'sc://contoso/ml-platform/wandb-federation'; AccessTokenExpiresAt = [datetimeoffset]'2026-06-01T11:02:17Z' }
            """, width);
        AssertHeaders(lines, "User", "KeyId", "Verified", "Server");
        Assert.Matches(@"^ml-platform-ci\s+\(keyless\)\s+True\s+wandb\.example\.com$", Assert.Single(lines, l => l.Contains("(keyless)")));
        Assert.DoesNotContain(lines, l => l.Contains("sc://"));   // Subject and expiry: Format-List
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Listed_keys_table_groups_by_owner_and_shows_key_id_name_and_dates_whole(int width)
    {
        var lines = Render("WandbAuth.ApiKey", $$"""
            [pscustomobject]@{ IsCurrent = $true; KeyId = '{{KeyId}}'; Name = 'laptop 2025'; Owner = 'alice'; OwnerType = 'User';
                                CreatedAt = [datetime]'2025-06-02T08:11:00Z'; LastUsedAt = [datetime]'2025-11-23T09:02:00Z' },
            [pscustomobject]@{ IsCurrent = $false; KeyId = '{{OtherKeyId}}'; Name = 'nightly training'; Owner = 'ingest-bot'; OwnerType = 'ServiceAccount';
                                CreatedAt = [datetime]'2025-09-14T17:30:00Z'; LastUsedAt = $null }
            """, width);
        AssertHeaders(lines, "KeyId", "Name", "Created", "Last used");
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\s*Owner: alice$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\s*Owner: ingest-bot \(service account\)$"));
        Assert.Matches(@"^\* " + KeyId + @"\s+laptop 2025\s+\d{4}-\d{2}-\d{2} \d{4}-\d{2}-\d{2}$", Assert.Single(lines, l => l.Contains(KeyId)));
        Assert.Matches(@"^  " + OtherKeyId + @"\s+nightly training\s+\d{4}-\d{2}-\d{2}$", Assert.Single(lines, l => l.Contains(OtherKeyId)));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Created_key_table_says_where_the_key_went(int width)
    {
        var lines = Render("WandbAuth.CreatedApiKey", $$"""
            [pscustomobject]@{ KeyId = '{{KeyId}}'; Name = 'ci pipeline'; Vault = 'AzKV'; SecretName = 'wandb-nightly-bot-2' },
            [pscustomobject]@{ KeyId = '{{OtherKeyId}}'; Name = 'one-off'; Vault = $null; SecretName = $null }
            """, width);
        AssertHeaders(lines, "KeyId", "Name", "Stored in");
        Assert.Matches(KeyId + @"\s+ci pipeline\s+AzKV/wandb-nightly-bot-2$", Assert.Single(lines, l => l.Contains(KeyId)));
        Assert.Matches(OtherKeyId + @"\s+one-off\s+nowhere: only in \.Key$", Assert.Single(lines, l => l.Contains(OtherKeyId)));
        Assert.DoesNotContain(lines, l => l.Contains("SecureString"));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Rotation_table_shows_vault_secret_status_and_new_key_id_whole(int width)
    {
        var lines = Render("WandbAuth.RotationResult", $$"""
            [pscustomobject]@{ SecretName = 'wandb-ingest-bot'; Vault = 'AzKV'; Owner = 'ingest-bot'; OldKeyId = '{{OtherKeyId}}'; NewKeyId = '{{KeyId}}';
                                Status = 'RolledBack'; Message = 'The update script failed: kubectl failed. The new key was deleted; the secret holds the old key.';
                                Duration = [TimeSpan]::FromSeconds(2) }
            """, width);
        AssertHeaders(lines, "Vault", "SecretName", "Status", "NewKeyId");
        Assert.Matches(@"^AzKV\s+wandb-ingest-bot\s+RolledBack\s+" + KeyId + "$", Assert.Single(lines, l => l.Contains(KeyId)));
        Assert.DoesNotContain(lines, l => l.Contains("kubectl"));   // the message: Format-List, and the error record
    }
}
