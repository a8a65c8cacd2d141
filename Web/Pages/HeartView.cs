namespace Marketplace.Web.Pages;

/// <summary>
/// The heart that saves a listing for later: a form post that comes back to <paramref name="ReturnUrl"/> (no script
/// needed); signed out, a link to sign in and back. <paramref name="Labelled"/> shows its words beside it (the listing's
/// page); on a card the heart alone shows, its words for screen readers.
/// </summary>
public sealed record HeartView(long ListingId, string Title, bool Saved, string ReturnUrl, bool Labelled = false);
