using System.Net;
using System.Net.Sockets;

namespace Marketplace.Api.Infrastructure;

/// <summary>
/// What an anonymous caller is counted by: an IPv4 address as it is, an IPv6 address by its /64, the network one
/// subscriber is handed whole (counting IPv6 addresses one by one would give each caller 2^64 budgets).
/// </summary>
public static class ClientNetwork
{
    public const int IPv6PrefixLength = 64;

    /// <summary>The caller's network in text (<c>203.0.113.7</c>, <c>2001:db8:1:2::/64</c>); <c>unknown</c> without an address.</summary>
    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[(IPv6PrefixLength / 8)..].Clear();
        return $"{new IPAddress(bytes)}/{IPv6PrefixLength}";
    }
}
