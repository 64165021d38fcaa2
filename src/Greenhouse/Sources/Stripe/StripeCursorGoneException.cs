namespace Greenhouse.Sources.Stripe;

/// <summary>Stripe no longer knows the object a listing continues after (it was deleted).</summary>
internal sealed class StripeCursorGoneException : Exception;
