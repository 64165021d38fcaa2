using Greenhouse.Config;
using Greenhouse.Warehouse;
using Microsoft.AspNetCore.Identity;

namespace Greenhouse.Serve.Ui;

/// <summary>
/// The web UI's users (<c>greenhouse user add|list|remove|reset</c> and the login page): passwords hashed with
/// ASP.NET Core Identity's hasher (PBKDF2, salted), e-mails compared without case, and a throttle that locks an
/// account for a while after <see cref="MaxFailures"/> wrong passwords in a row, doubling each time.
/// </summary>
public sealed class UserService(IUserStore store, TimeProvider clock)
{
    public const int MaxFailures = 5;

    public const int MinPasswordLength = 10;

    public static readonly string[] Roles = ["viewer", "admin"];

    private static readonly TimeSpan FirstLockout = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan LongestLockout = TimeSpan.FromMinutes(30);

    private readonly PasswordHasher<string> _hasher = new();

    /// <summary>A hash of no one's password: checked for an unknown e-mail too, so a login takes as long whether or not the user exists.</summary>
    private readonly Lazy<string> _nobody = new(() => new PasswordHasher<string>().HashPassword("", Guid.NewGuid().ToString()));

    public async Task AddAsync(string email, string role, string password, CancellationToken cancellationToken = default)
    {
        var user = new UserRecord(Email(email), Role(role), Hash(email, password), clock.GetUtcNow(), 0, null);
        if (!await store.AddUserAsync(user, cancellationToken))
        {
            throw new ConfigException($"user add: {user.Email} has an account already; `greenhouse user reset {user.Email}` sets a new password.");
        }
    }

    /// <summary>Sets a new password (and, when given, role), unlocking the account.</summary>
    public async Task ResetAsync(string email, string password, string? role = null, CancellationToken cancellationToken = default)
    {
        var existing = await store.FindUserAsync(Email(email), cancellationToken)
            ?? throw new ConfigException($"user reset: no user {Email(email)}.{DidYouMean.Hint(Email(email), (await store.ReadUsersAsync(cancellationToken)).Select(u => u.Email))}");
        await store.UpdateUserAsync(existing.Email, role is null ? existing.Role : Role(role), Hash(email, password), cancellationToken);
    }

    /// <summary>Gives the account another role; the last admin cannot stop being one (nobody could manage users then).</summary>
    public async Task SetRoleAsync(string email, string role, CancellationToken cancellationToken = default)
    {
        var existing = await store.FindUserAsync(Email(email), cancellationToken)
            ?? throw new ConfigException($"no user {Email(email)}.{DidYouMean.Hint(Email(email), (await store.ReadUsersAsync(cancellationToken)).Select(u => u.Email))}");
        if (existing.Role == "admin" && Role(role) != "admin")
        {
            await RefuseLastAdminAsync(existing.Email, "stop being an admin", cancellationToken);
        }

        await store.UpdateUserAsync(existing.Email, Role(role), existing.PasswordHash, cancellationToken);
    }

    /// <summary>Throws when <paramref name="email"/> is the only admin: the web UI would then have no one to manage users.</summary>
    public async Task RefuseLastAdminAsync(string email, string what, CancellationToken cancellationToken = default)
    {
        var admins = (await store.ReadUsersAsync(cancellationToken)).Where(u => u.Role == "admin").Select(u => u.Email).ToList();
        if (admins.Count == 1 && admins[0] == Email(email))
        {
            throw new ConfigException($"{Email(email)} is the only admin and cannot {what}; make another admin first.");
        }
    }

    public async Task RemoveAsync(string email, CancellationToken cancellationToken = default)
    {
        if (!await store.RemoveUserAsync(Email(email), cancellationToken))
        {
            throw new ConfigException($"user remove: no user {Email(email)}.{DidYouMean.Hint(Email(email), (await store.ReadUsersAsync(cancellationToken)).Select(u => u.Email))}");
        }
    }

    /// <summary>The role of the password account with this e-mail, or null when there is none (an OpenID Connect login then takes its allow rule's).</summary>
    public async Task<string?> RoleAsync(string email, CancellationToken cancellationToken = default) =>
        (await store.FindUserAsync(email.Trim().ToLowerInvariant(), cancellationToken))?.Role;

    public Task<IReadOnlyList<UserRecord>> ListAsync(CancellationToken cancellationToken = default) => store.ReadUsersAsync(cancellationToken);

    /// <summary>Checks a login. A locked account is refused without checking the password; a wrong one counts towards the lock.</summary>
    public async Task<LoginResult> LoginAsync(string? email, string? password, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var user = string.IsNullOrWhiteSpace(email) ? null : await store.FindUserAsync(email.Trim().ToLowerInvariant(), cancellationToken);
        if (user is null)
        {
            _hasher.VerifyHashedPassword("", _nobody.Value, password ?? "");
            return LoginResult.Refused("That e-mail and password do not match an account.");
        }

        if (user.LockedUntil is { } until && until > now)
        {
            return LoginResult.Refused($"Too many wrong passwords: this account is locked until {until:HH:mm:ss} UTC. Try again then, or ask an admin to run `greenhouse user reset {user.Email}`.");
        }

        if (_hasher.VerifyHashedPassword(user.Email, user.PasswordHash, password ?? "") == PasswordVerificationResult.Failed)
        {
            var failures = user.FailedLogins + 1;
            DateTimeOffset? lockedUntil = failures >= MaxFailures
                ? now + TimeSpan.FromTicks(Math.Min(LongestLockout.Ticks, FirstLockout.Ticks << Math.Min(failures - MaxFailures, 10)))
                : null;
            await store.SetLoginStateAsync(user.Email, failures, lockedUntil, cancellationToken);
            return LoginResult.Refused(lockedUntil is { } locked
                ? $"Too many wrong passwords: this account is locked until {locked:HH:mm:ss} UTC."
                : "That e-mail and password do not match an account.");
        }

        if (user.FailedLogins > 0 || user.LockedUntil is not null)
        {
            await store.SetLoginStateAsync(user.Email, 0, null, cancellationToken);
        }

        return LoginResult.Accepted(user);
    }

    private string Hash(string email, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length < MinPasswordLength)
        {
            throw new ConfigException($"the password is {password.Length} characters; it needs at least {MinPasswordLength}.");
        }

        return _hasher.HashPassword(Email(email), password);
    }

    private static string Email(string email)
    {
        var trimmed = email.Trim().ToLowerInvariant();
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < trimmed.Length - 1 && !trimmed.Contains(' ', StringComparison.Ordinal)
            ? trimmed
            : throw new ConfigException($"'{email}' is not an e-mail address; a user logs in with their e-mail.");
    }

    private static string Role(string role) => Roles.Contains(role)
        ? role
        : throw new ConfigException($"--role {role}: one of viewer (reads the modelled data and the pages) or admin (also raw tables, runs and users).{DidYouMean.Hint(role, Roles)}");
}

/// <summary>What a login attempt came to: the user, or why not (said to the person at the login page).</summary>
public sealed record LoginResult(UserRecord? User, string? Problem)
{
    public static LoginResult Accepted(UserRecord user) => new(user, null);

    public static LoginResult Refused(string problem) => new(null, problem);
}
