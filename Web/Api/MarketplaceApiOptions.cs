using System.ComponentModel.DataAnnotations;

namespace Marketplace.Web.Api;

/// <summary>Settings under <c>MarketplaceApi</c>: where the Api is (a service-discovery name under Aspire).</summary>
public sealed class MarketplaceApiOptions
{
    public const string SectionName = "MarketplaceApi";

    [Required(ErrorMessage = "MarketplaceApi:BaseAddress is required (under Aspire: https+http://api).")]
    public Uri? BaseAddress { get; set; }
}
