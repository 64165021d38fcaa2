{% macro cents_to_dollars(column_name, precision=2) -%}
    ({{ column_name }} / 100)::numeric(16, {{ precision }})
{%- endmacro %}

{%- macro limit_zero() -%}
    limit 0
{%- endmacro -%}

select {{ cents_to_dollars('amount') }} as amount, {{ cents_to_dollars('fee', 4) }} as fee
from payments
{{ limit_zero() }}
