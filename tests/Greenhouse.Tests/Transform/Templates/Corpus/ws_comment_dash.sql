select
  {#- a comment that eats the whitespace before it #}
  1
  {# plain comment keeps both sides #}
  , 2 {#- left #}  , 3 {# right -#}   , 4
{#-
   multi-line comment
-#}
from t
