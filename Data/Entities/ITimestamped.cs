namespace Marketplace.Data.Entities;

/// <summary>An entity whose CreatedAt and UpdatedAt are maintained by <see cref="TimestampInterceptor"/>.</summary>
public interface ITimestamped
{
    DateTimeOffset CreatedAt { get; set; }
    DateTimeOffset UpdatedAt { get; set; }
}
