namespace Marketplace.SchemaGuard.MigrationMarks;

/// <summary>
/// Marks this migration as the contract step of an expand/contract change: it removes (drops, renames or retypes) an
/// object that the model before it still maps but that no deployed version reads or writes any more. The rolling-deploy
/// proof then leaves that object out of what the previous version must still be able to do; lint lists the mark
/// (<c>contract-step</c>) with its reason. One attribute per object.
/// </summary>
/// <example><c>[ContractStep("Listing.Legacy", Reason = "Release 2027.14 stopped reading and writing Legacy; it runs everywhere.")]</c></example>
/// <param name="target">The table (<c>Listing</c>) or column (<c>Listing.Legacy</c>), schema-qualified outside the default schema, as lint shows targets.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ContractStepAttribute(string target) : Attribute
{
    public string Target { get; } = target;

    /// <summary>The release that stopped using the object, and that it runs everywhere (required, not blank).</summary>
    public required string Reason { get; init; }
}
