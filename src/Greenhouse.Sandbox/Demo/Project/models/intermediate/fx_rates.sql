{#- Monthly EUR reference rates: the live ECB feed's monthly averages, and for the months the feed does not reach,
    the seed of older rates (invented, labelled as such in `origin`). The ECB's rate wins where both have a month. -#}
with ecb as (
    select
        {{ month_of_day('rate_date') }} as month,
        currency,
        avg(rate_per_eur) as rate_per_eur
    from {{ ref('stg_ecb__rates') }}
    group by {{ month_of_day('rate_date') }}, currency
),

history as (
    select
        {{ month_of_day('month') }} as month,
        upper(currency) as currency,
        rate_per_eur
    from {{ ref('fx_rates_history') }}
)

select month, currency, rate_per_eur, 'ecb' as origin
from ecb
union all
select h.month, h.currency, h.rate_per_eur, 'seed: invented history' as origin
from history h
where not exists (select 1 from ecb e where e.month = h.month and e.currency = h.currency)
