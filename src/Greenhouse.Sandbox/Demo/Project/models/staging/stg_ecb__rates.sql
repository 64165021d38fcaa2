{#- The ECB's reference rates: units of the currency one euro buys on a publication day. #}
select
    date as rate_date,
    upper(currency) as currency,
    rate as rate_per_eur
from {{ source('ecb', 'rates') }}
where _gh_deleted_at is null
