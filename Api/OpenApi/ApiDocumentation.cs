using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Marketplace.Api.OpenApi;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c>, built from the endpoints' own metadata, and the Scalar UI in Development.</summary>
public static class ApiDocumentation
{
    public static IHostApplicationBuilder AddApiDocumentation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Marketplace API";
                document.Info.Description =
                    "Categories, accounts and listings. Every error is an RFC 9457 problem; field errors are keyed by the request's JSON names.";
                // The server is the address the document was asked at; paths start with '/', so the base ends without one.
                foreach (var server in document.Servers ?? [])
                {
                    server.Url = server.Url?.TrimEnd('/');
                }

                // The contracts' free-form JSON is an audit or activity row's details, always an object; described as any
                // JSON, a null details (oneOf null or this) would match both, which oneOf forbids.
                if (document.Components?.Schemas is { } schemas && schemas.TryGetValue(nameof(System.Text.Json.JsonElement), out var found)
                    && found is OpenApiSchema details)
                {
                    details.Type = JsonSchemaType.Object;
                }

                foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
                {
                    tag.Description ??= TagDescriptions.GetValueOrDefault(tag.Name ?? "");
                }

                return Task.CompletedTask;
            });
            options.AddSchemaTransformer(RequiredMeansNotNull);
            options.AddSchemaTransformer(EnumsListOnlyTheirNames);
            options.AddSchemaTransformer<ContractSchemas>();
            options.AddDocumentTransformer<BearerSecurityScheme>();
            options.AddOperationTransformer<BearerSecurityScheme>();
            options.AddOperationTransformer<RetryAfterResponses>();
        });
        return builder;
    }

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Categories"] = "The category tree listings are filed under.",
        ["Accounts"] = "Registering, and exchanging an email and password for a bearer token.",
        ["Listings"] = "Searching listings, and a seller's own listings.",
        ["Sellers"] = "Sellers' public profiles.",
        ["Admin"] = "For admins: managing categories, moderating listings and users, and the audit log every change writes.",
    };

    // A [Required] request property is nullable in C# only so that a missing value reaches validation (400) instead of
    // defaulting to 0; in JSON, null is as invalid as missing, so the schema should not offer it.
    private static Task RequiredMeansNotNull(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true
                && schema.Properties is { } properties
                && properties.TryGetValue(property.Name, out var found)
                && found is OpenApiSchema { Type: { } type } propertySchema)
            {
                propertySchema.Type = type & ~JsonSchemaType.Null;
            }
        }

        return Task.CompletedTask;
    }

    // An enum first met as a nullable property (ChangeRoleRequest.role) gets null among its values, in the one shared
    // component every use refers to; where null is allowed, the property says so itself (oneOf with "null").
    private static Task EnumsListOnlyTheirNames(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Enum is { Count: > 0 } values && values.Any(value => value is null || value.GetValueKind() == System.Text.Json.JsonValueKind.Null))
        {
            schema.Enum = values.Where(value => value is not null && value.GetValueKind() != System.Text.Json.JsonValueKind.Null).ToList();
        }

        return Task.CompletedTask;
    }

    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference();
        }

        return app;
    }
}

/// <summary>Declares the bearer scheme once, requires it on exactly the operations that require authorization, and says the others need none.</summary>
internal sealed class BearerSecurityScheme : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string Name = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Name] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "The accessToken from POST /api/auth/login.",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any())
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(Name, context.Document)] = [],
            });
        }
        else
        {
            // An empty list says "no credentials needed"; leaving it out says nothing.
            operation.Security = [];
        }

        return Task.CompletedTask;
    }
}
