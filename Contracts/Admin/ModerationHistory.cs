namespace Marketplace.Contracts.Admin;

/// <summary>What admins did about an account before, from the audit log: the times a listing of theirs was removed, and the times it was suspended.</summary>
public sealed record ModerationHistory(int ListingsRemoved, int TimesSuspended);
