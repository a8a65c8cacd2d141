namespace Marketplace.Api.Listings;

/// <summary>What a caller asks to do with one listing; <see cref="ListingAccess"/> decides whether they may.</summary>
public enum ListingAction
{
    /// <summary>Read the listing and its photos.</summary>
    View,

    /// <summary>Its seller replaces it, keeping or publishing its status.</summary>
    Edit,

    /// <summary>Its seller replaces it asking for status Draft: only what was never public can be a draft.</summary>
    EditAsDraft,

    /// <summary>Its seller takes it down.</summary>
    Archive,

    /// <summary>Its seller puts an archived listing up again.</summary>
    Relist,

    /// <summary>Its seller deletes a draft for good.</summary>
    DeleteDraft,

    /// <summary>Its seller uploads photos.</summary>
    AddPhotos,

    /// <summary>Its seller reorders, describes or deletes photos.</summary>
    ChangePhotos,

    /// <summary>A buyer writes to its seller for the first time: opens a conversation about it.</summary>
    Contact,

    /// <summary>A buyer writes again, from the listing, in the conversation they already have about it.</summary>
    ContinueContact,

    /// <summary>Someone keeps it among their saved listings.</summary>
    Favourite,

    /// <summary>Someone tells the admins it breaks the rules.</summary>
    Report,
}
