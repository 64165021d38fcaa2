{#- dbt_utils' column macros: they read the relation's columns from the warehouse, so at parse time
    (execute false) they render a placeholder, as dbt_utils does. -#}

{% macro get_filtered_columns_in_relation(from, except=[]) -%}
  {{ return(adapter.dispatch('get_filtered_columns_in_relation', 'dbt_utils')(from, except)) }}
{%- endmacro %}

{% macro default__get_filtered_columns_in_relation(from, except=[]) -%}
  {%- do dbt_utils._is_relation(from, 'get_filtered_columns_in_relation') -%}
  {%- do dbt_utils._is_ephemeral(from, 'get_filtered_columns_in_relation') -%}
  {%- if not execute -%}
    {{ return('') }}
  {%- endif -%}
  {%- set excluded = except | map('lower') | list -%}
  {%- set kept = [] -%}
  {%- for column in adapter.get_columns_in_relation(from) -%}
    {%- if column.column | lower not in excluded -%}
      {%- do kept.append(column.column) -%}
    {%- endif -%}
  {%- endfor -%}
  {{ return(kept) }}
{%- endmacro %}


{#- Every column of the relation but the excepted ones (compared without case), one a line, each optionally
    qualified by relation_alias and renamed with a prefix and suffix. -#}
{% macro star(from, relation_alias=False, except=[], prefix='', suffix='', quote_identifiers=True) -%}
  {{ return(adapter.dispatch('star', 'dbt_utils')(from, relation_alias, except, prefix, suffix, quote_identifiers)) }}
{%- endmacro %}

{% macro default__star(from, relation_alias=False, except=[], prefix='', suffix='', quote_identifiers=True) -%}
  {%- do dbt_utils._is_relation(from, 'star') -%}
  {%- do dbt_utils._is_ephemeral(from, 'star') -%}
  {%- if not execute -%}
    {{ return('*') }}
  {%- endif -%}
  {%- set columns = dbt_utils.get_filtered_columns_in_relation(from, except) -%}
  {%- if columns | length == 0 -%}
    {{ exceptions.raise_compiler_error("dbt_utils.star(" ~ from ~ "): no columns were returned. The relation does not exist yet, or every column was excluded.") }}
  {%- endif -%}
  {%- for column in columns -%}
    {%- if relation_alias %}{{ relation_alias }}.{% endif -%}
    {%- if quote_identifiers -%}
      {{ adapter.quote(column) | trim }}
      {%- if prefix != '' or suffix != '' %} as {{ adapter.quote(prefix ~ column ~ suffix) | trim }}{% endif -%}
    {%- else -%}
      {{ column | trim }}
      {%- if prefix != '' or suffix != '' %} as {{ (prefix ~ column ~ suffix) | trim }}{% endif -%}
    {%- endif -%}
    {%- if not loop.last %},{{ '\n  ' }}{% endif -%}
  {%- endfor -%}
{%- endmacro %}


{#- The relations' rows one after the other, by column name: a column a relation lacks is null in its rows, and
    source_column_name says which relation each row came from. -#}
{% macro union_relations(relations, column_override=none, include=[], exclude=[], source_column_name='_dbt_source_relation', where=none) -%}
  {{ return(adapter.dispatch('union_relations', 'dbt_utils')(relations, column_override, include, exclude, source_column_name, where)) }}
{%- endmacro %}

{% macro default__union_relations(relations, column_override=none, include=[], exclude=[], source_column_name='_dbt_source_relation', where=none) -%}
  {%- if exclude and include -%}
    {{ exceptions.raise_compiler_error("union_relations takes an include list or an exclude list, not both.") }}
  {%- endif -%}
  {%- if not execute -%}
    {{ return('') }}
  {%- endif -%}
  {%- set column_override = column_override if column_override is not none else {} -%}
  {%- set include = include | map('lower') | list -%}
  {%- set exclude = exclude | map('lower') | list -%}
  {%- set relation_columns = {} -%}
  {%- set column_superset = {} -%}
  {%- set all_excludes = [] -%}
  {%- set all_includes = [] -%}
  {%- for relation in relations -%}
    {%- do dbt_utils._is_relation(relation, 'union_relations') -%}
    {%- do dbt_utils._is_ephemeral(relation, 'union_relations') -%}
    {%- do relation_columns.update({relation: []}) -%}
    {%- for column in adapter.get_columns_in_relation(relation) -%}
      {%- set name = column.column | lower -%}
      {%- if exclude and name in exclude -%}
      {%- elif include and name not in include -%}
      {%- else -%}
        {%- do relation_columns[relation].append(name) -%}
        {%- if name in column_superset -%}
          {%- set stored = column_superset[name] -%}
          {%- if column.is_string() and stored.is_string() and column.string_size() > stored.string_size() -%}
            {%- do column_superset.update({name: column}) -%}
          {%- endif -%}
        {%- else -%}
          {%- do column_superset.update({name: column}) -%}
        {%- endif -%}
      {%- endif -%}
    {%- endfor -%}
  {%- endfor -%}
  {#- Each part is a subquery (SQLite allows no parentheses around the SELECTs of a UNION). -#}
  {%- for relation in relations %}

    select * from (
        select
            {{ dbt.cast(dbt.string_literal(relation | replace("'", "''")), dbt.type_string()) }} as {{ source_column_name }},
            {% for name in column_superset.keys() -%}
              {%- set column = column_superset[name] -%}
              {%- set type = column_override.get(column.column, column.data_type) -%}
              {%- set value = adapter.quote(column.column) if name in relation_columns[relation] else 'null' -%}
              {%- if type %}{{ dbt.cast(value, type) }}{% else %}{{ value }}{% endif %} as {{ column.quoted }}{% if not loop.last %},
            {% endif -%}
            {%- endfor %}
        from {{ relation }}
        {% if where -%}
        where {{ where }}
        {%- endif %}
    ) as _dbt_union_{{ loop.index }}
    {% if not loop.last -%}
    union all
    {%- endif -%}
  {%- endfor -%}
{%- endmacro %}
