using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Jobs;
using Marketplace.Contracts.Listings;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// Settings are checked when the Api starts, so a bad one stops the process with a message that names it. These run
/// the real process: what an operator sees is its exit and its output.
/// </summary>
public sealed class ApiStartupTests(PostgresServer server)
{
    private const string UnreachableDatabase = "Host=127.0.0.1;Port=1;Database=marketplacedb;Username=postgres";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("thirty-one-bytes-is-too-short!!")]
    public async Task Outside_Development_a_missing_or_short_signing_key_stops_start_up_naming_Jwt_SigningKey(string? key)
    {
        await using var api = ApiProcess.Start(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__marketplacedb"] = UnreachableDatabase,
            ["Jwt__SigningKey"] = key,
        });

        var exitCode = await api.WaitForExitAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Jwt:SigningKey must be a secret of at least 32 bytes", api.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RequestLimits__WritesPerWindow", "0", "RequestLimits:WritesPerWindow")]
    [InlineData("RequestLimits__WriteWindow", "00:00:00", "RequestLimits:WriteWindow")]
    [InlineData("RequestLimits__MaxBodyBytes", "10", "RequestLimits:MaxBodyBytes")]
    [InlineData("RequestLimits__MailsPerWindow", "0", "RequestLimits:MailsPerWindow")]
    [InlineData("RequestLimits__MailWindow", "00:00:00", "RequestLimits:MailWindow")]
    [InlineData("Accounts__VerificationTokenLifetime", "00:01:00", "Accounts:VerificationTokenLifetime")]
    [InlineData("Accounts__VerificationTokenLifetime", "31.00:00:00", "Accounts:VerificationTokenLifetime")]
    [InlineData("Categories__CacheDuration", "-00:00:01", "Categories:CacheDuration")]
    [InlineData("Health__SchemaCheckInterval", "00:00:00", "Health:SchemaCheckInterval")]
    [InlineData("Jwt__Lifetime", "00:00:10", "Jwt:Lifetime")]
    [InlineData("Database__MaxPoolSize", "0", "Database:MaxPoolSize")]
    [InlineData("Accounts__SecurityStampCacheDuration", "00:05:01", "Accounts:SecurityStampCacheDuration")]
    [InlineData("Accounts__RefreshTokenLifetime", "00:01:00", "Accounts:RefreshTokenLifetime")]
    [InlineData("Accounts__PasswordResetTokenLifetime", "2.00:00:00", "Accounts:PasswordResetTokenLifetime")]
    [InlineData("Accounts__ForgotPasswordsPerEmail", "0", "Accounts:ForgotPasswordsPerEmail")]
    [InlineData("TokenCleanup__Interval", "00:00:00", "TokenCleanup:Interval")]
    [InlineData("TokenCleanup__BatchSize", "0", "TokenCleanup:BatchSize")]
    [InlineData("Outbox__PollInterval", "00:00:00", "Outbox:PollInterval")]
    [InlineData("Outbox__MaxAttempts", "0", "Outbox:MaxAttempts")]
    [InlineData("Outbox__RetainFor", "00:10:00", "Outbox:RetainFor")]
    [InlineData("Outbox__PurgeInterval", "00:00:00", "Outbox:PurgeInterval")]
    [InlineData("Database__MaxRetryCount", "11", "Database:MaxRetryCount")]
    [InlineData("Database__MaxRetryDelay", "00:01:00", "Database:MaxRetryDelay")]
    [InlineData("Replicas__Api", "0", "Replicas:Api")]
    [InlineData("RequestLimits__SignInFailuresBeforeDelay", "0", "RequestLimits:SignInFailuresBeforeDelay")]
    [InlineData("RequestLimits__SignInMaxDelay", "00:00:00", "RequestLimits:SignInMaxDelay")]
    public async Task An_out_of_range_setting_stops_start_up_naming_it(string variable, string value, string setting)
    {
        await using var api = ApiProcess.Start(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__marketplacedb"] = UnreachableDatabase,
            ["Jwt__SigningKey"] = ApiApp.SigningKey,
            [variable] = value,
        });

        var exitCode = await api.WaitForExitAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains(setting + " must be between", api.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_outbox_retry_delay_longer_than_its_cap_stops_start_up_naming_both()
    {
        await using var api = ApiProcess.Start(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__marketplacedb"] = UnreachableDatabase,
            ["Jwt__SigningKey"] = ApiApp.SigningKey,
            ["Outbox__RetryDelay"] = "00:05:00",
            ["Outbox__MaxRetryDelay"] = "00:01:00",
        });

        var exitCode = await api.WaitForExitAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Outbox:MaxRetryDelay must not be shorter than Outbox:RetryDelay", api.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_replicas_without_Redis_stop_start_up_naming_ConnectionStrings_cache()
    {
        await using var api = ApiProcess.Start(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__marketplacedb"] = UnreachableDatabase,
            ["Jwt__SigningKey"] = ApiApp.SigningKey,
            ["Replicas__Api"] = "2",
        });

        var exitCode = await api.WaitForExitAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("ConnectionStrings:cache is not set", api.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("thirty-one-characters-too-short")]
    public async Task A_visitor_forwarding_key_shorter_than_32_characters_stops_start_up_naming_it(string key)
    {
        await using var api = ApiProcess.Start(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__marketplacedb"] = UnreachableDatabase,
            ["Jwt__SigningKey"] = ApiApp.SigningKey,
            ["VisitorForwarding__Key"] = key,
        });

        var exitCode = await api.WaitForExitAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("VisitorForwarding:Key must be at least 32 characters", api.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("XYZ", "Marketplace:Currency must be an active ISO 4217 currency code in capitals")]
    [InlineData("eur", "Marketplace:Currency must be an active ISO 4217 currency code in capitals")]
    [InlineData("JPY", "Marketplace:Currency is 'JPY', whose minor unit is not the hundredth")]
    [InlineData("KWD", "Marketplace:Currency is 'KWD', whose minor unit is not the hundredth")]
    public async Task A_currency_that_is_not_ISO_4217_with_two_decimal_places_stops_start_up_naming_Marketplace_Currency(string currency, string message)
    {
        await using var api = ApiProcess.Start(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__marketplacedb"] = UnreachableDatabase,
            ["Jwt__SigningKey"] = ApiApp.SigningKey,
            ["Marketplace__Currency"] = currency,
        });

        var exitCode = await api.WaitForExitAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, api.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_price_is_answered_in_the_configured_currency()
    {
        await using var app = await ApiApp.CreateAsync(server,
            new Dictionary<string, string?> { ["Marketplace:Currency"] = "CHF" }, cancellationToken: Ct);
        var seller = await app.SignUpAsync();
        var created = await seller.CreateListingAsync(price: 19.9m);

        var read = await (await seller.Client.GetAsync($"/api/listings/{created.Id}", Ct)).ReadAsync<Marketplace.Contracts.Listings.ListingResponse>();
        var page = await (await seller.Client.GetAsync($"/api/listings?sellerId={seller.Id}", Ct)).ReadAsync<Marketplace.Contracts.Listings.ListingPage>();

        Assert.Equal(["CHF", "CHF", "CHF"], new[] { created.Currency, read.Currency, Assert.Single(page.Items).Currency });
        Assert.Equal(19.90m, read.Price);
    }

    [Fact]
    public async Task Development_starts_with_the_signing_key_from_appsettings_Development()
    {
        await using var app = await ApiApp.CreateAsync(server,
            new Dictionary<string, string?> { ["Jwt:SigningKey"] = null }, environment: "Development", cancellationToken: Ct);

        var account = await app.SignUpAsync();

        Assert.Equal(HttpStatusCode.Created, (await account.Client.PostAsJsonAsync("/api/listings",
            new { title = "Lamp", description = "Brass.", price = 20, categorySlug = "home-and-garden" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Database_MaxPoolSize_caps_the_connections_the_Api_opens_however_many_requests_arrive_together()
    {
        await using var app = await ApiApp.CreateAsync(server,
            new Dictionary<string, string?> { ["Database:MaxPoolSize"] = "2" }, cancellationToken: Ct);
        using var client = app.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            using var response = await client.GetAsync($"/api/listings?q=word{i}", Ct);
            return response.StatusCode;
        }));

        Assert.All(responses, status => Assert.Equal(HttpStatusCode.OK, status));
        // The connections the Api opened stay in its pool; none but ours and theirs are on this database. A periodic
        // job's lock connection, outside the pool, may be open at this moment too: it is not one the requests opened.
        Assert.InRange(await app.Db.ScalarAsync<long>($"""
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()
              AND application_name NOT LIKE '{PeriodicJobRunner.LockConnectionNamePrefix}%'
            """, Ct), 1, 2);
    }
}
