select
    id as customer_id,
    {{ normalise_email('email') }} as email,
    name,
    lower(currency) as currency,
    created as created_at,
    {#- Why a discount was given, as the business notes it on the customer (metadata.discount_note). #}
    _gh_raw -> 'metadata' ->> 'discount_note' as discount_note
from {{ source('stripe', 'customers') }}
where _gh_deleted_at is null
