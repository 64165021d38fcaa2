select
    id as subscriber_id,
    {{ normalise_email('email') }} as email,
    type as subscriber_type,
    creation_date as subscribed_at,
    upgrade_date as upgraded_at,
    churn_date as churned_at,
    unsubscription_date as unsubscribed_at
from {{ source('buttondown', 'subscribers') }}
where _gh_deleted_at is null
