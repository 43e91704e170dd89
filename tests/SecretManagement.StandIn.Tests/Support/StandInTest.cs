namespace SecretManagement.StandIn.Tests.Support;

/// <summary>
/// Base for tests: a clean StandInVaults and a fresh runspace per test (xunit makes one instance per test).
/// </summary>
public abstract class StandInTest : IDisposable
{
    protected StandInTest()
    {
        StandInVaults.Reset();
        Shell = new HostedPowerShell();
    }

    protected HostedPowerShell Shell { get; }

    public virtual void Dispose()
    {
        Shell.Dispose();
        StandInVaults.Reset();
    }

    protected static System.Security.SecureString Secure(string text)
    {
        var secure = new System.Security.SecureString();
        foreach (var c in text)
        {
            secure.AppendChar(c);
        }

        return secure;
    }
}
