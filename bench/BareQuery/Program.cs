using Npgsql;

var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__marketplacedb")
    ?? throw new InvalidOperationException("Set ConnectionStrings__marketplacedb.");
await using var connection = new NpgsqlConnection(connectionString);
await connection.OpenAsync();
await using var command = new NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", connection);
Console.WriteLine(await command.ExecuteScalarAsync());
