using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Marketplace.Api.OpenApi;

/// <summary>Describes the <c>Retry-After</c> header that every 429 and 503 answer carries, and what a 503 means.</summary>
internal sealed class RetryAfterResponses : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (status is not ("429" or "503") || response is not OpenApiResponse concrete)
            {
                continue;
            }

            if (status == "503")
            {
                concrete.Description =
                    "The database is unreachable, or does not have the schema this build expects. Try again after Retry-After seconds.";
            }

            concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
            concrete.Headers["Retry-After"] = new OpenApiHeader
            {
                Description = "How many seconds to wait before trying again.",
                Required = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
            };
        }

        return Task.CompletedTask;
    }
}
