using System.Management.Automation;
using System.Net;
using System.Security;
using SecretManagement.StandIn;
using WandbAuth.HostedTests.Harness;

namespace WandbAuth.HostedTests.Leaks;

/// <summary>
/// Where users and pipelines send what the cmdlets give them: a transcript of a whole session (Start-Transcript, as
/// Azure DevOps agents and admins keep), and ConvertTo-Json and Export-Clixml of every output object. No key may be
/// read in any of them, with one documented exception: Export-Clixml of a new key's SecureString off Windows.
/// </summary>
public class SessionLeakTests : HostedTest
{
    /// <summary>Every cmdlet, good calls and failing ones, as a user types them at a prompt.</summary>
    private static readonly string[] EveryCmdlet =
    {
        "Connect-Wandb -ApiKey $AliceSecure -BaseUrl $BaseUrl -Verify",
        "Get-WandbConnection",
        "New-WandbApiKey -Name leak-secure",
        "New-WandbApiKey -Name leak-stored -Vault Local -SecretName WandbLeak",
        "Get-WandbApiKey",
        "Invoke-WandbKeyRotation -SecretName WandbLeak -Vault Local -Confirm:$false",
        "Remove-WandbApiKey -KeyId ($Seen | Where-Object Name -eq 'leak-secure' | Select-Object -First 1).KeyId -Confirm:$false",
        "Connect-Wandb -ApiKey $WrongSecure -BaseUrl $BaseUrl -Verify",
        "Connect-Wandb -ApiKey $MalformedSecure -BaseUrl $BaseUrl",
        "Disconnect-Wandb",
    };

    private readonly List<string> _secrets = new();

    /// <summary>
    /// Runs <see cref="EveryCmdlet"/>, each with -Verbose and -Debug, every stream merged and shown through Out-Default
    /// (errors too) as a console shows them, output objects kept in $Seen. Collects every key the session saw.
    /// </summary>
    private void RunEveryCmdlet()
    {
        var wrong = Guid.NewGuid().ToString("N") + "0badc0de";              // a legacy-shaped key W&B does not know
        var malformed = "wandb_v1_" + Guid.NewGuid().ToString("N") + "!?"; // a paste gone wrong
        Ps.SetVariable("AliceSecure", Secure(AliceKey));
        Ps.SetVariable("WrongSecure", Secure(wrong));
        Ps.SetVariable("MalformedSecure", Secure(malformed));
        _secrets.AddRange(new[] { AliceKey, wrong, malformed });
        foreach (var command in EveryCmdlet)
        {
            Ps.Run($"try {{ {command} -Verbose -Debug -OutVariable +Seen *>&1 | Out-Default }} catch {{ $_ | Out-Default }}");
            if (StandInVaults.PeekPlainText(LocalVault, "WandbLeak") is { } stored && !_secrets.Contains(stored)) _secrets.Add(stored);
        }
        foreach (var o in Seen())
            if (o.Properties["Key"]?.Value is SecureString key && !_secrets.Contains(new NetworkCredential("", key).Password))
                _secrets.Add(new NetworkCredential("", key).Password);
        Assert.Equal(6, _secrets.Count); // alice's, wrong, malformed, leak-secure, leak-stored before and after rotation
    }

    private IReadOnlyList<PSObject> Seen()
    {
        var seen = ((System.Collections.IEnumerable)Ps.GetVariable("Seen")!).Cast<object>().Select(PSObject.AsPSObject).ToList();
        foreach (var type in new[] { "WandbAuth.Connection", "WandbAuth.ApiKey", "WandbAuth.RotationResult" })
            Assert.Contains(seen, o => o.TypeNames.Contains(type));
        return seen;
    }

    [Fact]
    public void Transcript_of_every_cmdlet_holds_no_key()
    {
        var transcript = Path.Combine(Env.Home, "transcript.txt");
        Ps.SetVariable("TranscriptPath", transcript);
        Assert.Empty(Ps.Run("Start-Transcript -LiteralPath $TranscriptPath").AllErrors);
        RunEveryCmdlet();
        Assert.Empty(Ps.Run("Stop-Transcript").AllErrors);

        var text = File.ReadAllText(transcript);
        // The session is in it: output objects, verbose text, errors.
        foreach (var shown in new[] { "leak-stored", "Completed", "Verifying the key with", "answered HTTP 401", "contains a character that no W&B key has" })
            Assert.Contains(shown, text);
        PsResult.AssertNoSecretIn(text, _secrets.ToArray());
    }

    [Fact]
    public void ConvertTo_Json_of_every_output_object_holds_no_key()
    {
        RunEveryCmdlet();
        var r = Ps.Run("$Seen | ForEach-Object { ConvertTo-Json -InputObject $_ -Depth 5 -WarningAction Ignore }");
        Assert.Empty(r.AllErrors);
        Assert.Equal(Seen().Count, r.Output.Count);
        var json = string.Join("\n", r.Output);
        Assert.Contains("leak-stored", json);
        PsResult.AssertNoSecretIn(json, _secrets.ToArray());
    }

    [Fact]
    public void Export_Clixml_of_every_output_object_shows_no_key_as_text()
    {
        RunEveryCmdlet();
        var folder = Directory.CreateDirectory(Path.Combine(Env.Home, "clixml")).FullName;
        Ps.SetVariable("Folder", folder);
        var r = Ps.Run("$i = 0; $Seen | ForEach-Object { $_ | Export-Clixml -LiteralPath (Join-Path $Folder \"$(($i++)).xml\") -Depth 5 }");
        Assert.Empty(r.AllErrors);
        var files = Directory.GetFiles(folder);
        Assert.Equal(Seen().Count, files.Length);
        foreach (var file in files) PsResult.AssertNoSecretIn(File.ReadAllText(file), _secrets.ToArray());
    }

    /// <summary>
    /// What the README says of Export-Clixml: a SecureString is written encrypted with the user's DPAPI key on Windows
    /// only. Elsewhere the file holds the key merely encoded, and Import-Clixml gives it back to whoever reads the file.
    /// </summary>
    [Fact]
    public void Export_Clixml_of_a_new_key_object_is_reversible_off_Windows()
    {
        Assert.Empty(ConnectAlice().AllErrors);
        var file = Path.Combine(Env.Home, "key.xml");
        Ps.SetVariable("KeyFile", file);
        var r = Ps.Run("$new = New-WandbApiKey -Name exported; $new | Export-Clixml -LiteralPath $KeyFile; (Import-Clixml -LiteralPath $KeyFile).Key");
        Assert.Empty(r.AllErrors);
        var key = new NetworkCredential("", (SecureString)Ps.Run("$new.Key").Single().BaseObject).Password;
        var xml = File.ReadAllText(file);
        PsResult.AssertNoSecretIn(xml, key);
        var imported = new NetworkCredential("", Assert.IsType<SecureString>(r.Single().BaseObject)).Password;
        Assert.Equal(key, imported); // the same user reads it back everywhere
        if (OperatingSystem.IsWindows()) return;
        // Off Windows the <SS> element is the key's UTF-16 bytes in hex: no secret is needed to read it.
        var hex = Convert.ToHexString(System.Text.Encoding.Unicode.GetBytes(key));
        Assert.Contains(hex, xml, StringComparison.OrdinalIgnoreCase);
    }
}
