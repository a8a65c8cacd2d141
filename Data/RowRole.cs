namespace Marketplace.Data;

/// <summary>
/// The role that holds the Api's rights in the database: a NOLOGIN group that may read and write the rows of every table
/// and use every sequence in the schema, and own, create, alter, drop or truncate nothing. The migration AddRowRole
/// creates it and grants it those rights, with default privileges so that the tables later migrations create follow;
/// the worker makes the Api's login role (the <c>ApiDatabaseRole</c> settings) a member and keeps the schema guard's own
/// tables read-only to it. Its name is fixed, so that an applied migration never depends on a setting; the login role's
/// name and password are settings and never appear in a migration.
/// </summary>
public static class RowRole
{
    /// <summary>The group's name. Roles belong to the server: every marketplace database on one server grants to the same group.</summary>
    public const string Name = "marketplace_rows";
}
