namespace WandbAuth.Rotation
{
    /// <summary>How a rotation (or one of its paths) ended, before the report adds names, key IDs and timing.</summary>
    internal readonly struct RotationOutcome
    {
        private RotationOutcome(RotationStatus status, string message, string? errorId = null) { Status = status; Message = message; ErrorId = errorId; }

        public RotationStatus Status { get; }
        public string Message { get; }
        /// <summary>The error id of a refusal users must tell apart from other failures; null for the usual one.</summary>
        public string? ErrorId { get; }

        public static RotationOutcome Completed(string message) => new RotationOutcome(RotationStatus.Completed, message);
        public static RotationOutcome RolledBack(string message) => new RotationOutcome(RotationStatus.RolledBack, message);
        public static RotationOutcome Failed(string message, string? errorId = null) => new RotationOutcome(RotationStatus.Failed, message, errorId);

        /// <summary>A completed rotation that finished an interrupted one is reported as Resumed.</summary>
        public RotationOutcome AsResumed() =>
            Status == RotationStatus.Completed ? new RotationOutcome(RotationStatus.Resumed, Message, ErrorId) : this;
    }
}
