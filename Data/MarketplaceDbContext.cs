using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Data;

public sealed class MarketplaceDbContext(DbContextOptions<MarketplaceDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<Listing> Listings => Set<Listing>();
    public DbSet<ListingImage> ListingImages => Set<ListingImage>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<VerificationToken> VerificationTokens => Set<VerificationToken>();
    public DbSet<PasswordResetToken> PasswordResetTokens => Set<PasswordResetToken>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<AdminAuditLog> AdminAuditLogs => Set<AdminAuditLog>();
    public DbSet<ListingReport> ListingReports => Set<ListingReport>();
    public DbSet<OutboxMail> OutboxMails => Set<OutboxMail>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<ConversationParticipant> ConversationParticipants => Set<ConversationParticipant>();
    public DbSet<ConversationMessage> ConversationMessages => Set<ConversationMessage>();
    public DbSet<ConversationReport> ConversationReports => Set<ConversationReport>();
    public DbSet<ConversationReportView> ConversationReportViews => Set<ConversationReportView>();
    public DbSet<UserBlock> UserBlocks => Set<UserBlock>();
    public DbSet<Favourite> Favourites => Set<Favourite>();
    public DbSet<SavedSearch> SavedSearches => Set<SavedSearch>();
    public DbSet<SavedSearchMatch> SavedSearchMatches => Set<SavedSearchMatch>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<EmailChangeRevertToken> EmailChangeRevertTokens => Set<EmailChangeRevertToken>();
    public DbSet<AccountActivity> AccountActivities => Set<AccountActivity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        MarketplaceEnums.Register(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MarketplaceDbContext).Assembly);
    }
}
