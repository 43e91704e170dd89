using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using SecretManagement.StandIn;

namespace WandbAuth.HostedTests.Harness;

/// <summary>
/// A real PowerShell runspace with out/WandbAuth imported by its manifest, the SecretManagement stand-in
/// (unless a test needs it absent) and a recording host. Secrets go in as variables, never as script text.
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    private readonly Runspace _runspace;

    public PowerShellSession(bool withSecretManagement = true, bool hostHasUI = true)
    {
        Host = new TestHost(hostHasUI);
        // CreateDefault, not CreateDefault2: every built-in cmdlet Microsoft.PowerShell.SDK carries (ConvertTo-Json,
        // Export-Clixml, Start-Transcript, Format-Table), as in pwsh; this test output has no $PSHOME/Modules to load them from.
        var state = InitialSessionState.CreateDefault();
        if (withSecretManagement) StandInModule.ImportInto(state);
        state.ImportPSModule(RepoPaths.ModuleManifest);
        _runspace = RunspaceFactory.CreateRunspace(Host, state);
        _runspace.Open();
    }

    public TestHost Host { get; }
    public TestHostUI Console => Host.Console;
    public Runspace Runspace => _runspace;

    public void SetVariable(string name, object? value) => _runspace.SessionStateProxy.SetVariable(name, value);

    public object? GetVariable(string name) => _runspace.SessionStateProxy.GetVariable(name);

    /// <summary>Runs a script with verbose and debug on, so every stream is captured for scanning.</summary>
    public PsResult Run(string script)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript("$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'; $ProgressPreference = 'Continue'; $ConfirmPreference = 'High'").AddStatement();
        ps.AddScript(script);
        var before = Host.UI == null ? 0 : Host.Console.Shown.Length;
        Collection<PSObject> output = new();
        RuntimeException? terminating = null;
        try { output = ps.Invoke(); }
        catch (RuntimeException e) { terminating = e; }
        return new PsResult
        {
            Output = output,
            Errors = ps.Streams.Error.ToList(),
            Warnings = ps.Streams.Warning.Select(w => w.Message).ToList(),
            Verbose = ps.Streams.Verbose.Select(v => v.Message).ToList(),
            Debug = ps.Streams.Debug.Select(d => d.Message).ToList(),
            Information = ps.Streams.Information.Select(i => i.MessageData?.ToString() ?? "").ToList(),
            Progress = ps.Streams.Progress.ToList(),
            HostText = Host.UI == null ? "" : Host.Console.Shown.Substring(before),
            Terminating = terminating,
        };
    }

    public void Dispose() => _runspace.Dispose();
}
