namespace WandbAuth.Emulator.Tests.Support;

/// <summary>
/// A running emulator with a small organization: admin "root", users "alice" and "bob", team "ml" where
/// alice is team admin and bob a plain member. Each holds one key.
/// </summary>
public sealed class Seeded : IAsyncDisposable
{
    private Seeded(WandbEmulator emulator)
    {
        Emulator = emulator;
        Client = new ApiClient(emulator);
        var state = emulator.State;
        state.AddUser("root", "root@example.com", admin: true);
        state.AddUser("alice", "Alice@Example.com", entity: "ml");
        state.AddUser("bob", "bob@example.com");
        state.AddTeam("ml");
        state.AddMember("ml", "alice", teamAdmin: true);
        state.AddMember("ml", "bob");
        RootKey = state.IssueKey("root", "admin laptop");
        AliceKey = state.IssueKey("alice", "alice laptop");
        BobKey = state.IssueKey("bob", "bob laptop");
    }

    public WandbEmulator Emulator { get; }

    public EmulatorState State => Emulator.State;

    public ApiClient Client { get; }

    public string RootKey { get; }

    public string AliceKey { get; }

    public string BobKey { get; }

    public static async Task<Seeded> StartAsync(EmulatorOptions? options = null) =>
        new(await WandbEmulator.StartAsync(options));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }
}
