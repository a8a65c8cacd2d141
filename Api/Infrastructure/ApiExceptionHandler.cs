using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.Api.Health;
using Marketplace.SchemaGuard;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Infrastructure;

/// <summary>
/// Turns the exceptions a client can cause into the problem that tells the truth: a request ASP.NET Core could not bind
/// (malformed JSON, a value of the wrong type, a missing body), a database that is unreachable, and a database that lacks
/// what this build expects (behind or drifted: 503, and readiness re-checks at once). Anything else stays a 500 from the
/// default handler. (An unsupported media type and a body over Kestrel's limit never throw this far: the
/// endpoint sets 415 or 413 itself, and UseStatusCodePages gives that a problem body.)
/// </summary>
public sealed partial class ApiExceptionHandler(
    IProblemDetailsService problemDetails,
    SchemaReadinessMonitor schemaReadiness,
    IOptions<HealthOptions> healthOptions,
    ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>The problem type of a request the database cannot serve because it lacks what this build expects.</summary>
    public const string SchemaNotReadyType = "urn:marketplace:problem:database-schema-not-ready";

    /// <summary>How long a datatype mismatch waits for the re-check that tells a retyped column from a bug in our SQL.</summary>
    private static readonly TimeSpan DatatypeRecheckWait = TimeSpan.FromSeconds(5);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException badRequest => Describe(badRequest),
            _ when DatabaseErrors.IsUnavailable(exception) => DatabaseUnavailable(httpContext),
            _ when IsImageStoreFailure(exception) => ImageStoreUnavailable(httpContext),
            _ when SchemaMismatch.Find(exception) is not null || IsReadTypeMismatch(exception) || SchemaMismatch.IsTypeNotLoaded(exception) =>
                await SchemaNotReadyAsync(httpContext, exception, cancellationToken),
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

    /// <summary>The blob store refused or did not answer (after the Azure SDK's own retries): nothing was written to the database.</summary>
    private static bool IsImageStoreFailure(Exception exception) => exception switch
    {
        Azure.RequestFailedException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsImageStoreFailure),
        _ => false,
    };

    private static ProblemDetails ImageStoreUnavailable(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = "5";
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The image store is unavailable.",
            Detail = "Try again in a few seconds.",
        };
    }

    /// <summary>
    /// An undefined table, column, type or function is the schema this build expects missing: 503 at once (so is a type
    /// Npgsql has not loaded, which the re-check loads once the schema is current). A datatype mismatch may be a retyped
    /// column or a bug in our SQL, and a permission denied a table out of the Api's role's reach (its rights are rows
    /// only) or a bug that tried more than rows; the re-check each triggers tells which (a bug stays a 500).
    /// </summary>
    private async Task<ProblemDetails?> SchemaNotReadyAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (SchemaMismatch.Find(exception) is { } error && SchemaMismatch.IsMissingObject(error) || SchemaMismatch.IsTypeNotLoaded(exception))
        {
            _ = schemaReadiness.ReportSchemaError(exception);
        }
        else if (SchemaMismatch.Find(exception) is { } other && !SchemaMismatch.IsDatatypeMismatch(other)
                 && other.SqlState != Npgsql.PostgresErrorCodes.InsufficientPrivilege
                 || await IsSchemaReadyAfterAsync(exception, cancellationToken))
        {
            return null;
        }

        var retryAfter = Math.Max(1, (int)Math.Ceiling(healthOptions.Value.SchemaCheckInterval.TotalSeconds));
        httpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Type = SchemaNotReadyType,
            Title = "The database is not ready for this version of the service.",
            Detail = "The database does not yet have the schema this version expects, or not all of it is open to this service (a migration is " +
                     "pending, the schema has drifted, or a table lacks the service's rights). " +
                     "Try again later.",
        };
    }

    private async Task<bool> IsSchemaReadyAfterAsync(Exception error, CancellationToken cancellationToken)
    {
        try
        {
            return (await schemaReadiness.ReportSchemaError(error).WaitAsync(DatatypeRecheckWait, cancellationToken)).IsReady;
        }
        catch (TimeoutException)
        {
            // Unknown yet: the database is slow to answer, which is no reason to blame the client or call it a bug.
            return false;
        }
    }

    /// <summary>A value read back could not be converted to its property's type: a retyped column, or a bug; the re-check tells.</summary>
    private static bool IsReadTypeMismatch(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is InvalidCastException)
            {
                return true;
            }
        }

        return false;
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
