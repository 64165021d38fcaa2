{{ {'b': 1, 'a': [1, 2.5, none, true], 'c': {'z': 'y'}} | tojson }}
{{ "<script>&'quote'</script>" | tojson }} {{ 'unicodé ✓' | tojson }} {{ [] | tojson }} {{ {} | tojson }} {{ 'line
break "q"' | tojson }} {{ 1e20 | tojson }} {{ (1, 2) | tojson }}
{{ {'b': [1, {'x': 2}], 'a': {}} | tojson(indent=2) }}
{{ {1: 'a', 2: 'b'} | tojson }}