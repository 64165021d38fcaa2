{% macro col(name) %}{{ name | lower }}{% endmacro %}
{{ col('A') ~ '_' ~ col('B') }} {{ col('X') | upper }} {{ (col('x') ~ col('y')) | length }} {{ col('q') == 'q' }} {{ [col('m')] }}