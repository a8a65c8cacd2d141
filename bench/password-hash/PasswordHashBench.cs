#:project ../../Data/Marketplace.Data.csproj
#:property PublishAot=false
#:property Configuration=Release

// The cost a sign-in pays to check a password: verifying a hash made at the framework's old default (100,000
// iterations of PBKDF2-HMAC-SHA512) against one made by AccountPasswordHasher (the OWASP count). Run:
//   dotnet run bench/password-hash/PasswordHashBench.cs [ROUNDS]
using System.Diagnostics;
using Marketplace.Data.Accounts;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Identity;

var rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 41;
const string Password = "correct horse battery staple";
var before = new PasswordHasher<User>();
var after = new AccountPasswordHasher();
var oldHash = before.HashPassword(null!, Password);
var newHash = after.HashPassword(null!, Password);

double Median(Func<PasswordVerificationResult> verify)
{
    verify();
    var times = new List<double>();
    for (var i = 0; i < rounds; i++)
    {
        var clock = Stopwatch.StartNew();
        verify();
        times.Add(clock.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    return times[times.Count / 2];
}

var oldMs = Median(() => before.VerifyHashedPassword(null!, oldHash, Password));
var newMs = Median(() => after.VerifyHashedPassword(null!, newHash, Password));
Console.WriteLine($"verify, 100,000 iterations (before): {oldMs:F1} ms median of {rounds}");
Console.WriteLine($"verify, {AccountPasswordHasher.Iterations:N0} iterations (after): {newMs:F1} ms median of {rounds}");
Console.WriteLine($"ratio: {newMs / oldMs:F2}");
