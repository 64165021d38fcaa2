select
    id as price_id,
    product as product_id,
    lower(currency) as currency,
    unit_amount,
    type as price_type,
    recurring_interval,
    coalesce(recurring_interval_count, 1) as recurring_interval_count,
    {#- How many months one billing period lasts (Stripe's day and week intervals approximated). #}
    case recurring_interval
        when 'year' then 12.0 * coalesce(recurring_interval_count, 1)
        when 'month' then 1.0 * coalesce(recurring_interval_count, 1)
        when 'week' then coalesce(recurring_interval_count, 1) * 12.0 / 52
        when 'day' then coalesce(recurring_interval_count, 1) * 12.0 / 365
    end as months_per_period,
    nickname
from {{ source('stripe', 'prices') }}
where _gh_deleted_at is null
