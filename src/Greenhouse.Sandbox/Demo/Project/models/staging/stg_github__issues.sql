{#- The issues stream also lists pull requests (GitHub's issues API does): they are left out here. #}
select
    id as issue_id,
    repository_url,
    number,
    title,
    state,
    user_login,
    comments,
    created_at,
    closed_at
from {{ source('github', 'issues') }}
where _gh_deleted_at is null
  and pull_request_url is null
