using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Accounts;

/// <summary>A new password must not be one of the <see cref="CommonPasswords"/>: they are the first an attacker tries.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class NotCommonPasswordAttribute() : ValidationAttribute(Message)
{
    public const string Message =
        "This password is one of the 100,000 most common ones, the first an attacker tries; choose another (a few unrelated words work well).";

    public override bool IsValid(object? value) => value is not string password || !CommonPasswords.Contains(password);
}
