namespace Marketplace.MigrationWorker;

/// <summary>What a command that promised JSON on stdout writes there when it cannot run; a contract with users' scripts.</summary>
public sealed record WorkerError(int ExitCode, string Error);
