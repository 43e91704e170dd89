namespace WandbAuth.Rotation
{
    /// <summary>How a rotation (or one of its paths) ended, before the report adds names, key IDs and timing.</summary>
    internal readonly struct RotationOutcome
    {
        private RotationOutcome(RotationStatus status, string message) { Status = status; Message = message; }

        public RotationStatus Status { get; }
        public string Message { get; }

        public static RotationOutcome Completed(string message) => new RotationOutcome(RotationStatus.Completed, message);
        public static RotationOutcome RolledBack(string message) => new RotationOutcome(RotationStatus.RolledBack, message);
        public static RotationOutcome Failed(string message) => new RotationOutcome(RotationStatus.Failed, message);

        /// <summary>A completed rotation that finished an interrupted one is reported as Resumed.</summary>
        public RotationOutcome AsResumed() =>
            Status == RotationStatus.Completed ? new RotationOutcome(RotationStatus.Resumed, Message) : this;
    }
}
