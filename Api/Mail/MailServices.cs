using Marketplace.Api.Auth;
using Marketplace.Api.Conversations;
using Marketplace.Api.SavedSearches;
using Marketplace.Api.Jobs;
using Marketplace.Data;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Mail;

public static class MailServices
{
    /// <summary>
    /// The SMTP sender with its settings validated at start-up, the composers of mails, the outbox requests add their mail
    /// to, and its two periodic jobs: the sender on every replica, the purge on one at a time.
    /// </summary>
    public static IHostApplicationBuilder AddMail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SmtpOptions>()
            .BindConfiguration(SmtpOptions.SectionName)
            .Validate(smtp => !string.IsNullOrWhiteSpace(smtp.Host),
                "Smtp:Host must name the SMTP server the Api sends mail through (e.g. smtp.example.com); set Smtp__Host. Development uses localhost.")
            .Validate(smtp => smtp.Port is >= 1 and <= 65535, "Smtp:Port must be between 1 and 65535.")
            .Validate(smtp => Enum.IsDefined(smtp.Security), "Smtp:Security must be one of None, StartTls, SslOnConnect, Auto.")
            .Validate(smtp => smtp.HasValidFromAddress,
                "Smtp:FromAddress must be the one address mail is sent from, such as no-reply@example.com; set Smtp__FromAddress.")
            .Validate(smtp => smtp.HasCredentialsInPairs,
                "Smtp:UserName and Smtp:Password must be set together (both to authenticate, neither to send without).")
            .Validate(smtp => smtp.Timeout >= TimeSpan.FromSeconds(1) && smtp.Timeout <= TimeSpan.FromMinutes(5),
                "Smtp:Timeout must be between 00:00:01 and 00:05:00.")
            .ValidateOnStart();
        builder.Services.AddOptions<OutboxOptions>()
            .BindConfiguration(OutboxOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(outbox => outbox.MaxRetryDelay >= outbox.RetryDelay, "Outbox:MaxRetryDelay must not be shorter than Outbox:RetryDelay.")
            .ValidateOnStart();
        builder.Services.AddOptions<SupportOptions>()
            .BindConfiguration(SupportOptions.SectionName)
            .Validate(support => support.HasValidAddress, SupportOptions.AddressMessage)
            .ValidateOnStart();
        builder.Services.AddSingleton<IEmailSender, SmtpEmailSender>();
        builder.Services.AddSingleton<AccountMails>();
        builder.Services.AddSingleton<ModerationMails>();
        builder.Services.AddSingleton<ConversationMails>();
        builder.Services.AddSingleton<AlertMails>();
        builder.Services.AddSingleton<UnsubscribeKey>();
        builder.Services.AddSingleton<AlertLinks>();
        builder.Services.AddSingleton<MailedTokenKey>();
        builder.Services.AddSingleton<MailOutbox>();
        builder.Services.AddSingleton<MailMetrics>();
        builder.Services.AddSingleton<OutboxMailComposer>();
        builder.Services.AddPeriodicJob<OutboxSender>(OutboxSender.JobName, services => new PeriodicJobSchedule(
            services.GetRequiredService<IOptions<OutboxOptions>>().Value.PollInterval));
        builder.Services.AddPeriodicJob<OutboxPurge>(OutboxPurge.JobName, services => new PeriodicJobSchedule(
            services.GetRequiredService<IOptions<OutboxOptions>>().Value.PurgeInterval, AdvisoryLockKeys.OutboxPurge));
        return builder;
    }
}
