using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace WandbAuth.Demo;

/// <summary>
/// A host that writes to this console, so `| Out-Host` renders objects with PowerShell's own formatter and the
/// module's views: what the demo prints is what a user at a prompt sees. It never prompts.
/// </summary>
internal sealed class ConsoleHost : PSHost
{
    private readonly ConsoleUI _ui;

    /// <param name="width">The columns the formatter lays tables out for, as a console of that width would.</param>
    public ConsoleHost(int width) { _ui = new ConsoleUI(width); }

    public override PSHostUserInterface UI => _ui;
    public override string Name => "WandbAuthDemo";
    public override Version Version { get; } = new(1, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) { }

    private sealed class ConsoleUI : PSHostUserInterface
    {
        private readonly int _width;
        private int _column;

        public ConsoleUI(int width) { _width = width; RawUI = new ConsoleRawUI(width); }

        public override PSHostRawUserInterface RawUI { get; }
        private static readonly System.Text.RegularExpressions.Regex Ansi = new("\x1b\\[[0-9;]*m");

        /// <summary>
        /// A terminal shows text as it is (colours, and its own wrapping of long lines); a log gets no colour codes
        /// and lines folded at the width, so it reads as the console would have shown it.
        /// </summary>
        private void Show(string text)
        {
            if (!Console.IsOutputRedirected) { Console.Write(text); return; }
            foreach (var c in Ansi.Replace(text, ""))
            {
                if (c == '\n') _column = 0;
                else if (_column == _width) { Console.Write('\n'); _column = 1; }
                else _column++;
                Console.Write(c);
            }
        }

        public override void Write(string value) => Show(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Show(value);
        public override void WriteLine(string value) => Show(value + "\n");
        public override void WriteErrorLine(string value) => Show(value + "\n");
        public override void WriteDebugLine(string message) => Show("DEBUG: " + message + "\n");
        public override void WriteVerboseLine(string message) => Show("VERBOSE: " + message + "\n");
        public override void WriteWarningLine(string message) => Show("WARNING: " + message + "\n");
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override string ReadLine() => throw new PSInvalidOperationException("The demo does not prompt.");
        public override SecureString ReadLineAsSecureString() => throw new PSInvalidOperationException("The demo does not prompt.");
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw new PSInvalidOperationException("The demo does not prompt.");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw new PSInvalidOperationException("The demo does not prompt.");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new PSInvalidOperationException("The demo does not prompt.");
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
            throw new PSInvalidOperationException("The demo does not prompt.");
    }

    /// <summary>Only what the formatter asks of a terminal: its width.</summary>
    private sealed class ConsoleRawUI : PSHostRawUserInterface
    {
        private readonly int Width;

        public ConsoleRawUI(int width) { Width = width; }

        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override Coordinates CursorPosition { get; set; }
        public override Coordinates WindowPosition { get; set; }
        public override int CursorSize { get; set; }
        public override Size BufferSize { get => new(Width, 3000); set { } }
        public override Size WindowSize { get => new(Width, 50); set { } }
        public override Size MaxWindowSize => new(Width, 50);
        public override Size MaxPhysicalWindowSize => new(Width, 50);
        public override bool KeyAvailable => false;
        public override string WindowTitle { get; set; } = "WandbAuth demo";
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) => throw new NotSupportedException();
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) => throw new NotSupportedException();
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) => throw new NotSupportedException();
    }
}
