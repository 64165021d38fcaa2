select
    id as thread_id,
    customer_id as plain_customer_id,
    title,
    status,
    priority,
    created_at
from {{ source('plain', 'threads') }}
where _gh_deleted_at is null
