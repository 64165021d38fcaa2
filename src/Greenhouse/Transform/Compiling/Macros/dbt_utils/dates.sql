{#- dbt_utils' date spine: one row per datepart from start_date (included) up to end_date (excluded), in a
    column named date_<datepart>. The number of rows is asked of the warehouse when the model compiles. -#}

{% macro get_intervals_between(start_date, end_date, datepart) -%}
  {{ return(adapter.dispatch('get_intervals_between', 'dbt_utils')(start_date, end_date, datepart)) }}
{%- endmacro %}

{% macro default__get_intervals_between(start_date, end_date, datepart) -%}
  {%- call statement('get_intervals_between', fetch_result=True) -%}
    select {{ dbt.datediff(start_date, end_date, datepart) }}
  {%- endcall -%}
  {%- set result = load_result('get_intervals_between') -%}
  {%- if result and result['data'] -%}
    {{ return(result['data'][0][0] | int) }}
  {%- else -%}
    {{ return(1) }}
  {%- endif -%}
{%- endmacro %}


{% macro date_spine(datepart, start_date, end_date) -%}
  {{ return(adapter.dispatch('date_spine', 'dbt_utils')(datepart, start_date, end_date)) }}
{%- endmacro %}

{% macro default__date_spine(datepart, start_date, end_date) %}
    with rawdata as (
        {{ dbt_utils.generate_series(dbt_utils.get_intervals_between(start_date, end_date, datepart)) }}
    ),

    all_periods as (
        select (
            {{ dbt.dateadd(datepart, "row_number() over (order by generated_number) - 1", start_date) }}
        ) as date_{{ datepart }}
        from rawdata
    ),

    filtered as (
        select *
        from all_periods
        where date_{{ datepart }} <= {{ end_date }}
    )

    select * from filtered
{% endmacro %}

{#- SQLite: the same spine, whose dates compare as dates with the end date's text whatever its form. -#}
{% macro sqlite__date_spine(datepart, start_date, end_date) %}
    with rawdata as (
        {{ dbt_utils.generate_series(dbt_utils.get_intervals_between(start_date, end_date, datepart)) }}
    ),

    all_periods as (
        select (
            {{ dbt.dateadd(datepart, "row_number() over (order by generated_number) - 1", start_date) }}
        ) as date_{{ datepart }}
        from rawdata
    ),

    filtered as (
        select *
        from all_periods
        where julianday(date_{{ datepart }}) <= julianday({{ end_date }})
    )

    select * from filtered
{% endmacro %}
