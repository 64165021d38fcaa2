{% for row in rows %}
{%- set outer = loop -%}
{% for cell in row -%}
[{{ outer.index }}.{{ loop.index }}={{ cell }}{{ '!' if outer.last and loop.last }}]
{%- endfor %}
{% endfor %}