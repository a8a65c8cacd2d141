namespace Marketplace.Web.Pages.Admin;

/// <summary><c>/admin</c>: where an admin's day starts, a door to each part of the admin area.</summary>
public sealed class IndexModel : AdminPageModel
{
    public void OnGet()
    {
    }
}
