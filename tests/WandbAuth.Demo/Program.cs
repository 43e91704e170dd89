using System.Management.Automation;
using System.Management.Automation.Runspaces;
using SecretManagement.StandIn;
using WandbAuth.Demo;
using WandbAuth.Emulator;

// The emulator stands in for W&B; an in-memory SecretManagement stand-in holds the vault "Demo".
await using var emulator = await WandbEmulator.StartAsync();
emulator.State.AddUser("alice", "alice@example.com", entity: "alice-team");
emulator.State.AddTeam("research");
emulator.State.AddMember("research", "alice");
var key = emulator.State.IssueKey("alice", "laptop");
emulator.State.IssueKey("alice", "old notebook");

if (args.Contains("--emulator-only"))
{
    // For Pester suites on machines with pwsh: serve until stdin closes; secrets go to 0600 files, never to stdout.
    var keyFile = Option("--key-file") ?? Path.Combine(Path.GetTempPath(), "wandbauth-emulator.key");
    WritePrivate(keyFile, key);
    // Keyless sign-in: an identity token for alice from the emulator's test issuer, and every access token the exchange
    // hands out, appended as it is issued, so a suite can prove that none reached a stream or a transcript.
    if (Option("--identity-token-file") is string tokenFile)
        WritePrivate(tokenFile, emulator.IdentityToken("alice@example.com", TimeSpan.FromHours(2)));
    if (Option("--access-token-file") is string accessFile)
    {
        WritePrivate(accessFile, "");
        var gate = new object();
        emulator.State.AccessTokenIssued += token => { lock (gate) File.AppendAllText(accessFile, token + "\n"); };
    }
    Console.WriteLine($"BaseUrl={emulator.BaseUrl}");
    Console.WriteLine($"KeyFile={keyFile}");
    // The SecretManagement stand-in this build laid out, for suites that have no real vault to register.
    Console.WriteLine($"StandInModules={StandInModule.ModulesDirectory}");
    await Console.In.ReadToEndAsync();
    return 0;
}

var root = FindRoot();
var manifest = Path.Combine(root, "out", "WandbAuth", "WandbAuth.psd1");
StandInVaults.Reset();
StandInVaults.Register("Demo", VaultKind.Full, isDefault: true);

var state = InitialSessionState.CreateDefault2();
StandInModule.ImportInto(state);
state.ImportPSModule(manifest);
// Rendered at 80 columns, the narrowest console the module's views are designed for, unless --width says otherwise.
var width = int.TryParse(Option("--width"), out var w) && w >= 40 ? w : 80;
using var runspace = RunspaceFactory.CreateRunspace(new ConsoleHost(width), state);
runspace.Open();
// The key reaches the session the way a pipeline gives it: an environment variable, never script text.
Environment.SetEnvironmentVariable("WANDB_API_KEY", key);
runspace.SessionStateProxy.SetVariable("BaseUrl", emulator.BaseUrl.ToString());

Console.WriteLine($"WandbAuth demo at {width} columns: the real PowerShell {typeof(PSObject).Assembly.GetName().Version} engine imports");
Console.WriteLine($"{Path.GetRelativePath(root, manifest)} and talks to the W&B emulator at");
Console.WriteLine($"{emulator.BaseUrl} as alice, whose key is in $env:WANDB_API_KEY.");
Console.WriteLine("The vault Demo is an in-memory SecretManagement stand-in.");

var failed = 0;
foreach (var step in new[]
{
    "Connect-Wandb -BaseUrl $BaseUrl -Verify -SaveToVault",
    "Get-WandbConnection | Format-List",
    "Get-WandbApiKey",
    "New-WandbApiKey -Name 'ci-pipeline' -Vault Demo -SecretName WandbCi",
    "Invoke-WandbKeyRotation -SecretName WandbCi -Vault Demo -Confirm:$false",
    "Get-WandbApiKey",
})
{
    Console.WriteLine($"\nPS> {step}");
    using var ps = PowerShell.Create();
    ps.Runspace = runspace;
    // Out-Host formats with the module's views, exactly as at an interactive prompt.
    ps.AddScript(step + " | Out-Host");
    try
    {
        ps.Invoke();
        // Warnings and messages reach the console through the host, as at a prompt; errors are counted here.
        foreach (var e in ps.Streams.Error) { failed++; Console.WriteLine($"{e.InvocationInfo?.MyCommand?.Name}: {e.Exception.Message} ({e.FullyQualifiedErrorId})"); }
    }
    catch (RuntimeException e) { failed++; Console.WriteLine($"{e.ErrorRecord.FullyQualifiedErrorId}: {e.Message}"); }
}
Console.WriteLine(failed == 0 ? "\nDemo finished: every step succeeded." : $"\nDemo finished with {failed} error(s).");
return failed == 0 ? 0 : 1;

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

static void WritePrivate(string path, string text)
{
    File.WriteAllText(path, text);
    if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "WandbAuth.sln"))) return dir.FullName;
    throw new InvalidOperationException("Run the demo from inside the WandbAuth repository.");
}
