extern alias MarketplaceWeb;

using MarketplaceWeb::Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Marketplace.Tests.Web;

/// <summary>The Api's problems, as a visitor reads them on a form: next to the field they are about, or above the form.</summary>
public sealed class ProblemModelStateTests
{
    private static readonly Dictionary<string, string> ListingFields = new()
    {
        ["title"] = "Input.Title",
        ["price"] = "Input.Price",
        ["categorySlug"] = "Input.CategorySlug",
    };

    [Fact]
    public void Each_field_error_lands_on_the_form_field_that_holds_that_json_field()
    {
        var modelState = new ModelStateDictionary();
        modelState.AddProblem(Problem(400, ("price", "The field price must have at most 2 decimal places."), ("Title", "The Title field is required.")), ListingFields);

        Assert.Equal(["The field price must have at most 2 decimal places."], Messages(modelState, "Input.Price"));
        Assert.Equal(["The Title field is required."], Messages(modelState, "Input.Title"));
        Assert.Empty(Messages(modelState, ""));
    }

    [Fact]
    public void A_binding_error_path_names_its_field()
    {
        var modelState = new ModelStateDictionary();
        modelState.AddProblem(Problem(400, ("$.price", "The value is not valid.")), ListingFields);

        Assert.Equal(["The value is not valid."], Messages(modelState, "Input.Price"));
    }

    [Fact]
    public void A_field_the_form_does_not_have_and_a_problem_without_fields_go_above_the_form()
    {
        var unknown = new ModelStateDictionary();
        unknown.AddProblem(Problem(400, ("cursor", "The cursor is not valid.")), ListingFields);
        Assert.Equal(["The cursor is not valid."], Messages(unknown, ""));

        var conflict = new ModelStateDictionary();
        conflict.AddProblem(new ApiProblem(409, "Conflict.", "The category was removed meanwhile.", new Dictionary<string, string[]>(), null), ListingFields);
        Assert.Equal(["The category was removed meanwhile."], Messages(conflict, ""));
    }

    [Fact]
    public void A_rate_limited_answer_says_how_long_to_wait_above_the_form()
    {
        var modelState = new ModelStateDictionary();
        modelState.AddProblem(new ApiProblem(429, "Too many requests.", null, new Dictionary<string, string[]>(), TimeSpan.FromSeconds(42)), ListingFields);

        Assert.Equal(["Too many attempts. Please wait 42 seconds and try again."], Messages(modelState, ""));
    }

    [Fact]
    public void The_forms_own_finding_about_a_field_is_kept_instead_of_the_apis()
    {
        var modelState = new ModelStateDictionary();
        modelState.AddModelError("Input.Price", "Enter a price as a number, such as 24.50.");
        modelState.AddProblem(Problem(400, ("price", "The price field is required."), ("title", "The Title field is required.")), ListingFields);

        Assert.Equal(["Enter a price as a number, such as 24.50."], Messages(modelState, "Input.Price"));
        Assert.Equal(["The Title field is required."], Messages(modelState, "Input.Title"));
    }

    private static ApiProblem Problem(int status, params (string Field, string Message)[] errors) =>
        new(status, "One or more validation errors occurred.", null, errors.ToDictionary(e => e.Field, e => new[] { e.Message }), null);

    private static string[] Messages(ModelStateDictionary modelState, string key) =>
        modelState.TryGetValue(key, out var entry) ? entry.Errors.Select(e => e.ErrorMessage).ToArray() : [];
}
