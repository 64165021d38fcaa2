{% set xs = [3, 1, 2] %}{% do xs.append(4) %}{% do xs.extend([5, 6]) %}{{ xs }}
{{ xs.pop() }} {{ xs.pop(0) }} {{ xs }} {{ xs.index(2) }} {{ xs.count(1) }}
{% do xs.insert(1, 'i') %}{% do xs.remove(4) %}{{ xs }}
{% do xs.reverse() %}{{ xs }} {{ xs.copy() }}