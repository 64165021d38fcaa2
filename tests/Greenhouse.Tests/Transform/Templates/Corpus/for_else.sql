{% for x in [] %}{{ x }}{% else %}nothing{% endfor %}
{% for x in [1] %}{{ x }}{% else %}nothing{% endfor %}
{% for x in missing %}{{ x }}{% else %}undefined iterates as empty{% endfor %}