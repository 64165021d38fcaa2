"""The oracle for WildcardOracleTests: what Python's fnmatch and pathlib, which dbt-core's selector methods call,
answer for the cases on stdin.

Input (JSON): {"fnmatch": [[text, pattern], ...], "files": [relative path, ...], "globs": [pattern, ...]}.
Output (JSON): {"fnmatch": [bool, ...], "globs": {pattern: [selected file, ...]}}, where a file is selected by a
glob as dbt's `path:` method selects a node: the glob (run in a folder holding exactly those files) returns the
file itself or one of its parent folders.
"""
import json
import sys
import tempfile
from fnmatch import fnmatchcase
from pathlib import Path

cases = json.load(sys.stdin)
result = {"fnmatch": [fnmatchcase(text, pattern) for text, pattern in cases["fnmatch"]], "globs": {}}
with tempfile.TemporaryDirectory() as folder:
    root = Path(folder)
    for file in cases["files"]:
        (root / file).parent.mkdir(parents=True, exist_ok=True)
        (root / file).touch()
    for pattern in cases["globs"]:
        paths = set(p.relative_to(root) for p in root.glob(pattern))
        result["globs"][pattern] = [
            file for file in cases["files"]
            if Path(file) in paths or any(parent in paths for parent in Path(file).parents)
        ]
json.dump(result, sys.stdout)
