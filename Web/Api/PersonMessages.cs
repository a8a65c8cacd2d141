using System.Globalization;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Categories;
using Marketplace.Contracts.Listings;
using Marketplace.Contracts.Reports;

namespace Marketplace.Web.Api;

/// <summary>
/// Every sentence a person reads about a problem the Api answered, in one place: by the field the Api named (its JSON
/// name), by the problem's type, and by its status in what the visitor was doing. The Api's own title and detail are
/// for Api clients (they name endpoints and field codes) and never reach a page.
/// </summary>
public static class PersonMessages
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["title"] = Invariant($"Enter a title of at most {ListingRules.TitleMaxLength} characters."),
        ["description"] = Invariant($"Enter a description of at most {ListingRules.DescriptionMaxLength:N0} characters."),
        ["price"] = Prices.Accepted,
        ["minPrice"] = Prices.Accepted,
        ["maxPrice"] = Prices.Accepted,
        ["categorySlug"] = "Choose a category from the list.",
        ["category"] = "Choose a category from the list.",
        ["condition"] = "Choose the condition the item is in.",
        ["alerts"] = "Choose how often we email you new matches.",
        ["q"] = "Enter fewer words (at most 200 characters).",
        ["sort"] = "Choose an order from the list.",
        ["email"] = AccountRules.EmailPatternMessage,
        ["newEmail"] = AccountRules.EmailPatternMessage,
        ["password"] = Invariant($"Choose a password of at least {AccountRules.PasswordMinLength} characters that is not a common one."),
        ["newPassword"] = Invariant($"Choose a new password of at least {AccountRules.PasswordMinLength} characters that is not a common one."),
        ["currentPassword"] = "This is not your current password.",
        ["displayName"] = Invariant($"Enter a display name of at most {AccountRules.DisplayNameMaxLength} characters."),
        ["message"] = Invariant($"Write a message of at most {ContactRules.MessageMaxLength:N0} characters."),
        ["reason"] = "Say in a few words what is wrong with this listing (at most 1,000 characters).",
        ["altText"] = Invariant($"Describe the photo in at most {ListingImageRules.AltTextMaxLength} characters."),
        [ListingImageRules.FilesField] = "Choose JPEG, PNG or WebP photos: one was another kind of file, damaged, too large, or one too many.",
        ["token"] = "This link has expired or was already used. Ask for a new one.",
        ["cursor"] = "The results have changed since this page was made. Start again from the first page.",
        ["note"] = Invariant($"Write a note of at most {ReportRules.NoteMaxLength:N0} characters."),
        ["name"] = Invariant($"Enter a name of at most {CategoryRules.NameMaxLength} characters."),
        ["slug"] = CategoryRules.SlugPatternMessage,
        ["parentId"] = "Choose a parent category from the list.",
    };

    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        [ListingProblemTypes.Archived] = "This listing is archived, so it cannot be changed. Relist it first.",
        [ListingProblemTypes.Removed] = "Our moderators removed this listing, so you can neither relist nor delete it.",
        [ListingProblemTypes.Published] = "This listing has been for sale, so it cannot be deleted. Archive it instead.",
        [ListingProblemTypes.NotArchived] = "Only an archived listing can be relisted.",
        [EmailNotVerifiedType] = "Verify your email address first: open the link we mailed you, or ask for a new one on your account page.",
    };

    private static readonly Dictionary<(FormPurpose, int), string> Statuses = new()
    {
        [(FormPurpose.Register, 409)] = "An account with this email address already exists. Sign in, or reset your password.",
        [(FormPurpose.SignIn, 401)] = "The email or password is not right.",
        [(FormPurpose.SignIn, 403)] = "This account is suspended, so it cannot sign in. Write to us if you think this is a mistake.",
        [(FormPurpose.VerifyEmail, 409)] = "Another account uses this address now, so yours keeps its current one.",
        [(FormPurpose.ResendVerification, 409)] = "Your email address is already verified.",
        [(FormPurpose.Sell, 409)] = "That category was removed a moment ago. Choose another one.",
        [(FormPurpose.EditListing, 409)] = "That category was removed a moment ago. Choose another one.",
        [(FormPurpose.Contact, 404)] = "This listing is no longer for sale, so the seller cannot be contacted.",
        [(FormPurpose.Contact, 409)] = "This listing takes no messages: it is sold, or it is yours.",
        [(FormPurpose.Report, 404)] = "This listing is no longer shown, so there is nothing to report.",
        [(FormPurpose.Report, 409)] = "You have reported this listing already, or it is yours. Our moderators will look at it.",
        [(FormPurpose.RevertEmail, 409)] = "Another account uses your old address now, so yours cannot be put back on it. Write to us and we will help.",
        [(FormPurpose.ChangeEmail, 409)] = "Another account uses this address already.",
        [(FormPurpose.Favourite, 404)] = "This listing is no longer shown, so it cannot be saved.",
        [(FormPurpose.Favourite, 409)] = "This listing is yours, so there is no need to save it.",
        [(FormPurpose.Message, 404)] = "This conversation is not one of yours, or it no longer exists.",
        [(FormPurpose.Message, 409)] = "Nobody can write in this conversation any more.",
        [(FormPurpose.BlockPartner, 404)] = "This conversation is not one of yours, or it no longer exists.",
        [(FormPurpose.ReportConversation, 404)] = "This conversation is not one of yours, or it no longer exists.",
        [(FormPurpose.ReportConversation, 409)] = "You have reported this conversation already. Our moderators will read it.",
        [(FormPurpose.SaveSearch, 409)] = "You have as many saved searches as one account can keep. Delete one you no longer need, then save this one.",
        [(FormPurpose.ChangeSavedSearch, 404)] = "This saved search no longer exists.",
        [(FormPurpose.Unsubscribe, 404)] = "This link does not work: its saved search was deleted, or the link was not copied whole.",
        [(FormPurpose.DeleteAccount, 409)] = "You are the last admin. Make another account an admin before you delete yours.",
        [(FormPurpose.AdminDismissReport, 404)] = "This report is no longer in the queue.",
        [(FormPurpose.AdminDismissReport, 409)] = "This report was dealt with already: another admin dismissed it or removed the listing.",
        [(FormPurpose.AdminCloseConversationReport, 404)] = "There is no such report about a conversation.",
        [(FormPurpose.AdminCloseConversationReport, 409)] = "This report was closed already, by another admin.",
        [(FormPurpose.AdminModerateListing, 404)] = "This listing no longer exists.",
        [(FormPurpose.AdminModerateListing, 409)] = "This listing has changed since the page was made: it is removed already, or not removed. Reload the page to see it.",
        [(FormPurpose.AdminModerateUser, 404)] = "This account no longer exists.",
        [(FormPurpose.AdminModerateUser, 409)] = "This account has changed since the page was made: it is suspended already, or not suspended. Reload the page to see it.",
        [(FormPurpose.AdminChangeRole, 404)] = "This account no longer exists.",
        [(FormPurpose.AdminChangeRole, 409)] = "This is the last admin who is not suspended, so it stays an admin. Make another account an admin first.",
        [(FormPurpose.AdminCategory, 404)] = "That category no longer exists. Reload the page to see the tree as it is.",
        [(FormPurpose.AdminCategory, 409)] = "That category has changed since the page was made. Reload the page to see the tree as it is.",
        [(FormPurpose.AdminMoveCategory, 404)] = "That parent category no longer exists. Choose another one.",
        [(FormPurpose.AdminMoveCategory, 409)] = "A category cannot go under itself or under one of its own subcategories.",
    };

    /// <summary>The <c>type</c> of the Api's 403 for an account whose address is not verified yet.</summary>
    public const string EmailNotVerifiedType = "urn:marketplace:problem:email-not-verified";

    /// <summary>What a visitor reads next to a field the Api named.</summary>
    public static string ForField(string apiField)
    {
        ArgumentNullException.ThrowIfNull(apiField);
        var name = apiField.StartsWith("$.", StringComparison.Ordinal) ? apiField[2..] : apiField;
        return Fields.TryGetValue(name.Split('.', '[')[0], out var words) ? words : "Check this field.";
    }

    /// <summary>What a visitor reads above the form about a problem that is not about one field.</summary>
    public static string ForProblem(ApiProblem problem, FormPurpose purpose)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Status == 429)
        {
            return TooManyRequests(problem.RetryAfter);
        }

        if (problem.Type is { } type && Types.TryGetValue(type, out var byType))
        {
            return byType;
        }

        if (Statuses.TryGetValue((purpose, problem.Status), out var byStatus))
        {
            return byStatus;
        }

        return problem.Status switch
        {
            401 => "Please sign in again: your session has ended.",
            403 => "Your account may not do this.",
            404 => "This listing no longer exists, or it is not yours.",
            409 => "This could not be done as things stand now. Reload the page to see them, then try again.",
            413 => "What you sent is too large. Send less at once.",
            _ => "Something in the form was not accepted. Check it and try again.",
        };
    }

    /// <summary>The sentence a rate-limited visitor reads: when to try again, in words.</summary>
    public static string TooManyRequests(TimeSpan? retryAfter) => retryAfter is { } wait && wait > TimeSpan.Zero
        ? Invariant($"Too many attempts. Please wait {Describe(wait)} and try again.")
        : "Too many attempts. Please wait a minute and try again.";

    private static string Describe(TimeSpan wait) => wait.TotalSeconds < 90
        ? Invariant($"{Math.Ceiling(wait.TotalSeconds):0} seconds")
        : Invariant($"{Math.Ceiling(wait.TotalMinutes):0} minutes");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
