#!/usr/bin/env bash
# Runs the whole test suite with the machine's clock set to each of the
# dates issue #12 names (and any given as arguments), through libfaketime
# (Debian's `faketime`). The test binaries are built first with the real
# clock, so cargo's own timestamps stay sane; only the tests and the
# privreg processes they start see the faked date.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v faketime >/dev/null || { echo "needs faketime (apt-get install faketime)" >&2; exit 2; }

dates=("$@")
[ ${#dates[@]} -gt 0 ] || dates=(2026-11-24 "$(date +%F)" 2027-03-01 2028-02-29 2031-12-31)

# The test binaries cargo would run, as JSON lines from a no-run build.
mapfile -t bins < <(cargo test --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m.get("profile", {}).get("test") and m.get("executable"):
        print(m["executable"])')

for d in "${dates[@]}"; do
    # 23:30 UTC: already the next day in Helsinki, the hour a split clock shows
    for t in "$d 09:00:00" "$d 23:30:00"; do
        echo "== $t UTC"
        for b in "${bins[@]}"; do
            TZ=UTC faketime -f "@$t" "$b" -q 2>&1 | grep -E '^test result|FAILED|panicked' || true
        done
    done
done
