{% set ns = namespace(count=0, found=false, names=[]) %}
{% for u in users %}{% if u.active %}{% set ns.count = ns.count + 1 %}{% do ns.names.append(u.name) %}{% endif %}{% if u.name == 'carol' %}{% set ns.found = true %}{% endif %}{% endfor %}
{{ ns.count }} {{ ns.found }} {{ ns.names | join(',') }} {{ ns }}