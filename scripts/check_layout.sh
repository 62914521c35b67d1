#!/usr/bin/env bash
# Checks the layout rules of issue #16 ("Done when") and CONTRIBUTING.md
# mechanically, and exits non-zero listing the offenders of each:
#   1. no source file under src/ over 700 lines (test files excepted);
#   2. no function over 100 lines (test code excepted);
#   3. `rusqlite` named only under src/store/;
#   4. no SQL text outside src/store/;
#   5. no module under src/domain imports `commands` or `ops`;
#   6. no import cycle between modules (a module using its own ancestors,
#      as a child uses its parent's items, does not count);
#   7. `duplicates --repo src --min-lines 11` finds no pair.
# Test code is a `#[cfg(test)]` item (inline module or function) or a file
# loaded by `#[cfg(test)] mod name;`. Usage: scripts/check_layout.sh
# [--skip FILE]... (FILE relative to the repository, e.g.
# src/commands/letter.rs: left out of rules 1, 2 and 7 while another change
# owns it; the rules themselves never skip anything).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v python3 >/dev/null || { echo "check_layout: needs python3" >&2; exit 2; }

skip=()
while [ $# -gt 0 ]; do
    case "$1" in
        --skip) skip+=("$2"); shift 2 ;;
        *) echo "usage: scripts/check_layout.sh [--skip FILE]..." >&2; exit 2 ;;
    esac
done

dups=""
if command -v duplicates >/dev/null; then
    dups=$(duplicates --repo src --min-lines 11 --most 200)
else
    echo "check_layout: \`duplicates\` is not installed: rule 7 not checked" >&2
fi

SKIP="${skip[*]:-}" DUPS="$dups" python3 - <<'PY'
import os, re, sys
from collections import defaultdict

MAX_FILE, MAX_FN = 700, 100
skip = set(os.environ.get("SKIP", "").split())
failures = defaultdict(list)

def strip(text):
    """The text with comments, strings and chars blanked (newlines kept)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i)); i = j
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j): depth += 1; j += 2
                elif text.startswith("*/", j): depth -= 1; j += 2
                else: j += 1
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif re.match(r'b?r#*"', text[i:i + 40]) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'b?r(#*)"', text[i:])
            if m is None:  # a plain b"..." string
                m = re.match(r'b"', text[i:])
                j = i + 2
                while j < n and text[j] != '"':
                    j += 2 if text[j] == "\\" else 1
                j += 1
            else:
                end = '"' + m.group(1)
                j = text.find(end, i + m.end())
                j = n if j < 0 else j + len(end)
            out.append('""' + re.sub(r"[^\n]", " ", text[i + 2:j])); i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            j += 1
            out.append('""' + re.sub(r"[^\n]", " ", text[i + 2:j])); i = j
        elif c == "'":
            m = re.match(r"'(\\[^']*|[^\\'])'", text[i:])
            if m:
                out.append("' '" + " " * (m.end() - 3)); i += m.end()
            else:  # a lifetime
                out.append(c); i += 1
        else:
            out.append(c); i += 1
    return "".join(out)

def block_end(code, open_at):
    """The index of the brace closing the one at open_at."""
    depth = 0
    for j in range(open_at, len(code)):
        if code[j] == "{": depth += 1
        elif code[j] == "}":
            depth -= 1
            if depth == 0: return j
    return len(code) - 1

def line_of(code, i):
    return code.count("\n", 0, i) + 1

def test_spans(code):
    """Spans of `#[cfg(test)]` items, and the files such items load."""
    spans, files = [], []
    for m in re.finditer(r"#\[cfg\(test\)\]", code):
        rest = code[m.end():]
        decl = re.match(r'(\s*#\[[^\]]*\])*\s*(pub(\([^)]*\))?\s+)?(mod|fn)\s+(\w+)[^{;]*([{;])', rest)
        if not decl: continue
        at = m.end() + decl.end() - 1
        if decl.group(6) == "{":
            spans.append((m.start(), block_end(code, at)))
        elif decl.group(4) == "mod":
            files.append((decl.group(5), decl.group(0)))
    return spans, files

sources = {}
for root, _, names in os.walk("src"):
    for name in names:
        if name.endswith(".rs"):
            path = os.path.join(root, name)
            with open(path, encoding="utf-8") as f:
                sources[path] = f.read()
stripped = {p: strip(t) for p, t in sources.items()}

test_files = set()
for path, code in stripped.items():
    for name, decl in test_spans(code)[1]:
        raw = sources[path]
        # the #[path] attribute's string is blanked in `code`: read the source
        start = code.find(decl)
        pm = re.search(r'#\[path\s*=\s*"([^"]+)"\]', raw[start:start + len(decl)])
        here = os.path.dirname(path)
        base = os.path.basename(path)
        if pm:
            test_files.add(os.path.normpath(os.path.join(here, pm.group(1))))
        else:
            own = here if base in ("mod.rs", "lib.rs", "main.rs") else os.path.join(here, base[:-3])
            test_files.add(os.path.join(own, name + ".rs"))
            test_files.add(os.path.join(own, name, "mod.rs"))

# 1 and 2: sizes.
for path in sorted(sources):
    if path in test_files or path in skip: continue
    code = stripped[path]
    lines = sources[path].count("\n")
    if lines > MAX_FILE:
        failures["files over %d lines" % MAX_FILE].append("%s: %d lines" % (path, lines))
    spans = test_spans(code)[0]
    for m in re.finditer(r"\bfn\s+(\w+)", code):
        if any(a <= m.start() <= b for a, b in spans): continue
        k = m.end()
        while k < len(code) and code[k] not in "{;": k += 1
        if k >= len(code) or code[k] == ";": continue
        first, last = line_of(code, m.start()), line_of(code, block_end(code, k))
        if last - first + 1 > MAX_FN:
            failures["functions over %d lines" % MAX_FN].append(
                "%s:%d: fn %s, %d lines" % (path, first, m.group(1), last - first + 1))

# 3 and 4: rusqlite and SQL only in src/store/.
SQL = re.compile(r"\b(SELECT\s+.+\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|"
                 r"CREATE\s+(TABLE|INDEX|TRIGGER|VIEW|VIRTUAL)|DROP\s+(TABLE|INDEX)|PRAGMA\s+\w+|"
                 r"ALTER\s+TABLE|BEGIN\s+(IMMEDIATE|EXCLUSIVE)|ATTACH\s+DATABASE)\b")
for path in sorted(sources):
    if path.startswith("src/store/"): continue
    tests = [(line_of(stripped[path], a), line_of(stripped[path], b)) for a, b in test_spans(stripped[path])[0]]
    for no, line in enumerate(sources[path].splitlines(), 1):
        if re.search(r"\brusqlite\b", line):
            failures["rusqlite named outside src/store/"].append("%s:%d" % (path, no))
        # SQL in a test's input (an injection attempt) is data, not a query
        in_test = path in test_files or any(a <= no <= b for a, b in tests)
        if SQL.search(line) and not in_test and not line.lstrip().startswith("//"):
            failures["SQL text outside src/store/"].append("%s:%d: %s" % (path, no, line.strip()[:80]))

# 5 and 6: module imports.
def module_of(path):
    parts = path[len("src/"):-3].split("/")
    if parts[-1] in ("mod", "lib", "main"): parts = parts[:-1]
    return tuple(parts)

modules = {module_of(p): p for p in sources if p not in test_files}
def resolve(parts):
    """The longest module (a file) that a path names."""
    parts = tuple(parts)
    while parts and parts not in modules: parts = parts[:-1]
    return parts

edges = defaultdict(set)
for path, code in stripped.items():
    if path in test_files: continue
    me = module_of(path)
    spans = test_spans(code)[0]
    body = "".join(ch if not any(a <= i <= b for a, b in spans) else " " for i, ch in enumerate(code)) if spans else code
    refs = []
    for m in re.finditer(r"\b(crate|super)((?:::\w+)+)", body):
        tail = m.group(2).split("::")[1:]
        if m.group(1) == "crate":
            refs.append(tail)
        else:
            up = list(me[:-1])
            while tail and tail[0] == "super": up, tail = up[:-1], tail[1:]
            refs.append(up + tail)
    # `use crate::x::{a, b::c}` groups
    for m in re.finditer(r"\buse\s+(crate|super)((?:::\w+)*)::\{([^;]*)\}\s*;", body):
        head = m.group(2).split("::")[1:]
        prefix = head if m.group(1) == "crate" else list(me[:-1]) + head
        for item in re.split(r"[,{}]", m.group(3)):
            item = item.strip().split(" as ")[0]
            if item and item != "self":
                refs.append(prefix + item.split("::"))
    for ref in refs:
        target = resolve(ref)
        if not target or target == me: continue
        if me[:len(target)] == target: continue  # an ancestor's items
        edges[me].add(target)
        if me and me[0] == "domain" and target[0] in ("commands", "ops"):
            failures["domain importing commands or ops"].append(
                "%s uses %s" % (path, "::".join(target)))

index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]
def connect(v):
    index[v] = low[v] = counter[0]; counter[0] += 1
    stack.append(v); on.add(v)
    for w in edges[v]:
        if w not in index:
            connect(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        scc = []
        while True:
            w = stack.pop(); on.discard(w); scc.append(w)
            if w == v: break
        if len(scc) > 1: sccs.append(scc)
sys.setrecursionlimit(10000)
for v in list(modules):
    if v not in index: connect(v)
for scc in sccs:
    names = sorted("::".join(m) or "crate" for m in scc)
    failures["import cycles"].append(" <-> ".join(names))

# 7: duplicates.
dups = os.environ.get("DUPS", "")
for line in dups.splitlines():
    m = re.match(r"D\d+ (\S+):\d+-\d+ ~ (\S+):\d+-\d+", line)
    if m and not ({"src/" + m.group(1), "src/" + m.group(2)} & skip):
        failures["duplicates (--min-lines 11)"].append(line)

for rule, offenders in failures.items():
    print("%s (%d):" % (rule, len(offenders)))
    for o in offenders: print("  " + o)
if failures:
    sys.exit(1)
print("layout: all rules hold")
PY
