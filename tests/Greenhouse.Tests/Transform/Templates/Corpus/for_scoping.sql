{% set x = 'outer' %}{% set total = 0 %}
{% for i in [1, 2, 3] %}{{ x }}:{% set x = i %}{{ x }} {% set total = total + i %}{% endfor %}
after: {{ x }} {{ total }} {{ i is defined }}
{% if true %}{% set leaked = 'yes' %}{% endif %}{{ leaked }}