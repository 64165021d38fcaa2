{% macro m(a, b=2) -%}
a={{ a }} b={{ b }} varargs={{ varargs }} kwargs={{ kwargs }}
{%- endmacro %}
{{ m(1) }}
{{ m(1, 3, 4, 5) }}
{{ m(1, x=9, y='z') }}
{{ m(*[7, 8, 9], **{'k': 'v'}) }}