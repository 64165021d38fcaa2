select {% if true -%}
    a
{%- endif %}
{% for c in cols -%}
    , {{ c }}
{% endfor -%}
from t
