select
    id as invoice_id,
    customer as customer_id,
    subscription as subscription_id,
    status,
    lower(currency) as currency,
    total,
    amount_paid,
    created as created_at,
    paid_at
from {{ source('stripe', 'invoices') }}
where _gh_deleted_at is null
