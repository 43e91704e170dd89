using System.Management.Automation;

namespace SecretManagement.StandIn.Tests.Support;

/// <summary>
/// What one script run produced: output (unwrapped from PSObject), the error stream, and how the pipeline
/// ended (Stopped after a simulated crash).
/// </summary>
public sealed record RunResult(IReadOnlyList<object?> Output, IReadOnlyList<ErrorRecord> Errors, PSInvocationState State)
{
    public ErrorRecord SingleError() => Assert.Single(Errors);

    public object? SingleOutput() => Assert.Single(Output);
}
