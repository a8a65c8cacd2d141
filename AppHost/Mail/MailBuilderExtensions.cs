using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace Marketplace.AppHost.Mail;

/// <summary>
/// Where the Api's mail goes. Run mode: smtp4dev, a development SMTP server whose web UI shows every mail it received,
/// started by the AppHost as a resource from its NuGet package (`dotnet tool exec`: no container runtime, no prior
/// `dotnet tool restore`). Publish mode: the real server's settings, asked for as secret parameters.
/// </summary>
public static class MailBuilderExtensions
{
    /// <summary>The dotnet tool, as pinned in .config/dotnet-tools.json.</summary>
    public const string Smtp4devPackage = "rnwood.smtp4dev";

    public const string Smtp4devVersion = "3.15.0";

    public const string SmtpEndpointName = "smtp";

    /// <summary>
    /// smtp4dev on loopback: its web UI (and HTTP API, <c>GET /api/messages</c>) on the <c>http</c> endpoint the
    /// dashboard links to, SMTP on the <c>smtp</c> endpoint; messages in memory (or in the file <c>Mail:DatabasePath</c>
    /// names, kept when smtp4dev stops and starts), IMAP and POP3 off, the developer's own smtp4dev settings not read.
    /// Ports are free ones, or <c>Mail:WebPort</c> and <c>Mail:SmtpPort</c>.
    /// </summary>
    public static IResourceBuilder<ExecutableResource> AddSmtp4dev(this IDistributedApplicationBuilder builder, string name)
    {
        var webPort = builder.Configuration.GetValue<int?>("Mail:WebPort") ?? FreePort();
        var smtpPort = builder.Configuration.GetValue<int?>("Mail:SmtpPort") ?? FreePort();
        var database = builder.Configuration["Mail:DatabasePath"] is { Length: > 0 } path ? Path.GetFullPath(path) : "";
        return builder.AddExecutable(name, "dotnet", builder.AppHostDirectory,
                "tool", "exec", $"{Smtp4devPackage}@{Smtp4devVersion}", "--yes", "--",
                $"--urls=http://127.0.0.1:{webPort}",
                $"--smtpport={smtpPort}",
                "--bindaddress=127.0.0.1",
                "--imapport=",
                "--pop3port=",
                $"--db={database}",
                "--nousersettings")
            .WithHttpEndpoint(port: webPort, targetPort: webPort, name: "http", isProxied: false)
            .WithEndpoint(port: smtpPort, targetPort: smtpPort, scheme: "tcp", name: SmtpEndpointName, isProxied: false)
            .WithHttpHealthCheck("/api/messages")
            .WithIconName("Mail")
            .ExcludeFromManifest();
    }

    /// <summary>
    /// The Api sends through smtp4dev, and its mailed links start at <paramref name="links"/> (the Web's http endpoint,
    /// whose pages answer /verify-email and /reset-password). It does not wait for
    /// smtp4dev: without a mail server registration still works (the mail is logged as not sent; resend asks again).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDevelopmentMail(
        this IResourceBuilder<ProjectResource> api, IResourceBuilder<ExecutableResource> smtp4dev, EndpointReference links)
    {
        var smtp = smtp4dev.GetEndpoint(SmtpEndpointName);
        return api
            .WithEnvironment("Smtp__Host", smtp.Property(EndpointProperty.IPV4Host))
            .WithEnvironment("Smtp__Port", smtp.Property(EndpointProperty.Port))
            .WithEnvironment("Smtp__Security", "None")
            .WithEnvironment("Smtp__FromAddress", "no-reply@marketplace.localhost")
            .WithEnvironment("Marketplace__PublicBaseUrl", links)
            .WithReferenceRelationship(smtp4dev);
    }

    /// <summary>
    /// Deployed, the Api sends through a real SMTP server: its host, port, credentials and sender are secret parameters
    /// the deployment asks for (never values from the publishing machine), and so are the public base URL of the links and
    /// the support address moderation mails send appeals to.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPublishedMail(this IResourceBuilder<ProjectResource> api)
    {
        var builder = api.ApplicationBuilder;
        return api
            .WithEnvironment("Smtp__Host", builder.AddParameter("smtp-host", secret: true))
            .WithEnvironment("Smtp__Port", builder.AddParameter("smtp-port", secret: true))
            .WithEnvironment("Smtp__UserName", builder.AddParameter("smtp-username", secret: true))
            .WithEnvironment("Smtp__Password", builder.AddParameter("smtp-password", secret: true))
            .WithEnvironment("Smtp__FromAddress", builder.AddParameter("smtp-from-address", secret: true))
            .WithEnvironment("Support__Address", builder.AddParameter("support-address"))
            .WithEnvironment("Marketplace__PublicBaseUrl", builder.AddParameter("public-base-url"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
