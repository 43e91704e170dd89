using System;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;

namespace WandbAuth.Rotation
{
    /// <summary>
    /// What a rotation records because the vault cannot show it. Everything else a resume needs (which key the secret
    /// holds, what the pending secret holds, what W&amp;B accepts) is read afresh; see RotationTable.
    /// </summary>
    [JsonConverter(typeof(RotationPhaseConverter))]
    internal enum RotationPhase
    {
        /// <summary>
        /// Claimed, then going forward: keys carrying this run's marker may exist that no secret holds (a create whose
        /// answer was lost), and scripts run only before the promote.
        /// </summary>
        Creating,
        /// <summary>The pending key was promoted without the old key to fall back on; the scripts have not all succeeded yet.</summary>
        ScriptsPending,
        /// <summary>A rollback could not delete the new key: the pending key is never promoted while the secret works.</summary>
        RollingBack,
    }

    /// <summary>
    /// Reads the phases earlier versions also wrote (Pending, Promoted, DeleteOldPending) as Creating: no resume ever
    /// decided anything from them, so an interrupted rotation recorded by an earlier version resumes exactly as before.
    /// </summary>
    internal sealed class RotationPhaseConverter : StringEnumConverter
    {
        public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
        {
            if (reader.TokenType == JsonToken.String && reader.Value is string name &&
                (name == "Pending" || name == "Promoted" || name == "DeleteOldPending"))
                return RotationPhase.Creating;
            return base.ReadJson(reader, objectType, existingValue, serializer);
        }
    }

    /// <summary>
    /// The state secret S-WandbRotation: where a rotation is, as JSON text with key IDs and node ids, never keys.
    /// </summary>
    internal sealed class RotationState
    {
        [JsonProperty("v")] public int Version { get; set; } = 1;
        /// <summary>The run that created keys; its marker is in their descriptions.</summary>
        public string RunId { get; set; } = "";
        public string Marker { get; set; } = "";
        /// <summary>Who works on it now; null when a run parked it for the next one (nobody is working on it).</summary>
        public LeaseOwner? Lease { get; set; }
        public DateTimeOffset Started { get; set; }
        public DateTimeOffset Heartbeat { get; set; }
        public RotationPhase Phase { get; set; }
        public string Owner { get; set; } = "";
        public string OldKeyId { get; set; } = "";
        public string OldKeyNodeId { get; set; } = "";
        public string? NewKeyId { get; set; }
        public string? NewKeyNodeId { get; set; }
        public bool KeepOldKey { get; set; }

        private static readonly JsonSerializerSettings Settings = new JsonSerializerSettings
        {
            DateParseHandling = DateParseHandling.DateTimeOffset,
            NullValueHandling = NullValueHandling.Include,
        };

        /// <summary>A copy with <paramref name="change"/> applied: steps hand states on, they never change one in place.</summary>
        public RotationState With(Action<RotationState> change)
        {
            var copy = (RotationState)MemberwiseClone();
            change(copy);
            return copy;
        }

        public string ToJson() => JsonConvert.SerializeObject(this, Formatting.None, Settings);

        /// <summary>The state, or a FormatException naming the secret when it is not one.</summary>
        public static RotationState Parse(string json, string secretName)
        {
            try
            {
                var state = JsonConvert.DeserializeObject<RotationState>(json, Settings);
                if (state != null && state.Version == 1 && state.RunId.Length > 0 && state.Marker.Length > 0) return state;
            }
            catch (JsonException) { }
            throw new FormatException($"The secret '{secretName}' does not hold WandbAuth rotation state; remove it if nothing else wrote it.");
        }

        public static string MarkerFor(string runId) => $"[wandbauth:{runId}]";
    }
}
