using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>
/// Api/Api.http, read as VS Code's REST Client and Visual Studio read it (the subset the file uses: file variables,
/// ### separators, # @name, headers, a body, {{name.response.body.$.a.b}} references), and sent in order.
/// </summary>
public sealed partial class ApiHttpFile
{
    private readonly Dictionary<string, string> _variables;
    private readonly List<Request> _requests;

    private ApiHttpFile(Dictionary<string, string> variables, List<Request> requests) => (_variables, _requests) = (variables, requests);

    /// <summary>A file variable (<c>@name = value</c>) as written.</summary>
    public string Variable(string name) => _variables[name];

    /// <summary>The admin the file's comment says to make, made as it says: the worker's create-admin.</summary>
    public async Task CreateAdminAsync(string connectionString)
    {
        var admin = await Support.WorkerRunner.RunWithInputAsync(
            connectionString,
            ["create-admin", "--email", Variable("adminEmail")],
            standardInput: null,
            new Dictionary<string, string?> { [MigrationWorker.Commands.CreateAdminCommand.PasswordVariable] = Variable("adminPassword") },
            Ct);
        Assert.True(admin.ExitCode == 0, admin.ToString());
    }

    public static async Task<ApiHttpFile> ReadAsync() =>
        Parse(await File.ReadAllTextAsync(System.IO.Path.Combine(ApiProcess.RepositoryRoot(), "Api", "Api.http"), Ct));

    /// <summary>
    /// Sends every request in order through <paramref name="client"/> (its base address stands for {{baseUrl}}). A
    /// variable in <paramref name="supplied"/> is what a person fills in by hand (a token from a mail): it is asked for
    /// when the first request that uses it is about to go.
    /// </summary>
    /// <param name="multipartClient">Where multipart requests (the photo upload) go instead, when <paramref name="client"/> cannot carry binary bodies.</param>
    public async Task<List<ApiHttpFileExchange>> SendAllAsync(
        HttpClient client, IReadOnlyDictionary<string, Func<Task<string>>>? supplied = null, HttpClient? multipartClient = null)
    {
        var variables = new Dictionary<string, string>(_variables) { ["baseUrl"] = client.BaseAddress!.ToString().TrimEnd('/') };
        var responses = new Dictionary<string, JsonElement>();
        var exchanges = new List<ApiHttpFileExchange>();
        var pending = new Dictionary<string, Func<Task<string>>>(supplied ?? new Dictionary<string, Func<Task<string>>>());
        foreach (var request in _requests)
        {
            var requestText = string.Join('\n', request.Headers.Select(h => h.Value).Append(request.Url).Append(request.Body ?? ""));
            foreach (var (name, value) in pending.Where(p => requestText.Contains("{{" + p.Key + "}}", StringComparison.Ordinal)).ToList())
            {
                variables[name] = await value();
                pending.Remove(name);
            }

            using var message = new HttpRequestMessage(new HttpMethod(request.Method), Substitute(request.Url, variables, responses));
            var contentType = "application/json";
            foreach (var (name, value) in request.Headers)
            {
                if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    contentType = value;
                }
                else
                {
                    message.Headers.TryAddWithoutValidation(name, Substitute(value, variables, responses));
                }
            }

            if (request.Body is { } body && contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
            {
                message.Content = new ByteArrayContent(Multipart(Substitute(body, variables, responses)));
                message.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
            else if (request.Body is { } json)
            {
                message.Content = new StringContent(Substitute(json, variables, responses), Encoding.UTF8);
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }

            var sender = client;
            if (multipartClient is not null && contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
            {
                sender = multipartClient;
                message.RequestUri = new Uri(multipartClient.BaseAddress!, message.RequestUri!.PathAndQuery);
            }

            using var response = await sender.SendAsync(message, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            // A later request needs a named request's answer: say why it is missing rather than that it is.
            Assert.True(request.Name is null || response.IsSuccessStatusCode, $"{request.Method} {request.Url} (@name {request.Name}) answered {(int)response.StatusCode}: {text}");
            if (request.Name is { } requestName && response.IsSuccessStatusCode && text.Length > 0)
            {
                responses[requestName] = JsonDocument.Parse(text).RootElement.Clone();
            }

            var headers = response.Headers.Concat(response.Content.Headers)
                .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
            exchanges.Add(new ApiHttpFileExchange(request.Method, request.Url, message.RequestUri!.AbsolutePath, (int)response.StatusCode, text, headers));
        }

        return exchanges;
    }

    /// <summary>
    /// What a reader of Api.http pastes from the mails <paramref name="inbox"/> receives from now on: the verification
    /// token of the newest mail to the file's @email (registration's, then the resend's: the second).
    /// </summary>
    public IReadOnlyDictionary<string, Func<Task<string>>> TokensFromMail(SmtpInbox inbox)
    {
        var email = _variables["email"];
        var mailsBefore = inbox.MailsTo(email).Count;
        // The admin's first alert mail (the admin gets the conversation's notifications too): the search the admin saves
        // finds the listing the seller publishes after it.
        var adminEmail = _variables["adminEmail"];
        // The mail saying the address changed, whichever of @email's mails it is (a buyer's messages come in between).
        async Task<string> RevertToken()
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (true)
            {
                if (inbox.MailsTo(email).Skip(mailsBefore).FirstOrDefault(m => m.TextBody.Contains("/revert-email", StringComparison.Ordinal)) is { } mail)
                {
                    return mail.Token("/revert-email");
                }

                Assert.True(DateTime.UtcNow < deadline, $"No mail with a link to /revert-email reached {email} within the time.");
                await Task.Delay(TimeSpan.FromMilliseconds(200), Ct);
            }
        }

        async Task<string> Unsubscribe(string part)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (true)
            {
                if (inbox.MailsTo(adminEmail).FirstOrDefault(m => m.TextBody.Contains("/alerts/unsubscribe", StringComparison.Ordinal)) is { } alert)
                {
                    return System.Web.HttpUtility.ParseQueryString(alert.Link("/alerts/unsubscribe").Query)[part]!;
                }

                Assert.True(DateTime.UtcNow < deadline, $"No alert mail to {adminEmail} arrived at the test SMTP server within the time.");
                await Task.Delay(TimeSpan.FromMilliseconds(200), Ct);
            }
        }

        var moved = _variables["movedEmail"];
        var movedBefore = inbox.MailsTo(moved).Count;
        return new Dictionary<string, Func<Task<string>>>
        {
            ["verificationToken"] = async () => (await inbox.WaitForMailAsync(email, mailsBefore + 2, cancellationToken: Ct)).Token("/verify-email"),
            // Then forgot-password's mail: the third.
            ["resetToken"] = async () => (await inbox.WaitForMailAsync(email, mailsBefore + 3, cancellationToken: Ct)).Token("/reset-password"),
            ["alertSearch"] = () => Unsubscribe("search"),
            ["alertToken"] = () => Unsubscribe("token"),
            // The account moved to @movedEmail: the link mailed there, then the one mailed back to @email.
            ["movedToken"] = async () => (await inbox.WaitForMailAsync(moved, movedBefore + 1, cancellationToken: Ct)).Token("/verify-email"),
            ["revertToken"] = () => RevertToken(),
        };
    }

    private static string Substitute(string text, Dictionary<string, string> variables, Dictionary<string, JsonElement> responses) =>
        Reference().Replace(text, match =>
        {
            var reference = match.Groups["ref"].Value;
            if (variables.TryGetValue(reference, out var value))
            {
                return Substitute(value, variables, responses);
            }

            // {{name.response.body.$.a.b}} or {{name.response.body.$.a[0].b}}: a value from an earlier named request's JSON answer.
            var parts = reference.Split(".response.body.$.");
            Assert.True(parts.Length == 2 && responses.ContainsKey(parts[0]), $"Api.http refers to {{{{{reference}}}}}, which is neither a variable nor an earlier named answer.");
            var element = parts[1].Split('.').Aggregate(responses[parts[0]], Step);
            return element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
        });

    // "a" or "a[2]": a property, then optionally an array element.
    private static JsonElement Step(JsonElement current, string step)
    {
        var bracket = step.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0
            ? current.GetProperty(step)
            : current.GetProperty(step[..bracket])[int.Parse(step[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)];
    }

    /// <summary>A multipart body as the .http format writes it: text lines end in CRLF, and a line "&lt; ./file" is that file's bytes (beside Api.http).</summary>
    private static byte[] Multipart(string body)
    {
        using var bytes = new MemoryStream();
        foreach (var line in body.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.StartsWith("< ", StringComparison.Ordinal))
            {
                bytes.Write(File.ReadAllBytes(Path.Combine(ApiProcess.RepositoryRoot(), "Api", line[2..].Trim())));
            }
            else
            {
                bytes.Write(Encoding.UTF8.GetBytes(line));
            }

            bytes.Write("\r\n"u8);
        }

        return bytes.ToArray();
    }

    [GeneratedRegex(@"\{\{(?<ref>[^}]+)\}\}")]
    private static partial Regex Reference();

    private static ApiHttpFile Parse(string text)
    {
        var variables = new Dictionary<string, string>();
        var requests = new List<Request>();
        foreach (var block in Regex.Split(text, "^###.*$", RegexOptions.Multiline))
        {
            string? name = null, method = null, url = null;
            var headers = new List<(string, string)>();
            var body = new StringBuilder();
            var inBody = false;
            foreach (var line in block.Split('\n').Select(l => l.TrimEnd('\r')))
            {
                if (inBody)
                {
                    body.AppendLine(line);
                }
                else if (line.StartsWith("# @name ", StringComparison.Ordinal))
                {
                    name = line["# @name ".Length..].Trim();
                }
                else if (line.StartsWith('#') || (line.Length == 0 && method is null))
                {
                    continue;
                }
                else if (line.StartsWith('@') && method is null)
                {
                    var equals = line.IndexOf('=', StringComparison.Ordinal);
                    variables[line[1..equals].Trim()] = line[(equals + 1)..].Trim();
                }
                else if (method is null)
                {
                    var space = line.IndexOf(' ', StringComparison.Ordinal);
                    (method, url) = (line[..space], line[(space + 1)..].Trim());
                }
                else if (line.Length == 0)
                {
                    inBody = true;
                }
                else
                {
                    var colon = line.IndexOf(':', StringComparison.Ordinal);
                    headers.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
                }
            }

            if (method is not null)
            {
                var content = body.ToString().Trim();
                requests.Add(new Request(name, method, url!, headers, content.Length == 0 ? null : content));
            }
        }

        return new ApiHttpFile(variables, requests);
    }

    private sealed record Request(string? Name, string Method, string Url, List<(string Name, string Value)> Headers, string? Body);
}
