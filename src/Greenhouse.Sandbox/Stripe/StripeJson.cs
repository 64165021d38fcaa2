using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Greenhouse.Sandbox.Stripe;

/// <summary>
/// Renders Stripe objects as the API does for version <see cref="ApiVersion"/> (field names and nesting; a subset
/// of the rarely used fields). One instance reuses one buffer: not thread-safe.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "The writer only wraps a managed buffer; nothing to release.")]
internal sealed partial class StripeJson
{
    public const string ApiVersion = "2025-02-24.acacia";
    public const string AccountId = "acct_1GreenhouseDemo";

    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    [ThreadStatic]
    private static StripeJson? _threadInstance;

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _w;

    public StripeJson()
    {
        _w = new Utf8JsonWriter(_buffer, WriterOptions);
    }

    /// <summary>Renders a generation model (or returns JSON bytes as they are); thread-safe.</summary>
    public static byte[] Render(object source)
    {
        if (source is byte[] bytes)
        {
            return bytes;
        }

        var json = _threadInstance ??= new StripeJson();
        return source switch
        {
            CustomerModel c => json.Customer(c),
            ProductModel p => json.Product(p),
            PriceModel p => json.Price(p),
            CouponModel c => json.Coupon(c),
            SubscriptionModel s => json.Subscription(s),
            InvoiceModel i => json.Invoice(i),
            ChargeModel c => json.Charge(c),
            RefundModel r => json.Refund(r),
            EventModel e => json.Event(e.Id, e.Type, e.Created, Render(e.Data), e.Previous),
            _ => throw new ArgumentException($"Cannot render {source.GetType().Name}.", nameof(source)),
        };
    }

    public byte[] Customer(CustomerModel c) => Render(c, WriteCustomer);

    public byte[] Product(ProductModel p) => Render(p, WriteProduct);

    public byte[] Price(PriceModel p) => Render(p, WritePrice);

    public byte[] Coupon(CouponModel c) => Render(c, WriteCoupon);

    public byte[] Subscription(SubscriptionModel s) => Render(s, WriteSubscription);

    public byte[] Invoice(InvoiceModel i) => Render(i, WriteInvoice);

    public byte[] Charge(ChargeModel c) => Render(c, WriteCharge);

    public byte[] Refund(RefundModel r) => Render(r, WriteRefund);

    /// <summary>The items list of <paramref name="s"/> wrapped as <c>{"items":{…}}</c>, for previous_attributes.</summary>
    public byte[] PreviousItems(SubscriptionModel s, List<ItemModel> items) => Render((s, items), (w, x) =>
    {
        w.WriteStartObject();
        w.WritePropertyName("items");
        WriteItems(w, x.s, x.items);
        w.WriteEndObject();
    });

    /// <summary>Any small object, written by <paramref name="write"/> between the braces.</summary>
    public byte[] Object(Action<Utf8JsonWriter> write) => Render(write, (w, body) =>
    {
        w.WriteStartObject();
        body(w);
        w.WriteEndObject();
    });

    /// <summary>An event whose <paramref name="dataObject"/> is rendered in <paramref name="apiVersion"/> (by default the fake's own).</summary>
    public byte[] Event(string id, string type, long created, ReadOnlySpan<byte> dataObject, ReadOnlySpan<byte> previousAttributes, string apiVersion = ApiVersion)
    {
        _buffer.ResetWrittenCount();
        _w.Reset(_buffer);
        WriteEvent(_w, id, type, created, dataObject, previousAttributes, apiVersion);
        _w.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    public static void WriteEvent(
        Utf8JsonWriter w, string id, string type, long created, ReadOnlySpan<byte> dataObject, ReadOnlySpan<byte> previousAttributes, string apiVersion = ApiVersion)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("object", "event");
        w.WriteString("api_version", apiVersion);
        w.WriteNumber("created", created);
        w.WriteStartObject("data");
        w.WritePropertyName("object");
        w.WriteRawValue(dataObject, skipInputValidation: true);
        if (!previousAttributes.IsEmpty)
        {
            w.WritePropertyName("previous_attributes");
            w.WriteRawValue(previousAttributes, skipInputValidation: true);
        }

        w.WriteEndObject();
        w.WriteBoolean("livemode", false);
        w.WriteNumber("pending_webhooks", 0);
        w.WriteStartObject("request");
        w.WriteNull("id");
        w.WriteNull("idempotency_key");
        w.WriteEndObject();
        w.WriteString("type", type);
        w.WriteEndObject();
    }

    private byte[] Render<T>(T model, Action<Utf8JsonWriter, T> write)
    {
        _buffer.ResetWrittenCount();
        _w.Reset(_buffer);
        write(_w, model);
        _w.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    private static void Str(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void Num(Utf8JsonWriter w, string name, long? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteNumber(name, value.Value);
        }
    }

    private static void EmptyArray(Utf8JsonWriter w, string name)
    {
        w.WriteStartArray(name);
        w.WriteEndArray();
    }

    private static void EmptyObject(Utf8JsonWriter w, string name)
    {
        w.WriteStartObject(name);
        w.WriteEndObject();
    }

    private static void Metadata(Utf8JsonWriter w, IEnumerable<KeyValuePair<string, string>>? pairs)
    {
        w.WriteStartObject("metadata");
        if (pairs is not null)
        {
            foreach (var (key, value) in pairs)
            {
                w.WriteString(key, value);
            }
        }

        w.WriteEndObject();
    }

    private static void AutomaticTax(Utf8JsonWriter w, bool withStatus)
    {
        w.WriteStartObject("automatic_tax");
        if (!withStatus)
        {
            w.WriteNull("disabled_reason");
        }

        w.WriteBoolean("enabled", false);
        w.WriteNull("liability");
        if (withStatus)
        {
            w.WriteNull("status");
        }

        w.WriteEndObject();
    }
}
