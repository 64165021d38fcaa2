select
    id as customer_id,
    {{ normalise_email('email') }} as email,
    name,
    lower(currency) as currency,
    created as created_at
from {{ source('stripe', 'customers') }}
where _gh_deleted_at is null
