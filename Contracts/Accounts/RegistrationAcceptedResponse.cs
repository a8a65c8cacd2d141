using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Accounts;

/// <summary>
/// What registering answers (202), the same whether or not an account had the address: check the mail sent to
/// <paramref name="Email"/>. The previous release's 201 body carried the address under the same name.
/// </summary>
/// <param name="Email">The address registered, as given.</param>
public sealed record RegistrationAcceptedResponse([property: DataType(DataType.EmailAddress)] string Email);
