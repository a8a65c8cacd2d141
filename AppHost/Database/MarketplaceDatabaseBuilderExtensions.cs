using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Marketplace.AppHost.Database;

public static class MarketplaceDatabaseBuilderExtensions
{
    /// <summary>The connection's name: projects receive it as ConnectionStrings__marketplacedb.</summary>
    public const string DatabaseName = "marketplacedb";

    /// <summary>
    /// The marketplace's database. Run mode takes, in order: a configured connection string; PostgreSQL in a container when
    /// a container runtime answers; the machine's PostgreSQL binaries; <c>Database:Source</c> picks one outright.
    /// Publish mode never looks at this machine: the connection string as a secret parameter, else the Azure flexible
    /// server (with the Azure switch), else a PostgreSQL container.
    /// </summary>
    public static DatabaseChoice AddMarketplaceDatabase(this IDistributedApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var invalid = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), invalid, validateAllProperties: true))
        {
            return new DatabaseChoice(null,
                $"The AppHost's {DatabaseOptions.SectionName} settings are invalid: {string.Join(" ", invalid.Select(r => r.ErrorMessage))}");
        }

        var configured = !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(DatabaseName));
        if (builder.ExecutionContext.IsPublishMode)
        {
            return Publish(builder, configured);
        }

        if (options.Source is DatabaseSource.ConnectionString || (options.Source is DatabaseSource.Auto && configured))
        {
            return configured
                ? new DatabaseChoice(builder.AddConnectionString(DatabaseName), $"Database: the PostgreSQL named by ConnectionStrings:{DatabaseName}.")
                : new DatabaseChoice(null, NoDatabase($"{DatabaseOptions.SectionName}:Source is ConnectionString but ConnectionStrings:{DatabaseName} is not set."));
        }

        string? noContainer = null;
        if (options.Source is DatabaseSource.Container or DatabaseSource.Auto)
        {
            noContainer = ContainerRuntimeProbe.WhyUnavailable();
            if (noContainer is null)
            {
                return new DatabaseChoice(Container(builder), "Database: PostgreSQL in a container (data volume kept between runs), with pgAdmin.");
            }

            if (options.Source is DatabaseSource.Container)
            {
                return new DatabaseChoice(null, NoDatabase($"{DatabaseOptions.SectionName}:Source is Container but no container runtime answers ({noContainer})."));
            }
        }

        var instance = LocalPostgresInstance.Prepare(options, AppHostFolder.Key(builder), out var noBinaries, out var note);
        if (instance is null)
        {
            return new DatabaseChoice(null, NoDatabase(options.Source is DatabaseSource.LocalBinaries
                ? $"{DatabaseOptions.SectionName}:Source is LocalBinaries but {noBinaries}."
                : $"There is no ConnectionStrings:{DatabaseName}, no container runtime answers ({noContainer}), and {noBinaries}."));
        }

        var database = builder.AddLocalPostgres("postgres", instance).AddDatabase(DatabaseName);
        var why = options.Source is DatabaseSource.Auto ? $" (no connection string configured; no container runtime: {noContainer})" : "";
        return new DatabaseChoice(database, $"Database: {instance.Description}{why}.{(note is null ? "" : " " + note)}");
    }

    private static DatabaseChoice Publish(IDistributedApplicationBuilder builder, bool configured)
    {
        // A connection string at publish time means "deploy against this existing PostgreSQL": it becomes a secret
        // parameter the deployment asks for; the value on this machine is never written into what is published.
        if (configured)
        {
            return new DatabaseChoice(builder.AddConnectionString(DatabaseName), $"Database: the connection-string parameter {DatabaseName}.");
        }

#if MARKETPLACE_AZURE
        return new DatabaseChoice(Deployment.AzureDeployment.AddFlexibleServer(builder, DatabaseName), "Database: Azure Database for PostgreSQL flexible server.");
#else
        return new DatabaseChoice(
            builder.AddPostgres("postgres").WithDataVolume().AddDatabase(DatabaseName),
            "Database: a PostgreSQL container (build with -p:MarketplaceAzure=true for Azure Database for PostgreSQL).");
#endif
    }

    private static IResourceBuilder<IResourceWithConnectionString> Container(IDistributedApplicationBuilder builder) =>
        builder.AddPostgres("postgres").WithDataVolume().WithPgAdmin().AddDatabase(DatabaseName);

    private static string NoDatabase(string what) =>
        $"The AppHost has no PostgreSQL to run the marketplace on. {what} Provide one of: " +
        $"(1) an existing PostgreSQL, as ConnectionStrings:{DatabaseName} (dotnet user-secrets set ConnectionStrings:{DatabaseName} \"Host=...;Username=...;Password=...\" --project AppHost, " +
        $"or the environment variable ConnectionStrings__{DatabaseName}); " +
        "(2) a running container runtime (start Docker or Podman); " +
        "(3) PostgreSQL's server binaries (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql@17), found on PATH, " +
        $"under /usr/lib/postgresql/<version>/bin or Homebrew's prefix, or named in {DatabaseOptions.SectionName}:{nameof(DatabaseOptions.PostgresBinDirectory)}. " +
        $"{DatabaseOptions.SectionName}:Source (Auto, ConnectionString, Container or LocalBinaries) picks one outright. See docs/aspire.md.";
}
