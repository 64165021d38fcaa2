{% set status_map = {'p': 'pending', 's': 'shipped', 'd': 'delivered'} -%}
case status
{%- for code, label in status_map.items() %}
    when '{{ code }}' then '{{ label }}'
{%- endfor %}
    else 'unknown'
end as status_label
