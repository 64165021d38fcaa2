select
    id as product_id,
    name as product_name
from {{ source('stripe', 'products') }}
where _gh_deleted_at is null
