#!/usr/bin/env python3
"""Lists public declarations without a `///` doc comment right above them (attributes aside).

Usage: scripts/undocumented-public.py Sources/Handout Sources/VisualDiff ...
Prints FILE:LINE: declaration for each; exits 1 when any is found. The same rule as
Tests/PlottingTests/DocCoverageTests.swift and Tests/CLITests/DocCoverageCLITests.swift.
"""
import os, re, sys

decl = re.compile(r'^\s*(@[\w()]+\s+)*(public|open)\s+(?!extension\b)')
missing = []
for root in sys.argv[1:]:
    for d, _, files in os.walk(root):
        for f in sorted(files):
            if not f.endswith('.swift'):
                continue
            path = os.path.join(d, f)
            lines = open(path, encoding='utf-8').read().split('\n')
            for i, line in enumerate(lines):
                if not decl.match(line):
                    continue
                j = i - 1
                while j >= 0 and lines[j].strip().startswith('@'):
                    j -= 1
                if j < 0 or not lines[j].strip().startswith('///'):
                    missing.append(f'{path}:{i + 1}: {line.strip()}')
print('\n'.join(missing))
sys.exit(1 if missing else 0)
