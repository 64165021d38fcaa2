{%- set tables = ['orders', 'refunds', 'payments'] -%}
{%- for t in tables -%}
  {%- if not loop.first %}
union all
{% endif -%}
select '{{ t }}' as source, count(*) as n from raw.{{ t }}
{%- endfor %}
