using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marketplace.MigrationWorker.Commands;

namespace Marketplace.MigrationWorker;

/// <summary>The worker's JSON contracts, serialized without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StatusReport))]
[JsonSerializable(typeof(DeadMailReport))]
[JsonSerializable(typeof(WorkerError))]
internal sealed partial class WorkerJson : JsonSerializerContext
{
    /// <summary>The same, without escaping quotes and apostrophes (the output goes to terminals and scripts, never into HTML).</summary>
    // Lazy: the generated Default is initialised in another part of this class, in an order C# does not promise.
    public static JsonSerializerOptions Readable => field ??= new(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
