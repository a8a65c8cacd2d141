namespace Marketplace.Api.Infrastructure;

/// <summary>Where a newest-first page ended: its last row's sort keys.</summary>
public sealed record NewestFirstPosition(DateTimeOffset CreatedAt, long Id);
