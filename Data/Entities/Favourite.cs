namespace Marketplace.Data.Entities;

/// <summary>A listing an account keeps for later ("Saved"); its seller sees how many keep it.</summary>
public sealed class Favourite
{
    public Guid UserId { get; set; }
    public User? User { get; set; }

    public long ListingId { get; set; }
    public Listing? Listing { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
