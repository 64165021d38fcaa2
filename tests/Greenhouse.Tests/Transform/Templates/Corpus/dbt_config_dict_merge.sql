{%- set defaults = {'materialized': 'view', 'tags': []} -%}
{%- set overrides = {'materialized': 'table', 'schema': 'marts'} -%}
{%- set cfg = defaults.copy() -%}
{%- do cfg.update(overrides) -%}
{%- for key in cfg | sort %}
{{ key }}: {{ cfg[key] }}
{%- endfor %}
