namespace Marketplace.SchemaGuard.MigrationMarks;

/// <summary>
/// Runs this migration without the lock timeout the worker otherwise sets for each migration, so its statements wait for
/// their locks as long as it takes. While a statement that needs a lock on a live table waits, every later query on
/// that table queues behind it; lint reports the mark (<c>without-lock-timeout</c>) with its reason.
/// </summary>
/// <example><c>[WithoutLockTimeout(Reason = "Only a concurrent index build, which must wait for the nightly report's transaction and blocks no one while it does.")]</c></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class WithoutLockTimeoutAttribute : Attribute
{
    /// <summary>Why this migration must wait for its locks without a limit, in words the next reader can check (required, not blank).</summary>
    public required string Reason { get; init; }
}
