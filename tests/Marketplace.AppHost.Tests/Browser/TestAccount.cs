using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.AppHost.Tests.Support;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>A person's account for a browser test: a fresh address each time, so tests never see each other's data.</summary>
public sealed record TestAccount(string Email, string Password, string DisplayName)
{
    public const string GoodPassword = "correct horse battery staple";

    public static TestAccount New(string displayName) =>
        new($"{displayName.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com", GoodPassword, displayName);

    /// <summary>
    /// Registers through the Api and follows the link in the verification mail, for tests whose subject is not signing
    /// up (the end-to-end story signs up in the browser).
    /// </summary>
    public async Task<TestAccount> RegisterVerifiedAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        await app.ResourceNotifications.WaitForResourceHealthyAsync("mail", cancellationToken).WaitAsync(AppHostTestRun.WaitTimeout, cancellationToken);
        using var api = app.CreateHttpClient("api");
        using (var registered = await AnonymousBudget.SendAsync(
                   () => api.PostAsJsonAsync("/api/auth/register", new { email = Email, password = Password, displayName = DisplayName }, cancellationToken), cancellationToken))
        {
            Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        }

        var link = await Smtp4devInbox.VerificationLinkAsync(app, Email, cancellationToken);
        using (var verified = await AnonymousBudget.SendAsync(
                   () => api.PostAsJsonAsync("/api/auth/verify-email", new { token = Smtp4devInbox.TokenOf(link) }, cancellationToken), cancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        }

        return this;
    }

    /// <summary>
    /// A client of the app's Api signed in as this account (the password sign-in a client makes): for what a test
    /// arranges through the Api, not the pages under test. Its bearer token is <c>DefaultRequestHeaders.Authorization</c>'s.
    /// </summary>
    public async Task<HttpClient> ApiClientAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.CreateHttpClient("api");
        using var login = await AnonymousBudget.SendAsync(
            () => api.PostAsJsonAsync("/api/auth/login", new { email = Email, password = Password }, cancellationToken), cancellationToken);
        Assert.True(login.StatusCode == HttpStatusCode.OK, await login.Content.ReadAsStringAsync(cancellationToken));
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("accessToken").GetString();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return api;
    }

    /// <summary>
    /// Makes this a new admin account as an operator does: the built worker's <c>create-admin</c> against the app's
    /// database, the password from the environment (there is no other way to the first admin).
    /// </summary>
    public async Task<TestAccount> CreateAdminAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var worker = Path.Combine(AppHostTestRun.RepositoryRoot(), "MigrationWorker", "bin", AppHostTestRun.BuildConfiguration(), "net10.0", "Marketplace.MigrationWorker.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in new[] { worker, "create-admin", "--email", Email, "--display-name", DisplayName })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ConnectionStrings__marketplacedb"] = await app.GetConnectionStringAsync("marketplacedb", cancellationToken);
        start.Environment["MARKETPLACE_ADMIN_PASSWORD"] = Password;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, $"create-admin exited {process.ExitCode}:\n{await output}\n{await error}");
        return this;
    }
}
