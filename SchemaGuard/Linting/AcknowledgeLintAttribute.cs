namespace Marketplace.SchemaGuard.Linting;

/// <summary>
/// Acknowledges one lint finding of this migration: one rule on one object, with the reason it is safe here. The finding
/// is still reported, marked as acknowledged with the reason, so the judgement stays visible; there is no wider switch.
/// </summary>
/// <example><c>[AcknowledgeLint(LintRuleIds.DropColumn, "Listing.Legacy", Reason = "Unread since release 12; backed up.")]</c></example>
/// <param name="ruleId">The rule id as the finding shows it, e.g. <c>drop-column</c>.</param>
/// <param name="target">The object as the finding shows it: <c>Table</c>, <c>Table.Column</c>, <c>Table.IX_Name</c>, an enum type, or <c>sql#1</c>.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AcknowledgeLintAttribute(string ruleId, string target) : Attribute
{
    public string RuleId { get; } = ruleId;

    public string Target { get; } = target;

    /// <summary>Why the operation is safe for this database, in words the next reader can check (required, not blank).</summary>
    public required string Reason { get; init; }
}
