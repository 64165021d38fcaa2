{% macro m(kwargs) %}{{ kwargs }}{% endmacro %}{{ m(1) }}
{% macro v(varargs=[]) %}{{ varargs }}{% endmacro %}{{ v() }} {{ v([2]) }}
{% macro s() %}{% set kwargs = 'own' %}{{ kwargs }}{% endmacro %}{{ s() }}
{% macro late() %}{{ n() }}{% endmacro %}{% macro n() %}defined later{% endmacro %}{{ late() }}