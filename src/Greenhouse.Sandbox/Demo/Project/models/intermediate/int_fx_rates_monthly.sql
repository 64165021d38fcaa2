{#- A rate for every month of the spine and every currency (EUR is 1): the month's rate, or the latest earlier one. -#}
with currencies as (
    select distinct currency from {{ ref('fx_rates') }}
    union
    select 'EUR'
)

select
    m.month,
    c.currency,
    case
        when c.currency = 'EUR' then 1.0
        else (
            select r.rate_per_eur
            from {{ ref('fx_rates') }} r
            where r.currency = c.currency and r.month <= m.month
            order by r.month desc
            limit 1
        )
    end as rate_per_eur
from {{ ref('int_months') }} m
cross join currencies c
