{% set query -%}
    select *
    from {{ table }}
{%- endset %}
[{{ query }}]
{%- set short %} trimmed? {% endset %}
[{{ short }}]
