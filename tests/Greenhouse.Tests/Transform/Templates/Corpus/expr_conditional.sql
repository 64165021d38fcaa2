{{ 'yes' if true else 'no' }} {{ 'yes' if false else 'no' }} [{{ 'x' if false }}] {{ ('x' if false) is defined }} {{ 'a' if false else 'b' if true else 'c' }}
{{ (1 if true else 2) + 10 }} {{ 'ok' }}