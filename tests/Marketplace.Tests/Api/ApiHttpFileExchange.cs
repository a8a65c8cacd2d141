namespace Marketplace.Tests.Api;

/// <summary>One request of Api/Api.http as sent, and what the Api answered (headers with their values joined by ", ").</summary>
public sealed record ApiHttpFileExchange(string Method, string Url, string Path, int Status, string Body, IReadOnlyDictionary<string, string> Headers);
