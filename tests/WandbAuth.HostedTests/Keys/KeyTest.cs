using System.Management.Automation;
using System.Net;
using System.Security;
using WandbAuth.HostedTests.Harness;

namespace WandbAuth.HostedTests.Keys;

/// <summary>Helpers for the key cmdlets' tests: more users and keys, connecting as any of them, reading ApiKey objects.</summary>
public abstract class KeyTest : HostedTest
{
    /// <summary>Adds a user (an organization admin when asked) and returns a key issued to it.</summary>
    protected string AddUserWithKey(string username, bool admin = false, string keyName = "main")
    {
        Emulator.State.AddUser(username, $"{username}@example.com", admin: admin);
        return Emulator.State.IssueKey(username, keyName);
    }

    /// <summary>Connects as the holder of <paramref name="key"/>, keeping the connection in $<paramref name="variable"/>.</summary>
    protected PsResult ConnectWith(string key, string variable)
    {
        Ps.SetVariable(variable + "Secure", Secure(key));
        var result = Ps.Run($"${variable} = Connect-Wandb -ApiKey ${variable}Secure -BaseUrl $BaseUrl -Verify; ${variable}");
        Assert.Empty(result.AllErrors);
        return result;
    }

    /// <summary>The key ID the emulator lists for a secret.</summary>
    protected string KeyIdOf(string secret) => Emulator.State.KeyIdOf(secret)!;

    protected IReadOnlyList<string> LiveKeyNames(string user) => Emulator.State.Keys(user).Select(k => k.Description).OrderBy(n => n).ToList();

    protected static object? Prop(PSObject o, string name) => o.Properties[name]?.Value;

    protected static string Str(PSObject o, string name) => Prop(o, name)?.ToString() ?? "";

    protected static string Plain(SecureString s) => new NetworkCredential("", s).Password;

    protected static IReadOnlyList<string> Column(PsResult r, string name) => r.Output.Select(o => Str(o, name)).ToList();
}
