using System.Management.Automation;
using System.Text;
using System.Xml.Linq;

namespace WandbAuth.Demo;

/// <summary>
/// Renders objects with the module's own table views (its Format.ps1xml), since the hosted engine has no
/// Format-Table: what the demo prints is what a PowerShell user sees.
/// </summary>
internal sealed class TableView
{
    private readonly Dictionary<string, List<(string Label, string Property)>> _views = new();

    public TableView(string formatFile)
    {
        foreach (var view in XDocument.Load(formatFile).Descendants("View"))
        {
            var type = view.Element("ViewSelectedBy")?.Element("TypeName")?.Value;
            var table = view.Element("TableControl");
            if (type == null || table == null || _views.ContainsKey(type)) continue;
            var labels = table.Descendants("TableColumnHeader").Select(h => h.Element("Label")?.Value).ToList();
            var items = table.Descendants("TableColumnItem").Select(i => i.Element("PropertyName")?.Value ?? i.Element("ScriptBlock")?.Value ?? "").ToList();
            _views[type] = items.Select((p, n) => (labels.ElementAtOrDefault(n) ?? p, p)).ToList();
        }
    }

    public string Render(IReadOnlyList<PSObject> objects)
    {
        if (objects.Count == 0) return "";
        var columns = _views.TryGetValue(objects[0].TypeNames[0], out var v)
            ? v
            : objects[0].Properties.Select(p => (p.Name, p.Name)).ToList();
        var rows = objects.Select(o => columns.Select(c => Cell(o, c.Item2)).ToArray()).ToList();
        var widths = columns.Select((c, i) => Math.Max(c.Item1.Length, rows.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder("\n");
        sb.AppendLine(string.Join(" ", columns.Select((c, i) => c.Item1.PadRight(widths[i]))).TrimEnd());
        sb.AppendLine(string.Join(" ", widths.Select(w => new string('-', w))));
        foreach (var r in rows) sb.AppendLine(string.Join(" ", r.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        return sb.ToString();
    }

    private static string Cell(PSObject o, string property)
    {
        object? value;
        if (o.Properties[property] is { } p) value = p.Value;
        else
        {
            // A ScriptBlock column: evaluate it with $_ bound to the object, as the formatter does.
            var results = ScriptBlock.Create(property).InvokeWithContext(null, new List<PSVariable> { new("_", o) });
            value = results.FirstOrDefault()?.BaseObject;
        }
        return value switch
        {
            null => "",
            DateTime d => d.ToString("yyyy-MM-dd HH:mm"),
            System.Collections.IEnumerable e when value is not string => string.Join(", ", e.Cast<object>()),
            _ => value.ToString() ?? "",
        };
    }
}
