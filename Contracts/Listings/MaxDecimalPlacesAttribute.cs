using System.ComponentModel.DataAnnotations;

namespace Marketplace.Contracts.Listings;

/// <summary>Rejects a number with more decimal places than the column stores, instead of letting the database round it.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class MaxDecimalPlacesAttribute(int places) : ValidationAttribute($"The field {{0}} must have at most {places} decimal places.")
{
    public int Places { get; } = places;

    public override bool IsValid(object? value) => value is not decimal amount || decimal.Round(amount, Places) == amount;
}
