using Marketplace.Web.Api;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Marketplace.Web.Errors;

/// <summary>
/// Anti-forgery for every page's form, in place of the framework's check, whose refusal is a bare 400 and loses what
/// was typed. A form sent with a token that no longer fits (the visitor signed in or out in another window since the
/// page was made, or it was open so long that its cookie went) does nothing: the page's GET handler shows the same
/// form again with what was typed, a fresh token, and one sentence saying what happened.
/// </summary>
public sealed class StaleFormFilter(IAntiforgery antiforgery) : IAsyncPageFilter
{
    public const string Sentence =
        "Nothing was sent: you signed in or out in another window, or this page was open a long time. Check the form and send it again.";

    private static readonly object ShownAgainKey = new();

    /// <summary>Whether this request is a form shown again after its token no longer fitted (its GET handler runs on a POST).</summary>
    public static bool IsShownAgain(HttpContext httpContext) =>
        httpContext?.Items.ContainsKey(ShownAgainKey) == true;

    public async Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var httpContext = context.HttpContext;
        if (HttpMethods.IsGet(httpContext.Request.Method) || HttpMethods.IsHead(httpContext.Request.Method)
            || context.ActionDescriptor.EndpointMetadata.OfType<IAntiforgeryPolicy>().LastOrDefault() is IgnoreAntiforgeryTokenAttribute
            || await antiforgery.IsRequestValidAsync(httpContext))
        {
            return;
        }

        httpContext.Items[ShownAgainKey] = true;
        context.HandlerMethod = context.ActionDescriptor.HandlerMethods.FirstOrDefault(h => h.HttpMethod == "Get" && h.Name is null);
    }

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (IsShownAgain(context.HttpContext))
        {
            context.ModelState.AddModelError(ProblemModelState.FormKey, Sentence);
        }

        await next();
    }
}
