namespace WandbAuth.Emulator;

/// <summary>
/// Every request received, in the order they were answered. An entry is written before the response is sent,
/// so a client that has its answer can rely on the entry being here.
/// </summary>
public sealed class RequestLog
{
    private readonly Lock _gate = new();
    private readonly List<LoggedRequest> _entries = [];

    public IReadOnlyList<LoggedRequest> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>How many TCP connections the logged requests came over.</summary>
    public int DistinctConnections
    {
        get
        {
            lock (_gate)
            {
                return _entries.Select(e => e.ConnectionId).Distinct().Count();
            }
        }
    }

    public IReadOnlyList<LoggedRequest> ForOperation(string operationName)
    {
        lock (_gate)
        {
            return [.. _entries.Where(e => e.OperationName == operationName)];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    internal void Add(LoggedRequest entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }
}
