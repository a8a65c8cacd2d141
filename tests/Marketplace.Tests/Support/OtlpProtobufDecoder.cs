namespace Marketplace.Tests.Support;

/// <summary>OTLP's span kinds, numbered as in trace.proto.</summary>
public enum OtlpSpanKind
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}

/// <summary>A span as the receiver saw it, with the service that sent it.</summary>
public sealed record ReceivedSpan(
    string? ServiceName,
    string? ScopeName,
    string Name,
    OtlpSpanKind Kind,
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    IReadOnlyDictionary<string, object?> Attributes);

/// <summary>A log record as the receiver saw it; for ILogger logs the scope is the logger's category.</summary>
public sealed record ReceivedLogRecord(
    string? ServiceName,
    string? ScopeName,
    string? Body,
    string? SeverityText,
    int SeverityNumber,
    IReadOnlyDictionary<string, object?> Attributes);

/// <summary>One data point of a sum or gauge (its value) or of a histogram (its sum and count).</summary>
public sealed record ReceivedDataPoint(double? Value, ulong? Count, IReadOnlyDictionary<string, object?> Attributes);

/// <summary>A metric as the receiver saw it, with its data points.</summary>
public sealed record ReceivedMetric(
    string? ServiceName,
    string? ScopeName,
    string Name,
    IReadOnlyList<ReceivedDataPoint> DataPoints);

/// <summary>
/// Decodes the parts of OTLP's protobuf messages (opentelemetry-proto: collector/*/v1, trace, logs, metrics, common,
/// resource) that tests look at. Field numbers are the ones in those .proto files.
/// </summary>
internal static class OtlpProtobufDecoder
{
    private const string ServiceNameKey = "service.name";

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    public static List<ReceivedSpan> DecodeTraces(ReadOnlySpan<byte> request)
    {
        var spans = new List<ReceivedSpan>();
        ForEachResourceScope(request, (resource, scope, scopedItem) => spans.Add(DecodeSpan(scopedItem, resource, scope)));
        return spans;
    }

    // ExportLogsServiceRequest { repeated ResourceLogs resource_logs = 1; }
    public static List<ReceivedLogRecord> DecodeLogs(ReadOnlySpan<byte> request)
    {
        var logs = new List<ReceivedLogRecord>();
        ForEachResourceScope(request, (resource, scope, scopedItem) => logs.Add(DecodeLogRecord(scopedItem, resource, scope)));
        return logs;
    }

    // ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }
    public static List<ReceivedMetric> DecodeMetrics(ReadOnlySpan<byte> request)
    {
        var metrics = new List<ReceivedMetric>();
        ForEachResourceScope(request, (resource, scope, scopedItem) => metrics.Add(DecodeMetric(scopedItem, resource, scope)));
        return metrics;
    }

    private delegate void ScopedItemHandler(string? serviceName, string? scopeName, ReadOnlySpan<byte> item);

    // The three signals share one shape: Resource{Spans,Logs,Metrics} { Resource resource = 1; repeated Scope{...} = 2; }
    // and Scope{Spans,Logs,Metrics} { InstrumentationScope scope = 1; repeated {Span,LogRecord,Metric} = 2; }.
    private static void ForEachResourceScope(ReadOnlySpan<byte> request, ScopedItemHandler handle)
    {
        var requestReader = new ProtobufWireReader(request);
        while (requestReader.TryReadTag(out var field, out var wireType))
        {
            if (field != 1 || wireType != WireType.LengthDelimited)
            {
                requestReader.Skip(wireType);
                continue;
            }

            var resourceItem = requestReader.ReadLengthDelimited();

            // The resource may follow the scopes on the wire, so find it first.
            string? serviceName = null;
            var resourceReader = new ProtobufWireReader(resourceItem);
            while (resourceReader.TryReadTag(out var resourceField, out var resourceWireType))
            {
                if (resourceField == 1 && resourceWireType == WireType.LengthDelimited)
                {
                    var attributes = DecodeKeyValues(resourceReader.ReadLengthDelimited());
                    serviceName = attributes.GetValueOrDefault(ServiceNameKey) as string;
                }
                else
                {
                    resourceReader.Skip(resourceWireType);
                }
            }

            var scopesReader = new ProtobufWireReader(resourceItem);
            while (scopesReader.TryReadTag(out var scopesField, out var scopesWireType))
            {
                if (scopesField != 2 || scopesWireType != WireType.LengthDelimited)
                {
                    scopesReader.Skip(scopesWireType);
                    continue;
                }

                var scopeItem = scopesReader.ReadLengthDelimited();
                var scopeName = FindScopeName(scopeItem);
                var itemsReader = new ProtobufWireReader(scopeItem);
                while (itemsReader.TryReadTag(out var itemField, out var itemWireType))
                {
                    if (itemField == 2 && itemWireType == WireType.LengthDelimited)
                    {
                        handle(serviceName, scopeName, itemsReader.ReadLengthDelimited());
                    }
                    else
                    {
                        itemsReader.Skip(itemWireType);
                    }
                }
            }
        }
    }

    // Resource { repeated KeyValue attributes = 1; } and KeyValueList { repeated KeyValue values = 1; } share a shape.
    private static Dictionary<string, object?> DecodeKeyValues(ReadOnlySpan<byte> resource)
    {
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        var reader = new ProtobufWireReader(resource);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field == 1 && wireType == WireType.LengthDelimited)
            {
                AddKeyValue(attributes, reader.ReadLengthDelimited());
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return attributes;
    }

    // InstrumentationScope { string name = 1; }
    private static string? FindScopeName(ReadOnlySpan<byte> scopeItem)
    {
        var reader = new ProtobufWireReader(scopeItem);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field == 1 && wireType == WireType.LengthDelimited)
            {
                var scopeReader = new ProtobufWireReader(reader.ReadLengthDelimited());
                while (scopeReader.TryReadTag(out var scopeField, out var scopeWireType))
                {
                    if (scopeField == 1 && scopeWireType == WireType.LengthDelimited)
                    {
                        return scopeReader.ReadString();
                    }

                    scopeReader.Skip(scopeWireType);
                }
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return null;
    }

    // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6;
    //        repeated KeyValue attributes = 9; }
    private static ReceivedSpan DecodeSpan(ReadOnlySpan<byte> span, string? serviceName, string? scopeName)
    {
        string name = "", traceId = "", spanId = "";
        string? parentSpanId = null;
        var kind = OtlpSpanKind.Unspecified;
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);

        var reader = new ProtobufWireReader(span);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field, wireType)
            {
                case (1, WireType.LengthDelimited): traceId = Convert.ToHexStringLower(reader.ReadLengthDelimited()); break;
                case (2, WireType.LengthDelimited): spanId = Convert.ToHexStringLower(reader.ReadLengthDelimited()); break;
                case (4, WireType.LengthDelimited):
                    var parent = reader.ReadLengthDelimited();
                    parentSpanId = parent.IsEmpty ? null : Convert.ToHexStringLower(parent);
                    break;
                case (5, WireType.LengthDelimited): name = reader.ReadString(); break;
                case (6, WireType.Varint): kind = (OtlpSpanKind)reader.ReadVarint(); break;
                case (9, WireType.LengthDelimited): AddKeyValue(attributes, reader.ReadLengthDelimited()); break;
                default: reader.Skip(wireType); break;
            }
        }

        return new ReceivedSpan(serviceName, scopeName, name, kind, traceId, spanId, parentSpanId, attributes);
    }

    // LogRecord { SeverityNumber severity_number = 2; string severity_text = 3; AnyValue body = 5; repeated KeyValue attributes = 6; }
    private static ReceivedLogRecord DecodeLogRecord(ReadOnlySpan<byte> logRecord, string? serviceName, string? scopeName)
    {
        string? body = null, severityText = null;
        var severityNumber = 0;
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);

        var reader = new ProtobufWireReader(logRecord);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field, wireType)
            {
                case (2, WireType.Varint): severityNumber = (int)reader.ReadVarint(); break;
                case (3, WireType.LengthDelimited): severityText = reader.ReadString(); break;
                case (5, WireType.LengthDelimited): body = DecodeAnyValue(reader.ReadLengthDelimited())?.ToString(); break;
                case (6, WireType.LengthDelimited): AddKeyValue(attributes, reader.ReadLengthDelimited()); break;
                default: reader.Skip(wireType); break;
            }
        }

        return new ReceivedLogRecord(serviceName, scopeName, body, severityText, severityNumber, attributes);
    }

    // Metric { string name = 1; Gauge gauge = 5; Sum sum = 7; Histogram histogram = 9; }, each { repeated *DataPoint data_points = 1; }
    private static ReceivedMetric DecodeMetric(ReadOnlySpan<byte> metric, string? serviceName, string? scopeName)
    {
        var name = "";
        var dataPoints = new List<ReceivedDataPoint>();

        var reader = new ProtobufWireReader(metric);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field, wireType)
            {
                case (1, WireType.LengthDelimited): name = reader.ReadString(); break;
                case (5 or 7, WireType.LengthDelimited): DecodeDataPoints(reader.ReadLengthDelimited(), DecodeNumberDataPoint, dataPoints); break;
                case (9, WireType.LengthDelimited): DecodeDataPoints(reader.ReadLengthDelimited(), DecodeHistogramDataPoint, dataPoints); break;
                default: reader.Skip(wireType); break;
            }
        }

        return new ReceivedMetric(serviceName, scopeName, name, dataPoints);
    }

    private delegate ReceivedDataPoint DataPointDecoder(ReadOnlySpan<byte> dataPoint);

    private static void DecodeDataPoints(ReadOnlySpan<byte> aggregation, DataPointDecoder decode, List<ReceivedDataPoint> into)
    {
        var reader = new ProtobufWireReader(aggregation);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field == 1 && wireType == WireType.LengthDelimited)
            {
                into.Add(decode(reader.ReadLengthDelimited()));
            }
            else
            {
                reader.Skip(wireType);
            }
        }
    }

    // NumberDataPoint { double as_double = 4; sfixed64 as_int = 6; repeated KeyValue attributes = 7; }
    private static ReceivedDataPoint DecodeNumberDataPoint(ReadOnlySpan<byte> dataPoint)
    {
        double? value = null;
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        var reader = new ProtobufWireReader(dataPoint);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field, wireType)
            {
                case (4, WireType.Fixed64): value = reader.ReadDouble(); break;
                case (6, WireType.Fixed64): value = unchecked((long)reader.ReadFixed64()); break;
                case (7, WireType.LengthDelimited): AddKeyValue(attributes, reader.ReadLengthDelimited()); break;
                default: reader.Skip(wireType); break;
            }
        }

        return new ReceivedDataPoint(value, null, attributes);
    }

    // HistogramDataPoint { fixed64 count = 4; double sum = 5; repeated KeyValue attributes = 9; }
    private static ReceivedDataPoint DecodeHistogramDataPoint(ReadOnlySpan<byte> dataPoint)
    {
        double? sum = null;
        ulong? count = null;
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        var reader = new ProtobufWireReader(dataPoint);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field, wireType)
            {
                case (4, WireType.Fixed64): count = reader.ReadFixed64(); break;
                case (5, WireType.Fixed64): sum = reader.ReadDouble(); break;
                case (9, WireType.LengthDelimited): AddKeyValue(attributes, reader.ReadLengthDelimited()); break;
                default: reader.Skip(wireType); break;
            }
        }

        return new ReceivedDataPoint(sum, count, attributes);
    }

    // KeyValue { string key = 1; AnyValue value = 2; }
    private static void AddKeyValue(Dictionary<string, object?> into, ReadOnlySpan<byte> keyValue)
    {
        string? key = null;
        object? value = null;
        var reader = new ProtobufWireReader(keyValue);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field, wireType)
            {
                case (1, WireType.LengthDelimited): key = reader.ReadString(); break;
                case (2, WireType.LengthDelimited): value = DecodeAnyValue(reader.ReadLengthDelimited()); break;
                default: reader.Skip(wireType); break;
            }
        }

        if (key is not null)
        {
            into[key] = value;
        }
    }

    // AnyValue { oneof { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4;
    //                    ArrayValue array_value = 5; KeyValueList kvlist_value = 6; bytes bytes_value = 7; } }
    // Integers come back as long, arrays as object?[], key-value lists as dictionaries.
    private static object? DecodeAnyValue(ReadOnlySpan<byte> anyValue)
    {
        object? value = null;
        var reader = new ProtobufWireReader(anyValue);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field, wireType)
            {
                case (1, WireType.LengthDelimited): value = reader.ReadString(); break;
                case (2, WireType.Varint): value = reader.ReadVarint() != 0; break;
                case (3, WireType.Varint): value = unchecked((long)reader.ReadVarint()); break;
                case (4, WireType.Fixed64): value = reader.ReadDouble(); break;
                case (5, WireType.LengthDelimited): value = DecodeArrayValue(reader.ReadLengthDelimited()); break;
                case (6, WireType.LengthDelimited): value = DecodeKeyValues(reader.ReadLengthDelimited()); break;
                case (7, WireType.LengthDelimited): value = reader.ReadLengthDelimited().ToArray(); break;
                default: reader.Skip(wireType); break;
            }
        }

        return value;
    }

    // ArrayValue { repeated AnyValue values = 1; }
    private static object?[] DecodeArrayValue(ReadOnlySpan<byte> arrayValue)
    {
        var values = new List<object?>();
        var reader = new ProtobufWireReader(arrayValue);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field == 1 && wireType == WireType.LengthDelimited)
            {
                values.Add(DecodeAnyValue(reader.ReadLengthDelimited()));
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return [.. values];
    }
}
