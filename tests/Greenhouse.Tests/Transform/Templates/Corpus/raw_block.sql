{% raw %}{{ this }} {% is %} {# raw #}{% endraw %}
{% raw -%}   trimmed inside   {%- endraw %}