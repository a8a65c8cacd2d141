extern alias MarketplaceWeb;

using Marketplace.Contracts.Listings;
using MarketplaceWeb::Marketplace.Web.Pages.Listings;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Marketplace.Tests.Web;

/// <summary>The Sell and Edit forms: every field's problem found in one round, and what is sent to the Api.</summary>
public sealed class ListingInputTests
{
    [Theory]
    [InlineData("24.50", "24.50")]
    [InlineData(" 24,5 ", "24.5")]
    [InlineData("7", "7")]
    [InlineData("0", "0")]
    public void A_price_in_a_usual_notation_is_sent_as_its_amount(string typed, string amount)
    {
        var modelState = new ModelStateDictionary();
        var input = Input(typed);

        Assert.True(input.Check(modelState));
        Assert.Equal(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), input.ToRequest(status: null).Price);
    }

    [Fact]
    public void An_empty_form_is_refused_field_by_field_all_at_once_and_nothing_is_to_be_sent()
    {
        var modelState = new ModelStateDictionary();

        Assert.False(new ListingInput().Check(modelState));

        Assert.Equal(["Input.CategorySlug", "Input.Condition", "Input.Description", "Input.Price", "Input.Title"], modelState.Keys.Order(StringComparer.Ordinal));
        Assert.All(modelState.Values, entry => Assert.Single(entry.Errors));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("19.999")]
    [InlineData("1,234")]
    [InlineData("abc")]
    public void A_price_the_rule_does_not_take_is_refused_beside_the_other_fields_problems(string typed)
    {
        var modelState = new ModelStateDictionary();

        var input = Input(typed);
        input.Title = " ";

        Assert.False(input.Check(modelState));

        Assert.Contains("24,50", Assert.Single(modelState["Input.Price"]!.Errors).ErrorMessage, StringComparison.Ordinal);
        Assert.Single(modelState["Input.Title"]!.Errors);
    }

    [Theory]
    [InlineData("LikeNew", ItemCondition.LikeNew)]
    [InlineData("forparts", ItemCondition.ForParts)]
    public void The_condition_chosen_is_sent_by_its_name(string chosen, ItemCondition sent)
    {
        var input = Input("10");
        input.Condition = chosen;

        Assert.True(input.Check(new ModelStateDictionary()));
        Assert.Equal(sent, input.ToRequest(status: null).Condition);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Mint")]
    [InlineData("2")]
    public void No_condition_or_one_not_offered_is_refused_next_to_the_choices(string? chosen)
    {
        var modelState = new ModelStateDictionary();
        var input = Input("10");
        input.Condition = chosen;

        Assert.False(input.Check(modelState));
        Assert.Equal(["Input.Condition"], modelState.Keys);
    }

    private static ListingInput Input(string price) =>
        new() { Title = "Brass desk lamp", Description = "Works.", Price = price, CategorySlug = "furniture", Condition = "Good" };
}
