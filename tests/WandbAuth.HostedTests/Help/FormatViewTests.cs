using System.Management.Automation.Runspaces;
using System.Xml.Linq;
using WandbAuth.HostedTests.Harness;
using Xunit.Abstractions;

namespace WandbAuth.HostedTests.Help;

/// <summary>
/// Each output type has a table view that is its default and a list view with every public property: the file is
/// loaded by PowerShell's own FormatTable (which rejects a bad view), the views are read from the ps1xml and compared
/// with the loaded types by reflection, and Out-Host renders what the cmdlets return through the host, as at a prompt.
/// How the tables fit 80 and 120 columns is TableWidthTests'.
/// </summary>
public class FormatViewTests : HostedTest
{
    private readonly ITestOutputHelper _log;

    public FormatViewTests(ITestOutputHelper log) { _log = log; }

    public static TheoryData<string> TypeNames => new() { "WandbAuth.Connection", "WandbAuth.ApiKey", "WandbAuth.CreatedApiKey", "WandbAuth.RotationResult" };

    /// <summary>No ANSI colour codes in what the host is asked to show, so assertions read plain text.</summary>
    private const string PlainText = "$PSStyle.OutputRendering = 'PlainText'; ";

    private static string FormatFile => Path.Combine(RepoPaths.Root, "out", "WandbAuth", "WandbAuth.Format.ps1xml");

    private static List<XElement> ViewsFor(string typeName) =>
        XDocument.Load(FormatFile).Descendants("View")
            .Where(v => v.Element("ViewSelectedBy")?.Elements("TypeName").Any(t => t.Value.Trim() == typeName) == true)
            .ToList();

    private List<string> PublicProperties(string typeName)
    {
        Ps.SetVariable("TypeName", typeName);
        var r = Ps.Run("$t = $TypeName -as [type]; if ($null -eq $t) { throw \"$TypeName is not loaded\" }; $t.GetProperties() | ForEach-Object { $_.Name }");
        Assert.Empty(r.AllErrors);
        return r.Output.Select(o => o.ToString()).ToList();
    }

    [Fact]
    public void PowerShell_loads_the_format_file_without_errors()
    {
        var table = new FormatTable(new[] { FormatFile }); // throws FormatTableLoadException listing every bad view
        Assert.NotNull(table);
        Ps.SetVariable("ManifestPath", RepoPaths.ModuleManifest);
        var r = Ps.Run("Import-Module $ManifestPath -Force");
        Assert.Empty(r.AllErrors);
        Assert.DoesNotContain("format", string.Join("\n", r.Warnings), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Manifest_loads_the_format_file()
    {
        var r = Ps.Run("(Get-Module WandbAuth).ExportedFormatFiles | ForEach-Object { [System.IO.Path]::GetFileName($_) }");
        Assert.Contains("WandbAuth.Format.ps1xml", r.Output.Select(o => o.ToString()));
    }

    [Theory]
    [MemberData(nameof(TypeNames))]
    public void Table_is_the_default_view(string typeName)
    {
        var views = ViewsFor(typeName);
        Assert.NotEmpty(views);
        // PowerShell uses the first view defined for a type when no format is asked for.
        Assert.NotNull(views[0].Element("TableControl"));
    }

    [Theory]
    [MemberData(nameof(TypeNames))]
    public void List_view_shows_every_public_property(string typeName)
    {
        var list = Assert.Single(ViewsFor(typeName), v => v.Element("ListControl") != null);
        var shown = list.Descendants("ListItem").Select(i => i.Element("PropertyName")?.Value.Trim()).Where(n => n != null).ToList();
        var missing = PublicProperties(typeName).Except(shown).ToList();
        Assert.True(missing.Count == 0, $"{typeName}'s list view lacks: {string.Join(", ", missing)}");
        Assert.Equal(shown.Count, shown.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(TypeNames))]
    public void Table_view_columns_name_real_properties(string typeName)
    {
        var table = ViewsFor(typeName).First(v => v.Element("TableControl") != null);
        var properties = PublicProperties(typeName);
        var columns = table.Descendants("TableColumnItem").Select(i => i.Element("PropertyName")?.Value.Trim()).Where(n => n != null).ToList();
        Assert.NotEmpty(columns);
        Assert.All(columns, c => Assert.Contains(c, properties));
    }

    [Fact]
    public void Out_Host_renders_a_connection_as_a_table()
    {
        Assert.Empty(ConnectAlice().AllErrors);
        var shown = Ps.Run(PlainText + "Get-WandbConnection | Out-Host").HostText;
        _log.WriteLine(shown);
        foreach (var header in new[] { "User", "KeyId", "Verified", "Server" }) Assert.Contains(header, shown);
        Assert.Contains("alice", shown);
        Assert.Contains($"127.0.0.1:{Emulator.BaseUrl.Port}", shown);
        Assert.DoesNotContain("SourceDetail", shown); // a list would show every property
    }

    [Fact]
    public void Out_Host_renders_api_keys_as_a_table_marking_the_current_key()
    {
        Assert.Empty(ConnectAlice().AllErrors);
        var r = Ps.Run(PlainText + "Get-WandbApiKey | Out-Host");
        Assert.Empty(r.AllErrors);
        _log.WriteLine(r.HostText);
        foreach (var header in new[] { "KeyId", "Name", "Created", "Last used" }) Assert.Contains(header, r.HostText);
        Assert.Contains("Owner: alice", r.HostText);
        Assert.Contains("laptop", r.HostText);
        Assert.Contains("*", r.HostText);
        r.AssertNoSecret(AliceKey);
    }

    /// <summary>A stand-in object carrying the type name selects the same views as a real result.</summary>
    [Fact]
    public void Out_Host_renders_a_rotation_result_as_a_table()
    {
        var shown = Ps.Run(PlainText + """
            $o = [pscustomobject]@{ SecretName = 'WandbCi'; Vault = 'Local'; Owner = 'alice'; OldKeyId = 'old123'; NewKeyId = 'new456';
                                    Status = 'Completed'; Message = 'done'; Duration = [TimeSpan]::FromSeconds(2) }
            $o.PSObject.TypeNames.Insert(0, 'WandbAuth.RotationResult')
            $o | Out-Host
            """).HostText;
        _log.WriteLine(shown);
        foreach (var value in new[] { "Vault", "SecretName", "Status", "NewKeyId", "WandbCi", "Completed", "new456" }) Assert.Contains(value, shown);
        Assert.DoesNotContain("SecretName :", shown);
    }
}
