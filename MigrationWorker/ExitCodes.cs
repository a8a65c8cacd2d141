namespace Marketplace.MigrationWorker;

/// <summary>The worker's exit codes; a contract with orchestrators and users' scripts (see docs/schema-guard.md).</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int UnexpectedError = 1;
    public const int UsageOrConfiguration = 2;
    public const int DatabaseUnreachable = 3;
    public const int MigrationFailed = 4;
    public const int SchemaDrift = 5;
    public const int MigrationChanged = 6;
    public const int MigrationsPending = 7;
    public const int UnsafeMigration = 8;

    /// <summary>seed-demo: the Api could not be reached, or refused a request (its problem is in the message).</summary>
    public const int ApiFailed = 9;

    /// <summary>Stopped by Ctrl+C or SIGTERM before the work finished (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
