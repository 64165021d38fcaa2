{% for x in ['a', 'b', 'c'] -%}
{{ loop.index }} {{ loop.index0 }} {{ loop.revindex }} {{ loop.revindex0 }} {{ loop.first }} {{ loop.last }} {{ loop.length }} {{ x }}
{% endfor %}