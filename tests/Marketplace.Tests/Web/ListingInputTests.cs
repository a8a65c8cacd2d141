extern alias MarketplaceWeb;

using MarketplaceWeb::Marketplace.Web.Pages.Listings;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Marketplace.Tests.Web;

/// <summary>The Sell and Edit forms' price: what is sent to the Api as typed, and what the form itself must refuse.</summary>
public sealed class ListingInputTests
{
    [Theory]
    [InlineData("24.50", "24.50")]
    [InlineData(" 24,5 ", "24.5")]
    [InlineData("7", "7")]
    public void A_price_in_a_usual_notation_is_sent_as_its_amount(string typed, string amount)
    {
        var modelState = new ModelStateDictionary();
        var request = Input(typed).ToRequest(modelState, status: null);

        Assert.True(modelState.IsValid);
        Assert.Equal(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), request.Price);
    }

    [Theory]
    [InlineData("abc", "Enter a price as a number, such as 24.50.")]
    [InlineData("19.999", "A price has at most two decimal places, such as 24.50.")]
    public void A_price_the_api_would_misread_is_refused_on_the_form_and_never_sent(string typed, string message)
    {
        var modelState = new ModelStateDictionary();
        var request = Input(typed).ToRequest(modelState, status: null);

        Assert.Null(request.Price);
        Assert.Equal([message], modelState["Input.Price"]!.Errors.Select(e => e.ErrorMessage));
        Assert.Equal("Brass desk lamp", request.Title);
    }

    private static ListingInput Input(string price) =>
        new() { Title = "Brass desk lamp", Description = "Works.", Price = price, CategorySlug = "furniture" };
}
