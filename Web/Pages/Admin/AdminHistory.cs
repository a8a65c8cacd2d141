using Marketplace.Contracts.Admin;

namespace Marketplace.Web.Pages.Admin;

/// <summary>What admins did about an account before, in a sentence.</summary>
public static class AdminHistory
{
    public static string Describe(ModerationHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.ListingsRemoved == 0 && history.TimesSuspended == 0)
        {
            return "Nothing before: no listing removed, never suspended.";
        }

        var removed = history.ListingsRemoved switch { 0 => "no listing removed", 1 => "1 listing removed", var n => $"{n} listings removed" };
        var suspended = history.TimesSuspended switch { 0 => "never suspended", 1 => "suspended once", var n => $"suspended {n} times" };
        return $"{char.ToUpperInvariant(removed[0])}{removed[1..]}, {suspended}.";
    }
}
