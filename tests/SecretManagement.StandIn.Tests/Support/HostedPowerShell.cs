using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace SecretManagement.StandIn.Tests.Support;

/// <summary>
/// A real PowerShell 7 runspace in this process with the stand-in imported the way a consuming test project
/// imports it (StandInModule.ImportInto), so every test exercises the documented wiring.
/// </summary>
public sealed class HostedPowerShell : IDisposable
{
    private readonly Runspace runspace;

    public HostedPowerShell(bool importStandIn = true)
    {
        var state = InitialSessionState.CreateDefault2();
        if (importStandIn)
        {
            StandInModule.ImportInto(state);
        }

        runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
    }

    /// <summary>Runs a script; variables are set in the session first so secrets never appear in script text.</summary>
    public RunResult Run(string script, params (string Name, object? Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            runspace.SessionStateProxy.SetVariable(name, value);
        }

        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript(script);
        var output = shell.Invoke();
        return new RunResult(
            output.Select(o => o?.BaseObject).ToList(),
            shell.Streams.Error.ToList(),
            shell.InvocationStateInfo.State);
    }

    public void Dispose() => runspace.Dispose();
}
