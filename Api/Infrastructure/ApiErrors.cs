using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Api.Infrastructure;

/// <summary>Every error the Api answers is an RFC 9457 problem, with field errors keyed by the request's JSON names.</summary>
public static class ApiErrors
{
    public static IHostApplicationBuilder AddApiErrors(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (context.ProblemDetails is HttpValidationProblemDetails validation)
            {
                UseJsonFieldNames(validation);
            }
        });
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();

        // Binding failures (malformed JSON, a wrong type, a missing body) throw, so ApiExceptionHandler can name the field.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    /// <summary>
    /// Declares the problems any endpoint of the group can answer before or beside its own code: a 400 for a query-string
    /// or route value that is not storable text (<see cref="StorableText"/>), and a 503 when the database cannot serve
    /// (every endpoint reads it, the categories through their cache).
    /// </summary>
    public static TBuilder ProducesEdgeProblems<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>A 404 that says what was not found, and nothing about whether it exists for someone else.</summary>
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(title: "Not found.", detail: detail, statusCode: StatusCodes.Status404NotFound);

    /// <summary>A validation problem for one field, keyed by its JSON name.</summary>
    public static ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    // .NET 10's built-in validation reports CLR member names ("Price"); clients know the JSON names ("price").
    private static void UseJsonFieldNames(HttpValidationProblemDetails validation)
    {
        if (validation.Errors.Keys.All(key => key == JsonFieldName(key)))
        {
            return;
        }

        var renamed = validation.Errors
            .GroupBy(error => JsonFieldName(error.Key), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.SelectMany(error => error.Value).ToArray(), StringComparer.Ordinal);
        validation.Errors.Clear();
        foreach (var (key, messages) in renamed)
        {
            validation.Errors[key] = messages;
        }
    }

    private static string JsonFieldName(string key) =>
        string.Join('.', key.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
