using Microsoft.AspNetCore.Http.Metadata;

namespace Marketplace.Api.Infrastructure;

/// <summary>Endpoint metadata: this endpoint's own body limit, in place of RequestLimits:MaxBodyBytes (an upload's is larger).</summary>
public sealed record RequestBodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
