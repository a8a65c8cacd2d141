using System.Diagnostics;
using System.Text.Json;
using Marketplace.AppHost.Tests.Support;

namespace Marketplace.AppHost.Tests;

/// <summary>What a deployment is told: secrets are parameters it asks for, never values from the publishing machine.</summary>
public sealed class PublishManifestTests
{
    private const string MachineSecret = "Host=db.internal;Username=owner;Password=from-this-machine-only";

    [Fact]
    public async Task A_connection_string_on_the_publishing_machine_becomes_a_secret_parameter_and_the_signing_key_too()
    {
        var manifest = await PublishAsync(("ConnectionStrings__marketplacedb", MachineSecret));

        Assert.DoesNotContain("from-this-machine-only", manifest.GetRawText(), StringComparison.Ordinal);
        var resources = manifest.GetProperty("resources");
        Assert.True(IsSecretParameter(resources.GetProperty("marketplacedb")));
        Assert.True(IsSecretParameter(resources.GetProperty("jwt-signing-key")));
        Assert.Equal("{jwt-signing-key.value}", resources.GetProperty("api").GetProperty("env").GetProperty("Jwt__SigningKey").GetString());
    }

    [Fact]
    public async Task The_SMTP_settings_are_secret_parameters_the_public_base_URL_a_parameter_and_smtp4dev_is_not_deployed()
    {
        var manifest = await PublishAsync();

        var resources = manifest.GetProperty("resources");
        var env = resources.GetProperty("api").GetProperty("env");
        foreach (var (variable, parameter) in new[]
        {
            ("Smtp__Host", "smtp-host"), ("Smtp__Port", "smtp-port"), ("Smtp__UserName", "smtp-username"),
            ("Smtp__Password", "smtp-password"), ("Smtp__FromAddress", "smtp-from-address"),
        })
        {
            Assert.True(IsSecretParameter(resources.GetProperty(parameter)), parameter);
            Assert.Equal($"{{{parameter}.value}}", env.GetProperty(variable).GetString());
        }

        Assert.Equal("parameter.v0", resources.GetProperty("public-base-url").GetProperty("type").GetString());
        Assert.Equal("{public-base-url.value}", env.GetProperty("Marketplace__PublicBaseUrl").GetString());
        Assert.Equal("parameter.v0", resources.GetProperty("support-address").GetProperty("type").GetString());
        Assert.Equal("{support-address.value}", env.GetProperty("Support__Address").GetString());
        Assert.False(resources.TryGetProperty("mail", out _));
    }

    [Fact]
    public async Task Without_a_connection_string_or_the_Azure_switch_postgres_is_published_as_a_container_with_a_secret_password()
    {
        var manifest = await PublishAsync();

        var resources = manifest.GetProperty("resources");
        Assert.Equal("container.v0", resources.GetProperty("postgres").GetProperty("type").GetString());
        Assert.True(IsSecretParameter(resources.GetProperty("postgres-password")));
        Assert.Equal("{marketplacedb.connectionString}", resources.GetProperty("migrationworker").GetProperty("env").GetProperty("ConnectionStrings__marketplacedb").GetString());
    }

    [Fact]
    public async Task The_Api_connects_as_its_own_role_whose_password_is_a_generated_secret_the_worker_is_given_to_create_it()
    {
        var manifest = await PublishAsync();

        var resources = manifest.GetProperty("resources");
        Assert.True(IsSecretParameter(resources.GetProperty("api-db-password")));
        Assert.Equal("marketplace_api", resources.GetProperty("api-db-user").GetProperty("inputs").GetProperty("value").GetProperty("default").GetProperty("value").GetString());
        Assert.Equal(
            "{marketplacedb.connectionString};Username={api-db-user.value};Password={api-db-password.value}",
            resources.GetProperty("api").GetProperty("env").GetProperty("ConnectionStrings__marketplacedb").GetString());
        var worker = resources.GetProperty("migrationworker").GetProperty("env");
        Assert.Equal("{marketplacedb.connectionString}", worker.GetProperty("ConnectionStrings__marketplacedb").GetString());
        Assert.Equal("{api-db-user.value}", worker.GetProperty("ApiDatabaseRole__Name").GetString());
        Assert.Equal("{api-db-password.value}", worker.GetProperty("ApiDatabaseRole__Password").GetString());
        Assert.False(resources.GetProperty("web").GetProperty("env").TryGetProperty("ConnectionStrings__marketplacedb", out _));
    }

    private static bool IsSecretParameter(JsonElement resource) =>
        resource.GetProperty("type").GetString() == "parameter.v0"
        && resource.GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean();

    private static async Task<JsonElement> PublishAsync(params (string Name, string Value)[] environment)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var output = Directory.CreateTempSubdirectory("marketplace-manifest-");
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.Combine(AppHostTestRun.RepositoryRoot(), "AppHost"),
            };
            foreach (var argument in new[]
            {
                Path.Combine(AppHostTestRun.RepositoryRoot(), "AppHost", "bin", AppHostTestRun.BuildConfiguration(), "net10.0", "Marketplace.AppHost.dll"),
                "--publisher", "manifest", "--output-path", Path.Combine(output.FullName, "aspire-manifest.json"),
            })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment.Remove("ConnectionStrings__marketplacedb");
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).WaitAsync(AppHostTestRun.StartTimeout, cancellationToken);
            Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}\n{await stdout}\n{await stderr}");

            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output.FullName, "aspire-manifest.json"), cancellationToken));
            return document.RootElement.Clone();
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
