#!/usr/bin/env bash
# Everyday operations on large registers, release build, as whole processes:
#   - search and add on 100,000 people                (issue #2: < 50 ms, < 20 ms)
#   - marketing-list --channel email on 1,000,000     (issue #3: < 2 s)
#   - erase one record of 1,000,000                   (issue #4: < 100 ms)
#   - retention sweep of 100,000 expired records      (issue #4: < 60 s)
#   - export subject on 1,000,000                     (issue #6: < 100 ms)
#   - export register customer of 1,000,000 vs `sqlite3 -csv` (issue #5/#6: <= 1.5x)
#
#   scripts/bench_ops.sh            # N=1000000
#   N=200000 scripts/bench_ops.sh   # a quicker run
#
# Data comes from ../shared/bench/gen_customers.py into bench-data/ (gitignored)
# and enters the registers through `privreg import`. Only the bulk marketing
# preferences (30% e-mail consents, 10% opt-outs) are written with the sqlite3
# CLI, as privreg has no bulk command for them. Each figure is the median of
# several runs; the first run of a command is discarded as a warm-up.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-1000000}"
GEN=../shared/bench/gen_customers.py
DATA=bench-data
mkdir -p "$DATA"
cargo build --release --quiet
P="$PWD/target/release/privreg"
export PRIVREG_OPERATOR=bench PRIVREG_TODAY=2026-11-24

median_ms() { # label runs command...
    local label=$1 runs=$2; shift 2
    "$@" >/dev/null 2>&1 || { echo "$label: command failed: $*" >&2; "$@" >/dev/null; }
    local times=()
    for _ in $(seq "$runs"); do
        local t0; t0=$(date +%s%N)
        "$@" >/dev/null 2>&1
        times+=($(( ($(date +%s%N) - t0) / 1000000 )))
    done
    local sorted; sorted=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
    printf '%-48s median %6s ms   (runs: %s)\n' "$label" "$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")" "$sorted"
}

fresh() { # db
    rm -f "$1" "$1-wal" "$1-shm"
    PRIVREG_DB="$1" "$P" init --admin bench --quiet
}

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB; privreg $("$P" --version)"

# ---- 100,000 people: search and add (issue #2)
[ -f "$DATA/c100k.csv" ] || python3 "$GEN" 100000 --seed 1 > "$DATA/c100k.csv"
DB="$DATA/r100k.db"; fresh "$DB"; export PRIVREG_DB="$DB"
t0=$(date +%s%N); "$P" import customer "$DATA/c100k.csv" --quiet >/dev/null
echo "import 100,000 customers: $(( ($(date +%s%N) - t0) / 1000000 )) ms"
HETU=$(sed -n 5000p "$DATA/c100k.csv" | cut -d, -f3)
median_ms "search virtanen (100k)" 11 "$P" search virtanen
median_ms "search 'mak tam' (100k)" 11 "$P" search "mak tam"
median_ms "search --hetu (100k)" 11 "$P" search --hetu "$HETU"
i=0
add_one() { i=$((i + 1)); "$P" add customer --set first_name=Bench --set "last_name=Person$RANDOM$i" --set city=Oulu; }
median_ms "add one customer (100k)" 11 add_one

# ---- 1,000,000 people (issues #3, #4, #6)
[ -f "$DATA/c${N}.csv" ] || python3 "$GEN" "$N" --seed 2 > "$DATA/c${N}.csv"
DB="$DATA/r${N}.db"; fresh "$DB"; export PRIVREG_DB="$DB"
t0=$(date +%s%N); "$P" import customer "$DATA/c${N}.csv" --quiet >/dev/null
echo "import $N customers: $(( ($(date +%s%N) - t0) / 1000000 )) ms"
sqlite3 "$DB" "
  INSERT INTO preferences (record, kind, channel, purpose, source, effective, recorded_at, recorded_by)
    SELECT rowid, 'consent', 'email', 'marketing', 'web-form', '2025-01-01', '2025-01-01T00:00:00Z', 'bench' FROM records WHERE rowid % 10 < 3;
  INSERT INTO preferences (record, kind, channel, purpose, source, effective, recorded_at, recorded_by)
    SELECT rowid, 'optout', 'all', 'all', 'letter', '2026-01-01', '2026-01-01T00:00:00Z', 'bench' FROM records WHERE rowid % 10 = 1;"
median_ms "marketing-list --channel email csv ($N)" 5 "$P" marketing-list --channel email --format csv
median_ms "marketing-list --channel post csv ($N)" 3 "$P" marketing-list --channel post --format csv
median_ms "export subject C-123456 ($N)" 11 "$P" export subject C-123456
median_ms "search virtanen ($N)" 11 "$P" search virtanen
median_ms "search --hetu ($N)" 11 "$P" search --hetu "$(sed -n 777777p "$DATA/c${N}.csv" | cut -d, -f3)"

# erase: end relationships that began before 2018 on 2018-12-31 (long enough
# ago that no hold applies), then erase them one by one
mapfile -t IDS < <(sqlite3 "$DB" "SELECT 'C-' || number FROM records WHERE register = 'customer' AND relationship_start < '2018-06-01' AND rowid % 7919 = 0 LIMIT 12")
for id in "${IDS[@]}"; do "$P" end "$id" --date 2018-12-31 --quiet >/dev/null; done
n=0
erase_one() { local id=${IDS[$n]}; n=$((n + 1)); "$P" erase "$id" --reason "benchmark erasure"; }
median_ms "erase one record ($N)" 11 erase_one

# export register vs sqlite3 -csv of the same table
median_ms "export register customer csv ($N)" 3 "$P" export register customer
median_ms "sqlite3 -csv SELECT * FROM records ($N)" 3 sqlite3 -csv -header "$DB" "SELECT * FROM records WHERE register = 'customer'"

# ---- a sweep of 100,000 expired records in the million
python3 - "$GEN" "$DATA/expired.csv" <<'PY'
import csv, subprocess, sys, io
gen, out = sys.argv[1], sys.argv[2]
raw = subprocess.run([sys.executable, gen, "220000", "--seed", "3"], capture_output=True, text=True, check=True).stdout
rows = csv.reader(io.StringIO(raw))
header = next(rows)
start = header.index("relationship_start")
with open(out, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow([h for h in header if h not in ("hetu", "email")] + ["relationship_end"])
    n = 0
    for r in rows:
        if r[start] < "2019-06-01" and n < 100000:
            w.writerow([v for h, v in zip(header, r) if h not in ("hetu", "email")] + ["2019-12-31"])
            n += 1
PY
"$P" import customer "$DATA/expired.csv" --quiet >/dev/null
echo "expired records to sweep: $("$P" retention report --format csv | tail -n +2 | wc -l)"
t0=$(date +%s%N); "$P" retention sweep --quiet --format csv | tail -n +2 | wc -l
echo "retention sweep: $(( ($(date +%s%N) - t0) / 1000000 )) ms"
"$P" audit verify
