namespace Greenhouse.Sandbox.Stripe;

// Plain generation-time models: they live only while one customer's objects are being generated, then are
// rendered to JSON bytes and dropped. Fields rather than properties keep this file short; none is public.
#pragma warning disable CA1051 // internal scratch types

internal sealed class ProductModel
{
    public required string Id;
    public required long Created;
    public long Updated;
    public required string Name;
    public string? Description;
    public string? DefaultPrice;
    public bool Active = true;
    public string? UnitLabel;
    public string? Tier;
}

internal sealed class PriceModel
{
    public required string Id;
    public required string Product;
    public required long Created;
    public bool Active = true;
    public required string Currency;
    public required long UnitAmount;
    public string Interval = "month";
    public string? Nickname;
    public string? LookupKey;

    /// <summary>The product's name, for invoice line descriptions.</summary>
    public string ProductName = "";

    public long Months => Interval == "year" ? 12 : 1;
}

internal sealed class CouponModel
{
    public required string Id;
    public required long Created;
    public required string Name;
    public double? PercentOff;
    public long? AmountOff;
    public string? Currency;
    public string Duration = "once";
    public int? DurationInMonths;
    public int? MaxRedemptions;
    public long? RedeemBy;
    public int TimesRedeemed;
    public string? Note;
    public bool Valid = true;
}

internal sealed class CustomerModel
{
    public required string Id;
    public required long Created;
    public required SandboxPerson Person;
    public required string Email;
    public string? Currency;
    public bool HasAddress;
    public string? Phone;
    public required string InvoicePrefix;
    public int InvoiceSequence;
    public string? DefaultPaymentMethod;
    public bool Delinquent;
    public List<KeyValuePair<string, string>> Metadata = [];
}

internal sealed class ItemModel
{
    public required string Id;
    public required long Created;
    public required PriceModel Price;
    public int Quantity = 1;
}

internal sealed class SubscriptionModel
{
    public required string Id;
    public required CustomerModel Customer;
    public required long Created;
    public string Status = "active";
    public List<ItemModel> Items = [];
    public long BillingCycleAnchor;
    public long CurrentPeriodStart;
    public long CurrentPeriodEnd;
    public long? CancelAt;
    public bool CancelAtPeriodEnd;
    public long? CanceledAt;
    public long? EndedAt;
    public string? CancellationReason;
    public long? TrialStart;
    public long? TrialEnd;
    public CouponModel? Coupon;
    public string? DiscountId;
    public long DiscountStart;
    public long? DiscountEnd;
    public string? LatestInvoice;
    public required string Currency;
    public string? DefaultPaymentMethod;
    public string? Source;

    public long TotalPerPeriod()
    {
        long total = 0;
        foreach (var item in Items)
        {
            total += item.Price.UnitAmount * item.Quantity;
        }

        return total;
    }
}

internal sealed class InvoiceLineModel
{
    public required string Id;
    public required ItemModel Item;
    public required PriceModel Price;
    public required int Quantity;
    public required long Amount;
    public required long PeriodStart;
    public required long PeriodEnd;
}

internal sealed class InvoiceModel
{
    public required string Id;
    public required CustomerModel Customer;
    public SubscriptionModel? Subscription;
    public required long Created;
    public long PeriodStart;
    public long PeriodEnd;
    public string BillingReason = "subscription_cycle";
    public string Status = "draft";
    public required string Currency;
    public long Subtotal;
    public long DiscountAmount;
    public long AmountPaid;
    public int AttemptCount;
    public string? Charge;
    public string? PaymentIntent;
    public string? Number;
    public long? FinalizedAt;
    public long? PaidAt;
    public long? VoidedAt;
    public long? MarkedUncollectibleAt;
    public long? NextPaymentAttempt;
    public List<InvoiceLineModel> Lines = [];
    public string? DiscountId;

    public long Total => Math.Max(0, Subtotal - DiscountAmount);
}

internal sealed class ChargeModel
{
    public required string Id;
    public required long Created;
    public required CustomerModel Customer;
    public string? Invoice;
    public required long Amount;
    public long AmountRefunded;
    public required string Currency;
    public bool Succeeded = true;
    public string? FailureCode;
    public string? FailureMessage;
    public string? DeclineCode;
    public string? PaymentIntent;
    public string? PaymentMethod;
    public string? BalanceTransaction;
    public string Brand = "visa";
    public string Last4 = "4242";
    public int ExpMonth = 12;
    public int ExpYear = 2030;
    public int RiskScore = 20;
    public string? Description;
}

internal sealed class RefundModel
{
    public required string Id;
    public required long Created;
    public required ChargeModel Charge;
    public required long Amount;
    public string? Reason;
    public string? BalanceTransaction;
}

/// <summary>A generated event: its data object is a model (rendered in its final generated state) or JSON bytes.</summary>
internal sealed class EventModel
{
    public required string Id;
    public required string Type;
    public required long Created;
    public required object Data;
    public byte[]? Previous;
}
