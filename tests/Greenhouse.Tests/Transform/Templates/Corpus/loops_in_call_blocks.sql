{% macro each(items) %}{% for i in items %}{{ caller(i, loop.index) }}{% endfor %}{% endmacro %}
{%- for group in [['a', 'b'], ['c']] -%}
{% call(item, n) each(group) %}{{ loop.index }}.{{ n }}={{ item }} {% endcall %}|
{%- endfor %}