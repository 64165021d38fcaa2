"""Renders every template of a corpus folder with Python's Jinja2, set up as dbt sets it up.

dbt (dbt_common/clients/jinja.py, get_environment) renders with a SandboxedEnvironment, the `do` and
`loopcontrols` extensions, Jinja's default Undefined and default whitespace settings (trim_blocks,
lstrip_blocks and keep_trailing_newline all off), and adds the as_text/as_bool/as_native/as_number
filters, which are no-ops when rendering text.

Usage: python3 jinja_oracle.py CORPUS_DIR
Prints one JSON object: {"jinja2": version, "cases": {name: {"output": text} or {"error": message}}}.
A case is NAME.sql with an optional NAME.json holding the render's globals.
"""

import json
import os
import sys

import jinja2
import jinja2.sandbox


def environment():
    env = jinja2.sandbox.SandboxedEnvironment(extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"])
    env.filters.update({name: (lambda x: x) for name in ("as_text", "as_bool", "as_native", "as_number")})
    return env


def main(corpus):
    env = environment()
    cases = {}
    for file in sorted(os.listdir(corpus)):
        if not file.endswith(".sql"):
            continue
        name = file[: -len(".sql")]
        with open(os.path.join(corpus, file), encoding="utf-8", newline="") as f:
            source = f.read()
        context = {}
        context_file = os.path.join(corpus, name + ".json")
        if os.path.exists(context_file):
            with open(context_file, encoding="utf-8") as f:
                context = json.load(f)
        try:
            cases[name] = {"output": env.from_string(source).render(**context)}
        except Exception as e:  # the case expects an error: record which
            cases[name] = {"error": f"{type(e).__name__}: {e}"}
    json.dump({"jinja2": jinja2.__version__, "cases": cases}, sys.stdout, ensure_ascii=True)


if __name__ == "__main__":
    main(sys.argv[1])
