using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Tests.Support;

/// <summary>
/// An OTLP/HTTP endpoint for tests (what the Aspire dashboard or a collector is in production): accepts
/// <c>POST /v1/traces</c>, <c>/v1/logs</c> and <c>/v1/metrics</c> in protobuf encoding on a free loopback port,
/// and keeps what it decoded. Point <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> at <see cref="Endpoint"/>.
/// </summary>
public sealed class OtlpHttpReceiver : IAsyncDisposable
{
    private const string ProtobufContentType = "application/x-protobuf";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private readonly ConcurrentQueue<ReceivedLogRecord> _logs = new();
    private readonly ConcurrentQueue<ReceivedMetric> _metrics = new();
    private readonly ConcurrentQueue<string> _rejections = new();
    private TaskCompletionSource _changed = NewSignal();

    private OtlpHttpReceiver(WebApplication app) => _app = app;

    /// <summary>The base address exporters should use; the per-signal paths are appended by the exporter.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyCollection<ReceivedSpan> Spans => _spans;

    public IReadOnlyCollection<ReceivedLogRecord> Logs => _logs;

    public IReadOnlyCollection<ReceivedMetric> Metrics => _metrics;

    /// <summary>Requests the receiver could not accept, with the reason; a test that sees none here knows decoding worked.</summary>
    public IReadOnlyCollection<string> Rejections => _rejections;

    public static async Task<OtlpHttpReceiver> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = LoopbackWebApplication.CreateBuilder(applicationName: typeof(OtlpHttpReceiver).FullName);

        // ASP.NET Core reports every request to a process-wide DiagnosticListener and ActivitySource named
        // "Microsoft.AspNetCore". A host under test that traces ASP.NET Core would then trace the exporter's own POSTs
        // to this receiver and export those spans to it again; private instances keep the receiver out of sight.
        builder.Services.Replace(ServiceDescriptor.Singleton(new DiagnosticListener(typeof(OtlpHttpReceiver).FullName!)));
        builder.Services.Replace(ServiceDescriptor.Singleton(new ActivitySource(typeof(OtlpHttpReceiver).FullName!)));

        var app = builder.Build();
        var receiver = new OtlpHttpReceiver(app);
        app.MapPost("/v1/traces", (HttpRequest request) => receiver.ReceiveAsync(request, OtlpProtobufDecoder.DecodeTraces, receiver._spans));
        app.MapPost("/v1/logs", (HttpRequest request) => receiver.ReceiveAsync(request, OtlpProtobufDecoder.DecodeLogs, receiver._logs));
        app.MapPost("/v1/metrics", (HttpRequest request) => receiver.ReceiveAsync(request, OtlpProtobufDecoder.DecodeMetrics, receiver._metrics));

        await app.StartAsync(cancellationToken);
        receiver.Endpoint = app.BaseAddress();
        return receiver;
    }

    /// <summary>
    /// Completes as soon as <paramref name="predicate"/> holds for what has arrived; otherwise fails after
    /// <paramref name="timeout"/> with a summary of what did arrive.
    /// </summary>
    public async Task WaitForAsync(Func<OtlpHttpReceiver, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            // Take the signal before testing, so an arrival between the test and the wait is not missed.
            var changed = Volatile.Read(ref _changed).Task;
            if (predicate(this))
            {
                return;
            }

            var remaining = timeout - deadline.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"The expected telemetry did not arrive within {timeout}. {Describe()}");
            }

            try
            {
                await changed.WaitAsync(remaining, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Loop once more: the predicate gets a last look before the failure names what arrived.
            }
        }
    }

    /// <summary>What arrived, in a form that makes a failed assertion explain itself.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"Received {_spans.Count} spans, {_logs.Count} log records, {_metrics.Count} metrics");
        Append(text, "spans", _spans.Select(span => $"{span.ServiceName}/{span.ScopeName}: {span.Name}"));
        Append(text, "logs", _logs.Select(log => $"{log.ServiceName}/{log.ScopeName}: {log.Body}"));
        Append(text, "metrics", _metrics.Select(metric => $"{metric.ServiceName}/{metric.ScopeName}: {metric.Name}").Distinct());
        Append(text, "rejected", _rejections);
        return text.ToString();

        static void Append(StringBuilder text, string label, IEnumerable<string> items)
        {
            var shown = items.Take(40).ToList();
            if (shown.Count > 0)
            {
                text.Append("; ").Append(label).Append(": ").AppendJoin(" | ", shown);
            }
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> ReceiveAsync<T>(HttpRequest request, OtlpDecoder<T> decode, ConcurrentQueue<T> into)
    {
        if (!string.Equals(request.ContentType, ProtobufContentType, StringComparison.OrdinalIgnoreCase))
        {
            return Reject($"{request.Path}: content type '{request.ContentType}'; this receiver decodes only {ProtobufContentType}",
                StatusCodes.Status415UnsupportedMediaType);
        }

        using var body = new MemoryStream();
        var isGzip = string.Equals(request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase);
        await using (var source = isGzip ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true) : request.Body)
        {
            await source.CopyToAsync(body, request.HttpContext.RequestAborted);
        }

        List<T> items;
        try
        {
            items = decode(body.GetBuffer().AsSpan(0, (int)body.Length));
        }
        catch (InvalidDataException ex)
        {
            return Reject($"{request.Path}: {ex.Message}", StatusCodes.Status400BadRequest);
        }

        foreach (var item in items)
        {
            into.Enqueue(item);
        }

        Signal();

        // An empty Export*ServiceResponse: full success, nothing partially rejected.
        return Results.Bytes([], ProtobufContentType);
    }

    private IResult Reject(string reason, int statusCode)
    {
        _rejections.Enqueue(reason);
        Signal();
        return Results.StatusCode(statusCode);
    }

    private void Signal() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private delegate List<T> OtlpDecoder<T>(ReadOnlySpan<byte> request);
}
