namespace Marketplace.Tests.Api;

/// <summary>
/// Real values of the running marketplace that let generated requests reach past the first check, by parameter or field
/// name, or by "OperationId.name" for one operation only.
/// </summary>
public sealed record FuzzContext(
    IReadOnlyList<string> Tokens,
    IReadOnlyDictionary<string, IReadOnlyList<string>> KnownValues);
