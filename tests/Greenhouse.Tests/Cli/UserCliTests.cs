using Greenhouse.Tests.Infrastructure;

namespace Greenhouse.Tests.Cli;

/// <summary><c>greenhouse user</c>: who may log in to the web UI, with passwords from stdin and clear refusals.</summary>
public sealed class UserCliTests
{
    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Users_are_added_listed_reset_and_removed_and_passwords_are_never_stored(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        Task<Infrastructure.Cli.Result> Run(string input, params string[] args) => Infrastructure.Cli.RunWithInputAsync(harness.Directory, harness.Environment, input, args);

        var added = await Run("correct horse battery\n", "user", "add", "Ada@Example.com", "--role", "admin");
        Assert.True(added.ExitCode == 0, added.Stderr);
        Assert.Contains("User ada@example.com (admin) added", added.Stderr, StringComparison.Ordinal);

        var again = await Run("another password\n", "user", "add", "ada@example.com");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("ada@example.com has an account already", again.Stderr, StringComparison.Ordinal);
        var weak = await Run("short\n", "user", "add", "bob@example.com");
        Assert.Equal(2, weak.ExitCode);
        Assert.Contains("it needs at least 10", weak.Stderr, StringComparison.Ordinal);
        var role = await Run("long enough password\n", "user", "add", "bob@example.com", "--role", "owner");
        Assert.Equal(2, role.ExitCode);
        Assert.Contains("--role owner: one of viewer", role.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, (await Run("long enough password\n", "user", "add", "not-an-email")).ExitCode);
        Assert.Equal(0, (await Run("long enough password\n", "user", "add", "bob@example.com")).ExitCode);

        var list = await Run("", "user", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("ada@example.com", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("viewer", list.Stdout, StringComparison.Ordinal);
        var stored = await harness.QueryAsync($"SELECT password_hash FROM {harness.MetaTable("_gh_users")} ORDER BY email");
        Assert.Equal(2, stored.Rows.Count);
        Assert.All(stored.Rows, r => Assert.DoesNotContain("password", (string)r[0]!, StringComparison.Ordinal));
        Assert.All(stored.Rows, r => Assert.True(((string)r[0]!).Length > 40));

        Assert.Equal(0, (await Run("a new long password\n", "user", "reset", "bob@example.com", "--role", "admin")).ExitCode);
        Assert.Contains("admin", (await harness.QueryAsync($"SELECT role FROM {harness.MetaTable("_gh_users")} WHERE email = 'bob@example.com'")).Rows[0][0] as string, StringComparison.Ordinal);
        var typo = await Run("", "user", "remove", "bob@exampel.com");
        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("Did you mean 'bob@example.com'?", typo.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await Run("", "user", "remove", "bob@example.com")).ExitCode);
        Assert.DoesNotContain("bob@", (await Run("", "user", "list")).Stdout, StringComparison.Ordinal);
    }
}
