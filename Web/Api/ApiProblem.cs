namespace Marketplace.Web.Api;

/// <summary>
/// An RFC 9457 problem the Api answered: its status, type, title and detail, the field errors of a validation problem
/// keyed by the request's JSON field names, and how long to wait when it said so (429, 503). Pages show what
/// <see cref="PersonMessages"/> says about it, never its title or detail, which are written for Api clients.
/// </summary>
public sealed record ApiProblem(
    int Status,
    string? Title,
    string? Detail,
    IReadOnlyDictionary<string, string[]> Errors,
    TimeSpan? RetryAfter,
    string? Type = null)
{
    /// <summary>For the Web's logs and exceptions: the detail, else the title, else the status.</summary>
    public string Message => Detail ?? Title ?? $"The marketplace answered {Status}.";
}
