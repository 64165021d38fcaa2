{%- set all_columns = ['id', 'name', '_loaded_at', 'email', '_raw'] -%}
{%- set except = ['_loaded_at', '_raw'] -%}
select
{%- for col in all_columns if col not in except %}
    {{ col }}{{ ',' if not loop.last }}
{%- endfor %}
from t
