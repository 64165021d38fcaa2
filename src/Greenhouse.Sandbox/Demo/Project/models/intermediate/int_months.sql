{#- One row per month, from the month the first subscription started to the month the run started in: a date
    spine written as a recursive CTE, which both warehouses run. -#}
with recursive months (month) as (
    select {{ month_start('min(started_at)') }}
    from {{ ref('stg_stripe__subscriptions') }}
    union all
    select {{ next_month('month') }}
    from months
    where month < {{ current_month() }}
)
select month
from months
where month is not null
