namespace Marketplace.Web.Api;

/// <summary>Whom an Api call is made as.</summary>
public enum ApiCaller
{
    /// <summary>Nobody: no token even when the visitor has a session (login, register, refresh).</summary>
    Anonymous,

    /// <summary>The visitor with their session's token if they have one (a listing: its seller also sees a draft).</summary>
    Visitor,

    /// <summary>The signed-in visitor; without a session the call is not made and the visitor is sent to sign in.</summary>
    SignedIn,
}
