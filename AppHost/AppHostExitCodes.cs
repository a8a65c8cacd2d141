namespace Marketplace.AppHost;

/// <summary>How `dotnet run --project AppHost` ends, besides the orchestrator's own codes.</summary>
public static class AppHostExitCodes
{
    /// <summary>No PostgreSQL could be provided: the message on stderr says which of the three to provide.</summary>
    public const int NoDatabase = 2;

    /// <summary>No blob storage could be provided: the message on stderr says which of the three to provide.</summary>
    public const int NoBlobStorage = 2;

    /// <summary>No Redis could be provided: the message on stderr says which of the three to provide.</summary>
    public const int NoCache = 2;

    /// <summary>An AppHost setting is out of range: the message on stderr names it.</summary>
    public const int InvalidSettings = 2;
}
