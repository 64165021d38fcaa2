{% for row in range(7) | batch(3) %}{{ row }}{% endfor %}
{% for row in range(5) | batch(2, 'x') %}{{ row }}{% endfor %}
{% for k, v in {'b': 2, 'a': 1} | items %}{{ k }}{{ v }}{% endfor %}{% for k, v in missing | items %}never{% endfor %}
{{ {'b': 1, 'A': 3, 'c': 2} | dictsort }} {{ {'b': 1, 'A': 3, 'c': 2} | dictsort(true) }} {{ {'b': 1, 'a': 3, 'c': 2} | dictsort(by='value') }} {{ {'b': 1, 'a': 3} | dictsort(reverse=true) }}