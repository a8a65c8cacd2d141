namespace Marketplace.AppHost.Database;

/// <summary>
/// The Api's own way into the database: a login role that may read and write rows and nothing else, so that a bug in
/// the Api can never alter or drop the schema the worker guards. Its name (parameter <c>api-db-user</c>,
/// <c>marketplace_api</c> unless set) and password (secret parameter <c>api-db-password</c>: generated and kept with the
/// AppHost's user secrets in run mode, asked for by a deployment) go to the worker, which creates the role
/// (<c>ApiDatabaseRole</c> settings), and into the Api's connection string: the database's own, with the role's user name
/// and password in place of the worker's. The Web never connects to the database.
/// </summary>
public static class ApiDatabaseRoleBuilderExtensions
{
    public const string UserParameter = "api-db-user";

    public const string PasswordParameter = "api-db-password";

    public const string DefaultUser = "marketplace_api";

    public static IResourceBuilder<ProjectResource> WithApiDatabaseRole(
        this IResourceBuilder<ProjectResource> api, IResourceBuilder<IResourceWithConnectionString> database, IResourceBuilder<ProjectResource> worker)
    {
        var builder = api.ApplicationBuilder;
        var user = builder.AddParameter(UserParameter, DefaultUser, publishValueAsDefault: true);
        var password = builder.AddParameter(
            PasswordParameter, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
        worker
            .WithEnvironment("ApiDatabaseRole__Name", user)
            .WithEnvironment("ApiDatabaseRole__Password", password);

        // A key given twice in a connection string takes its last value, so these replace the worker's user and password.
        var connectionString = ReferenceExpression.Create($"{database.Resource};Username={user};Password={password}");
        return api
            .WithEnvironment($"ConnectionStrings__{MarketplaceDatabaseBuilderExtensions.DatabaseName}", connectionString)
            .WithReferenceRelationship(database);
    }
}
