using System.Management.Automation;
using WandbAuth.Rotation;

namespace WandbAuth.Commands
{
    /// <summary>The rotation's progress bar: secrets done of secrets given. Written on the pipeline thread only.</summary>
    internal sealed class RotationProgressWriter
    {
        private const string Activity = "Rotating W&B API keys";
        private readonly Cmdlet _cmdlet;
        private readonly int _total;
        private readonly int _id = typeof(RotationProgressWriter).GetHashCode() & 0x7fff;

        public RotationProgressWriter(Cmdlet cmdlet, int total) { _cmdlet = cmdlet; _total = total; }

        public void Start() => _cmdlet.WriteProgress(new ProgressRecord(_id, Activity, $"0 of {_total} done") { PercentComplete = 0 });

        public void Report(RotationProgress p) => _cmdlet.WriteProgress(new ProgressRecord(_id, Activity, $"{p.Done} of {p.Total} done")
        {
            PercentComplete = p.Done * 100 / p.Total,
            CurrentOperation = $"{p.Last.Vault}/{p.Last.SecretName}: {p.Last.Status}",
        });

        public void Complete() => _cmdlet.WriteProgress(new ProgressRecord(_id, Activity, $"{_total} of {_total} done") { RecordType = ProgressRecordType.Completed });
    }
}
