select
    id as linear_user_id,
    {{ normalise_email('email') }} as email,
    name,
    display_name
from {{ source('linear', 'users') }}
where _gh_deleted_at is null
