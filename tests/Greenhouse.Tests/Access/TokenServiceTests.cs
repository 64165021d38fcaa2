using System.Security.Cryptography;
using System.Text;
using Greenhouse.Access;
using Greenhouse.Tests.Infrastructure;

namespace Greenhouse.Tests.Access;

/// <summary>API tokens: kept as hashes in the warehouse, valid until revoked or expired; <c>greenhouse token</c> prints one once.</summary>
public sealed class TokenServiceTests
{
    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_token_is_kept_only_as_its_hash_and_is_valid_until_revoked(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        await using var warehouse = test.Open();
        var clock = new ManualClock();
        var tokens = new TokenService(warehouse, clock);

        var issued = await tokens.AddAsync("claude", "admin", TimeSpan.FromDays(30));
        var stored = await warehouse.QueryAsync($"SELECT * FROM {(kind == "sqlite" ? "" : $"\"{test.RawSchema}\".")}_gh_tokens");
        var valid = await tokens.CheckAsync(issued.Token);
        var taken = await Assert.ThrowsAsync<ArgumentException>(() => tokens.AddAsync("claude", "viewer", null));
        clock.Advance(TimeSpan.FromDays(31));
        var expired = await tokens.CheckAsync(issued.Token);
        var replaced = await tokens.AddAsync("claude", "viewer", null);
        var oldOne = await tokens.CheckAsync(issued.Token);
        Assert.True(await tokens.RevokeAsync("claude"));
        var revoked = await tokens.CheckAsync(replaced.Token);

        Assert.StartsWith(TokenService.Prefix, issued.Token, StringComparison.Ordinal);
        Assert.True(issued.Token.Length > 40);
        var row = Assert.Single(stored.Rows);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(issued.Token))), row);
        Assert.DoesNotContain(row, v => v is string s && s.Contains(issued.Token[TokenService.Prefix.Length..], StringComparison.Ordinal));
        Assert.Equal(("claude", "admin"), (valid.Token?.Name, valid.Token?.Role));
        Assert.Contains("already exists and is valid", taken.Message, StringComparison.Ordinal);
        Assert.Contains("'claude' expired at", expired.Problem, StringComparison.Ordinal);
        Assert.Equal("the token is not known", oldOne.Problem);
        Assert.Contains("'claude' was revoked", revoked.Problem, StringComparison.Ordinal);
        Assert.False(await tokens.RevokeAsync("claude"));
        Assert.False((await tokens.CheckAsync(null)).Valid);
    }

    [Fact]
    public async Task The_token_command_prints_a_token_once_lists_and_revokes_it()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        Task<Infrastructure.Cli.Result> Run(params string[] args) => Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, ["--config", harness.ConfigPath, .. args]);

        var added = await Run("token", "add", "metabase", "--expires", "30d");
        var listed = await Run("token", "list");
        var badExpiry = await Run("token", "add", "other", "--expires", "soon");
        var revoked = await Run("token", "revoke", "metabase");
        var listedAfter = await Run("token", "list");
        var again = await Run("token", "revoke", "metabase");

        Assert.True(added.ExitCode == 0, added.Stderr);
        var token = added.Stdout.Trim();
        Assert.Matches("^gh_[A-Za-z0-9_-]{43}$", token);
        Assert.Contains("shown only this once", added.Stderr, StringComparison.Ordinal);
        Assert.Contains("metabase", listed.Stdout, StringComparison.Ordinal);
        Assert.Contains("valid", listed.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(token, listed.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, badExpiry.ExitCode);
        Assert.Contains("'soon' is not a duration", badExpiry.Stderr, StringComparison.Ordinal);
        Assert.True(revoked.ExitCode == 0, revoked.Stderr);
        Assert.Contains("revoked", listedAfter.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("no valid token named 'metabase'", again.Stderr, StringComparison.Ordinal);
    }
}
