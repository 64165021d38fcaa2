select
    id as issue_id,
    identifier,
    title,
    state_name,
    state_type,
    description,
    first_label,
    team_key,
    created_at,
    completed_at
from {{ source('linear', 'issues') }}
where _gh_deleted_at is null
