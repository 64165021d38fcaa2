before
{%- raw -%}
   {{ not rendered }} {% if %}
{%- endraw -%}
   after
{% raw %}{{ kept }}{% endraw %}
