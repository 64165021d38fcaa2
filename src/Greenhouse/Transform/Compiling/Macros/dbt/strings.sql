{#- dbt's cross-database string and aggregate macros. -#}

{% macro concat(fields) -%}
  {{ return(adapter.dispatch('concat', 'dbt')(fields)) }}
{%- endmacro %}

{#- concat() skips NULLs on both warehouses (SQLite 3.44+). -#}
{% macro default__concat(fields) -%}
    concat({{ fields | join(', ') }})
{%- endmacro %}


{#- The lowercase hex MD5 of the value as text. Greenhouse registers md5() on its SQLite connections. -#}
{% macro hash(field) -%}
  {{ return(adapter.dispatch('hash', 'dbt')(field)) }}
{%- endmacro %}

{% macro default__hash(field) -%}
    md5(cast({{ field }} as {{ dbt.type_string() }}))
{%- endmacro %}


{% macro split_part(string_text, delimiter_text, part_number) -%}
  {{ return(adapter.dispatch('split_part', 'dbt')(string_text, delimiter_text, part_number)) }}
{%- endmacro %}

{% macro default__split_part(string_text, delimiter_text, part_number) -%}
    split_part({{ string_text }}, {{ delimiter_text }}, {{ part_number }})
{%- endmacro %}

{#- SQLite has no split_part: the text (with one delimiter appended) loses a field per part skipped, then the
    next field is cut out; a part past the last field is '' as on PostgreSQL. The part number must be a
    positive integer known when the model compiles. -#}
{% macro sqlite__split_part(string_text, delimiter_text, part_number) -%}
  {%- if part_number is not number or part_number is float or part_number < 1 -%}
    {{ exceptions.raise_compiler_error("split_part on SQLite takes a part number of 1 or more written in the model (counting from the end is PostgreSQL only), not " ~ part_number ~ ".") }}
  {%- endif -%}
  {%- set ns = namespace(rest="((" ~ string_text ~ ") || " ~ delimiter_text ~ ")") -%}
  {%- for _ in range(part_number - 1) -%}
    {%- set ns.rest = "substr(" ~ ns.rest ~ ", instr(" ~ ns.rest ~ ", " ~ delimiter_text ~ ") + length(" ~ delimiter_text ~ "))" -%}
  {%- endfor -%}
  substr({{ ns.rest }}, 1, instr({{ ns.rest }}, {{ delimiter_text }}) - 1)
{%- endmacro %}


{% macro listagg(measure, delimiter_text="','", order_by_clause=none, limit_num=none) -%}
  {{ return(adapter.dispatch('listagg', 'dbt')(measure, delimiter_text, order_by_clause, limit_num)) }}
{%- endmacro %}

{% macro default__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
  {%- if limit_num -%}
    array_to_string((array_agg({{ measure }}{% if order_by_clause %} {{ order_by_clause }}{% endif %}))[1:{{ limit_num }}], {{ delimiter_text }})
  {%- else -%}
    string_agg({{ measure }}, {{ delimiter_text }}{% if order_by_clause %} {{ order_by_clause }}{% endif %})
  {%- endif -%}
{%- endmacro %}

{% macro sqlite__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
  {%- if limit_num -%}
    {{ exceptions.raise_compiler_error("listagg on SQLite takes no limit_num: SQLite's string_agg cannot stop after n values. Limit the rows in a subquery instead.") }}
  {%- endif -%}
    string_agg({{ measure }}, {{ delimiter_text }}{% if order_by_clause %} {{ order_by_clause }}{% endif %})
{%- endmacro %}


{% macro any_value(expression) -%}
  {{ return(adapter.dispatch('any_value', 'dbt')(expression)) }}
{%- endmacro %}

{% macro default__any_value(expression) -%}
    any_value({{ expression }})
{%- endmacro %}

{#- PostgreSQL 15 has no any_value(); min() picks a value of the group, as dbt-postgres does. -#}
{% macro postgres__any_value(expression) -%}
    min({{ expression }})
{%- endmacro %}

{% macro sqlite__any_value(expression) -%}
    min({{ expression }})
{%- endmacro %}


{% macro bool_or(expression) -%}
  {{ return(adapter.dispatch('bool_or', 'dbt')(expression)) }}
{%- endmacro %}

{% macro default__bool_or(expression) -%}
    bool_or({{ expression }})
{%- endmacro %}

{#- SQLite's booleans are 1 and 0: true when any is. -#}
{% macro sqlite__bool_or(expression) -%}
    max(case when {{ expression }} then 1 else 0 end)
{%- endmacro %}


{% macro string_literal(value) -%}
  {{ return(adapter.dispatch('string_literal', 'dbt')(value)) }}
{%- endmacro %}

{% macro default__string_literal(value) -%}
    '{{ value }}'
{%- endmacro %}


{% macro escape_single_quotes(expression) -%}
  {{ return(adapter.dispatch('escape_single_quotes', 'dbt')(expression)) }}
{%- endmacro %}

{% macro default__escape_single_quotes(expression) -%}
{{ expression | replace("'", "''") }}
{%- endmacro %}


{#- The 1-based position of the first substring_text in string_text, 0 when it is not there. -#}
{% macro position(substring_text, string_text) -%}
  {{ return(adapter.dispatch('position', 'dbt')(substring_text, string_text)) }}
{%- endmacro %}

{% macro default__position(substring_text, string_text) -%}
    position({{ substring_text }} in {{ string_text }})
{%- endmacro %}

{% macro sqlite__position(substring_text, string_text) -%}
    instr({{ string_text }}, {{ substring_text }})
{%- endmacro %}


{% macro length(expression) -%}
  {{ return(adapter.dispatch('length', 'dbt')(expression)) }}
{%- endmacro %}

{% macro default__length(expression) -%}
    length({{ expression }})
{%- endmacro %}


{% macro replace(field, old_chars, new_chars) -%}
  {{ return(adapter.dispatch('replace', 'dbt')(field, old_chars, new_chars)) }}
{%- endmacro %}

{% macro default__replace(field, old_chars, new_chars) -%}
    replace({{ field }}, {{ old_chars }}, {{ new_chars }})
{%- endmacro %}


{% macro right(string_text, length_expression) -%}
  {{ return(adapter.dispatch('right', 'dbt')(string_text, length_expression)) }}
{%- endmacro %}

{% macro default__right(string_text, length_expression) -%}
    right({{ string_text }}, {{ length_expression }})
{%- endmacro %}

{% macro sqlite__right(string_text, length_expression) -%}
    case when ({{ length_expression }}) = 0 then '' else substr({{ string_text }}, -({{ length_expression }})) end
{%- endmacro %}
