{% for t in tables %}
  {% if t.enabled %}
    {%- for c in t.columns %}
      {{ t.name }}.{{ c }}
    {%- endfor %}
  {% else %}
    -- {{ t.name }} disabled
  {% endif %}
{% endfor %}
