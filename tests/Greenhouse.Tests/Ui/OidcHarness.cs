using Greenhouse.Sandbox.Oidc;
using Greenhouse.Tests.Infrastructure;

namespace Greenhouse.Tests.Ui;

/// <summary>A harness whose greenhouse.yml logs in through the sandbox's fake OpenID Connect provider, as a client registered there.</summary>
internal static class OidcHarness
{
    public const string ClientId = "greenhouse-test";

    public const string ClientSecret = "sandbox-oidc-client-secret";

    /// <param name="allow">The value of <c>ui.oidc.allow</c>.</param>
    /// <param name="configuredSecret">What <c>${OIDC_CLIENT_SECRET}</c> holds: the registered secret, or a wrong one.</param>
    public static async Task<SourceHarness> StartAsync(string allow, string configuredSecret = ClientSecret)
    {
        var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        harness.Sandbox.Oidc.AddClient(new OidcClient(ClientId, ClientSecret));
        harness.SetVariable("OIDC_CLIENT_SECRET", configuredSecret);
        harness.WriteConfig(top: $$"""
            ui:
              oidc:
                authority: {{harness.Sandbox.VendorUrls["oidc"]}}
                client_id: {{ClientId}}
                client_secret: ${OIDC_CLIENT_SECRET}
                name: Sandbox
                allow: {{allow}}
            """);
        return harness;
    }
}
