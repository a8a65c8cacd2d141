using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Api.Infrastructure;

/// <summary>
/// Turns the exceptions a client can cause into the problem that tells the truth: a request ASP.NET Core could not bind
/// (malformed JSON, a value of the wrong type, a missing body) and a database that is unreachable. Anything else stays a
/// 500 from the default handler. (An unsupported media type and a body over Kestrel's limit never throw this far: the
/// endpoint sets 415 or 413 itself, and UseStatusCodePages gives that a problem body.)
/// </summary>
public sealed partial class ApiExceptionHandler(
    IProblemDetailsService problemDetails,
    ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException badRequest => Describe(badRequest),
            _ when DatabaseErrors.IsUnavailable(exception) => DatabaseUnavailable(httpContext),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        LogRejected(logger, problem.Status ?? 0, exception.Message);
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails Describe(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            var where = json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})" : "";
            var detail = $"The request body is not valid JSON, or a value in it has the wrong type{where}.";
            return FieldOf(json.Path) is { } field
                ? Validation(field, "The value is not valid for this field.", detail)
                : new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "Malformed request body.", Detail = detail };
        }

        if (BindingFailure().Match(exception.Message) is { Success: true } binding)
        {
            var field = binding.Groups["name"].Value;
            return Validation(field, $"'{binding.Groups["value"].Value}' is not a valid value for {field}.", null);
        }

        return MissingBody().IsMatch(exception.Message)
            ? new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Missing request body.",
                Detail = "This endpoint needs a JSON request body.",
            }
            : new ProblemDetails { Status = exception.StatusCode, Title = "Bad request." };
    }

    private static HttpValidationProblemDetails Validation(string field, string message, string? detail) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Detail = detail,
        };

    /// <summary>The top-level property a JSON path points into: <c>$.price</c> and <c>$['price']</c> are both "price".</summary>
    private static string? FieldOf(string? path)
    {
        var match = path is null ? null : JsonPathField().Match(path);
        return match is { Success: true } ? match.Groups["name"].Value : null;
    }

    private static ProblemDetails DatabaseUnavailable(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = "5";
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The database is unavailable.",
            Detail = "Try again in a few seconds.",
        };
    }

    // ASP.NET Core's message for a route or query value it cannot convert: Failed to bind parameter "int? limit" from "abc".
    [GeneratedRegex("""^Failed to bind parameter "[^"]* (?<name>[A-Za-z0-9_]+)" from "(?<value>.*)"\.$""")]
    private static partial Regex BindingFailure();

    // ...and for a required body that is absent, explicit or inferred.
    [GeneratedRegex("was not provided from body|no body was provided")]
    private static partial Regex MissingBody();

    [GeneratedRegex("""^\$(?:\.(?<name>[^.\[]+)|\['(?<name>[^']+)'\])""")]
    private static partial Regex JsonPathField();

    [LoggerMessage(Level = LogLevel.Information, Message = "Request rejected with {StatusCode}: {Reason}")]
    private static partial void LogRejected(ILogger logger, int statusCode, string reason);
}
