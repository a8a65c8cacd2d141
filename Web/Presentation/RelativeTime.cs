using System.Globalization;

namespace Marketplace.Web.Presentation;

/// <summary>A moment as a person says it: "just now", "5 minutes ago", "yesterday", "3 days ago", then the date.</summary>
public static class RelativeTime
{
    public static string Describe(DateTimeOffset at, DateTimeOffset now, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var ago = now - at;
        return ago.TotalSeconds switch
        {
            < 60 => "just now",
            < 3600 => Count((int)ago.TotalMinutes, "minute") + " ago",
            < 86_400 => Count((int)ago.TotalHours, "hour") + " ago",
            < 2 * 86_400 => "yesterday",
            < 14 * 86_400 => Count((int)ago.TotalDays, "day") + " ago",
            < 60 * 86_400 => Count((int)ago.TotalDays / 7, "week") + " ago",
            _ => "on " + at.UtcDateTime.ToString("d MMMM yyyy", culture),
        };
    }

    /// <summary>The exact moment in UTC, as the page says it before script (if any) shows it in the visitor's time zone.</summary>
    public static string Exact(DateTimeOffset at, CultureInfo culture) =>
        at.UtcDateTime.ToString("d MMMM yyyy, HH:mm", culture) + " UTC";

    private static string Count(int n, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {unit}{(n == 1 ? "" : "s")}");
}
