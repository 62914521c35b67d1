#!/usr/bin/env bash
# Benchmark of `privreg import` against the sqlite3 command-line shell
# (issue #5), kept so that the figures in README.md "Performance" can be
# reproduced and re-checked after a change.
#
#   scripts/bench_import.sh                  # 100000 and 1000000 rows, 3 runs each
#   RUNS=5 scripts/bench_import.sh 1000000   # other sizes and run counts
#
# For each size it generates that many customers with
# ../shared/bench/gen_customers.py into bench-data/ (gitignored; a file
# that is there already is reused), builds the release binary, and then
# runs, RUNS times and alternately:
#   privreg  a new register (`privreg init`), then
#            `privreg import customer FILE` (timed alone);
#   anchor   the sqlite3 shell on a new file, in one transaction: `.import`
#            of the same CSV into a plain table, then the same indexes
#            (unique hetu, unique email, phone, and an FTS5 unicode61 index
#            over first_name, last_name, email and city).
# It prints every run's wall time and peak memory (GNU time), the medians
# and the ratio privreg / anchor; then, on the register of the largest
# size, the wall time of whole `privreg search` processes.
#
# Needs python3, sqlite3 with FTS5 and GNU time (/usr/bin/time). The
# machine's other load counts in every figure: run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-3}"
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100000 1000000)
GEN=../shared/bench/gen_customers.py
DATA=bench-data
TIME=/usr/bin/time
mkdir -p "$DATA"

for tool in python3 sqlite3 "$TIME"; do
    command -v "$tool" >/dev/null || { echo "bench_import.sh: needs $tool" >&2; exit 1; }
done
[ -f "$GEN" ] || { echo "bench_import.sh: $GEN is missing" >&2; exit 1; }

cargo build --release --quiet
PRIVREG="$PWD/target/release/privreg"
export PRIVREG_OPERATOR=bench
# Registers are sealed (issue #14): the passphrase from a 0600 file. Each
# command pays one Argon2id derivation (~0.25 s) unless `privreg unlock`.
PASS="$DATA/bench.pass"
( umask 077; echo "bench passphrase for privreg" > "$PASS" )
export PRIVREG_PASSPHRASE_FILE="$PWD/$PASS"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "sqlite3 $(sqlite3 --version | cut -d' ' -f1), privreg $("$PRIVREG" --version | cut -d' ' -f2)"

for n in "${SIZES[@]}"; do
    csv="$DATA/customers-$n.csv"
    if [ ! -s "$csv" ]; then
        echo "generating $csv"
        python3 "$GEN" "$n" > "$csv.tmp" && mv "$csv.tmp" "$csv"
    fi
    db="$DATA/privreg-$n.db"
    anchor="$DATA/anchor-$n.db"
    : > "$DATA/p.times"; : > "$DATA/a.times"
    echo
    echo "== $n rows ($(du -h "$csv" | cut -f1) of CSV), $RUNS runs each, alternately"
    for run in $(seq "$RUNS"); do
        rm -f "$db" "$db-wal" "$db-shm"
        rm -f "$db-keys"
        PRIVREG_DB="$db" "$PRIVREG" init --admin bench 2>/dev/null
        sync
        PRIVREG_DB="$db" "$TIME" -f "%e %M" -o "$DATA/p.one" \
            "$PRIVREG" --quiet import customer "$csv"
        read -r secs kib < "$DATA/p.one"
        echo "$secs $kib" >> "$DATA/p.times"
        printf '  run %s  privreg %6.2f s  %4d MiB peak\n' "$run" "$secs" $((kib / 1024))

        rm -f "$anchor"
        sync
        "$TIME" -f "%e %M" -o "$DATA/a.one" sqlite3 "$anchor" <<SQL
BEGIN;
.mode csv
.import $csv customers
CREATE UNIQUE INDEX customers_hetu ON customers(hetu);
CREATE UNIQUE INDEX customers_email ON customers(email);
CREATE INDEX customers_phone ON customers(phone);
CREATE VIRTUAL TABLE customers_search USING fts5(first_name, last_name, email, city, content='customers', tokenize='unicode61');
INSERT INTO customers_search (customers_search) VALUES ('rebuild');
COMMIT;
SQL
        read -r secs kib < "$DATA/a.one"
        echo "$secs $kib" >> "$DATA/a.times"
        printf '  run %s  anchor  %6.2f s  %4d MiB peak\n' "$run" "$secs" $((kib / 1024))
    done
    p=$(cut -d' ' -f1 "$DATA/p.times" | median)
    a=$(cut -d' ' -f1 "$DATA/a.times" | median)
    rss=$(cut -d' ' -f2 "$DATA/p.times" | sort -n | tail -1)
    printf '  median  privreg %.2f s, anchor %.2f s, ratio %.2f; privreg peak memory %d MiB\n' \
        "$p" "$a" "$(echo "$p $a" | awk '{print $1/$2}')" $((rss / 1024))
    rm -f "$anchor"
done

db="$DATA/privreg-${SIZES[-1]}.db"
echo
echo "== search on the register of ${SIZES[-1]} rows: wall time of the whole process, median of 9"
hetu=$(sed -n 2p "$DATA/customers-${SIZES[-1]}.csv" | cut -d, -f3)
search() {
    for _ in $(seq 9); do
        start=$(date +%s%N)
        PRIVREG_DB="$db" "$PRIVREG" search "$@" > /dev/null
        echo $(( ($(date +%s%N) - start) / 1000 ))
    done | median
}
for query in "makinen" "matti virtanen" "korhonen tampere" "lindqvist"; do
    printf '  search %-22s %6.1f ms\n' "\"$query\"" "$(echo "$(search "$query") / 1000" | bc -l)"
done
printf '  search %-22s %6.1f ms\n' "--hetu (first row's)" "$(echo "$(search --hetu "$hetu") / 1000" | bc -l)"
