{#- dbt's cross-database date macros, each dispatched as dbt does: a project's own sqlite__/postgres__/default__
    version wins over these. SQLite keeps timestamps as ISO-8601 text, so its versions return 'YYYY-MM-DD HH:MM:SS'
    (whole seconds) where PostgreSQL returns a timestamp, and dates as 'YYYY-MM-DD'. -#}

{% macro date_trunc(datepart, date) -%}
  {{ return(adapter.dispatch('date_trunc', 'dbt')(datepart, date)) }}
{%- endmacro %}

{% macro default__date_trunc(datepart, date) -%}
    date_trunc('{{ datepart }}', {{ date }})
{%- endmacro %}

{#- PostgreSQL's weeks start on Monday; so do these. -#}
{% macro sqlite__date_trunc(datepart, date) -%}
  {%- set part = datepart | lower | trim | replace("'", "") -%}
  {%- if part == 'year' -%} datetime({{ date }}, 'start of year')
  {%- elif part == 'quarter' -%} datetime({{ date }}, 'start of month', '-' || ((cast(strftime('%m', {{ date }}) as integer) - 1) % 3) || ' months')
  {%- elif part == 'month' -%} datetime({{ date }}, 'start of month')
  {%- elif part == 'week' -%} datetime({{ date }}, 'start of day', '-' || ((cast(strftime('%w', {{ date }}) as integer) + 6) % 7) || ' days')
  {%- elif part == 'day' -%} datetime({{ date }}, 'start of day')
  {%- elif part == 'hour' -%} strftime('%Y-%m-%d %H:00:00', {{ date }})
  {%- elif part == 'minute' -%} strftime('%Y-%m-%d %H:%M:00', {{ date }})
  {%- elif part == 'second' -%} strftime('%Y-%m-%d %H:%M:%S', {{ date }})
  {%- else -%} {{ exceptions.raise_compiler_error("date_trunc on SQLite takes year, quarter, month, week, day, hour, minute or second, not " ~ datepart ~ ".") }}
  {%- endif -%}
{%- endmacro %}


{% macro dateadd(datepart, interval, from_date_or_timestamp) -%}
  {{ return(adapter.dispatch('dateadd', 'dbt')(datepart, interval, from_date_or_timestamp)) }}
{%- endmacro %}

{% macro default__dateadd(datepart, interval, from_date_or_timestamp) -%}
    {{ from_date_or_timestamp }} + ((interval '1 {{ datepart }}') * ({{ interval }}))
{%- endmacro %}

{#- dbt-postgres's, except that a quarter (which PostgreSQL's intervals do not name) is three months. -#}
{% macro postgres__dateadd(datepart, interval, from_date_or_timestamp) -%}
  {%- if datepart | lower | trim | replace("'", "") == 'quarter' -%}
    {{ from_date_or_timestamp }} + ((interval '3 month') * ({{ interval }}))
  {%- else -%}
    {{ dbt.default__dateadd(datepart, interval, from_date_or_timestamp) }}
  {%- endif -%}
{%- endmacro %}

{#- Months are added as PostgreSQL adds them: Jan 31 + 1 month is Feb 28 (29), not SQLite's Mar 2 (3). -#}
{% macro sqlite__dateadd(datepart, interval, from_date_or_timestamp) -%}
  {%- set part = datepart | lower | trim | replace("'", "") -%}
  {%- set x = from_date_or_timestamp -%}
  {%- set units = {'second': 'seconds', 'minute': 'minutes', 'hour': 'hours', 'day': 'days'} -%}
  {%- set months = {'month': 1, 'quarter': 3, 'year': 12} -%}
  {%- if part in units -%}
    datetime({{ x }}, ({{ interval }}) || ' {{ units[part] }}')
  {%- elif part == 'week' -%}
    datetime({{ x }}, (({{ interval }}) * 7) || ' days')
  {%- elif part in months -%}
    {%- set n = "((" ~ interval ~ ") * " ~ months[part] ~ ")" -%}
    datetime({{ x }}, 'start of month', {{ n }} || ' months', (min(cast(strftime('%d', {{ x }}) as integer), cast(strftime('%d', {{ x }}, 'start of month', ({{ n }} + 1) || ' months', '-1 days') as integer)) - 1) || ' days', '+' || strftime('%H:%M:%f', {{ x }}))
  {%- else -%}
    {{ exceptions.raise_compiler_error("dateadd on SQLite takes year, quarter, month, week, day, hour, minute or second, not " ~ datepart ~ ".") }}
  {%- endif -%}
{%- endmacro %}


{#- The number of datepart boundaries between the two: datediff('2024-01-31', '2024-02-01', 'month') is 1. -#}
{% macro datediff(first_date, second_date, datepart) -%}
  {{ return(adapter.dispatch('datediff', 'dbt')(first_date, second_date, datepart)) }}
{%- endmacro %}

{% macro default__datediff(first_date, second_date, datepart) -%}
    datediff({{ datepart }}, {{ first_date }}, {{ second_date }})
{%- endmacro %}

{% macro postgres__datediff(first_date, second_date, datepart) -%}
  {%- set part = datepart | lower | trim | replace("'", "") -%}
  {%- if part == 'year' -%}
    (date_part('year', ({{ second_date }})::date) - date_part('year', ({{ first_date }})::date))
  {%- elif part == 'quarter' -%}
    ({{ dbt.datediff(first_date, second_date, 'year') }} * 4 + date_part('quarter', ({{ second_date }})::date) - date_part('quarter', ({{ first_date }})::date))
  {%- elif part == 'month' -%}
    ({{ dbt.datediff(first_date, second_date, 'year') }} * 12 + date_part('month', ({{ second_date }})::date) - date_part('month', ({{ first_date }})::date))
  {%- elif part == 'day' -%}
    (({{ second_date }})::date - ({{ first_date }})::date)
  {%- elif part == 'week' -%}
    ({{ dbt.datediff(first_date, second_date, 'day') }} / 7 + case
        when date_part('dow', ({{ first_date }})::timestamp) <= date_part('dow', ({{ second_date }})::timestamp) then
            case when {{ first_date }} <= {{ second_date }} then 0 else -1 end
        else
            case when {{ first_date }} <= {{ second_date }} then 1 else 0 end
    end)
  {%- elif part == 'hour' -%}
    ({{ dbt.datediff(first_date, second_date, 'day') }} * 24 + date_part('hour', ({{ second_date }})::timestamp) - date_part('hour', ({{ first_date }})::timestamp))
  {%- elif part == 'minute' -%}
    ({{ dbt.datediff(first_date, second_date, 'hour') }} * 60 + date_part('minute', ({{ second_date }})::timestamp) - date_part('minute', ({{ first_date }})::timestamp))
  {%- elif part == 'second' -%}
    ({{ dbt.datediff(first_date, second_date, 'minute') }} * 60 + floor(date_part('second', ({{ second_date }})::timestamp)) - floor(date_part('second', ({{ first_date }})::timestamp)))
  {%- else -%}
    {{ exceptions.raise_compiler_error("datediff on PostgreSQL takes year, quarter, month, week, day, hour, minute or second, not " ~ datepart ~ ".") }}
  {%- endif -%}
{%- endmacro %}

{% macro sqlite__datediff(first_date, second_date, datepart) -%}
  {%- set part = datepart | lower | trim | replace("'", "") -%}
  {%- if part == 'year' -%}
    (cast(strftime('%Y', {{ second_date }}) as integer) - cast(strftime('%Y', {{ first_date }}) as integer))
  {%- elif part == 'quarter' -%}
    ({{ dbt.datediff(first_date, second_date, 'year') }} * 4 + (cast(strftime('%m', {{ second_date }}) as integer) - 1) / 3 - (cast(strftime('%m', {{ first_date }}) as integer) - 1) / 3)
  {%- elif part == 'month' -%}
    ({{ dbt.datediff(first_date, second_date, 'year') }} * 12 + cast(strftime('%m', {{ second_date }}) as integer) - cast(strftime('%m', {{ first_date }}) as integer))
  {%- elif part == 'day' -%}
    cast(round(julianday(date({{ second_date }})) - julianday(date({{ first_date }}))) as integer)
  {%- elif part == 'week' -%}
    ({{ dbt.datediff(first_date, second_date, 'day') }} / 7 + case
        when cast(strftime('%w', {{ first_date }}) as integer) <= cast(strftime('%w', {{ second_date }}) as integer) then
            case when julianday({{ first_date }}) <= julianday({{ second_date }}) then 0 else -1 end
        else
            case when julianday({{ first_date }}) <= julianday({{ second_date }}) then 1 else 0 end
    end)
  {%- elif part == 'hour' -%}
    ({{ dbt.datediff(first_date, second_date, 'day') }} * 24 + cast(strftime('%H', {{ second_date }}) as integer) - cast(strftime('%H', {{ first_date }}) as integer))
  {%- elif part == 'minute' -%}
    ({{ dbt.datediff(first_date, second_date, 'hour') }} * 60 + cast(strftime('%M', {{ second_date }}) as integer) - cast(strftime('%M', {{ first_date }}) as integer))
  {%- elif part == 'second' -%}
    ({{ dbt.datediff(first_date, second_date, 'minute') }} * 60 + cast(strftime('%S', {{ second_date }}) as integer) - cast(strftime('%S', {{ first_date }}) as integer))
  {%- else -%}
    {{ exceptions.raise_compiler_error("datediff on SQLite takes year, quarter, month, week, day, hour, minute or second, not " ~ datepart ~ ".") }}
  {%- endif -%}
{%- endmacro %}


{#- The last day of the datepart (month, quarter, year...) that holds the date, as a date. -#}
{% macro last_day(date, datepart) -%}
  {{ return(adapter.dispatch('last_day', 'dbt')(date, datepart)) }}
{%- endmacro %}

{% macro default_last_day(date, datepart) -%}
    cast({{ dbt.dateadd('day', '-1', dbt.dateadd(datepart, '1', dbt.date_trunc(datepart, date))) }} as date)
{%- endmacro %}

{% macro default__last_day(date, datepart) -%}
    {{ dbt.default_last_day(date, datepart) }}
{%- endmacro %}

{% macro postgres__last_day(date, datepart) -%}
  {%- if datepart == 'quarter' -%}
    cast({{ dbt.date_trunc('quarter', date) }} + interval '3 month' - interval '1 day' as date)
  {%- else -%}
    {{ dbt.default_last_day(date, datepart) }}
  {%- endif -%}
{%- endmacro %}

{% macro sqlite__last_day(date, datepart) -%}
    date({{ dbt.dateadd('day', '-1', dbt.dateadd(datepart, '1', dbt.date_trunc(datepart, date))) }})
{%- endmacro %}


{% macro current_timestamp() -%}
  {{ return(adapter.dispatch('current_timestamp', 'dbt')()) }}
{%- endmacro %}

{% macro default__current_timestamp() -%}
    current_timestamp
{%- endmacro %}

{% macro postgres__current_timestamp() -%}
    now()
{%- endmacro %}

{#- UTC, as SQLite's current_timestamp, in the text form every SQLite date function reads. -#}
{% macro sqlite__current_timestamp() -%}
    datetime('now')
{%- endmacro %}
