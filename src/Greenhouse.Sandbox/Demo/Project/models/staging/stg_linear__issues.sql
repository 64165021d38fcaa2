select
    id as issue_id,
    identifier,
    title,
    state_name,
    state_type,
    assignee_email,
    description,
    {#- The sandbox's requests name the asking customer: "Requested by … (Stripe customer cus_…)." #}
    {{ mentioned_stripe_customer('description') }} as requested_by_customer_id,
    first_label,
    team_key,
    {{ as_date('due_date') }} as due_date,
    created_at,
    completed_at,
    canceled_at
from {{ source('linear', 'issues') }}
where _gh_deleted_at is null
