{% for v in values %}{{ loop.index }}={% if v %}T{% else %}F{% endif %} {% endfor %}
{% if missing %}T{% else %}F{% endif %} {% if none %}T{% else %}F{% endif %} {% if '0' %}T{% endif %}