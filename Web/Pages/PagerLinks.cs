namespace Marketplace.Web.Pages;

/// <summary>The addresses of the pages before and after this one of a paged list; null where there is none.</summary>
public sealed record PagerLinks(string? PreviousUrl, string? NextUrl);
