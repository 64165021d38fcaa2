a


   {%- if true -%}


   b

   {%- endif -%}


c