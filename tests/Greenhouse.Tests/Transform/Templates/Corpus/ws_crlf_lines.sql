select
{% for c in ['a', 'b'] %}
  {{ c }},
{% endfor %}
  1
from t
