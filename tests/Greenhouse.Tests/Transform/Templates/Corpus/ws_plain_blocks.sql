select
{% if true %}
    a,
{% endif %}
{% for c in ['b', 'c'] %}
    {{ c }},
{% endfor %}
    d
from t
