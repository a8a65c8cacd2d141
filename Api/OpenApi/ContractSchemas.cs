using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Marketplace.Api.Infrastructure;
using Marketplace.Api.Listings;
using Marketplace.Contracts.Listings;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Marketplace.Api.OpenApi;

/// <summary>
/// What the generated schemas cannot know on their own: a price is a decimal string with two places in the marketplace's
/// one currency (see <see cref="PriceJsonConverter"/>), any other decimal is a decimal rather than a double, and an
/// email is an email.
/// </summary>
internal sealed class ContractSchemas(IOptions<MarketplaceOptions> marketplace) : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var property = context.JsonPropertyInfo;
        var attributes = property?.AttributeProvider;
        var isPrice = attributes?.GetCustomAttributes(typeof(JsonConverterAttribute), inherit: true)
            .OfType<JsonConverterAttribute>().Any(converter => converter.ConverterType == typeof(PriceJsonConverter)) == true;
        if (isPrice)
        {
            DescribePrice(schema, isInput: attributes!.IsDefined(typeof(PriceRangeAttribute), inherit: true),
                isOptional: Nullable.GetUnderlyingType(property!.PropertyType) is not null && !attributes.IsDefined(typeof(RequiredAttribute), inherit: true));
        }
        else if ((Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type) == typeof(decimal))
        {
            schema.Format = "decimal";
        }

        if (property?.Name == "currency" && property.DeclaringType == typeof(ListingResponse))
        {
            schema.Pattern = "^[A-Z]{3}$";
            schema.Description = $"The ISO 4217 code of the marketplace's one currency (setting Marketplace:Currency; here {marketplace.Value.Currency}), which every price is in.";
        }

        if (attributes?.GetCustomAttributes(typeof(DataTypeAttribute), inherit: true).OfType<DataTypeAttribute>()
                .Any(dataType => dataType.DataType == DataType.EmailAddress) == true)
        {
            schema.Format = "email";
        }

        return Task.CompletedTask;
    }

    // A request's price (the validated one) may also come as a JSON number; an answer's is always the string. An optional
    // price (a saved search's bounds) may be null too; a required one is nullable in C# only to reach validation.
    private void DescribePrice(OpenApiSchema schema, bool isInput, bool isOptional)
    {
        schema.Format = "decimal";
        schema.Type = (isInput ? JsonSchemaType.String | JsonSchemaType.Number : JsonSchemaType.String) | (isOptional ? JsonSchemaType.Null : 0);
        schema.Pattern = isInput ? PriceJsonConverter.RequestPattern : PriceJsonConverter.ResponsePattern;
        schema.Description = isInput
            ? $"The price in the marketplace's currency ({marketplace.Value.Currency}), at most two decimal places: a decimal string such as \"24.50\", or a JSON number."
            : $"The price, a decimal string with exactly two places, in the listing's currency (always {marketplace.Value.Currency}, the marketplace's one currency).";
    }
}
