{{ 'a,b,,c'.split(',') }} {{ '  a  b '.split() }} {{ 'a b c'.split(none, 1) }} {{ 'a,b,c'.rsplit(',', 1) }} {{ 'x'.split(',') }}
{{ '  strip  '.strip() }}|{{ '--x--'.strip('-') }}|{{ '  l'.lstrip() }}|{{ 'r  '.rstrip() }}| {{ 'abc'.startswith('a') }} {{ 'abc'.endswith(('x', 'c')) }} {{ 'abc'.startswith('b') }}
{{ 'hello'.replace('l', 'L') }} {{ 'hello'.replace('l', 'L', 1) }} {{ ', '.join(['a', 'b']) }} {{ '-'.join('xyz') }} {{ 'Hello'.upper() }} {{ 'Hello'.lower() }} {{ 'hello world'.title() }} {{ 'hello'.capitalize() }}
{{ 'abcabc'.find('c') }} {{ 'abcabc'.rfind('c') }} {{ 'abc'.find('z') }} {{ 'abcabc'.count('bc') }} {{ '42'.zfill(5) }} {{ '-42'.zfill(5) }} {{ '42'.isdigit() }} {{ 'a1'.isalnum() }} {{ 'ab'.isalpha() }}
{{ 'a=b=c'.partition('=') }} {{ 'a=b=c'.rpartition('=') }} {{ 'prefix_name'.removeprefix('prefix_') }} {{ 'x'.ljust(3) }}| {{ 'x'.rjust(3, '*') }} {{ 'line1
line2
line3'.splitlines() }} {{ 'SwAp'.swapcase() }}