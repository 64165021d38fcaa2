{#- dbt's statement block: {% call statement('name', fetch_result=True) %}select ...{% endcall %}, then
    load_result('name') gives {'response': .., 'data': [rows], 'table': ..}. Runs only when execute is true. -#}
{%- macro statement(name=None, fetch_result=False, auto_begin=True, language='sql') -%}
  {%- if execute -%}
    {%- if language != 'sql' -%}
      {{ exceptions.raise_compiler_error("statement(language='" ~ language ~ "'): Greenhouse runs SQL only.") }}
    {%- endif -%}
    {%- set compiled_code = caller() -%}
    {%- set res, table = adapter.execute(compiled_code, auto_begin=auto_begin, fetch=fetch_result) -%}
    {%- if name is not none -%}
      {{ store_result(name, response=res, agate_table=table) }}
    {%- endif -%}
  {%- endif -%}
{%- endmacro %}
