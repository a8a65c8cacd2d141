using System.ComponentModel.DataAnnotations;

namespace Marketplace.Api.SavedSearches;

/// <summary>Settings under <c>SavedSearches</c>.</summary>
public sealed class SavedSearchOptions
{
    public const string SectionName = "SavedSearches";

    /// <summary>
    /// How often one replica matches newly published listings against the saved searches and queues the alert mails due:
    /// the most an "immediate" alert waits.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00", ErrorMessage = "SavedSearches:AlertInterval must be between {1} and {2}.")]
    public TimeSpan AlertInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The time between two mails of a daily digest.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "SavedSearches:DigestInterval must be between {1} and {2}.")]
    public TimeSpan DigestInterval { get; set; } = TimeSpan.FromDays(1);
}
