namespace Marketplace.Contracts.Admin;

/// <summary>Which way a category moves among its siblings: one place earlier or later.</summary>
public enum CategoryDirection
{
    Up,
    Down,
}
