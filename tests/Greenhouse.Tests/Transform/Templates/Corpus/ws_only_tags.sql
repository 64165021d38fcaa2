{% set a = 1 %}
{% set b = 2 %}
{% if a < b %}
{% endif %}
{{ a + b }}
