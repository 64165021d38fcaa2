{% if true %}
line
{% endif %}
end