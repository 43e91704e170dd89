using System.Globalization;
using System.Management.Automation.Host;

namespace WandbAuth.HostedTests.Harness;

/// <summary>A PowerShell host whose UI records everything shown and answers prompts from queued answers.</summary>
public sealed class TestHost : PSHost
{
    private readonly TestHostUI? _ui;

    public TestHost(bool hasUI = true) { _ui = hasUI ? new TestHostUI() : null; }

    public TestHostUI Console => _ui ?? throw new InvalidOperationException("This host was made without a UI.");
    public override PSHostUserInterface? UI => _ui;
    public override string Name => "WandbAuthTestHost";
    public override Version Version { get; } = new(1, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) { }
}
