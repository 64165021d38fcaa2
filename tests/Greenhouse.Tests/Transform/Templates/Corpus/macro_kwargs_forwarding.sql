{% macro inner(a, b='B', c='C') %}{{ a }}-{{ b }}-{{ c }}{% endmacro %}
{% macro outer(a) %}{{ inner(a, **kwargs) }}{% endmacro %}
{{ outer(1) }} {{ outer(1, c=3) }} {{ outer(1, b=2, c=3) }}