{% for a, b in [(1, 'x'), (2, 'y')] %}{{ a }}{{ b }} {% endfor %}
{% for (a, b), c in [((1, 2), 3)] %}{{ a }}{{ b }}{{ c }}{% endfor %}
{% for a, b in [[1, 2], 'xy'] %}{{ a }}-{{ b }} {% endfor %}