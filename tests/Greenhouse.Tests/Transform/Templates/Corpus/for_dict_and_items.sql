{% for k in d %}{{ k }};{% endfor %}
{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}
{% for k, v in d|dictsort %}{{ k }}={{ v }};{% endfor %}
{% for pair in d.items() %}{{ pair }}{% endfor %}
{% for v in d.values() %}{{ v }}{% endfor %} {{ d.keys()|list }}