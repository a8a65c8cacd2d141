namespace Marketplace.Web.Api;

/// <summary>
/// An RFC 9457 problem the Api answered: its status, title and detail, the field errors of a validation problem keyed
/// by the request's JSON field names, and how long to wait when it said so (429, 503).
/// </summary>
public sealed record ApiProblem(
    int Status,
    string? Title,
    string? Detail,
    IReadOnlyDictionary<string, string[]> Errors,
    TimeSpan? RetryAfter)
{
    /// <summary>What to show a person: the detail, else the title, else the status.</summary>
    public string Message => Detail ?? Title ?? $"The marketplace answered {Status}.";
}
