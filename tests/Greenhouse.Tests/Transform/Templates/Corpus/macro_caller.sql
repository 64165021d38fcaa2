{% macro render_list(items) -%}
<ul>
{%- for item in items %}
  <li>{{ caller(item) }}</li>
{%- endfor %}
</ul>
{%- endmacro %}
{% call(item) render_list(['x', 'y']) -%}
item {{ item | upper }}
{%- endcall %}
{% macro twice() %}{{ caller() }}{{ caller() }}{% endmacro %}
{% set word = 'hey' %}{% call twice() %}[{{ word }}]{% endcall %}