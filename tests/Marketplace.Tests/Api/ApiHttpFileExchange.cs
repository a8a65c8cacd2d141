namespace Marketplace.Tests.Api;

/// <summary>
/// One request of Api/Api.http as sent, and what the Api answered (headers with their values joined by ", "); Expect is
/// the status a request marked <c># @expect</c> shows, else null (a success).
/// </summary>
public sealed record ApiHttpFileExchange(string Method, string Url, string Path, int Status, string Body, IReadOnlyDictionary<string, string> Headers, int? Expect = null)
{
    public bool AnsweredAsDocumented => Expect is { } expected ? Status == expected : Status is >= 200 and < 300;
}
