{%- set start = 2024 -%}
{%- set n = 4 -%}
with spine as (
{%- for i in range(n) %}
    select {{ start + i }} as year{% if not loop.last %} union all{% endif %}
{%- endfor %}
)
select * from spine
