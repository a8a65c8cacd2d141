namespace Marketplace.Contracts.Accounts;

/// <summary>What an account may hold: the limits the Api validates, the Web's forms and the worker's create-admin state, and the schema's columns use.</summary>
public static class AccountRules
{
    public const int EmailMaxLength = 254;

    public const int DisplayNameMaxLength = 100;

    public const int PasswordMinLength = 8;

    /// <summary>Bounds the hashing work one request can ask for.</summary>
    public const int PasswordMaxLength = 128;

    /// <summary>The length of a mailed or refresh token: 32 random bytes in base64url.</summary>
    public const int TokenLength = 43;

    /// <summary>
    /// An address as JSON Schema's <c>email</c> format and its validators read it (RFC 5321's dot-atom local part, a
    /// host name with at least one dot), so that every email the Api answers with is one its document promises.
    /// Surrounding spaces are allowed and trimmed.
    /// </summary>
    public const string EmailPattern =
        @"^\s*[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\s*$";

    public const string EmailPatternMessage = "Enter an email address such as name@example.com.";
}
