namespace WandbAuth.Emulator;

/// <summary>A first-in first-out queue of faults; each entry is used up by one matching request.</summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<(Fault Fault, string? OperationName)> _queue = [];

    /// <param name="operationName">Only requests whose operationName equals this (ordinal); null matches any /graphql request.</param>
    /// <param name="times">How many consecutive matching requests get this fault.</param>
    public void Enqueue(Fault fault, string? operationName = null, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        lock (_gate)
        {
            _queue.AddRange(Enumerable.Repeat((fault, operationName), times));
        }
    }

    /// <summary>Faults not yet consumed.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _queue.Clear();
        }
    }

    /// <summary>Removes and returns the oldest fault that applies to this operation.</summary>
    internal Fault? TakeFor(string? operationName)
    {
        lock (_gate)
        {
            var index = _queue.FindIndex(e => e.OperationName is null || e.OperationName == operationName);
            if (index < 0)
            {
                return null;
            }

            var fault = _queue[index].Fault;
            _queue.RemoveAt(index);
            return fault;
        }
    }
}
