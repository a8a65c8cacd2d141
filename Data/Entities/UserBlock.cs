namespace Marketplace.Data.Entities;

/// <summary>
/// One account no longer takes messages from another: their conversations become read-only for both sides (the other
/// cannot write, and the blocker does not write to someone who cannot answer) until the blocker lifts it.
/// </summary>
public sealed class UserBlock
{
    public Guid BlockerId { get; set; }
    public User? Blocker { get; set; }

    public Guid BlockedId { get; set; }
    public User? Blocked { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
