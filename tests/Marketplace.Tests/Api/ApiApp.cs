extern alias MarketplaceApi;

using System.Net.Http.Headers;
using Marketplace.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Api;

/// <summary>
/// The Api hosted in-process by WebApplicationFactory on a database of its own, migrated and seeded by the real
/// worker. Production environment unless a test says otherwise, with a test signing key and a write budget large
/// enough that only the rate-limit tests meet it. On a database the worker brought up to date, the Api connects as
/// the login role the worker made for it, as under the AppHost: it may read and write rows only, so every Api test
/// also proves that the Api needs nothing more. On a database left behind (<c>migrateTo</c>, or none), it connects as
/// the owner, since the role comes with the latest migrations.
/// </summary>
public sealed class ApiApp : WebApplicationFactory<MarketplaceApi::Program>
{
    public const string SigningKey = "api-tests-signing-key-0123456789-abcdefghijklmnop";

    private readonly TestDatabase _database;
    private readonly string _apiConnectionString;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly Action<IServiceCollection>? _services;
    private readonly bool _ownsDatabase;

    private ApiApp(
        TestDatabase database, string apiConnectionString, IReadOnlyDictionary<string, string?> settings, string environment, Action<IServiceCollection>? services, bool ownsDatabase = true)
    {
        _ownsDatabase = ownsDatabase;
        _database = database;
        _apiConnectionString = apiConnectionString;
        _settings = settings;
        _environment = environment;
        _services = services;
        Db = new Db(database.ConnectionString);
    }

    /// <summary>Raw access to the Api's database, to check what was (not) written.</summary>
    public Db Db { get; }

    /// <summary>The database's owner's connection string (the worker's), not the Api's own.</summary>
    public string ConnectionString => _database.ConnectionString;

    /// <summary>What the Api connects with: its own login role's connection string, or the owner's on a database left behind.</summary>
    public string ApiConnectionString => _apiConnectionString;

    /// <summary>Where every test Api's links point: not its own address, so a link built from the Host header shows.</summary>
    public const string PublicBaseUrl = "https://marketplace.test/app";

    /// <summary>The real SMTP server this Api sends its mail to, its own so that tests never read each other's mail.</summary>
    public SmtpInbox Inbox { get; } = SmtpInbox.Start();

    public static async Task<ApiApp> CreateAsync(
        PostgresServer server,
        IReadOnlyDictionary<string, string?>? settings = null,
        string environment = "Production",
        Action<IServiceCollection>? services = null,
        string? migrateTo = null,
        bool migrate = true,
        CancellationToken cancellationToken = default)
    {
        var database = await server.CreateDatabaseAsync(cancellationToken);
        var apiConnectionString = database.ConnectionString;
        if (!migrate)
        {
            // An empty database, for tests about start-up that never get as far as a query.
        }
        else if (migrateTo is null)
        {
            var worker = await WorkerRunner.RunAsync(database.ConnectionString, [], database.ApiLogin.WorkerSettings, cancellationToken);
            Assert.True(worker.ExitCode == 0, worker.ToString());
            apiConnectionString = database.ApiConnectionString;
        }
        else
        {
            await using var db = new Db(database.ConnectionString);
            await db.MigrateToAsync(migrateTo, cancellationToken);
        }

        return new ApiApp(database, apiConnectionString, settings ?? new Dictionary<string, string?>(), environment, services);
    }

    /// <summary>
    /// A second instance of the Api on this one's database, as another replica behind a load balancer; disposing it
    /// leaves the database to this one.
    /// </summary>
    public ApiApp CreateReplica(IReadOnlyDictionary<string, string?>? settings = null) =>
        new(_database, _apiConnectionString, settings ?? _settings, _environment, _services, ownsDatabase: false);

    /// <summary>A client that sends <paramref name="accessToken"/> as its bearer token.</summary>
    public HttpClient CreateClient(string accessToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:marketplacedb"] = _apiConnectionString,
            ["Jwt:SigningKey"] = SigningKey,
            ["RequestLimits:WritesPerWindow"] = "100000",
            ["Categories:CacheDuration"] = "00:00:00",
            // What the next release turns on by default (AddSessionsAndAccountActivity adds the outbox kind this one may not write yet).
            ["Accounts:MailEmailChangeReverts"] = "true",
            // Mail goes out within a tenth of a second, so tests that wait for it wait little.
            ["Outbox:PollInterval"] = "00:00:00.100",
            ["Marketplace:PublicBaseUrl"] = PublicBaseUrl,
            // A well-formed blob store that is never contacted: only the image tests, which pass AzuriteServer's
            // settings, upload anything. A container of its own either way.
            ["ConnectionStrings:blobs"] = "UseDevelopmentStorage=true",
            ["Images:Container"] = AzuriteServer.NewContainerName(),
        };
        foreach (var (key, value) in Inbox.Settings())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in _settings)
        {
            settings[key] = value;
        }

        // Minimal hosting reads configuration while Program runs, so these go in as settings, not services. A null
        // leaves the key to the Api's own appsettings files.
        foreach (var (key, value) in settings.Where(s => s.Value is not null))
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Inbox.Dispose();
        await Db.DisposeAsync();
        if (_ownsDatabase)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>One migrated Api shared by the tests of a class, each of which works with its own accounts.</summary>
public sealed class SharedApi(PostgresServer server) : IAsyncLifetime
{
    private ApiApp? _app;

    public ApiApp App => _app ?? throw new InvalidOperationException("Not initialized.");

    public async ValueTask InitializeAsync() => _app = await ApiApp.CreateAsync(server);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
