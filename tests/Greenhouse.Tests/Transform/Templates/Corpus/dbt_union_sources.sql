{% set sources = [
    {'name': 'stripe', 'table': 'customers', 'email': 'email'},
    {'name': 'plain', 'table': 'customers', 'email': 'email_address'},
] %}
{% for s in sources -%}
select '{{ s.name }}' as source, lower(trim({{ s.email }})) as email
from raw.{{ s.name }}_{{ s.table }}
{% if not loop.last %}union all
{% endif %}
{%- endfor %}
