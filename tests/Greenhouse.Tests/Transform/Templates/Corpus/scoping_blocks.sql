{% set a = 'top' %}{% macro m() %}{% set a = 'macro' %}{{ a }}{% endmacro %}{{ m() }} {{ a }}
{% filter upper %}{% set a = 'filter' %}{{ a }}{% endfilter %} {{ a }}
{% set b %}{% set a = 'setblock' %}{{ a }}{% endset %}{{ b }} {{ a }}
{% macro c() %}{{ caller() }}{% endmacro %}{% call c() %}{% set a = 'caller' %}{{ a }}{% endcall %} {{ a }}
{% for x in [] %}{% else %}{% set a = 'for-else' %}{{ a }}{% endfor %} {{ a }}