extern alias MarketplaceWeb;

using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Razor.Hosting;

namespace Marketplace.AppHost.Tests.Browser;

/// <summary>
/// The Web's route table as its pages declare it: every compiled Razor page and its <c>@page</c> template, read from
/// the Web's assembly. The scans take their pages from here, so a page added to the Web is scanned without anyone
/// listing it, and one whose route has a parameter the scan has no value for fails the scan instead of escaping it.
/// </summary>
public static partial class WebRoutes
{
    public static IReadOnlyList<string> Templates { get; } = Read();

    /// <summary>
    /// The addresses that open <paramref name="template"/>: each parameter (<c>{id:long}</c>, by its whole text) filled
    /// with each of its values. Throws, naming it, for a parameter without values.
    /// </summary>
    public static IReadOnlyList<string> Addresses(string template, IReadOnlyDictionary<string, IReadOnlyList<string>> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var addresses = new List<string> { template };
        foreach (var parameter in Parameter().Matches(template).Select(m => m.Value).Distinct())
        {
            if (!values.TryGetValue(parameter, out var choices) || choices.Count == 0)
            {
                throw new InvalidOperationException($"The page {template} has the route parameter {parameter}, which the scan has no value for: add one.");
            }

            addresses = [.. addresses.SelectMany(address => choices.Select(choice => address.Replace(parameter, choice, StringComparison.Ordinal)))];
        }

        return addresses;
    }

    private static List<string> Read()
    {
        var web = typeof(MarketplaceWeb::Marketplace.Web.MarketplaceWebServices).Assembly;
        return [.. web.GetCustomAttributes<RazorCompiledItemAttribute>()
            .Where(item => item.Kind == "mvc.1.0.razor-page")
            .Select(item => item.Type.GetCustomAttributes<RazorCompiledItemMetadataAttribute>().FirstOrDefault(m => m.Key == "RouteTemplate")?.Value
                ?? throw new InvalidOperationException($"The page {item.Identifier} has no route template of its own (@page \"/...\")."))
            .Order(StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
