namespace Marketplace.Api.Images;

/// <summary>Why an upload was refused while its body was read: the status (400, 413, 415) and the field and sentence to name.</summary>
public sealed record UploadRefusal(int Status, string Field, string Message);
