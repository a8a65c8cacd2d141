namespace Marketplace.Api.Infrastructure;

/// <summary>One page of a keyset-paged list, in the list's order, and whether pages come before and after it (<see cref="KeysetPaging"/>).</summary>
public sealed record KeysetPage<T>(IReadOnlyList<T> Items, bool HasBefore, bool HasAfter);
