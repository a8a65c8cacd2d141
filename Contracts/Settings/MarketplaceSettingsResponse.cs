namespace Marketplace.Contracts.Settings;

/// <summary>The marketplace's own settings that a client shows (<c>GET /api/marketplace</c>).</summary>
/// <param name="Currency">The ISO 4217 code of the one currency every price is in (setting <c>Marketplace:Currency</c>).</param>
public sealed record MarketplaceSettingsResponse(string Currency);
