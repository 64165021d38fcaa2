{#- dbt's four generic tests and get_where_subquery. Each test's query returns the failing rows; Greenhouse counts
    them and keeps a sample in the check history, so not_null selects the whole offending rows. A project overrides
    one with its own default__test_x (or sqlite__/postgres__), as in dbt. -#}

{#- The relation a test reads: filtered by the test's where: config when it has one. -#}
{% macro get_where_subquery(relation) -%}
  {%- set where = config.get('where') -%}
  {%- if where -%}
    {{ return("(select * from " ~ relation ~ " where " ~ where ~ ") dbt_subquery") }}
  {%- else -%}
    {{ return(relation) }}
  {%- endif -%}
{%- endmacro %}


{% test unique(model, column_name) %}
  {{ return(adapter.dispatch('test_unique', 'dbt')(model, column_name)) }}
{% endtest %}

{% macro default__test_unique(model, column_name) -%}
select
    {{ column_name }} as unique_field,
    count(*) as n_records
from {{ model }}
where {{ column_name }} is not null
group by {{ column_name }}
having count(*) > 1
{%- endmacro %}


{% test not_null(model, column_name) %}
  {{ return(adapter.dispatch('test_not_null', 'dbt')(model, column_name)) }}
{% endtest %}

{% macro default__test_not_null(model, column_name) -%}
select *
from {{ model }}
where {{ column_name }} is null
{%- endmacro %}


{#- Values other than the listed ones, with how many rows hold each. quote=false compares numbers or booleans. -#}
{% test accepted_values(model, column_name, values, quote=True) %}
  {{ return(adapter.dispatch('test_accepted_values', 'dbt')(model, column_name, values, quote)) }}
{% endtest %}

{% macro default__test_accepted_values(model, column_name, values, quote=True) -%}
{%- if values is string or values is not iterable or values | length == 0 -%}
  {{ exceptions.raise_compiler_error("accepted_values on " ~ column_name ~ " needs values: a list of the accepted values") }}
{%- endif -%}
with all_values as (
    select
        {{ column_name }} as value_field,
        count(*) as n_records
    from {{ model }}
    group by {{ column_name }}
)

select *
from all_values
where value_field not in (
    {%- for value in values -%}
      {%- if quote -%}'{{ value | string | replace("'", "''") }}'{%- else -%}{{ value }}{%- endif -%}
      {%- if not loop.last %}, {% endif -%}
    {%- endfor -%}
)
{%- endmacro %}


{#- Values of the column that the parent's field does not hold (nulls pass, as in dbt). -#}
{% test relationships(model, column_name, to, field) %}
  {{ return(adapter.dispatch('test_relationships', 'dbt')(model, column_name, to, field)) }}
{% endtest %}

{% macro default__test_relationships(model, column_name, to, field) -%}
with child as (
    select {{ column_name }} as from_field
    from {{ model }}
    where {{ column_name }} is not null
),

parent as (
    select {{ field }} as to_field
    from {{ to }}
)

select
    from_field
from child
left join parent
    on child.from_field = parent.to_field
where parent.to_field is null
{%- endmacro %}
