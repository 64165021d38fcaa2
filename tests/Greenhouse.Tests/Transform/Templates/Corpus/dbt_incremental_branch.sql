select *
from {{ relation }}
{% if is_incremental %}
  -- this filter will only be applied on an incremental run
  where updated_at > (select max(updated_at) from {{ this_relation }})
{% endif %}
{%- if unique_key is string %}
  -- key: {{ unique_key }}
{%- elif unique_key is iterable %}
  -- keys: {{ unique_key | join(', ') }}
{%- endif %}
