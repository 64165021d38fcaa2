{# nothing but a comment #}
