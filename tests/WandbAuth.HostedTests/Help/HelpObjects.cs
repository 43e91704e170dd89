using System.Collections;
using System.Management.Automation;

namespace WandbAuth.HostedTests.Help;

/// <summary>
/// Reads the objects Get-Help returns (PSObjects of note properties, some single, some arrays) from C#: the hosted
/// engine has no Out-String or ConvertTo-Json, so tests navigate properties instead.
/// </summary>
internal static class HelpObjects
{
    public static object? Get(object? o, string name)
    {
        if (o is not PSObject ps) return null;
        var p = ps.Properties[name];
        if (p == null) return null;
        try { return p.Value; } catch (GetValueException) { return null; }
    }

    /// <summary>A property that may hold one object or an array, as a list; absent or null gives an empty list.</summary>
    public static IReadOnlyList<object> Items(object? o, string name) => Flatten(Get(o, name));

    public static IReadOnlyList<object> Flatten(object? value)
    {
        if (value is PSObject ps && ps.BaseObject is object[] arr) value = arr;
        if (value == null) return Array.Empty<object>();
        if (value is string) return new[] { value };
        if (value is IEnumerable e) return e.Cast<object>().Where(x => x != null).ToList();
        return new[] { value };
    }

    /// <summary>The text of a MAML description: the Text of each paragraph, joined.</summary>
    public static string Text(object? o, string name) =>
        string.Join("\n", Items(o, name).Select(x => Get(x, "Text")?.ToString() ?? (x is PSObject p && p.BaseObject is string s ? s : "")))
              .Trim();

    public static string Str(object? o, string name) => Get(o, name)?.ToString()?.Trim() ?? "";

    /// <summary>parameters.parameter / examples.example / syntax.syntaxItem and friends.</summary>
    public static IReadOnlyList<object> Nested(object? o, string outer, string inner) => Items(Get(o, outer), inner);
}
