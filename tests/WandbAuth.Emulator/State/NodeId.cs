using System.Text;

namespace WandbAuth.Emulator;

/// <summary>Relay-style opaque ids shaped like W&amp;B's: base64 of "Type:number".</summary>
internal static class NodeId
{
    public static string For(string typeName, long number) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{typeName}:{number}"));
}
