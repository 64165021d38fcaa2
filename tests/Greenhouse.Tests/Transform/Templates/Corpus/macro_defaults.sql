{% macro greet(name, greeting='Hello', punctuation=none) -%}
{{ greeting }}, {{ name }}{{ punctuation if punctuation is not none else '.' }}
{%- endmacro %}
{{ greet('Ann') }}
{{ greet('Bob', 'Hi') }}
{{ greet('Cy', punctuation='!') }}
{{ greet(greeting='Yo', name='Di') }}
[{{ greet() }}]