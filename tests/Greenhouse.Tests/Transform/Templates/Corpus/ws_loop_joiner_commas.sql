select
{%- for col in columns %}
    {{ col }}{{ "," if not loop.last }}
{%- endfor %}
from t