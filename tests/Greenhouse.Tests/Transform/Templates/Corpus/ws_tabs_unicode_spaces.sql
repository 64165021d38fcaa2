x	 	{%- if true -%}	
  y{%- endif %}
