select
    id as charge_id,
    customer as customer_id,
    invoice as invoice_id,
    amount,
    coalesce(amount_refunded, 0) as amount_refunded,
    amount - coalesce(amount_refunded, 0) as net_amount,
    lower(currency) as currency,
    status,
    created as created_at
from {{ source('stripe', 'charges') }}
where _gh_deleted_at is null
