{% set block = 'first
second

fourth' %}{{ block | indent }}
---
{{ block | indent(2, first=true) }}
---
{{ block | indent(width='> ', blank=true) }}
---
{{ 'trailing
' | indent(3) }}|
{{ 'one' | indent(4, true) }}