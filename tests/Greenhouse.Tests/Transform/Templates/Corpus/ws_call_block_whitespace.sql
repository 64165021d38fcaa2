{% macro wrap(tag) -%}
<{{ tag }}>
  {{- caller() -}}
</{{ tag }}>
{%- endmacro %}
{% call wrap('p') %}
   inner text
{% endcall %}
{%- call wrap('b') -%}   bold   {%- endcall -%}
