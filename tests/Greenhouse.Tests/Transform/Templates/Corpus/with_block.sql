{% set a = 'outer' %}{% with a = 'inner', b = a %}{{ a }} {{ b }}{% set c = 1 %}{% endwith %} {{ a }} {{ c is defined }}
{% with %}{% set d = 4 %}{{ d }}{% endwith %}{{ d is defined }}