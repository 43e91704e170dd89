namespace WandbAuth.Emulator.Schema;

/// <summary>The parts of the schema that differ between emulated servers; one schema is built per shape.</summary>
internal sealed record SchemaShape(bool ApiKeyTimestampFields);
