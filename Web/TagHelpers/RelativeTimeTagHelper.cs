using System.Globalization;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Marketplace.Web.TagHelpers;

/// <summary>
/// <c>&lt;relative-time at="..."&gt;</c>: a moment as a person says it ("2 days ago") in a <c>&lt;time&gt;</c> whose
/// <c>datetime</c> is the exact UTC moment and whose title says it in UTC; where script runs, <c>local-times.js</c>
/// puts the visitor's own time zone in the title instead.
/// </summary>
[HtmlTargetElement("relative-time", Attributes = "at", TagStructure = TagStructure.WithoutEndTag)]
public sealed class RelativeTimeTagHelper(TimeProvider timeProvider, Money money) : TagHelper
{
    public DateTimeOffset At { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.TagName = "time";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("datetime", At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        output.Attributes.SetAttribute("title", RelativeTime.Exact(At, money.Culture));
        output.Content.SetContent(RelativeTime.Describe(At, timeProvider.GetUtcNow(), money.Culture));
    }
}
