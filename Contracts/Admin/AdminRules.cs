namespace Marketplace.Contracts.Admin;

/// <summary>What an admin's request may hold.</summary>
public static class AdminRules
{
    /// <summary>A reason for an action, kept in the audit log and, for a removal or a suspension, on the row.</summary>
    public const int ReasonMaxLength = 500;
}
