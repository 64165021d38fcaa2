select
{%- for c in cols -%}
    {{ c }}{% if not loop.last %},{% endif %}
{%- endfor %}
from t
