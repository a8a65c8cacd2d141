extern alias MarketplaceWeb;

using MarketplaceWeb::Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Marketplace.Tests.Web;

/// <summary>
/// The Api's problems, as a visitor reads them on a form: in the Web's own words (never the Api's title or detail),
/// next to the field they are about, or above the form.
/// </summary>
public sealed class ProblemModelStateTests
{
    private static readonly Dictionary<string, string> ListingFields = new()
    {
        ["title"] = "Input.Title",
        ["price"] = "Input.Price",
        ["categorySlug"] = "Input.CategorySlug",
        ["cursor"] = ProblemModelState.FormKey,
    };

    [Fact]
    public void Each_field_error_lands_on_the_form_field_that_holds_that_json_field_in_the_webs_words()
    {
        var modelState = new ModelStateDictionary();
        modelState.AddProblem(Problem(400, ("price", "The field price must have at most 2 decimal places."), ("Title", "The Title field is required.")),
            ListingFields, FormPurpose.Sell);

        Assert.Equal([PersonMessages.ForField("price")], Messages(modelState, "Input.Price"));
        Assert.Equal([PersonMessages.ForField("title")], Messages(modelState, "Input.Title"));
        Assert.DoesNotContain("The Title field is required.", Messages(modelState, "Input.Title"));
        Assert.Empty(Messages(modelState, ""));
    }

    [Fact]
    public void A_binding_error_path_names_its_field()
    {
        var modelState = new ModelStateDictionary();
        modelState.AddProblem(Problem(400, ("$.price", "The value is not valid.")), ListingFields, FormPurpose.Sell);

        Assert.Equal([PersonMessages.ForField("price")], Messages(modelState, "Input.Price"));
    }

    [Fact]
    public void A_field_the_form_has_no_input_for_and_a_problem_without_fields_go_above_the_form_in_words()
    {
        var cursor = new ModelStateDictionary();
        cursor.AddProblem(Problem(400, ("cursor", "The cursor is not one this search issued; start again without a cursor.")), ListingFields, FormPurpose.Search);
        Assert.Equal(["The results have changed since this page was made. Start again from the first page."], Messages(cursor, ""));

        var conflict = new ModelStateDictionary();
        conflict.AddProblem(new ApiProblem(409, "Category removed.", "The category was removed while the listing was being saved; choose another.",
            new Dictionary<string, string[]>(), null), ListingFields, FormPurpose.Sell);
        Assert.Equal(["That category was removed a moment ago. Choose another one."], Messages(conflict, ""));
    }

    [Fact]
    public void A_problem_type_says_what_the_state_of_the_listing_is_whatever_the_page()
    {
        var modelState = new ModelStateDictionary();
        modelState.AddProblem(new ApiProblem(409, "Listing archived.", "Listing 42 is archived and can no longer be changed; relist it first.",
            new Dictionary<string, string[]>(), null, "urn:marketplace:problem:listing-archived"), ListingFields, FormPurpose.EditListing);

        Assert.Equal(["This listing is archived, so it cannot be changed. Relist it first."], Messages(modelState, ""));
    }

    [Fact]
    public void A_rate_limited_answer_says_how_long_to_wait_above_the_form()
    {
        var modelState = new ModelStateDictionary();
        modelState.AddProblem(new ApiProblem(429, "Too many requests.", null, new Dictionary<string, string[]>(), TimeSpan.FromSeconds(42)),
            ListingFields, FormPurpose.Sell);

        Assert.Equal(["Too many attempts. Please wait 42 seconds and try again."], Messages(modelState, ""));
    }

    [Fact]
    public void The_forms_own_finding_about_a_field_is_kept_instead_of_the_apis()
    {
        var modelState = new ModelStateDictionary();
        modelState.AddModelError("Input.Price", "Enter a price, such as 24.50 or 24,50; 0 to give it away.");
        modelState.AddProblem(Problem(400, ("price", "The price field is required."), ("title", "The Title field is required.")), ListingFields, FormPurpose.Sell);

        Assert.Equal(["Enter a price, such as 24.50 or 24,50; 0 to give it away."], Messages(modelState, "Input.Price"));
        Assert.Equal([PersonMessages.ForField("title")], Messages(modelState, "Input.Title"));
    }

    private static ApiProblem Problem(int status, params (string Field, string Message)[] errors) =>
        new(status, "One or more validation errors occurred.", null, errors.ToDictionary(e => e.Field, e => new[] { e.Message }), null);

    private static string[] Messages(ModelStateDictionary modelState, string key) =>
        modelState.TryGetValue(key, out var entry) ? entry.Errors.Select(e => e.ErrorMessage).ToArray() : [];
}
