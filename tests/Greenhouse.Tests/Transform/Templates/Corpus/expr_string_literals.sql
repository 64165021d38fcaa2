{{ 'single' }} {{ "double" }} {{ "it's" }} {{ 'say "hi"' }} {{ 'esc\'aped' }} {{ "tab\there" }}
{{ 'regex \d+\.\w*' }} {{ 'hex \x41\x42' }} {{ 'uni \u00e9\u4e2d' }} {{ 'new\nline' }} {{ 'adjacent' ' strings' "joined" }}
{{ ['it\'s', "a\"b", 'back\\slash', 'x\ny', 'tab\t'] }}