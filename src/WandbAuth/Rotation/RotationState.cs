using System;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;

namespace WandbAuth.Rotation
{
    internal enum RotationPhase
    {
        /// <summary>State written; the create may or may not have happened (a key would carry the marker).</summary>
        Creating,
        /// <summary>The new key is in the pending secret.</summary>
        Pending,
        /// <summary>The pending key was promoted without the old key to fall back on; scripts must still run.</summary>
        ScriptsPending,
        /// <summary>The secret holds the new key.</summary>
        Promoted,
        /// <summary>The secret holds the new key; deleting the old one failed and is retried by the next run.</summary>
        DeleteOldPending,
        /// <summary>A rollback could not delete the new key; the next run deletes it.</summary>
        RollingBack,
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
        [JsonConverter(typeof(StringEnumConverter))]
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
