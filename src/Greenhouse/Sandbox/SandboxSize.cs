namespace Greenhouse.Sandbox;

/// <summary>How much fake data each vendor fake generates (Stripe: 100, 10,000 or 50,000 customers).</summary>
public enum SandboxSize
{
    Small,
    Medium,
    Large,
}
