{% macro section(title) -%}
== {{ title }} ==
{{ caller() }}
== end {{ title }} ==
{%- endmacro %}
{% macro field(name, type='text') %}{{ name }}:{{ type }}{% endmacro %}
{% call section('outer') -%}
  {% call section('inner') -%}
    {{ field('id', 'int') }} {{ field('name') }}
  {%- endcall %}
{%- endcall %}