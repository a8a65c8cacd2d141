using System.ComponentModel.DataAnnotations;

namespace Marketplace.Api.Replicas;

/// <summary>
/// Settings under <c>Replicas</c>: how many Api processes serve together (the AppHost passes its own
/// <c>Replicas:Api</c>). Without Redis each replica allows its share of a shared budget, so the sum stays the budget.
/// </summary>
public sealed class ReplicaOptions
{
    public const string SectionName = "Replicas";

    [Range(1, 1000, ErrorMessage = "Replicas:Api must be between {1} and {2}.")]
    public int Api { get; set; } = 1;

    /// <summary>This replica's share of <paramref name="budget"/> when the replicas cannot count together: at least one.</summary>
    public int ShareOf(int budget) => Math.Max(1, budget / Api);
}
