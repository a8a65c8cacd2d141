// Each test class starts the whole AppHost (orchestrator, PostgreSQL, worker, Api); on a 2-core machine several at
// once only slow each other down past their timeouts, so the classes run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
