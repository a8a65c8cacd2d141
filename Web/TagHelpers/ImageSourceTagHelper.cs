using Marketplace.Web.Security;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Marketplace.Web.TagHelpers;

/// <summary>
/// Every <c>&lt;img src&gt;</c> a page renders tells <see cref="PageImageOrigins"/> where it comes from, so that the
/// response's Content-Security-Policy allows exactly the origins of the photos it shows. Changes nothing in the markup.
/// </summary>
[HtmlTargetElement("img", Attributes = "src", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ImageSourceTagHelper(PageImageOrigins origins) : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        origins.Add(context.AllAttributes["src"].Value?.ToString());
    }
}
