{#- dbt_utils' surrogate keys: the MD5 of the fields as text, joined by '-'. -#}

{#- A null field reads as '_dbt_utils_surrogate_key_null_' (or '' with the var
    surrogate_key_treat_nulls_as_empty_strings), so the key is never null and (null, 'a') differs from ('', 'a'). -#}
{% macro generate_surrogate_key(field_list) -%}
  {{ return(adapter.dispatch('generate_surrogate_key', 'dbt_utils')(field_list)) }}
{%- endmacro %}

{% macro default__generate_surrogate_key(field_list) -%}
  {%- if var('surrogate_key_treat_nulls_as_empty_strings', False) -%}
    {%- set null_value = '' -%}
  {%- else -%}
    {%- set null_value = '_dbt_utils_surrogate_key_null_' -%}
  {%- endif -%}
  {%- set fields = [] -%}
  {%- for field in field_list -%}
    {%- do fields.append("coalesce(cast(" ~ field ~ " as " ~ dbt.type_string() ~ "), '" ~ null_value ~ "')") -%}
    {%- if not loop.last -%}
      {%- do fields.append("'-'") -%}
    {%- endif -%}
  {%- endfor -%}
  {%- if fields | length > 1 -%}
    {{ dbt.hash(dbt.concat(fields)) }}
  {%- else -%}
    {{ dbt.hash(fields[0]) }}
  {%- endif -%}
{%- endmacro %}

{#- dbt_utils 0.x's key, which 1.x refuses: a null field reads as '', as it did there, so the keys equal the
    ones a 0.x project already stored. Takes a list or the fields as arguments. -#}
{% macro surrogate_key(field_list) -%}
  {%- set fields = [field_list] + (varargs | list) if field_list is string else field_list -%}
  {{ return(adapter.dispatch('surrogate_key', 'dbt_utils')(fields)) }}
{%- endmacro %}

{% macro default__surrogate_key(field_list) -%}
  {%- set fields = [] -%}
  {%- for field in field_list -%}
    {%- do fields.append("coalesce(cast(" ~ field ~ " as " ~ dbt.type_string() ~ "), '')") -%}
    {%- if not loop.last -%}
      {%- do fields.append("'-'") -%}
    {%- endif -%}
  {%- endfor -%}
  {{ dbt.hash(dbt.concat(fields)) }}
{%- endmacro %}
