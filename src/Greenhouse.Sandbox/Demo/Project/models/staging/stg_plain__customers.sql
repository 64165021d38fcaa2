select
    id as plain_customer_id,
    {{ normalise_email('email') }} as email,
    full_name,
    external_id,
    created_at
from {{ source('plain', 'customers') }}
where _gh_deleted_at is null
