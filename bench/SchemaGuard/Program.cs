using System.Diagnostics;
using Marketplace.Data;
using Marketplace.SchemaGuard;
using Marketplace.SchemaGuard.Drift;
using Marketplace.SchemaGuard.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

// Usage: dotnet Marketplace.Bench.SchemaGuard.dll <runs>, with ConnectionStrings__marketplacedb naming a migrated database.
var runs = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 15;
var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__marketplacedb")
    ?? throw new InvalidOperationException("Set ConnectionStrings__marketplacedb to a migrated database.");
await using var dataSource = MarketplaceDbContextOptions.CreateDataSource(connectionString);
var contextOptions = new DbContextOptionsBuilder<MarketplaceDbContext>().UseMarketplaceNpgsql(dataSource).Options;
var driftOptions = Options.Create(new SchemaDriftOptions());

async Task<double> TimeAsync(Func<MarketplaceDbContext, Task> body)
{
    await using var context = new MarketplaceDbContext(contextOptions);
    var started = Stopwatch.GetTimestamp();
    await body(context);
    return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}

var detector = new SchemaDriftDetector(driftOptions);
var guarded = new GuardedContext(typeof(MarketplaceDbContext), driftOptions);
var verifier = new SchemaVerifier(detector, guarded);
Task Detect(MarketplaceDbContext context) => detector.DetectAsync(context, CancellationToken.None)
    .ContinueWith(t => { if (t.Result.HasDrift) throw new InvalidOperationException("The benchmark database has drift:\n" + t.Result.Describe()); }, TaskScheduler.Default);
Task Verify(MarketplaceDbContext context) => verifier.VerifyAsync(context, CancellationToken.None);
Task Fingerprint(MarketplaceDbContext _) => guarded.ReadStampAsync(dataSource, callerCheckSql: null, CancellationToken.None);

var first = await TimeAsync(Detect);
var detect = new List<double>();
var verify = new List<double>();
var fingerprint = new List<double>();
for (var i = 0; i < runs; i++)
{
    detect.Add(await TimeAsync(Detect));
    verify.Add(await TimeAsync(Verify));
    fingerprint.Add(await TimeAsync(Fingerprint));
}

Console.WriteLine($"drift check, first in the process (builds the design-time model): {first,8:0.0} ms");
Console.WriteLine($"drift check (catalog read + comparison), median of {runs}:     {Median(detect),8:0.0} ms   (min {detect.Min():0.0}, max {detect.Max():0.0})");
Console.WriteLine($"full verification (history, checksums, drift), median of {runs}: {Median(verify),5:0.0} ms");
Console.WriteLine($"fingerprint and stamp lookup (no model), median of {runs}:  {Median(fingerprint),8:0.0} ms");

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
