using WandbAuth.Benchmarks;
using WandbAuth.Benchmarks.Scenarios;

// A scenario's helper process (the key-listing memory probe) runs this same program with a verb of its own.
if (args is [KeyMemoryProbe.Verb]) return KeyMemoryProbe.Run();

// Each scenario prints its figures; docs/benchmarks.md records them with the machine they ran on.
var scenarios = new Dictionary<string, Func<Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["import"] = ImportScenario.RunAsync,
    ["keys"] = KeyListingScenario.RunAsync,
    ["rotation"] = RotationScenario.RunAsync,
};
var names = args.Length == 0 ? scenarios.Keys.ToArray() : args;
foreach (var name in names)
{
    if (!scenarios.TryGetValue(name, out var run)) { Console.Error.WriteLine($"Unknown scenario '{name}'. Known: {string.Join(", ", scenarios.Keys)}"); return 2; }
    Console.WriteLine($"## {name}");
    await run();
}
return 0;
