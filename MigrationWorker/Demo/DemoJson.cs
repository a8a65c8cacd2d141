using System.Text.Json;
using System.Text.Json.Serialization;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Listings;

namespace Marketplace.MigrationWorker.Demo;

/// <summary>The Api's requests and answers seed-demo exchanges, serialized as the Api reads and writes them, without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(AccessTokenResponse))]
[JsonSerializable(typeof(ListingRequest))]
[JsonSerializable(typeof(ListingResponse))]
[JsonSerializable(typeof(ListingImageList))]
internal sealed partial class DemoJson : JsonSerializerContext;
