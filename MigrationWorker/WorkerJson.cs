using System.Text.Json;
using System.Text.Json.Serialization;
using Marketplace.MigrationWorker.Commands;

namespace Marketplace.MigrationWorker;

/// <summary>The worker's JSON contracts, serialized without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StatusReport))]
[JsonSerializable(typeof(WorkerError))]
internal sealed partial class WorkerJson : JsonSerializerContext;
