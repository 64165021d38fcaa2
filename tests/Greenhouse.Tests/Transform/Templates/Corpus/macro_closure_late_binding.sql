{% macro show() %}[{{ x }}]{% endmacro %}{{ show() }}{% set x = 1 %}{{ show() }}{% set x = 2 %}{{ show() }}
{% for i in range(3) %}{% macro at() %}{{ i }}{% endmacro %}{{ at() }}{% endfor %}