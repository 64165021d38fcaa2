{#- dbt's data type macros and casts. PostgreSQL gets dbt-postgres's type names. SQLite gets the names of its
    type affinities; a cast to a date, timestamp or boolean there goes through date(), datetime() or a CASE,
    since SQLite's CAST would turn '2024-01-31' into the number 2024. -#}

{% macro type_string() -%}{{ return(adapter.dispatch('type_string', 'dbt')()) }}{%- endmacro %}
{% macro default__type_string() -%}{{ return('TEXT') }}{%- endmacro %}

{% macro type_int() -%}{{ return(adapter.dispatch('type_int', 'dbt')()) }}{%- endmacro %}
{% macro default__type_int() -%}{{ return('INT') }}{%- endmacro %}
{% macro sqlite__type_int() -%}{{ return('INTEGER') }}{%- endmacro %}

{% macro type_bigint() -%}{{ return(adapter.dispatch('type_bigint', 'dbt')()) }}{%- endmacro %}
{% macro default__type_bigint() -%}{{ return('BIGINT') }}{%- endmacro %}
{% macro sqlite__type_bigint() -%}{{ return('INTEGER') }}{%- endmacro %}

{% macro type_numeric() -%}{{ return(adapter.dispatch('type_numeric', 'dbt')()) }}{%- endmacro %}
{% macro default__type_numeric() -%}{{ return('numeric(28,6)') }}{%- endmacro %}
{% macro sqlite__type_numeric() -%}{{ return('NUMERIC') }}{%- endmacro %}

{% macro type_float() -%}{{ return(adapter.dispatch('type_float', 'dbt')()) }}{%- endmacro %}
{% macro default__type_float() -%}{{ return('FLOAT') }}{%- endmacro %}
{% macro sqlite__type_float() -%}{{ return('REAL') }}{%- endmacro %}

{% macro type_timestamp() -%}{{ return(adapter.dispatch('type_timestamp', 'dbt')()) }}{%- endmacro %}
{% macro default__type_timestamp() -%}{{ return('TIMESTAMP') }}{%- endmacro %}

{% macro type_boolean() -%}{{ return(adapter.dispatch('type_boolean', 'dbt')()) }}{%- endmacro %}
{% macro default__type_boolean() -%}{{ return('BOOLEAN') }}{%- endmacro %}


{% macro cast(field, type) -%}
  {{ return(adapter.dispatch('cast', 'dbt')(field, type)) }}
{%- endmacro %}

{% macro default__cast(field, type) -%}
    cast({{ field }} as {{ type }})
{%- endmacro %}

{% macro sqlite__cast(field, type) -%}
  {%- set kind = (type | string | lower | trim).split('(')[0] | trim -%}
  {%- if kind == 'date' -%}
    date({{ field }})
  {%- elif kind in ['timestamp', 'datetime', 'timestamp without time zone', 'timestamp with time zone', 'timestamptz'] -%}
    datetime({{ field }})
  {%- elif kind in ['boolean', 'bool'] -%}
    (case when lower(cast({{ field }} as text)) in ('1', 'true', 't', 'yes', 'y') then 1 when lower(cast({{ field }} as text)) in ('0', 'false', 'f', 'no', 'n') then 0 end)
  {%- else -%}
    cast({{ field }} as {{ type }})
  {%- endif -%}
{%- endmacro %}


{% macro safe_cast(field, type) -%}
  {{ return(adapter.dispatch('safe_cast', 'dbt')(field, type)) }}
{%- endmacro %}

{#- PostgreSQL has no TRY_CAST: like dbt-postgres, a value that does not convert fails the query. -#}
{% macro default__safe_cast(field, type) -%}
    cast({{ field }} as {{ type }})
{%- endmacro %}

{#- SQLite's conversions never fail (a value that does not convert stays as it is or reads as 0). -#}
{% macro sqlite__safe_cast(field, type) -%}
    {{ dbt.cast(field, type) }}
{%- endmacro %}
