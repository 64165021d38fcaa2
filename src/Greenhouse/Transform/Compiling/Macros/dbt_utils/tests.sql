{#- The dbt_utils generic tests people use, as dbt_utils.x in a properties file. Each returns the failing rows. -#}

{#- Rows where the expression (on the column, when the test is on one) is not true. -#}
{% test expression_is_true(model, expression, column_name=None) %}
  {{ return(adapter.dispatch('test_expression_is_true', 'dbt_utils')(model, expression, column_name)) }}
{% endtest %}

{% macro default__test_expression_is_true(model, expression, column_name) -%}
select *
from {{ model }}
{% if column_name is none -%}
where not({{ expression }})
{%- else -%}
where not({{ column_name }} {{ expression }})
{%- endif %}
{%- endmacro %}


{#- Each combination of the columns that more than one row has. -#}
{% test unique_combination_of_columns(model, combination_of_columns, quote_columns=False) %}
  {{ return(adapter.dispatch('test_unique_combination_of_columns', 'dbt_utils')(model, combination_of_columns, quote_columns)) }}
{% endtest %}

{% macro default__test_unique_combination_of_columns(model, combination_of_columns, quote_columns=False) -%}
{%- if combination_of_columns is string or combination_of_columns | length == 0 -%}
  {{ exceptions.raise_compiler_error("unique_combination_of_columns needs combination_of_columns: a list of column names") }}
{%- endif -%}
{%- set columns = [] -%}
{%- for column in combination_of_columns -%}
  {%- do columns.append(adapter.quote(column) if quote_columns else column) -%}
{%- endfor -%}
{%- set column_list = columns | join(', ') -%}
with validation_errors as (
    select {{ column_list }}, count(*) as n_records
    from {{ model }}
    group by {{ column_list }}
    having count(*) > 1
)

select * from validation_errors
{%- endmacro %}


{#- One row when the share of non-null values is outside [at_least, at_most]. -#}
{% test not_null_proportion(model, column_name, at_least, at_most=1.0) %}
  {{ return(adapter.dispatch('test_not_null_proportion', 'dbt_utils')(model, column_name, at_least, at_most)) }}
{% endtest %}

{% macro default__test_not_null_proportion(model, column_name, at_least, at_most=1.0) -%}
with validation as (
    select
        cast(count({{ column_name }}) as {{ dbt.type_float() }}) / count(*) as not_null_proportion
    from {{ model }}
    having count(*) > 0
)

select not_null_proportion
from validation
where not_null_proportion < {{ at_least }} or not_null_proportion > {{ at_most }}
{%- endmacro %}


{#- Rows whose value is below min_value or above max_value (inclusive bounds unless inclusive=false). -#}
{% test accepted_range(model, column_name, min_value=none, max_value=none, inclusive=true) %}
  {{ return(adapter.dispatch('test_accepted_range', 'dbt_utils')(model, column_name, min_value, max_value, inclusive)) }}
{% endtest %}

{% macro default__test_accepted_range(model, column_name, min_value=none, max_value=none, inclusive=true) -%}
{%- if min_value is none and max_value is none -%}
  {{ exceptions.raise_compiler_error("accepted_range on " ~ column_name ~ " needs min_value, max_value or both") }}
{%- endif -%}
{%- set equal = '=' if inclusive else '' -%}
select *
from {{ model }}
where 1 = 2
{%- if min_value is not none %}
   or not ({{ column_name }} >{{ equal }} {{ min_value }})
{%- endif %}
{%- if max_value is not none %}
   or not ({{ column_name }} <{{ equal }} {{ max_value }})
{%- endif %}
{%- endmacro %}


{#- One row when the newest value of field is older than interval datepart ago (or there is none). -#}
{% test recency(model, field, datepart, interval, ignore_time_component=False) %}
  {{ return(adapter.dispatch('test_recency', 'dbt_utils')(model, field, datepart, interval, ignore_time_component)) }}
{% endtest %}

{% macro default__test_recency(model, field, datepart, interval, ignore_time_component=False) -%}
{%- set threshold = dbt.dateadd(datepart, interval * -1, dbt.current_timestamp()) -%}
{%- if ignore_time_component -%}
  {%- set threshold = 'cast(' ~ threshold ~ ' as date)' -%}
{%- endif -%}
with recency as (
    select max({{ field }}) as most_recent
    from {{ model }}
)

select most_recent, {{ threshold }} as threshold
from recency
where most_recent < {{ threshold }} or most_recent is null
{%- endmacro %}

{#- SQLite keeps timestamps as ISO text: compare them as datetime() writes them, so '2024-05-01T10:00:00Z' and
    '2024-05-01 10:00:00' order as the instants they are. -#}
{% macro sqlite__test_recency(model, field, datepart, interval, ignore_time_component=False) -%}
{%- set threshold = dbt.dateadd(datepart, interval * -1, dbt.current_timestamp()) -%}
{%- if ignore_time_component -%}
  {%- set threshold = 'date(' ~ threshold ~ ')' -%}
{%- endif -%}
with recency as (
    select max(datetime({{ field }})) as most_recent
    from {{ model }}
)

select most_recent, {{ threshold }} as threshold
from recency
where most_recent < {{ threshold }} or most_recent is null
{%- endmacro %}


{#- One row when the column has no non-null value at all. -#}
{% test at_least_one(model, column_name) %}
  {{ return(adapter.dispatch('test_at_least_one', 'dbt_utils')(model, column_name)) }}
{% endtest %}

{% macro default__test_at_least_one(model, column_name) -%}
select count({{ column_name }}) as non_null_values
from {{ model }}
having count({{ column_name }}) = 0
{%- endmacro %}


{#- Rows whose [lower, upper) range overlaps the next one in its partition, is empty or reversed, or (with
    gaps: not_allowed / required) leaves, or fails to leave, a gap before the next. -#}
{% test mutually_exclusive_ranges(model, lower_bound_column, upper_bound_column, partition_by=None, gaps='allowed', zero_length_range_allowed=False) %}
  {{ return(adapter.dispatch('test_mutually_exclusive_ranges', 'dbt_utils')(model, lower_bound_column, upper_bound_column, partition_by, gaps, zero_length_range_allowed)) }}
{% endtest %}

{% macro default__test_mutually_exclusive_ranges(model, lower_bound_column, upper_bound_column, partition_by=None, gaps='allowed', zero_length_range_allowed=False) -%}
{%- set next_operators = {'not_allowed': '=', 'allowed': '<=', 'required': '<'} -%}
{%- if gaps not in next_operators -%}
  {{ exceptions.raise_compiler_error("mutually_exclusive_ranges: gaps is one of not_allowed, allowed, required, not '" ~ gaps ~ "'") }}
{%- endif -%}
{%- set next_operator = next_operators[gaps] -%}
{%- set length_operator = '<=' if zero_length_range_allowed else '<' -%}
{%- set partition = 'partition by ' ~ partition_by if partition_by else '' -%}
with ranges as (
    select
        {% if partition_by %}{{ partition_by }} as partition_by_col,
        {% endif %}{{ lower_bound_column }} as lower_bound,
        {{ upper_bound_column }} as upper_bound,
        lead({{ lower_bound_column }}) over ({{ partition }} order by {{ lower_bound_column }}, {{ upper_bound_column }}) as next_lower_bound,
        row_number() over ({{ partition }} order by {{ lower_bound_column }} desc, {{ upper_bound_column }} desc) = 1 as is_last_record
    from {{ model }}
),

checked as (
    select
        *,
        coalesce(lower_bound {{ length_operator }} upper_bound, false) as range_is_ordered,
        coalesce(upper_bound {{ next_operator }} next_lower_bound, is_last_record, false) as next_range_fits
    from ranges
)

select *
from checked
where not (range_is_ordered and next_range_fits)
{%- endmacro %}
