{% for n in [0, 1, 2, 3, 15] %}
{%- if n == 0 %}zero{% elif n is divisibleby 15 %}fizzbuzz{% elif n is odd %}odd{% else %}even{% endif %}
{% endfor %}