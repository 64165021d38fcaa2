namespace Greenhouse.Sandbox;

/// <summary>How much fake data each vendor fake generates (Stripe: 100, 12,000 or 50,000 customers; medium is about 200,000 records across the vendors).</summary>
public enum SandboxSize
{
    Small,
    Medium,
    Large,
}
