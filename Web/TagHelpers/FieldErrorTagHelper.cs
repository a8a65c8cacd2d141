using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Marketplace.Web.TagHelpers;

/// <summary>
/// <c>&lt;field-error for="Input.Price"&gt;</c>: the field's errors in a paragraph whose id
/// (<see cref="FieldErrorIds.Of"/>) the field's <c>aria-describedby</c> names; nothing when the field is fine.
/// </summary>
[HtmlTargetElement("field-error", Attributes = "for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorTagHelper : TagHelper
{
    public required string For { get; set; }

    [ViewContext, HtmlAttributeNotBound]
    public required ViewContext ViewContext { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var errors = FieldErrorIds.ErrorsOf(ViewContext, For);
        if (errors.Count == 0)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "p";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("id", FieldErrorIds.Of(For));
        output.Attributes.SetAttribute("class", "field-error");
        output.Content.SetContent(string.Join(" ", errors));
    }
}
