{#- dbt_utils' argument checks: a relation where one is needed, and not an ephemeral model. -#}
{% macro _is_relation(obj, macro) -%}
  {%- if not (obj.name is defined and obj.schema is defined) -%}
    {%- do exceptions.raise_compiler_error("Macro " ~ macro ~ " expected a Relation (ref(), source() or adapter.get_relation()) but received the value: " ~ obj) -%}
  {%- endif -%}
{%- endmacro %}

{% macro _is_ephemeral(obj, macro) -%}
  {%- if obj.is_cte -%}
    {%- do exceptions.raise_compiler_error("The `" ~ macro ~ "` macro cannot be used with ephemeral models, as it reads the relation's columns from the warehouse. `" ~ obj.name ~ "` is an ephemeral model: make it a view or a table instead.") -%}
  {%- endif -%}
{%- endmacro %}
