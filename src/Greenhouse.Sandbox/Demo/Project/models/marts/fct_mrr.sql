{#- Monthly recurring revenue by month and customer, with the month's movement against the month before.
    A subscription counts from the month its billing starts (after any trial) until the month it ends; its MRR in a
    month is the last invoice made for it by then, spread over the price's billing period (a yearly invoice is
    twelve months of MRR). Invoices are Stripe's record of what a customer pays, so an upgrade, a seat added or a
    discount ending shows as expansion in the month it is invoiced, and history is not rewritten by today's price. -#}
{%- set reporting = var('reporting_currency') | upper %}

with subscriptions as (
    select
        s.subscription_id,
        s.customer_id,
        s.currency,
        {{ month_start('s.billing_starts_at') }} as first_month,
        {{ month_start('s.ended_at') }} as end_month,
        coalesce(pr.months_per_period, 1) as months_per_period,
        p.product_name as plan
    from {{ ref('stg_stripe__subscriptions') }} s
    left join {{ ref('stg_stripe__prices') }} pr on pr.price_id = s.price_id
    left join {{ ref('stg_stripe__products') }} p on p.product_id = pr.product_id
),

{#- The last invoice of each subscription in each month (voided ones are not owed). #}
monthly_invoices as (
    select subscription_id, month, total
    from (
        select
            subscription_id,
            {{ month_start('created_at') }} as month,
            total,
            row_number() over (
                partition by subscription_id, {{ month_start('created_at') }}
                order by created_at desc, invoice_id desc
            ) as n
        from {{ ref('stg_stripe__invoices') }}
        where subscription_id is not null and status <> 'void'
    ) ranked
    where n = 1
),

{#- Each invoice holds from its month until the month of the next one. #}
invoice_spans as (
    select
        subscription_id,
        month as valid_from,
        lead(month) over (partition by subscription_id order by month) as valid_to,
        total
    from monthly_invoices
),

subscription_months as (
    select
        m.month,
        s.customer_id,
        s.currency,
        s.plan,
        cast(round(coalesce(i.total, 0) / s.months_per_period) as integer) as mrr
    from subscriptions s
    inner join {{ ref('int_months') }} m
        on m.month >= s.first_month and (s.end_month is null or m.month < s.end_month)
    left join invoice_spans i
        on i.subscription_id = s.subscription_id
        and i.valid_from <= m.month
        and (i.valid_to is null or m.month < i.valid_to)
),

customer_months as (
    select
        month,
        customer_id,
        min(plan) as plan,
        sum(case when mrr > 0 then 1 else 0 end) as active_subscriptions,
        sum(mrr) as mrr
    from subscription_months
    group by month, customer_id
),

customers as (
    select customer_id, min(month) as first_month, max(currency) as currency
    from subscription_months
    where mrr > 0
    group by customer_id
),

{#- Every month from a customer's first paying month on, so a month without MRR is there to be churn. #}
filled as (
    select
        m.month,
        c.customer_id,
        c.currency,
        cm.plan,
        coalesce(cm.active_subscriptions, 0) as active_subscriptions,
        coalesce(cm.mrr, 0) as mrr
    from customers c
    inner join {{ ref('int_months') }} m on m.month >= c.first_month
    left join customer_months cm on cm.customer_id = c.customer_id and cm.month = m.month
),

compared as (
    select
        filled.*,
        lag(mrr, 1, 0) over (partition by customer_id order by month) as previous_mrr,
        max(mrr) over (partition by customer_id order by month rows between unbounded preceding and 1 preceding) as earlier_max_mrr
    from filled
)

select
    c.month,
    c.customer_id,
    c.plan,
    c.active_subscriptions,
    c.currency,
    c.mrr,
    c.previous_mrr,
    c.mrr - c.previous_mrr as mrr_change,
    case
        when c.mrr > 0 and c.previous_mrr = 0 and coalesce(c.earlier_max_mrr, 0) > 0 then 'reactivation'
        when c.mrr > 0 and c.previous_mrr = 0 then 'new'
        when c.mrr = 0 and c.previous_mrr > 0 then 'churn'
        when c.mrr > c.previous_mrr then 'expansion'
        when c.mrr < c.previous_mrr then 'contraction'
        else 'retained'
    end as movement,
    '{{ reporting }}' as reporting_currency,
    round(c.mrr / 100.0 * rr.rate_per_eur / fr.rate_per_eur, 2) as mrr_reporting,
    round((c.mrr - c.previous_mrr) / 100.0 * rr.rate_per_eur / fr.rate_per_eur, 2) as mrr_change_reporting
from compared c
left join {{ ref('int_fx_rates_monthly') }} fr on fr.month = c.month and fr.currency = upper(c.currency)
left join {{ ref('int_fx_rates_monthly') }} rr on rr.month = c.month and rr.currency = '{{ reporting }}'
where c.mrr > 0 or c.previous_mrr > 0
