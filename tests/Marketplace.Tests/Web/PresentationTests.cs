extern alias MarketplaceWeb;

using System.Globalization;
using System.Text.RegularExpressions;
using MarketplaceWeb::Marketplace.Web;
using MarketplaceWeb::Marketplace.Web.Api;
using MarketplaceWeb::Marketplace.Web.Presentation;
using Microsoft.Extensions.Options;

namespace Marketplace.Tests.Web;

/// <summary>The one price rule, money and times as the pages write them, and the words every problem is said in.</summary>
public sealed partial class PresentationTests
{
    [Theory]
    [InlineData("24", "24")]
    [InlineData("24.5", "24.5")]
    [InlineData("24,50", "24.50")]
    [InlineData(" 3,00 ", "3.00")]
    [InlineData("10,50", "10.50")]
    [InlineData("0", "0")]
    [InlineData("9999999999.99", "9999999999.99")]
    public void The_price_rule_takes_a_comma_or_a_dot_before_at_most_two_decimals(string typed, string amount)
    {
        var reading = Prices.Read(typed);

        Assert.Null(reading.Error);
        Assert.Equal(decimal.Parse(amount, CultureInfo.InvariantCulture), reading.Amount);
    }

    [Theory]
    [InlineData("1,234")]
    [InlineData("12.345")]
    [InlineData("1.250,00")]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData("1e3")]
    [InlineData("€5")]
    [InlineData("five")]
    [InlineData("10000000000")]
    public void Anything_else_is_refused_with_the_forms_the_rule_takes_never_guessed(string typed)
    {
        var reading = Prices.Read(typed);

        Assert.Null(reading.Amount);
        Assert.Equal(Prices.Accepted, reading.Error);
        Assert.Contains("24,50", reading.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Blank_is_no_price_and_no_error()
    {
        Assert.True(Prices.Read("  ").IsEmpty);
        Assert.True(Prices.Read(null).IsEmpty);
    }

    [Theory]
    [InlineData("en-IE", "1250", "EUR", "€1,250.00")]
    [InlineData("en-IE", "24.5", "EUR", "€24.50")]
    [InlineData("en-IE", "0", "EUR", "Free")]
    [InlineData("de-DE", "1250", "EUR", "1.250,00 €")]
    [InlineData("en-IE", "7", "XTS", "XTS 7.00")]
    public void Money_is_written_in_the_marketplaces_culture_with_the_currencys_symbol(string culture, string amount, string currency, string written)
    {
        var money = new Money(Options.Create(new MarketplaceCultureOptions { Culture = culture }));

        // Whichever space the culture puts between the amount and the symbol (a non-breaking one, as the page wants).
        Assert.Equal(written, money.Format(decimal.Parse(amount, CultureInfo.InvariantCulture), currency).Replace('\u202F', ' ').Replace('\u00A0', ' '));
    }

    [Theory]
    [InlineData(30, "just now")]
    [InlineData(5 * 60, "5 minutes ago")]
    [InlineData(60 * 60, "1 hour ago")]
    [InlineData(30 * 3600, "yesterday")]
    [InlineData(3 * 86_400, "3 days ago")]
    [InlineData(21 * 86_400, "3 weeks ago")]
    public void A_moment_is_said_as_a_person_says_it(int secondsAgo, string said)
    {
        var now = new DateTimeOffset(2026, 3, 20, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(said, RelativeTime.Describe(now.AddSeconds(-secondsAgo), now, CultureInfo.GetCultureInfo("en-IE")));
    }

    [Fact]
    public void Long_ago_is_a_date_and_the_exact_moment_is_in_utc()
    {
        var at = new DateTimeOffset(2025, 11, 3, 14, 5, 0, TimeSpan.Zero);
        var culture = CultureInfo.GetCultureInfo("en-IE");

        Assert.Equal("on 3 November 2025", RelativeTime.Describe(at, at.AddDays(200), culture));
        Assert.Equal("3 November 2025, 14:05 UTC", RelativeTime.Exact(at, culture));
    }

    [Theory]
    [InlineData("title")]
    [InlineData("description")]
    [InlineData("price")]
    [InlineData("categorySlug")]
    [InlineData("displayName")]
    [InlineData("newEmail")]
    [InlineData("currentPassword")]
    [InlineData("files[3]")]
    [InlineData("$.price")]
    [InlineData("somethingNew")]
    public void Every_field_is_said_in_a_sentence_without_a_code_name_or_an_endpoint(string field)
    {
        var words = PersonMessages.ForField(field);

        Assert.Matches(Sentence(), words);
        Assert.DoesNotMatch(ApiWords(), words);
    }

    [Theory]
    [InlineData(400, null)]
    [InlineData(401, null)]
    [InlineData(403, "urn:marketplace:problem:email-not-verified")]
    [InlineData(404, null)]
    [InlineData(409, "urn:marketplace:problem:listing-removed")]
    [InlineData(409, "urn:marketplace:problem:listing-published")]
    [InlineData(409, "urn:marketplace:problem:listing-not-archived")]
    [InlineData(409, null)]
    [InlineData(413, null)]
    public void Every_problem_is_said_in_a_sentence_without_a_code_name_or_an_endpoint(int status, string? type)
    {
        foreach (var purpose in Enum.GetValues<FormPurpose>())
        {
            var words = PersonMessages.ForProblem(
                new ApiProblem(status, "Title for Api clients.", "POST /api/auth/resend-verification", new Dictionary<string, string[]>(), null, type), purpose);

            Assert.Matches(Sentence(), words);
            Assert.DoesNotMatch(ApiWords(), words);
        }
    }

    [GeneratedRegex(@"^[A-Z].+[.!]$")]
    private static partial Regex Sentence();

    [GeneratedRegex(@"/api/|\b[a-z]+[A-Z][A-Za-z]*\b|Api clients")]
    private static partial Regex ApiWords();
}
