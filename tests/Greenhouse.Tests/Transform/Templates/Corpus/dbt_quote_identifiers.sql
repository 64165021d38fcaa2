{%- macro quote(name) -%}"{{ name | replace('"', '""') }}"{%- endmacro -%}
select {% for c in ['id', 'we"ird', 'Mixed Case'] -%}
{{ quote(c) }}{% if not loop.last %}, {% endif %}
{%- endfor %} from {{ quote('schema') }}.{{ quote('table') }}
