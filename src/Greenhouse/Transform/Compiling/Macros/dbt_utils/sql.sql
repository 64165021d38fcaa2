{#- dbt_utils' SQL generators. -#}

{#- One aggregate column per value: agg(case when column cmp 'value' then then_value else else_value end). -#}
{% macro pivot(column, values, alias=True, agg='sum', cmp='=', prefix='', suffix='', then_value=1, else_value=0, quote_identifiers=True, distinct=False) -%}
  {{ return(adapter.dispatch('pivot', 'dbt_utils')(column, values, alias, agg, cmp, prefix, suffix, then_value, else_value, quote_identifiers, distinct)) }}
{%- endmacro %}

{% macro default__pivot(column, values, alias=True, agg='sum', cmp='=', prefix='', suffix='', then_value=1, else_value=0, quote_identifiers=True, distinct=False) -%}
  {%- for value in values %}
  {{ agg }}(
    {% if distinct %}distinct {% endif -%}
    case
    when {{ column }} {{ cmp }} '{{ dbt.escape_single_quotes(value) }}'
      then {{ then_value }}
    else {{ else_value }}
    end
  )
  {%- if alias -%}
    {%- if quote_identifiers %} as {{ adapter.quote(prefix ~ value ~ suffix) }}
    {%- else %} as {{ dbt_utils.slugify(prefix ~ value ~ suffix) }}
    {%- endif -%}
  {%- endif -%}
  {%- if not loop.last %},{% endif -%}
  {%- endfor %}
{%- endmacro %}

{#- A name made of the text: lowercase, runs of other characters as _, a leading digit prefixed with _. -#}
{% macro slugify(string) -%}
  {%- set ns = namespace(out='', gap=false) -%}
  {%- for char in (string | string | lower) -%}
    {%- if char in 'abcdefghijklmnopqrstuvwxyz0123456789_' -%}
      {%- set ns.out = ns.out ~ ('_' if ns.gap and ns.out else '') ~ char -%}
      {%- set ns.gap = false -%}
    {%- elif char in " -" -%}
      {%- set ns.gap = true -%}
    {%- endif -%}
  {%- endfor -%}
  {{ return('_' ~ ns.out if ns.out[:1] in '0123456789' and ns.out else ns.out) }}
{%- endmacro %}


{#- The column's distinct values, most frequent first (order_by), read from the warehouse when the model compiles. -#}
{% macro get_column_values(table, column, order_by='count(*) desc', max_records=none, default=none, where=none) -%}
  {{ return(adapter.dispatch('get_column_values', 'dbt_utils')(table, column, order_by, max_records, default, where)) }}
{%- endmacro %}

{% macro default__get_column_values(table, column, order_by='count(*) desc', max_records=none, default=none, where=none) -%}
  {%- if not execute -%}
    {{ return([] if not default else default) }}
  {%- endif -%}
  {%- do dbt_utils._is_ephemeral(table, 'get_column_values') -%}
  {%- set exists = load_relation(table) is not none -%}
  {%- if not exists and default is none -%}
    {{ exceptions.raise_compiler_error("In get_column_values(): relation " ~ table ~ " does not exist and no default value was provided.") }}
  {%- elif not exists -%}
    {{ return(default) }}
  {%- endif -%}
  {%- call statement('get_column_values', fetch_result=true) -%}
    select {{ column }} as value
    from {{ table }}
    {% if where is not none %}where {{ where }}{% endif %}
    group by {{ column }}
    order by {{ order_by }}
    {% if max_records is not none %}limit {{ max_records }}{% endif %}
  {%- endcall -%}
  {%- set result = load_result('get_column_values') -%}
  {%- if result and result['data'] -%}
    {{ return(result['data'] | map(attribute=0) | list) }}
  {%- else -%}
    {{ return(default) }}
  {%- endif -%}
{%- endmacro %}


{#- Keeps one row per partition_by: the first by order_by. -#}
{% macro deduplicate(relation, partition_by, order_by) -%}
  {{ return(adapter.dispatch('deduplicate', 'dbt_utils')(relation, partition_by, order_by)) }}
{%- endmacro %}

{#- dbt_utils' portable form: a natural join back to the numbered rows. Like dbt_utils' own, a row holding a null
    matches nothing in a natural join and is dropped; PostgreSQL and SQLite have forms without that limit. -#}
{% macro default__deduplicate(relation, partition_by, order_by) -%}
    with row_numbered as (
        select
            _inner.*,
            row_number() over (
                partition by {{ partition_by }}
                order by {{ order_by }}
            ) as rn
        from {{ relation }} as _inner
    )

    select
        distinct data.*
    from {{ relation }} as data
    natural join row_numbered
    where row_numbered.rn = 1
{%- endmacro %}

{% macro postgres__deduplicate(relation, partition_by, order_by) -%}
    select
        distinct on ({{ partition_by }}) *
    from {{ relation }}
    order by {{ partition_by }}{{ ',' ~ order_by }}
{%- endmacro %}

{#- SQLite: the numbered rows' own columns when the relation's columns can be read, else dbt_utils' form. -#}
{% macro sqlite__deduplicate(relation, partition_by, order_by) -%}
  {%- if execute and relation.name is defined and relation.schema is defined -%}
    select {{ dbt_utils.star(relation, relation_alias='deduped') }}
    from (
        select
            _inner.*,
            row_number() over (
                partition by {{ partition_by }}
                order by {{ order_by }}
            ) as _gh_rn
        from {{ relation }} as _inner
    ) as deduped
    where deduped._gh_rn = 1
  {%- else -%}
    {{ dbt_utils.default__deduplicate(relation, partition_by, order_by) }}
  {%- endif -%}
{%- endmacro %}


{#- The sum of the fields, a null counting as 0. Takes a list (dbt_utils 1.x) or the fields as arguments (0.x). -#}
{% macro safe_add(field_list) -%}
  {%- set fields = [field_list] + (varargs | list) if field_list is string else field_list -%}
  {{ return(adapter.dispatch('safe_add', 'dbt_utils')(fields)) }}
{%- endmacro %}

{% macro default__safe_add(field_list) -%}
  {%- set fields = [] -%}
  {%- for field in field_list -%}
    {%- do fields.append("coalesce(" ~ field ~ ", 0)") -%}
  {%- endfor -%}
  {{ fields | join(' +\n  ') }}
{%- endmacro %}


{% macro group_by(n) -%}
  {{ return(adapter.dispatch('group_by', 'dbt_utils')(n)) }}
{%- endmacro %}

{% macro default__group_by(n) -%}
  group by {% for i in range(1, n + 1) -%}{{ i }}{{ ', ' if not loop.last }}{%- endfor -%}
{%- endmacro %}


{#- The smallest p with 2^p >= upper_bound. -#}
{% macro get_powers_of_two(upper_bound) -%}
  {{ return(adapter.dispatch('get_powers_of_two', 'dbt_utils')(upper_bound)) }}
{%- endmacro %}

{% macro default__get_powers_of_two(upper_bound) -%}
  {%- if upper_bound <= 0 -%}
    {{ exceptions.raise_compiler_error("generate_series takes an upper bound of 1 or more, not " ~ upper_bound ~ ".") }}
  {%- endif -%}
  {%- for _ in range(1, 100) -%}
    {%- if upper_bound <= 2 ** loop.index -%}{{ return(loop.index) }}{%- endif -%}
  {%- endfor -%}
{%- endmacro %}

{#- Rows generated_number 1 to upper_bound, from cross joins of a two-row table. -#}
{% macro generate_series(upper_bound) -%}
  {{ return(adapter.dispatch('generate_series', 'dbt_utils')(upper_bound)) }}
{%- endmacro %}

{% macro default__generate_series(upper_bound) -%}
  {%- set n = dbt_utils.get_powers_of_two(upper_bound) %}
    with p as (
        select 0 as generated_number union all select 1
    ),
    unioned as (
        select
        {% for i in range(n) -%}
            p{{ i }}.generated_number * {{ 2 ** i }}{{ ' +' if not loop.last }}
        {% endfor -%}
            + 1 as generated_number
        from
        {% for i in range(n) -%}
            p as p{{ i }}{{ ' cross join' if not loop.last }}
        {% endfor %}
    )
    select *
    from unioned
    where generated_number <= {{ upper_bound }}
    order by generated_number
{%- endmacro %}
