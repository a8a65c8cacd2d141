namespace Marketplace.SchemaGuard.Drift;

/// <summary>One acknowledged difference: the object as the drift report names it, and why it is intended.</summary>
public sealed class SchemaDriftAllowance
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The configuration key users write: SchemaDrift:Allow:0:Object.")]
    public string Object { get; set; } = "";

    public string Reason { get; set; } = "";

    public override string ToString() => $"{Object} ({Reason})";
}
