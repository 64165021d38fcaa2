select 1

