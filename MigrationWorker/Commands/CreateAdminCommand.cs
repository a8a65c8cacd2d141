using System.CommandLine;
using System.Text;
using System.Text.RegularExpressions;
using CommonPasswords = Marketplace.Contracts.Accounts.CommonPasswords;
using AccountRules = Marketplace.Contracts.Accounts.AccountRules;
using Marketplace.Data;
using Marketplace.Data.Accounts;
using Marketplace.Data.Entities;
using Marketplace.MigrationWorker.Steps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.MigrationWorker.Commands;

/// <summary>
/// <c>create-admin --email</c>: the only way to the first admin (there is no default admin and no default password).
/// Promotes an existing account whose email is verified, or creates a verified admin account, hashing its password
/// exactly as the Api does so that the Api's login accepts it.
/// </summary>
public static class CreateAdminCommand
{
    /// <summary>Where the password comes from when there is no terminal to type it at (a Container Apps job).</summary>
    public const string PasswordVariable = "MARKETPLACE_ADMIN_PASSWORD";

    public static Command Create(WorkerInvocation invocation)
    {
        var email = new Option<string>("--email")
        {
            Description = "The account's email address.",
            HelpName = "email",
            Required = true,
        };
        var displayName = new Option<string?>("--display-name")
        {
            Description = "The display name of an account that is created (default: the email's local part).",
            HelpName = "name",
        };
        var command = new Command("create-admin",
            "Make an account an admin. An existing account must have a verified email (exit code 2 otherwise). When no account has " +
            $"the email, one is created with its email marked verified; its password is read from the environment variable {PasswordVariable} " +
            "when set, else typed at the terminal (not echoed), else read from the first line of standard input (piped). " +
            $"Passwords have {AccountRules.PasswordMinLength} to {AccountRules.PasswordMaxLength} characters and are not among the {CommonPasswords.Size:N0} most common; " +
            "exit code 2 when no password can be had or it breaks those rules.")
        {
            Options = { email, displayName },
        };
        command.SetAction((parseResult, cancellationToken) => WorkerHost.RunAsync(
            invocation,
            (services, ct) => RunAsync(invocation, services, parseResult.GetValue(email)!, parseResult.GetValue(displayName), ct),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        WorkerInvocation invocation, IServiceProvider services, string email, string? displayName, CancellationToken cancellationToken)
    {
        email = email.Trim();
        if (email.Length > AccountRules.EmailMaxLength || !Regex.IsMatch(email, AccountRules.EmailPattern))
        {
            throw Usage($"'{email}' is not an email address the Api accepts (such as name@example.com, at most {AccountRules.EmailMaxLength} characters).");
        }

        await services.GetRequiredService<DatabaseWaiter>().WaitAsync(cancellationToken);
        var db = services.GetRequiredService<MarketplaceDbContext>();
        var timeProvider = services.GetRequiredService<TimeProvider>();
        var normalizedEmail = User.NormalizeEmail(email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken);
        if (user is not null)
        {
            return await PromoteAsync(invocation, db, user, displayName, cancellationToken);
        }

        var name = (displayName ?? email[..email.IndexOf('@')]).Trim();
        if (name.Length is 0 or > AccountRules.DisplayNameMaxLength)
        {
            throw Usage($"--display-name must have 1 to {AccountRules.DisplayNameMaxLength} characters.");
        }

        var password = await ReadPasswordAsync(invocation, services.GetRequiredService<IConfiguration>(), email, cancellationToken);
        var now = timeProvider.GetUtcNow();
        user = new User
        {
            Id = Guid.CreateVersion7(now),
            Email = email,
            NormalizedEmail = normalizedEmail,
            DisplayName = name,
            PasswordHash = "",
            Role = UserRole.Admin,
            // An operator with the database's credentials vouches for the address.
            EmailVerifiedAt = now,
        };
        user.PasswordHash = new AccountPasswordHasher().HashPassword(user, password);
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            throw Usage($"An account with the email {email} was created meanwhile; run create-admin again to promote it.");
        }

        await invocation.Output.WriteLineAsync($"Created the admin account {email} ({user.Id}). Log in through the Api with that email and password.");
        return ExitCodes.Success;
    }

    private static async Task<int> PromoteAsync(
        WorkerInvocation invocation, MarketplaceDbContext db, User user, string? displayName, CancellationToken cancellationToken)
    {
        if (displayName is not null)
        {
            throw Usage($"An account with the email {user.Email} exists; --display-name is only for an account create-admin creates. Run again without it to promote the account.");
        }

        if (user.Role == UserRole.Admin)
        {
            await invocation.Output.WriteLineAsync($"{user.Email} ({user.Id}) is already an admin; nothing changed.");
            return ExitCodes.Success;
        }

        if (user.EmailVerifiedAt is null)
        {
            throw Usage(
                $"The account {user.Email} has not verified its email address, so it is not made an admin: whoever registered it may not own " +
                "the address. Have its owner follow the verification mail first, then run create-admin again.");
        }

        user.Role = UserRole.Admin;
        await db.SaveChangesAsync(cancellationToken);
        await invocation.Output.WriteLineAsync(
            $"{user.Email} ({user.Id}) is now an admin. Access tokens issued before carry the old role: log in again to get an admin token.");
        return ExitCodes.Success;
    }

    /// <summary>The new account's password: the environment variable, else the terminal (no echo), else piped standard input.</summary>
    private static async Task<string> ReadPasswordAsync(
        WorkerInvocation invocation, IConfiguration configuration, string email, CancellationToken cancellationToken)
    {
        string? password;
        string source;
        if (configuration[PasswordVariable] is { Length: > 0 } fromEnvironment)
        {
            (password, source) = (fromEnvironment, $"The password in {PasswordVariable}");
        }
        else if (invocation.InputIsTerminal)
        {
            await invocation.Error.WriteAsync($"Password for the new admin account {email}: ");
            password = ReadHidden();
            await invocation.Error.WriteAsync("Repeat the password: ");
            if (ReadHidden() != password)
            {
                throw Usage("The two passwords differ; nothing was created. Run create-admin again.");
            }

            source = "The password typed";
        }
        else
        {
            password = (await invocation.Input.ReadLineAsync(cancellationToken))?.TrimEnd('\r');
            source = "The password read from standard input";
        }

        if (string.IsNullOrEmpty(password))
        {
            throw Usage(
                $"No account has the email {email}, so create-admin would create one, but it has no password for it: set the environment " +
                $"variable {PasswordVariable} (where there is no terminal, as in a Container Apps job), type it at a terminal, or pipe it " +
                "on standard input. Nothing was created.");
        }

        if (password.Length is < AccountRules.PasswordMinLength or > AccountRules.PasswordMaxLength)
        {
            throw Usage($"{source} has {password.Length} characters; a password must have {AccountRules.PasswordMinLength} to {AccountRules.PasswordMaxLength}. Nothing was created.");
        }

        if (CommonPasswords.Contains(password))
        {
            throw Usage($"{source} is one of the {CommonPasswords.Size:N0} most common passwords, the first an attacker tries; choose another (a few unrelated words work well). Nothing was created.");
        }

        return password;
    }

    /// <summary>A line typed at the console, not echoed.</summary>
    private static string ReadHidden()
    {
        var typed = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return typed.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (typed.Length > 0)
                {
                    typed.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
    }

    private static WorkerFailedException Usage(string message) => new(ExitCodes.UsageOrConfiguration, message);
}
