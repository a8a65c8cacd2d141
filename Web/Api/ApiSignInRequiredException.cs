namespace Marketplace.Web.Api;

/// <summary>
/// The Api answered 401: the visitor is not signed in, or their session ended (signed out everywhere, password reset,
/// suspended). <see cref="Errors.ApiExceptionPageFilter"/> signs them out here and sends them to the sign-in page.
/// </summary>
public sealed class ApiSignInRequiredException(string message) : Exception(message);
