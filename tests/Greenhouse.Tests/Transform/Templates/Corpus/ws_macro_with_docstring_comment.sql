{#-
    Renders a where clause for incremental models.
    Arguments: column - the timestamp column
-#}
{%- macro incremental_filter(column) -%}
    {%- if incremental -%}
    where {{ column }} > (select max({{ column }}) from {{ this }})
    {%- endif -%}
{%- endmacro -%}

select * from events
{{ incremental_filter('updated_at') }}
