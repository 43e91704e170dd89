using System.Text.Json;

namespace WandbAuth.Emulator.Tests.Support;

public static class Edges
{
    /// <summary>The nodes of a { edges { node } } connection.</summary>
    public static IReadOnlyList<JsonElement> Nodes(this JsonElement connection) =>
        [.. connection.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node"))];
}
