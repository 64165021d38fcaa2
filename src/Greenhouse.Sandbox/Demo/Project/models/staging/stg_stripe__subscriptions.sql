select
    id as subscription_id,
    customer as customer_id,
    status,
    price as price_id,
    coalesce(quantity, 1) as quantity,
    coupon,
    lower(currency) as currency,
    start_date as started_at,
    trial_end as trial_ends_at,
    {#- Billing starts when the trial ends (or at once without one). #}
    coalesce(trial_end, start_date) as billing_starts_at,
    canceled_at,
    {#- A canceled subscription has ended; older API versions may leave ended_at out. #}
    case when status = 'canceled' then coalesce(ended_at, canceled_at) else ended_at end as ended_at
from {{ source('stripe', 'subscriptions') }}
where _gh_deleted_at is null
  and status not in ('incomplete', 'incomplete_expired')
