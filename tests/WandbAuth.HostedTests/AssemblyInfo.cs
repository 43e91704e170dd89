// Process environment variables, the stand-in vaults and the module's static state are process-wide:
// hosted tests run one at a time.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
