{{ [1, 2, 3] | reverse | list }} {{ 'abc' | reverse }} {{ (1, 2) | reverse | join }} {% for x in [1, 2] | reverse %}{{ x }}{% endfor %}
{{ '%s and %s' | format('a', 'b') }} {{ '%(x)s!' | format(x='kw') }} {{ '%05.1f|%-4d|%x' | format(3.14159, 7, 255) }}
{{ d | attr('items') is defined }} {{ d | attr('name') is defined }}