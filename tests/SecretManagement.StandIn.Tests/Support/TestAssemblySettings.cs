// StandInVaults is process-wide state shared by every runspace, so test classes must not run at the same
// time. The concurrency tests start their own threads inside a single test.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
