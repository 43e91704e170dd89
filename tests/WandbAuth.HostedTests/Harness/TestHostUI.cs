using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace WandbAuth.HostedTests.Harness;

/// <summary>
/// Records every character the host is asked to show and answers prompts from queues. A prompt with no
/// queued answer fails the test at once instead of hanging it.
/// </summary>
public sealed class TestHostUI : PSHostUserInterface
{
    private readonly StringBuilder _shown = new();

    public Queue<string> SecureAnswers { get; } = new();
    /// <summary>Answers to confirmation prompts: 0 Yes, 1 Yes to All, 2 No, 3 No to All (ShouldProcess's order).</summary>
    public Queue<int> ChoiceAnswers { get; } = new();
    public List<string> Prompts { get; } = new();
    public List<ProgressRecord> Progress { get; } = new();

    public string Shown { get { lock (_shown) return _shown.ToString(); } }

    private void Show(string text) { lock (_shown) _shown.Append(text); }

    public override PSHostRawUserInterface? RawUI => null;
    public override string ReadLine() => throw new InvalidOperationException("The test did not expect ReadLine.");

    public override SecureString ReadLineAsSecureString()
    {
        if (SecureAnswers.Count == 0) throw new InvalidOperationException("Prompted for a secret the test did not expect.");
        var s = new SecureString();
        foreach (var c in SecureAnswers.Dequeue()) s.AppendChar(c);
        return s;
    }

    public override void Write(string value) => Show(value);
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Show(value);
    public override void WriteLine(string value) => Show(value + "\n");
    public override void WriteErrorLine(string value) => Show("ERROR: " + value + "\n");
    public override void WriteDebugLine(string message) => Show("DEBUG: " + message + "\n");
    public override void WriteVerboseLine(string message) => Show("VERBOSE: " + message + "\n");
    public override void WriteWarningLine(string message) => Show("WARNING: " + message + "\n");
    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
        lock (Progress) Progress.Add(record);
        Show($"PROGRESS: {record.Activity} {record.StatusDescription} {record.CurrentOperation}\n");
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
        throw new InvalidOperationException($"The test did not expect a prompt: {caption} {message}");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw new InvalidOperationException($"The test did not expect a credential prompt: {caption} {message}");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        PromptForCredential(caption, message, userName, targetName);

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        Prompts.Add($"{caption}: {message}");
        Show($"CONFIRM: {caption}: {message}\n");
        if (ChoiceAnswers.Count == 0) throw new InvalidOperationException($"The test did not expect a confirmation: {caption} {message}");
        return ChoiceAnswers.Dequeue();
    }
}
