using Marketplace.Data.Entities;

namespace Marketplace.Data.Outbox;

/// <summary>A mail the senders gave up on, as the dead-mail list shows it.</summary>
public sealed record DeadMail(
    Guid Id, OutboxMailKind Kind, string ToAddress, DateTimeOffset CreatedAt, DateTimeOffset DeadAt, int Attempts, string? Detail);
