namespace Marketplace.Data.Entities;

/// <summary>A report an admin closes, about a listing or a conversation: when, by whom, and the admin's note.</summary>
public interface IResolvableReport
{
    /// <summary>When an admin resolved it; null while it is open.</summary>
    DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>The admin who resolved it.</summary>
    Guid? ResolvedById { get; set; }

    string? ResolutionNote { get; set; }
}
