{% filter upper %}shout {{ 'this' }}{% endfilter %}
{% filter replace('a', 'o') | title %}banana bread{% endfilter %}
{% filter indent(2, true) %}line one
line two{% endfilter %}