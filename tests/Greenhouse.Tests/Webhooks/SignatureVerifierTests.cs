using System.Text;
using System.Text.Json;
using Greenhouse.Config;
using Greenhouse.Sandbox.Webhooks;
using Greenhouse.Serve.Webhooks;
using Greenhouse.Sources;
using Greenhouse.Sources.GitHub;
using Greenhouse.Sources.Linear;
using Greenhouse.Sources.Plain;
using Greenhouse.Sources.Stripe;
using Greenhouse.Webhooks;
using Microsoft.AspNetCore.Http;

namespace Greenhouse.Tests.Webhooks;

/// <summary>Each scheme against the reference vectors of shared/reference/vendor-apis.md, used verbatim.</summary>
public sealed class SignatureVerifierTests
{
    private const string StripeSecret = "whsec_test123";
    private const string StripeBody = """{"id":"evt_test_1","object":"event","type":"customer.created"}""";
    private const string StripeV1 = "4af696c1f84fdbc06d83f77a622ddad778b0c58491dca7749b6490ca3365e6e9";
    private static readonly DateTimeOffset StripeTime = DateTimeOffset.FromUnixTimeSeconds(1700000000);

    private const string GitHubSecret = "It's a Secret to Everybody";
    private const string GitHubBody = "Hello, World!";
    private const string GitHubSignature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    private const string LinearSecret = "lin_wh_test123";
    private const string LinearBody = """{"action":"update","type":"Issue","webhookTimestamp":1700000000000}""";
    private const string LinearSignature = "7fb6e6eabb3b94a193fc21c6dfee4ed291bd1d0986e3f63b5ba7de1bc7bbc84e";

    private const string PlainSecret = "plain_secret_123";
    private const string PlainBody = """{"id":"pEv_1","type":"thread.thread_created"}""";
    private const string PlainSignature = "fd7fadf678794dbe4099c00d699b57802fd474926a7cda8cdc2a10ed1b0d6ad6";

    /// <summary>The headers as the receiver adapts an ASP.NET request's.</summary>
    private static WebhookHeaders Headers(params (string Name, string Value)[] headers)
    {
        var dictionary = new HeaderDictionary();
        foreach (var (name, value) in headers)
        {
            dictionary[name] = value;
        }

        return dictionary.ToWebhookHeaders();
    }

    private static WebhookCheck Stripe(string header, string body = StripeBody, string secret = StripeSecret, DateTimeOffset? now = null) =>
        new StripeSignatureVerifier().Verify(Headers(("Stripe-Signature", header)), Encoding.UTF8.GetBytes(body), secret, now ?? StripeTime);

    [Fact]
    public void Stripe_vector_verifies()
    {
        Assert.True(Stripe($"t=1700000000,v1={StripeV1}").Verified);
        Assert.Equal(StripeV1, Convert.ToHexStringLower(StripeSignatureVerifier.Expected(StripeSecret, "1700000000", Encoding.UTF8.GetBytes(StripeBody))));
    }

    [Fact]
    public void The_sandbox_sender_signs_like_the_stripe_vector() =>
        Assert.Equal($"t=1700000000,v1={StripeV1}", WebhookSender.StripeSignature(StripeSecret, 1700000000, Encoding.UTF8.GetBytes(StripeBody)));

    [Fact]
    public void Stripe_tampered_body_is_a_mismatch() =>
        Assert.Equal(WebhookFailure.Mismatch, Stripe($"t=1700000000,v1={StripeV1}", body: StripeBody.Replace("created", "deleted", StringComparison.Ordinal)).Failure);

    [Fact]
    public void Stripe_wrong_secret_is_a_mismatch() =>
        Assert.Equal(WebhookFailure.Mismatch, Stripe($"t=1700000000,v1={StripeV1}", secret: "whsec_test124").Failure);

    [Fact]
    public void Stripe_signed_timestamp_is_part_of_the_signature() =>
        Assert.Equal(WebhookFailure.Mismatch, Stripe($"t=1700000001,v1={StripeV1}", now: StripeTime.AddSeconds(1)).Failure);

    [Fact]
    public void Stripe_missing_header_is_reported_as_missing() =>
        Assert.Equal(WebhookFailure.MissingSignature,
            new StripeSignatureVerifier().Verify(Headers(), Encoding.UTF8.GetBytes(StripeBody), StripeSecret, StripeTime).Failure);

    [Fact]
    public void Stripe_timestamp_older_than_300_seconds_is_stale_and_within_is_accepted()
    {
        Assert.True(Stripe($"t=1700000000,v1={StripeV1}", now: StripeTime.AddSeconds(300)).Verified);
        Assert.Equal(WebhookFailure.StaleTimestamp, Stripe($"t=1700000000,v1={StripeV1}", now: StripeTime.AddSeconds(301)).Failure);
        Assert.Equal(WebhookFailure.StaleTimestamp, Stripe($"t=1700000000,v1={StripeV1}", now: StripeTime.AddSeconds(-301)).Failure);
    }

    [Fact]
    public void Stripe_tolerance_is_configurable_and_zero_disables_it()
    {
        var body = Encoding.UTF8.GetBytes(StripeBody);
        var headers = Headers(("Stripe-Signature", $"t=1700000000,v1={StripeV1}"));
        Assert.Equal(WebhookFailure.StaleTimestamp, new StripeSignatureVerifier(TimeSpan.FromSeconds(10)).Verify(headers, body, StripeSecret, StripeTime.AddSeconds(11)).Failure);
        Assert.True(new StripeSignatureVerifier(TimeSpan.Zero).Verify(headers, body, StripeSecret, StripeTime.AddDays(30)).Verified);
    }

    [Fact]
    public void Stripe_any_v1_may_match_during_a_secret_rollover()
    {
        var other = new string('a', 64);
        Assert.True(Stripe($"t=1700000000,v1={other},v1={StripeV1}").Verified);
        Assert.True(Stripe($"t=1700000000,v1={StripeV1},v1={other}").Verified);
        Assert.Equal(WebhookFailure.Mismatch, Stripe($"t=1700000000,v1={other},v1={other}").Failure);
    }

    [Fact]
    public void Stripe_v0_is_ignored_even_when_it_would_match()
    {
        Assert.Equal(WebhookFailure.Malformed, Stripe($"t=1700000000,v0={StripeV1}").Failure);
        Assert.True(Stripe($"t=1700000000,v0={new string('0', 64)},v1={StripeV1}").Verified);
        Assert.Equal(WebhookFailure.Mismatch, Stripe($"t=1700000000,v1={new string('0', 64)},v0={StripeV1}").Failure);
    }

    [Fact]
    public void Stripe_header_without_timestamp_is_malformed() =>
        Assert.Equal(WebhookFailure.Malformed, Stripe($"v1={StripeV1}").Failure);

    [Fact]
    public void Stripe_identity_comes_from_the_body()
    {
        using var document = JsonDocument.Parse("""{"id":"evt_9","type":"customer.updated","created":1700000000}""");
        var identity = new StripeSignatureVerifier().Identify(Headers(), document.RootElement, []);
        Assert.Equal(new WebhookIdentity("evt_9", "customer.updated", StripeTime), identity);
    }

    private static WebhookCheck GitHub(string? header, string body = GitHubBody, string secret = GitHubSecret) =>
        new GitHubSignatureVerifier().Verify(header is null ? Headers() : Headers(("X-Hub-Signature-256", header)), Encoding.UTF8.GetBytes(body), secret, StripeTime);

    [Fact]
    public void GitHub_vector_verifies() => Assert.True(GitHub(GitHubSignature).Verified);

    [Fact]
    public void GitHub_tampered_body_wrong_secret_and_missing_header_are_refused()
    {
        Assert.Equal(WebhookFailure.Mismatch, GitHub(GitHubSignature, body: "Hello, World?").Failure);
        Assert.Equal(WebhookFailure.Mismatch, GitHub(GitHubSignature, secret: "It's a Secret to Nobody").Failure);
        Assert.Equal(WebhookFailure.MissingSignature, GitHub(null).Failure);
        Assert.Equal(WebhookFailure.Malformed, GitHub(GitHubSignature["sha256=".Length..]).Failure);
    }

    [Fact]
    public void GitHub_identity_is_the_delivery_header_and_event_header()
    {
        using var document = JsonDocument.Parse("""{"action":"opened"}""");
        var identity = new GitHubSignatureVerifier().Identify(
            Headers(("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958"), ("X-GitHub-Event", "issues")), document.RootElement, []);
        Assert.Equal(new WebhookIdentity("72d3162e-cc78-11e3-81ab-4c9367dc0958", "issues.opened", null), identity);
    }

    private static WebhookCheck Linear(string? header, string body = LinearBody, string secret = LinearSecret, DateTimeOffset? now = null) =>
        new LinearSignatureVerifier().Verify(header is null ? Headers() : Headers(("Linear-Signature", header)), Encoding.UTF8.GetBytes(body), secret, now ?? StripeTime);

    [Fact]
    public void Linear_vector_verifies_within_60_seconds()
    {
        Assert.True(Linear(LinearSignature).Verified);
        Assert.True(Linear(LinearSignature, now: StripeTime.AddSeconds(60)).Verified);
    }

    [Fact]
    public void Linear_tampered_body_wrong_secret_missing_header_and_stale_timestamp_are_refused()
    {
        Assert.Equal(WebhookFailure.Mismatch, Linear(LinearSignature, body: LinearBody.Replace("update", "remove", StringComparison.Ordinal)).Failure);
        Assert.Equal(WebhookFailure.Mismatch, Linear(LinearSignature, secret: "lin_wh_test124").Failure);
        Assert.Equal(WebhookFailure.MissingSignature, Linear(null).Failure);
        Assert.Equal(WebhookFailure.StaleTimestamp, Linear(LinearSignature, now: StripeTime.AddSeconds(61)).Failure);
        Assert.Equal(WebhookFailure.Mismatch, Linear("sha256=" + LinearSignature).Failure);
    }

    [Fact]
    public void Linear_identity_is_the_delivery_header_and_body_type()
    {
        using var document = JsonDocument.Parse(LinearBody);
        var identity = new LinearSignatureVerifier().Identify(Headers(("Linear-Delivery", "d1")), document.RootElement, []);
        Assert.Equal(new WebhookIdentity("d1", "Issue.update", StripeTime), identity);
    }

    private static WebhookCheck Plain(string? header, string body = PlainBody, string secret = PlainSecret) =>
        new PlainSignatureVerifier().Verify(header is null ? Headers() : Headers(("Plain-Request-Signature", header)), Encoding.UTF8.GetBytes(body), secret, StripeTime);

    [Fact]
    public void Plain_vector_verifies_at_any_time()
    {
        Assert.True(Plain(PlainSignature).Verified);
        Assert.True(new PlainSignatureVerifier().Verify(
            Headers(("Plain-Request-Signature", PlainSignature.ToUpperInvariant())), Encoding.UTF8.GetBytes(PlainBody), PlainSecret, StripeTime.AddDays(400)).Verified);
    }

    [Fact]
    public void The_sandbox_sender_signs_like_the_plain_vector() =>
        Assert.Equal(PlainSignature, WebhookSender.HexSignature(PlainSecret, Encoding.UTF8.GetBytes(PlainBody)));

    [Fact]
    public void Plain_tampered_body_wrong_secret_prefix_and_missing_header_are_refused()
    {
        Assert.Equal(WebhookFailure.Mismatch, Plain(PlainSignature, body: PlainBody.Replace("created", "deleted", StringComparison.Ordinal)).Failure);
        Assert.Equal(WebhookFailure.Mismatch, Plain(PlainSignature, secret: "plain_secret_124").Failure);
        Assert.Equal(WebhookFailure.Mismatch, Plain("sha256=" + PlainSignature).Failure);
        Assert.Equal(WebhookFailure.MissingSignature, Plain(null).Failure);
    }

    [Fact]
    public void Plain_identity_is_the_event_id_header_else_the_body_id()
    {
        using var document = JsonDocument.Parse("""{"id":"pEv_1","type":"thread.thread_created","timestamp":"2023-11-14T22:13:20.000Z"}""");
        var verifier = new PlainSignatureVerifier();
        Assert.Equal(new WebhookIdentity("pEv_1", "thread.thread_created", StripeTime), verifier.Identify(Headers(), document.RootElement, []));
        Assert.Equal("pEv_2", verifier.Identify(Headers(("Plain-Event-Id", "pEv_2")), document.RootElement, [])!.EventId);
        using var bare = JsonDocument.Parse("{}");
        Assert.Null(verifier.Identify(Headers(), bare.RootElement, []));
        Assert.Equal("customer.customer_updated",
            verifier.Identify(Headers(("Plain-Event-Id", "pEv_3"), ("Plain-Event-Type", "customer.customer_updated")), bare.RootElement, [])!.Type);
    }

    [Fact]
    public void Generic_hmac_reproduces_the_github_vector_from_config()
    {
        var verifier = new HmacSignatureVerifier(new WebhookSignatureConfig("hmac", "X-Hub-Signature-256", "sha256", "hex", "sha256="));
        var body = Encoding.UTF8.GetBytes(GitHubBody);
        Assert.True(verifier.Verify(Headers(("X-Hub-Signature-256", GitHubSignature)), body, GitHubSecret, StripeTime).Verified);
        Assert.Equal(WebhookFailure.Mismatch, verifier.Verify(Headers(("X-Hub-Signature-256", GitHubSignature)), body, "nope", StripeTime).Failure);
        Assert.Equal(WebhookFailure.MissingSignature, verifier.Verify(Headers(), body, GitHubSecret, StripeTime).Failure);
    }

    [Fact]
    public void Generic_hmac_reads_base64_and_other_algorithms()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":"pEv_1","type":"thread.thread_created"}""");
        var sha512 = Convert.ToBase64String(System.Security.Cryptography.HMACSHA512.HashData(Encoding.UTF8.GetBytes("plain_secret_123"), body));
        var verifier = new HmacSignatureVerifier(new WebhookSignatureConfig("hmac", "X-Sig", "sha512", "base64"));
        Assert.True(verifier.Verify(Headers(("X-Sig", sha512)), body, "plain_secret_123", StripeTime).Verified);

        // Plain's composed vector: hex HMAC-SHA256 without prefix.
        var plain = new HmacSignatureVerifier(new WebhookSignatureConfig("hmac", "Plain-Request-Signature"));
        Assert.True(plain.Verify(Headers(("Plain-Request-Signature", "fd7fadf678794dbe4099c00d699b57802fd474926a7cda8cdc2a10ed1b0d6ad6")), body, "plain_secret_123", StripeTime).Verified);
    }

    [Fact]
    public void Generic_hmac_event_id_is_a_header_then_the_body_id_then_the_body_hash()
    {
        var verifier = new HmacSignatureVerifier(new WebhookSignatureConfig("hmac", "X-Sig"));
        using var withId = JsonDocument.Parse("""{"id":"pEv_1","type":"thread.thread_created"}""");
        using var withoutId = JsonDocument.Parse("""{"x":1}""");
        Assert.Equal("h1", verifier.Identify(Headers(("X-Event-Id", "h1")), withId.RootElement, [])!.EventId);
        Assert.Equal("k1", verifier.Identify(Headers(("Idempotency-Key", "k1")), withId.RootElement, [])!.EventId);
        Assert.Equal(new WebhookIdentity("pEv_1", "thread.thread_created", null), verifier.Identify(Headers(), withId.RootElement, []));
        var raw = Encoding.UTF8.GetBytes("""{"x":1}""");
        Assert.Equal("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(raw)),
            verifier.Identify(Headers(), withoutId.RootElement, raw)!.EventId);
    }

    [Fact]
    public void Scheme_defaults_to_the_source_type_and_config_overrides_it()
    {
        static SourceConfig Source(string type, WebhookSignatureConfig? signature) =>
            new("s", type, null, TimeSpan.Zero, TimeSpan.Zero, false, null, null, null, 0, TimeSpan.Zero,
                new Dictionary<string, string>(), new Dictionary<string, Credential>()) { WebhookSignature = signature };

        var connectors = BuiltInConnectors.Create();
        Assert.IsType<StripeSignatureVerifier>(WebhookVerifiers.For(Source("stripe", null), connectors));
        Assert.IsType<GitHubSignatureVerifier>(WebhookVerifiers.For(Source("stripe", new WebhookSignatureConfig("github")), connectors));
        Assert.IsType<PlainSignatureVerifier>(WebhookVerifiers.For(Source("plain", null), connectors));
        Assert.IsType<HmacSignatureVerifier>(WebhookVerifiers.For(Source("stripe", new WebhookSignatureConfig("hmac", "X-Sig")), connectors));
        Assert.Null(WebhookVerifiers.For(Source("acme", null), connectors));
    }
}
