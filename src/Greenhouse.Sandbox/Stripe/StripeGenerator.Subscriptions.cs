namespace Greenhouse.Sandbox.Stripe;

internal sealed partial class StripeGenerator
{
    private void Subscription(
        SandboxRandom rng,
        CustomerModel customer,
        List<SubscriptionModel> subscriptions,
        List<InvoiceModel> invoices,
        List<ChargeModel> charges,
        List<RefundModel> refunds)
    {
        var start = customer.Created + rng.Next(60, 3 * Day);
        if (start >= _now)
        {
            start = customer.Created + (long)((_now - customer.Created) * rng.NextDouble());
        }

        var roll = rng.NextDouble();
        var plan = roll < 0.45 ? "starter" : roll < 0.85 ? "pro" : "business";
        var yearly = rng.Chance(0.2);
        var currency = "usd";
        if (plan == "pro" && !yearly)
        {
            currency = customer.Person.Country switch
            {
                "DE" or "FR" or "NL" or "ES" => "eur",
                "GB" => "gbp",
                _ => "usd",
            };
        }

        var price = PickPrice(plan, yearly, currency, start);
        var trial = rng.Chance(start > _now - (30 * Day) ? 0.6 : 0.3);
        var trialEnd = start + (14 * Day);
        var billingStart = trial ? trialEnd : start;
        var status = "active";
        long? cancelAt = null;
        var paymentFailed = false;
        if (trial && trialEnd > _now)
        {
            status = "trialing";
        }
        else
        {
            var fate = rng.NextDouble();
            var earliest = (trial ? start : billingStart) + Hour;
            if (fate < 0.25 && earliest < _now)
            {
                status = "canceled";
                cancelAt = rng.Next(earliest, _now);
                paymentFailed = cancelAt > billingStart && rng.Chance(0.3);
            }
            else if (fate < 0.31)
            {
                status = "past_due";
            }
        }

        var paymentMethod = rng.Id("pm_", 24);
        customer.DefaultPaymentMethod = paymentMethod;
        customer.Currency = currency;
        var card = (Brand: rng.Pick(Brands), Last4: rng.Pick(Last4), Month: 1 + rng.Next(12), Year: 2026 + rng.Next(5));
        var s = new SubscriptionModel
        {
            Id = rng.Id("sub_", 24),
            Customer = customer,
            Created = start,
            Currency = currency,
            BillingCycleAnchor = billingStart,
            DefaultPaymentMethod = paymentMethod,
            Source = rng.Chance(0.2) ? "sales" : null,
        };
        if (trial)
        {
            s.TrialStart = start;
            s.TrialEnd = trialEnd;
        }

        var main = new ItemModel { Id = rng.Id("si_", 14), Created = start, Price = price };
        s.Items.Add(main);
        if (plan != "starter" && !yearly && currency == "usd" && start >= _seatsMonthly.Created && rng.Chance(0.25))
        {
            s.Items.Add(new ItemModel { Id = rng.Id("si_", 14), Created = start, Price = _seatsMonthly, Quantity = 2 + rng.Next(9) });
        }

        var end = cancelAt ?? _now;
        long? upgradeAt = null;
        PriceModel? upgradeTo = null;
        if (plan != "business" && !yearly && currency == "usd" && status != "trialing" && end - billingStart > 40 * Day && rng.Chance(0.15))
        {
            upgradeAt = rng.Next(billingStart + (20 * Day), end - (10 * Day));
            upgradeTo = plan == "starter" ? _proMonthly : _businessMonthly;
        }

        if (rng.Chance(0.12))
        {
            var candidates = _coupons.Where(c => c.Created <= start
                && (c.RedeemBy is null || c.RedeemBy > start)
                && (c.Currency is null || c.Currency == currency)
                && (c.MaxRedemptions is null || c.TimesRedeemed < c.MaxRedemptions)).ToList();
            if (candidates.Count > 0)
            {
                var coupon = rng.Pick(candidates);
                coupon.TimesRedeemed++;
                s.Coupon = coupon;
                s.DiscountId = rng.Id("di_", 24);
                s.DiscountStart = start;
                s.DiscountEnd = coupon.Duration == "repeating" ? AddMonths(start, coupon.DurationInMonths ?? 1) : null;
            }
        }

        Event(rng, "customer.subscription.created", start, s);
        var sequence = customer.InvoiceSequence;
        InvoiceModel? last = null;
        if (trial)
        {
            var zero = NewInvoice(rng, customer, s, start, "subscription_create", start, start);
            zero.Lines.Add(Line(rng, s, main, start, trialEnd, 0));
            zero.Status = "paid";
            zero.FinalizedAt = start;
            zero.PaidAt = start;
            zero.Number = $"{customer.InvoicePrefix}-{++sequence:D4}";
            invoices.Add(zero);
            InvoiceEvents(rng, zero);
            last = zero;
            if (status != "trialing")
            {
                Event(rng, "customer.subscription.updated", trialEnd, s, _json.Object(w => w.WriteString("status", "trialing")));
            }
        }

        var months = price.Months;
        var previousStart = start;
        long periodStart = trial ? start : billingStart, periodEnd = trial ? trialEnd : billingStart;
        for (var k = 0; status != "trialing"; k++)
        {
            var thisStart = AddMonths(billingStart, k * months);
            if (thisStart > end || (cancelAt is not null && thisStart >= cancelAt))
            {
                break;
            }

            periodStart = thisStart;
            periodEnd = AddMonths(billingStart, (k + 1) * months);
            if (upgradeAt is not null && thisStart >= upgradeAt && main.Price != upgradeTo)
            {
                Event(rng, "customer.subscription.updated", upgradeAt.Value, s, _json.PreviousItems(s, s.Items));
                main.Price = upgradeTo!;
            }

            var create = k == 0 && !trial;
            var invoice = NewInvoice(
                rng,
                customer,
                s,
                thisStart,
                create ? "subscription_create" : "subscription_cycle",
                create ? thisStart : previousStart,
                thisStart);
            previousStart = thisStart;
            foreach (var item in s.Items)
            {
                invoice.Lines.Add(Line(rng, s, item, thisStart, periodEnd, item.Price.UnitAmount * item.Quantity));
                invoice.Subtotal += item.Price.UnitAmount * item.Quantity;
            }

            if (s.Coupon is { } coupon
                && (coupon.Duration == "forever" || (coupon.Duration == "once" && k == 0) || (coupon.Duration == "repeating" && thisStart < s.DiscountEnd)))
            {
                invoice.DiscountId = s.DiscountId;
                invoice.DiscountAmount = coupon.PercentOff is { } percent
                    ? (long)Math.Round(invoice.Subtotal * percent / 100, MidpointRounding.AwayFromZero)
                    : Math.Min(coupon.AmountOff ?? 0, invoice.Subtotal);
            }

            invoices.Add(invoice);
            last = invoice;
            var finalized = create ? thisStart : thisStart + Hour;
            if (finalized > _now)
            {
                // Stripe finalizes subscription invoices about an hour after creating them.
                InvoiceEvents(rng, invoice);
                continue;
            }

            invoice.FinalizedAt = finalized;
            invoice.Number = $"{customer.InvoicePrefix}-{++sequence:D4}";
            invoice.Status = "open";
            // The last invoice that gets finalized: the next one is after the end, or still a draft.
            var next = AddMonths(billingStart, (k + 1) * months);
            var isLast = next > end || next + Hour > _now || (cancelAt is not null && next >= cancelAt);
            if (invoice.Total == 0)
            {
                invoice.Status = "paid";
                invoice.PaidAt = finalized;
            }
            else if (isLast && (status == "past_due" || paymentFailed))
            {
                var attempts = status == "past_due" ? 1 + rng.Next(3) : 4;
                long[] offsets = [0, 3 * Day, 5 * Day, 7 * Day];
                for (var a = 0; a < attempts && finalized + offsets[a] < _now; a++)
                {
                    var failed = Charge(rng, customer, invoice, finalized + offsets[a], card, succeeded: false);
                    charges.Add(failed);
                    invoice.Charge = failed.Id;
                    invoice.AttemptCount++;
                    Event(rng, "invoice.payment_failed", failed.Created, invoice);
                    if (a == 0 && status != "canceled")
                    {
                        Event(rng, "customer.subscription.updated", failed.Created, s, _json.Object(w => w.WriteString("status", "active")));
                    }
                }

                if (paymentFailed)
                {
                    var canceledAt = finalized + (7 * Day) + Hour;
                    if (canceledAt < _now)
                    {
                        cancelAt = canceledAt;
                        invoice.Status = "uncollectible";
                        invoice.MarkedUncollectibleAt = canceledAt;
                        Event(rng, "invoice.updated", canceledAt, invoice, _json.Object(w => w.WriteString("status", "open")));
                    }
                    else
                    {
                        status = "past_due";
                        cancelAt = null;
                    }
                }

                if (invoice.Status == "open")
                {
                    invoice.NextPaymentAttempt = invoice.AttemptCount < 4 ? (Math.Max(finalized + (invoice.AttemptCount * 2 * Day), _now) + Day) : null;
                    customer.Delinquent = true;
                }
            }
            else if (rng.Chance(0.01))
            {
                invoice.Status = "void";
                invoice.VoidedAt = Math.Min(finalized + (2 * Day), _now);
                Event(rng, "invoice.updated", invoice.VoidedAt.Value, invoice, _json.Object(w => w.WriteString("status", "open")));
            }
            else
            {
                var paidAt = finalized;
                if (rng.Chance(0.04) && finalized + (3 * Day) < _now)
                {
                    var failed = Charge(rng, customer, invoice, finalized, card, succeeded: false);
                    charges.Add(failed);
                    invoice.AttemptCount++;
                    Event(rng, "invoice.payment_failed", failed.Created, invoice);
                    paidAt = finalized + (3 * Day);
                }

                var charge = Charge(rng, customer, invoice, paidAt, card, succeeded: true);
                charges.Add(charge);
                invoice.Charge = charge.Id;
                invoice.AttemptCount++;
                invoice.Status = "paid";
                invoice.PaidAt = paidAt;
                invoice.AmountPaid = invoice.Total;
                Refund(rng, charge, refunds);
            }

            InvoiceEvents(rng, invoice);
        }

        if (status == "canceled" && cancelAt is null)
        {
            status = "past_due";
        }

        s.Status = status;
        s.CurrentPeriodStart = periodStart;
        s.CurrentPeriodEnd = periodEnd;
        s.LatestInvoice = last?.Id;
        if (status == "canceled")
        {
            s.CanceledAt = cancelAt;
            s.EndedAt = cancelAt;
            s.CancellationReason = paymentFailed ? "payment_failed" : "cancellation_requested";
            Event(rng, "customer.subscription.deleted", cancelAt!.Value, s);
        }
        else if (status == "active" && rng.Chance(0.05))
        {
            var requested = rng.Next(periodStart, _now);
            s.CancelAtPeriodEnd = true;
            s.CancelAt = periodEnd;
            s.CanceledAt = requested;
            s.CancellationReason = "cancellation_requested";
            Event(rng, "customer.subscription.updated", requested, s, _json.Object(w =>
            {
                w.WriteNull("cancel_at");
                w.WriteBoolean("cancel_at_period_end", false);
                w.WriteNull("canceled_at");
            }));
        }

        if (s.Coupon is { } applied && !(applied.Duration == "forever" || (applied.Duration == "repeating" && s.DiscountEnd > _now) || (applied.Duration == "once" && invoices.Count == 0)))
        {
            s.Coupon = null;
            s.DiscountId = null;
        }

        customer.InvoiceSequence = sequence;
        subscriptions.Add(s);
    }
}
