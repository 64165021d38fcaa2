{% macro fact(n) %}{% if n <= 1 %}1{% else %}{{ n * fact(n - 1) | int }}{% endif %}{% endmacro %}
{{ fact(1) }} {{ fact(5) }} {{ fact(10) }}
{% macro tree(node, depth=0) %}{{ '  ' * depth }}{{ node.name }}
{% for child in node.children %}{{ tree(child, depth + 1) }}{% endfor %}{% endmacro %}
{{ tree(root) }}