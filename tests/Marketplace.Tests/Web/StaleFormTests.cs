using System.Net;
using System.Text.RegularExpressions;

namespace Marketplace.Tests.Web;

/// <summary>
/// A form whose anti-forgery token no longer fits (a session changed in another tab, a cookie gone) is shown again
/// with what was typed and one sentence, never a bare 400.
/// </summary>
public sealed partial class StaleFormTests
{
    // Nothing listens on port 1 of the loopback address; the sign-in page's GET needs no Api.
    private static readonly Uri NoApi = new("http://127.0.0.1:1");

    [Theory]
    [InlineData("a token from another page")]
    [InlineData("no token")]
    public async Task The_sign_in_form_comes_back_with_the_email_typed_and_the_sentence(string token)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var web = new WebApp(NoApi);
        using var client = web.CreateClient();
        using (var page = await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative), ct))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        var form = new Dictionary<string, string> { ["Input.Email"] = "ada@example.com", ["Input.Password"] = "correct horse battery staple" };
        if (token != "no token")
        {
            form["__RequestVerificationToken"] = "CfDJ8-not-a-token-of-this-visitor";
        }

        using var answer = await client.PostAsync(new Uri("/account/sign-in", UriKind.Relative), new FormUrlEncodedContent(form), ct);
        var html = await answer.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Nothing was sent: you signed in or out in another window", html, StringComparison.Ordinal);
        Assert.Matches(EmailKept(), html);
        Assert.DoesNotContain("correct horse battery staple", html, StringComparison.Ordinal);
        Assert.Contains("name=\"__RequestVerificationToken\"", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<input[^>]*id=\"Input_Email\"[^>]*value=\"ada@example.com\"")]
    private static partial Regex EmailKept();
}
