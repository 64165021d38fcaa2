{% set upper_sql | upper | replace('FROM', 'from') %}
select a from b
{% endset %}{{ upper_sql }}
{%- set joined %}{% for i in range(3) %}{{ i }}{% endfor %}{% endset %}
{{ joined }} {{ joined | length }} {{ joined is string }}