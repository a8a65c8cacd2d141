using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.Tests.Support;
using static Marketplace.Tests.Api.ApiCalls;

namespace Marketplace.Tests.Api;

/// <summary>Api/Api.http is documentation users run: every request in it works, in order, and together they cover every endpoint.</summary>
public sealed partial class ApiHttpFileTests(PostgresServer server)
{
    [Fact]
    public async Task Every_request_in_Api_http_succeeds_and_every_endpoint_has_one()
    {
        await using var app = await ApiApp.CreateAsync(server, cancellationToken: Ct);
        using var client = app.CreateClient();
        var requests = HttpFile.Parse(await File.ReadAllTextAsync(Path.Combine(ApiProcess.RepositoryRoot(), "Api", "Api.http"), Ct));
        var variables = new Dictionary<string, string>(requests.Variables) { ["baseUrl"] = client.BaseAddress!.ToString().TrimEnd('/') };
        var responses = new Dictionary<string, JsonElement>();

        var sent = new List<(string Method, string Path)>();
        foreach (var request in requests.Requests)
        {
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

            if (request.Body is { } body)
            {
                message.Content = new StringContent(Substitute(body, variables, responses), Encoding.UTF8);
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }

            using var response = await client.SendAsync(message, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.IsSuccessStatusCode, $"{request.Method} {request.Url} answered {(int)response.StatusCode}: {text}");
            if (request.Name is { } requestName && text.Length > 0)
            {
                responses[requestName] = JsonDocument.Parse(text).RootElement.Clone();
            }

            sent.Add((request.Method, message.RequestUri!.AbsolutePath));
        }

        using var documentResponse = await client.GetAsync("/openapi/v1.json", Ct);
        var document = JsonDocument.Parse(await documentResponse.Content.ReadAsStringAsync(Ct)).RootElement;
        var endpoints = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Method: op.Name.ToUpperInvariant(), Template: path.Name)))
            .Append(("GET", "/alive"))
            .Append(("GET", "/health"));
        foreach (var (method, template) in endpoints)
        {
            var pattern = new Regex("^" + TemplateParameter().Replace(Regex.Escape(template).Replace(@"\{", "{", StringComparison.Ordinal), "[^/]+") + "$");
            Assert.True(sent.Any(s => s.Method == method && pattern.IsMatch(s.Path)), $"Api.http has no request for {method} {template}.");
        }
    }

    private static string Substitute(string text, Dictionary<string, string> variables, Dictionary<string, JsonElement> responses) =>
        Reference().Replace(text, match =>
        {
            var reference = match.Groups["ref"].Value;
            if (variables.TryGetValue(reference, out var value))
            {
                return Substitute(value, variables, responses);
            }

            // {{name.response.body.$.a.b}}: a value from an earlier named request's JSON answer.
            var parts = reference.Split(".response.body.$.");
            Assert.True(parts.Length == 2 && responses.ContainsKey(parts[0]), $"Api.http refers to {{{{{reference}}}}}, which is neither a variable nor an earlier named answer.");
            var element = parts[1].Split('.').Aggregate(responses[parts[0]], (current, property) => current.GetProperty(property));
            return element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
        });

    [GeneratedRegex(@"\{\{(?<ref>[^}]+)\}\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\{[^}/]+\}")]
    private static partial Regex TemplateParameter();

    private sealed record HttpRequest(string? Name, string Method, string Url, List<(string Name, string Value)> Headers, string? Body);

    /// <summary>The subset of the .http format the file uses: file variables, ### separators, # @name, headers, a body.</summary>
    private sealed record HttpFile(Dictionary<string, string> Variables, List<HttpRequest> Requests)
    {
        public static HttpFile Parse(string text)
        {
            var variables = new Dictionary<string, string>();
            var requests = new List<HttpRequest>();
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
                    requests.Add(new HttpRequest(name, method, url!, headers, content.Length == 0 ? null : content));
                }
            }

            return new HttpFile(variables, requests);
        }
    }
}
