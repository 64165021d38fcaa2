{%- macro surrogate_key(field_list) -%}
{%- set fields = [] -%}
{%- for field in field_list -%}
    {%- do fields.append("coalesce(cast(" ~ field ~ " as text), '_dbt_utils_surrogate_key_null_')") -%}
    {%- if not loop.last %}
        {%- do fields.append("'-'") -%}
    {%- endif -%}
{%- endfor -%}
md5({{ fields | join(' || ') }})
{%- endmacro -%}
select {{ surrogate_key(['order_id', 'customer_id']) }} as order_key
