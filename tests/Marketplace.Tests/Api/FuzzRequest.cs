namespace Marketplace.Tests.Api;

/// <summary>One generated request: which operation it exercises, and exactly what goes on the wire.</summary>
public sealed record FuzzRequest(string Operation, string Method, string PathAndQuery, string? Body, string? ContentType, string? Token)
{
    public override string ToString() =>
        $"{Method} {PathAndQuery}{(Token is null ? "" : " [bearer]")}{(Body is null ? "" : $" {ContentType}: {(Body.Length > 300 ? Body[..300] + $"... ({Body.Length} chars)" : Body)}")}";
}
