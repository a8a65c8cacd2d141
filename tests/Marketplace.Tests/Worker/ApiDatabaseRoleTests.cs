using Marketplace.MigrationWorker.Steps;
using Marketplace.Tests.Support;
using Npgsql;

namespace Marketplace.Tests.Worker;

/// <summary>
/// The worker's <c>ApiDatabaseRole</c> settings: the Api's login role made or updated on every migrate (a run with
/// nothing else to do too), its password stored only as PostgreSQL's own SCRAM verifier; a role that could do more than
/// rows refused and left alone; settings that do not go together refused before anything is touched.
/// </summary>
public sealed class ApiDatabaseRoleTests(PostgresServer server, CurrentDatabaseTemplate template) : IClassFixture<CurrentDatabaseTemplate>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrate_makes_the_Apis_role_a_member_of_the_row_role_and_a_later_run_with_nothing_to_do_changes_its_password()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var owner = new Db(database.ConnectionString);
        var login = database.ApiLogin;

        // Without the settings: no login role, and still the guard's own tables are read-only to the row role.
        var plain = await WorkerRunner.RunAsync(database.ConnectionString, [], cancellationToken: Ct);
        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.Equal(
            ["__EFMigrationsHistory SELECT", "__MarketplaceMigrationChecksums SELECT", "__MarketplaceSchemaVerifications SELECT"],
            await owner.ColumnAsync("""
                SELECT t || ' ' || string_agg(p, ',' ORDER BY p)
                FROM unnest(ARRAY['__EFMigrationsHistory', '__MarketplaceMigrationChecksums', '__MarketplaceSchemaVerifications']) AS t,
                     unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) AS p
                WHERE has_table_privilege('marketplace_rows', quote_ident(t), p)
                GROUP BY t ORDER BY t
                """, Ct));

        // The schema is done: this run has nothing else to do, and still makes the role.
        var made = await WorkerRunner.RunAsync(database.ConnectionString, [], login.WorkerSettings, Ct);
        Assert.True(made.ExitCode == 0, made.ToString());
        Assert.Equal("login inherit member", await AttributesAsync(owner, login.Name));
        Assert.True(await StoresAsync(owner, login.Name, login.Password));

        // A new password, from the environment as a deployment gives it: stored, and written nowhere in the worker's output.
        var rotated = login with { Password = "a-new-password-for-the-api-" + Guid.NewGuid().ToString("N")[..8] };
        var changed = await WorkerRunner.RunProcessAsync(
            new Dictionary<string, string?>(rotated.WorkerEnvironment) { ["ConnectionStrings__marketplacedb"] = database.ConnectionString }, [], Ct);
        Assert.True(changed.ExitCode == 0, changed.ToString());
        Assert.Contains("Nothing to do", changed.Error, StringComparison.Ordinal);
        Assert.Contains($"The Api's database role {login.Name}: updated, a member of marketplace_rows", changed.Error, StringComparison.Ordinal);
        Assert.Equal("login inherit member", await AttributesAsync(owner, login.Name));
        Assert.True(await StoresAsync(owner, login.Name, rotated.Password));
        Assert.False(await StoresAsync(owner, login.Name, login.Password));
        Assert.DoesNotContain(rotated.Password, changed.Error + changed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_verifier_is_the_one_PostgreSQL_derives_from_the_password_itself()
    {
        var role = "scram_" + Guid.NewGuid().ToString("N")[..12];
        const string password = "Correct-Horse-Battery-Staple-42!";
        await using var admin = new Db(server.AdminConnectionString);
        try
        {
            await admin.ExecuteAsync($"SET password_encryption = 'scram-sha-256'; CREATE ROLE {role} PASSWORD '{password}'", Ct);

            Assert.True(await StoresAsync(admin, role, password));
            Assert.False(await StoresAsync(admin, role, password + "x"));
        }
        finally
        {
            await admin.ExecuteAsync($"DROP ROLE IF EXISTS {role}", Ct);
        }
    }

    public static TheoryData<string> PowerfulRoles => new(
        "ALTER ROLE {0} SUPERUSER",
        "ALTER ROLE {0} CREATEDB",
        "CREATE SEQUENCE \"Extra\"; ALTER SEQUENCE \"Extra\" OWNER TO {0}",
        "CREATE ROLE {0}_owner; ALTER TABLE \"Category\" OWNER TO {0}_owner; GRANT {0}_owner TO {0}");

    [Theory]
    [MemberData(nameof(PowerfulRoles))]
    public async Task A_role_that_can_do_more_than_rows_is_refused_with_exit_code_2_and_left_as_it_was(string makePowerful)
    {
        await using var database = await template.CopyAsync(Ct);
        await using var owner = new Db(database.ConnectionString);
        var login = database.ApiLogin;
        await owner.ExecuteAsync($"CREATE ROLE {login.Name} LOGIN PASSWORD 'the-dba-chose-this'; " + string.Format(System.Globalization.CultureInfo.InvariantCulture, makePowerful, login.Name), Ct);
        var stored = await owner.ColumnAsync($"SELECT rolpassword FROM pg_authid WHERE rolname = '{login.Name}'", Ct);
        try
        {
            var refused = await WorkerRunner.RunAsync(database.ConnectionString, [], login.WorkerSettings, Ct);

            Assert.True(refused.ExitCode == 2, refused.ToString());
            Assert.Contains($"ApiDatabaseRole:Name is '{login.Name}', a role that can do more than read and write rows", refused.Error, StringComparison.Ordinal);
            Assert.Equal(stored, await owner.ColumnAsync($"SELECT rolpassword FROM pg_authid WHERE rolname = '{login.Name}'", Ct));
            Assert.Empty(await owner.ColumnAsync($"""
                SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member
                WHERE g.rolname = 'marketplace_rows' AND r.rolname = '{login.Name}'
                """, Ct));
        }
        finally
        {
            await owner.ExecuteAsync($"ALTER TABLE \"Category\" OWNER TO CURRENT_USER; DROP SEQUENCE IF EXISTS \"Extra\"; DROP ROLE IF EXISTS {login.Name}_owner", Ct);
        }
    }

    public static TheoryData<string?, string?, string> WrongSettings => new()
    {
        { "marketplace_api", null, "ApiDatabaseRole:Name and ApiDatabaseRole:Password go together" },
        { null, "a-long-enough-password", "ApiDatabaseRole:Name and ApiDatabaseRole:Password go together" },
        { "Marketplace-Api", "a-long-enough-password", "ApiDatabaseRole:Name must be 1 to 63 lower-case letters" },
        { "pg_api", "a-long-enough-password", "ApiDatabaseRole:Name may not start with pg_" },
        { "marketplace_rows", "a-long-enough-password", "nor be marketplace_rows" },
        { "marketplace_api", "short", "ApiDatabaseRole:Password must be 16 to 128 printable ASCII characters" },
        { "marketplace_api", "long-enough-but;Host=elsewhere", "ApiDatabaseRole:Password must be 16 to 128 printable ASCII characters" },
    };

    [Theory]
    [MemberData(nameof(WrongSettings))]
    public async Task Settings_that_do_not_make_a_safe_role_stop_the_worker_with_exit_code_2_before_it_connects(string? name, string? password, string message)
    {
        // Nothing listens on port 1: a worker that got as far as connecting would say so instead.
        var result = await WorkerRunner.RunAsync("Host=127.0.0.1;Port=1;Database=nowhere;Username=nobody", [],
            new Dictionary<string, string?> { ["ApiDatabaseRole:Name"] = name, ["ApiDatabaseRole:Password"] = password }, Ct);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    /// <summary>The role's LOGIN, INHERIT and membership of the row role, as one line; and nothing more powerful.</summary>
    private static async Task<string> AttributesAsync(Db owner, string role) => Assert.Single(await owner.ColumnAsync($"""
        SELECT concat_ws(' ', CASE WHEN rolcanlogin THEN 'login' END, CASE WHEN rolinherit THEN 'inherit' END,
                         CASE WHEN pg_has_role(oid, 'marketplace_rows', 'MEMBER') THEN 'member' END,
                         CASE WHEN rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls THEN 'POWERFUL' END)
        FROM pg_roles WHERE rolname = '{role}'
        """, Ct));

    /// <summary>Whether the server stores <paramref name="password"/> for the role: its SCRAM verifier, recomputed with the stored salt.</summary>
    private static async Task<bool> StoresAsync(Db admin, string role, string password)
    {
        var stored = Assert.Single(await admin.ColumnAsync($"SELECT rolpassword FROM pg_authid WHERE rolname = '{role}'", Ct));
        Assert.StartsWith("SCRAM-SHA-256$", stored, StringComparison.Ordinal);
        var (iterations, salt) = (stored.Split('$')[1].Split(':')[0], stored.Split('$')[1].Split(':')[1]);
        return ScramVerifier.Create(password, Convert.FromBase64String(salt), int.Parse(iterations, System.Globalization.CultureInfo.InvariantCulture)) == stored;
    }
}
