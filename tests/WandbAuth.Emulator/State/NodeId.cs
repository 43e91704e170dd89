using System.Globalization;
using System.Text;

namespace WandbAuth.Emulator;

/// <summary>Relay-style opaque ids shaped like W&amp;B's: base64 of "Type:number" (or "Type:name").</summary>
internal static class NodeId
{
    public static string For(string typeName, long number) => For(typeName, number.ToString(CultureInfo.InvariantCulture));

    public static string For(string typeName, string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{typeName}:{key}"));
}
