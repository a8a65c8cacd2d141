namespace Marketplace.Web.Api;

/// <summary>The value of an Api call that answers 202 or 204 with nothing to read.</summary>
public sealed class ApiNoContent
{
    public static readonly ApiNoContent Value = new();

    private ApiNoContent()
    {
    }
}
