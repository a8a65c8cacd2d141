namespace Marketplace.Web.Api;

/// <summary>What the visitor was doing when the Api answered a problem: the same status means different things to them.</summary>
public enum FormPurpose
{
    Search,
    Register,
    SignIn,
    ForgotPassword,
    ResetPassword,
    RevertEmail,
    VerifyEmail,
    ResendVerification,
    Sell,
    EditListing,
    ChangeListing,
    Photos,
    Contact,
    Report,
    MyListings,
    DisplayName,
    ChangeEmail,
    ChangePassword,
    SignOutEverywhere,
    DeleteAccount,
    AdminDismissReport,
    AdminModerateListing,
    AdminModerateUser,
    AdminChangeRole,
    AdminCategory,
    AdminMoveCategory,
}
