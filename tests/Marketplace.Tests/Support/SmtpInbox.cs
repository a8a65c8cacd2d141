using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpServiceProvider = SmtpServer.ComponentModel.ServiceProvider;

namespace Marketplace.Tests.Support;

/// <summary>
/// A real SMTP server in the test process (the SmtpServer package) on a free loopback port, keeping every mail it is
/// handed, parsed by MimeKit. The Api talks SMTP to it exactly as to a production server; tests read what arrived.
/// </summary>
public sealed partial class SmtpInbox : IDisposable
{
    private static readonly Lazy<SmtpInbox> SharedInbox = new(Start);

    private readonly List<ReceivedMail> _mails = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;

    private SmtpInbox(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp-inbox.test")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)).IsSecure(false))
            .Build();
        var services = new SmtpServiceProvider();
        services.Add(new Store(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    /// <summary>The inbox every test Api sends to, started on first use and kept for the test run.</summary>
    public static SmtpInbox Shared => SharedInbox.Value;

    public const string Host = "127.0.0.1";

    public int Port { get; }

    /// <summary>The Api's settings that send its mail here.</summary>
    public IReadOnlyDictionary<string, string?> Settings(string separator = ":") => new Dictionary<string, string?>
    {
        [$"Smtp{separator}Host"] = Host,
        [$"Smtp{separator}Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"Smtp{separator}Security"] = "None",
        [$"Smtp{separator}FromAddress"] = FromAddress,
        [$"Smtp{separator}FromName"] = FromName,
        [$"Support{separator}Address"] = SupportAddress,
    };

    public const string FromAddress = "no-reply@marketplace.test";

    public const string FromName = "Marketplace tests";

    /// <summary>Where the test Api's moderation mails send replies (appeals).</summary>
    public const string SupportAddress = "support@marketplace.test";

    /// <summary>Starts an inbox of its own, for a test that must see exactly what arrived.</summary>
    public static SmtpInbox Start()
    {
        var inbox = new SmtpInbox(CapturedProcess.FreeLoopbackPort());
        inbox.WaitUntilListening();
        return inbox;
    }

    /// <summary>Every mail received so far whose envelope or To header names <paramref name="address"/>, oldest first.</summary>
    public IReadOnlyList<ReceivedMail> MailsTo(string address)
    {
        lock (_mails)
        {
            return [.. _mails.Where(m => m.IsFor(address))];
        }
    }

    /// <summary>Waits for the <paramref name="number"/>th mail to <paramref name="address"/> (1: the first).</summary>
    public async Task<ReceivedMail> WaitForMailAsync(string address, int number = 1, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var mails = MailsTo(address);
            if (mails.Count >= number)
            {
                return mails[number - 1];
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"Mail {number} to {address} did not arrive at the test SMTP server within the time; {mails.Count} did.");
            await Task.Delay(50, cancellationToken);
        }
    }

    public void Dispose()
    {
        _server.Shutdown();
        _stop.Cancel();
        try
        {
            _running.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Stopped by the cancellation.
        }

        _stop.Dispose();
    }

    private void WaitUntilListening()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_running.IsCompleted)
            {
                Thread.Sleep(20);
            }
        }
    }

    private sealed class Store(SmtpInbox inbox) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = MimeMessage.Load(stream, cancellationToken);
            var envelope = transaction.To.Select(to => $"{to.User}@{to.Host}").ToList();
            lock (inbox._mails)
            {
                inbox._mails.Add(new ReceivedMail(message, transaction.From is { } from ? $"{from.User}@{from.Host}" : "", envelope));
            }

            return Task.FromResult(SmtpResponse.Ok!);
        }
    }
}

/// <summary>One mail as the SMTP server received it: the parsed message and its envelope.</summary>
public sealed partial record ReceivedMail(MimeMessage Message, string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo)
{
    public string Subject => Message.Subject ?? "";

    public string TextBody => Message.TextBody ?? "";

    public string HtmlBody => Message.HtmlBody ?? "";

    public bool IsFor(string address) =>
        EnvelopeTo.Any(to => string.Equals(to, address, StringComparison.OrdinalIgnoreCase))
        || Message.To.Mailboxes.Any(to => string.Equals(to.Address, address, StringComparison.OrdinalIgnoreCase));

    /// <summary>The one link in the plain-text part to <paramref name="path"/> (e.g. /verify-email), as mailed.</summary>
    public Uri Link(string path)
    {
        var links = LinkPattern().Matches(TextBody).Select(m => new Uri(m.Value)).Where(u => u.AbsolutePath.EndsWith(path, StringComparison.Ordinal)).Distinct().ToList();
        Assert.True(links.Count == 1, $"Expected one link to {path} in the mail, found {links.Count}:\n{TextBody}");
        return links[0];
    }

    /// <summary>The token the link to <paramref name="path"/> carries, URL-decoded.</summary>
    public string Token(string path)
    {
        var query = Link(path).Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Single(p => p[0] == "token");
        return Uri.UnescapeDataString(query[1]);
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex LinkPattern();
}
