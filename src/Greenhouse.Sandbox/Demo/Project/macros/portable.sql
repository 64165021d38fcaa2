{#- The few places where SQLite and PostgreSQL disagree, written once. SQLite keeps timestamps as ISO-8601 text
    and dates as 'YYYY-MM-DD' text; PostgreSQL has timestamptz and date. Months are the first day of the month:
    a date on PostgreSQL, 'YYYY-MM-01' text on SQLite. -#}

{#- The first day of the month of a timestamp, in UTC. -#}
{% macro month_start(timestamp) -%}
  {%- if target.type == 'sqlite' -%}
    date({{ timestamp }}, 'start of month')
  {%- else -%}
    cast(date_trunc('month', {{ timestamp }} at time zone 'UTC') as date)
  {%- endif -%}
{%- endmacro %}

{#- A 'YYYY-MM-DD' text as a date (SQLite: the same text, checked; PostgreSQL: a date). -#}
{% macro as_date(day) -%}
  {%- if target.type == 'sqlite' -%}
    date({{ day }})
  {%- else -%}
    cast({{ day }} as date)
  {%- endif -%}
{%- endmacro %}

{#- The first day of the month of a 'YYYY-MM-DD' text or a date. -#}
{% macro month_of_day(day) -%}
  {%- if target.type == 'sqlite' -%}
    date({{ day }}, 'start of month')
  {%- else -%}
    cast(date_trunc('month', cast({{ day }} as date)) as date)
  {%- endif -%}
{%- endmacro %}

{#- The month after a month. -#}
{% macro next_month(month) -%}
  {%- if target.type == 'sqlite' -%}
    date({{ month }}, '+1 month')
  {%- else -%}
    cast({{ month }} + interval '1 month' as date)
  {%- endif -%}
{%- endmacro %}

{#- The month the run started in (run_started_at, UTC), so one build agrees with itself. -#}
{% macro current_month() -%}
  {%- if target.type == 'sqlite' -%}
    '{{ run_started_at.strftime("%Y-%m-01") }}'
  {%- else -%}
    cast('{{ run_started_at.strftime("%Y-%m-01") }}' as date)
  {%- endif -%}
{%- endmacro %}

{#- An email address as the join key between vendors: trimmed, lower case, NULL when empty. -#}
{% macro normalise_email(column) -%}
  nullif(lower(trim({{ column }})), '')
{%- endmacro %}

{#- The sandbox's GitHub login of an email address: its local part with '-' for '.'. -#}
{% macro github_login(email) -%}
  {%- if target.type == 'sqlite' -%}
    replace(substr({{ email }}, 1, instr({{ email }}, '@') - 1), '.', '-')
  {%- else -%}
    replace(split_part({{ email }}, '@', 1), '.', '-')
  {%- endif -%}
{%- endmacro %}

{#- The first Stripe customer id (cus_ and 14 characters) a text mentions, or NULL. -#}
{% macro mentioned_stripe_customer(text) -%}
  {%- set position = ('instr(' if target.type == 'sqlite' else 'strpos(') ~ text ~ ", 'cus_')" -%}
  case when {{ position }} > 0 then substr({{ text }}, {{ position }}, 18) end
{%- endmacro %}
