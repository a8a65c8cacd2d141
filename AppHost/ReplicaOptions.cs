using System.ComponentModel.DataAnnotations;

namespace Marketplace.AppHost;

/// <summary>
/// The AppHost's <c>Replicas</c> settings: how many processes of the Api and of the Web it runs, behind one endpoint
/// each. Two by default, so every local run and every AppHost test exercises what must be one truth across replicas.
/// </summary>
public sealed class ReplicaOptions
{
    public const string SectionName = "Replicas";

    [Range(1, 16, ErrorMessage = "Replicas:Api must be between {1} and {2}.")]
    public int Api { get; init; } = 2;

    [Range(1, 16, ErrorMessage = "Replicas:Web must be between {1} and {2}.")]
    public int Web { get; init; } = 2;
}
