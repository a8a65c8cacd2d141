namespace Marketplace.Api.Images;

/// <summary>A blob as listed: its name, when it was last written, and the ETag of that version.</summary>
public sealed record StoredImageVersion(string Name, DateTimeOffset LastModified, string ETag);
