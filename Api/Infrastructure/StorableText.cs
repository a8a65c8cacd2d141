using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Infrastructure;

/// <summary>
/// Text the database can store. PostgreSQL refuses a NUL character in text (22021), and an unpaired UTF-16 surrogate is
/// not text at all (no UTF-8 encodes it). Both are refused where text enters the Api, once for every endpoint and before
/// any of them runs: query-string values, route values and the string values of a JSON body, each as a 400 problem keyed
/// by the query parameter, route parameter or top-level JSON field it came in.
/// </summary>
public static class StorableText
{
    /// <summary>Why <paramref name="value"/> cannot be stored, or null when it can.</summary>
    public static string? ProblemWith(string value)
    {
        var span = value.AsSpan();
        if (span.IndexOf('\0') < 0 && span.IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return null;
        }

        for (var i = 0; i < span.Length; i++)
        {
            if (span[i] == '\0')
            {
                return $"The text contains a NUL character (U+0000) at position {i + 1}, which cannot be stored.";
            }

            if (char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(span[i]))
            {
                return $"The text contains an unpaired UTF-16 surrogate (U+{(int)span[i]:X4}) at position {i + 1}, which is not text.";
            }
        }

        return null;
    }

    public static IApplicationBuilder UseStorableText(this IApplicationBuilder app) => app.Use(async (httpContext, next) =>
    {
        var errors = FindInQueryAndRoute(httpContext.Request);
        if (errors is null && AcceptsJsonBody(httpContext))
        {
            errors = await FindInJsonBodyAsync(httpContext);
        }

        if (errors is not null)
        {
            httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            await httpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = new HttpValidationProblemDetails(errors)
                {
                    Status = StatusCodes.Status400BadRequest,
                    Detail = "A value in the request is not text that can be stored.",
                },
            });
            return;
        }

        await next(httpContext);
    });

    private static Dictionary<string, string[]>? FindInQueryAndRoute(HttpRequest request)
    {
        Dictionary<string, string[]>? errors = null;
        foreach (var (name, values) in request.Query)
        {
            foreach (var value in values)
            {
                if ((ProblemWith(name) ?? (value is null ? null : ProblemWith(value))) is { } problem)
                {
                    (errors ??= new(StringComparer.Ordinal))[Printable(name)] = [problem];
                }
            }
        }

        // ASP.NET Core's path decoder already refuses a %00 (Kestrel answers 400 before routing) and leaves bytes that are
        // not UTF-8 encoded, so no server it ships puts bad text here; a route value is checked all the same, being text.
        foreach (var (name, value) in request.RouteValues)
        {
            if (value is string text && ProblemWith(text) is { } problem)
            {
                (errors ??= new(StringComparer.Ordinal))[name] = [problem];
            }
        }

        return errors;
    }

    // Only an endpoint that reads a JSON body has its body read here; any other body is never looked at.
    private static bool AcceptsJsonBody(HttpContext httpContext) =>
        httpContext.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is not null
        && httpContext.Request.HasJsonContentType()
        && httpContext.Request.ContentLength is not 0;

    /// <summary>
    /// Scans the body's strings (values and property names) with a reader of its own, then rewinds the body for the
    /// endpoint. JSON can carry a NUL or a lone surrogate only as a \u escape, so only escaped strings are decoded. A body
    /// that is not valid JSON is left to the endpoint's binding, which reports it.
    /// </summary>
    private static async Task<Dictionary<string, string[]>?> FindInJsonBodyAsync(HttpContext httpContext)
    {
        var maxBodyBytes = httpContext.RequestServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value.MaxBodyBytes;
        var request = httpContext.Request;
        // In memory up to the body limit, which UseRequestBodyLimit has already set on the server (a larger body throws
        // the server's 413 while it is read here).
        request.EnableBuffering(bufferThreshold: (int)maxBodyBytes);
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, httpContext.RequestAborted);
        request.Body.Position = 0;
        return Scan(body.GetBuffer().AsSpan(0, (int)body.Length));
    }

    private static Dictionary<string, string[]>? Scan(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        string? field = null;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.PropertyName or JsonTokenType.String))
                {
                    continue;
                }

                var isTopLevelName = reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1;
                var problem = reader.ValueIsEscaped ? ProblemWith(reader.GetString()!) : null;
                if (isTopLevelName)
                {
                    field = problem is null ? reader.GetString() : Printable(reader.GetString()!);
                }

                if (problem is not null)
                {
                    return new() { [field ?? "$"] = [problem] };
                }
            }
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\uD800"), or bytes that are not UTF-8, cannot even be decoded.
            return new() { [field ?? "$"] = ["The text is not valid Unicode: it holds an unpaired UTF-16 surrogate or bytes that are not UTF-8."] };
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    // A name is only echoed back; in one that is itself not storable text, each offending character shows as U+FFFD.
    private static string Printable(string name) =>
        ProblemWith(name) is null ? name : Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(name)).Replace('\0', '\uFFFD');
}
