#!/usr/bin/env bash
# Issue #14's figures for the sealed register, as whole processes:
#   - import of N customers into a sealed register / into a plain one (<= 1.15)
#   - search on an unlocked sealed register of N people (< 50 ms)
#   - one Argon2id derivation (a read-only command, sealed minus plain)
#
#   scripts/bench_seal.sh             # N=1000000, RUNS=3
#   N=100000 RUNS=5 scripts/bench_seal.sh
#
# Both registers are made and imported by ONE binary, built with the
# `bench-plain` profile (release code with debug assertions, so that
# PRIVREG_TEST_PLAIN=1 can make the plain register); runs alternate. Data
# from ../shared/bench/gen_customers.py into bench-data/ (gitignored).
# Needs python3 and GNU time. Run on a quiet machine: other load counts.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-1000000}"
RUNS="${RUNS:-3}"
GEN=../shared/bench/gen_customers.py
DATA=bench-data
mkdir -p "$DATA"
cargo build --profile bench-plain --quiet
P="$PWD/target/bench-plain/privreg"
export PRIVREG_OPERATOR=bench
PASS="$DATA/bench.pass"
( umask 077; echo "bench passphrase for privreg" > "$PASS" )
export PRIVREG_PASSPHRASE_FILE="$PWD/$PASS"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
csv="$DATA/customers-$N.csv"
[ -s "$csv" ] || { python3 "$GEN" "$N" > "$csv.tmp" && mv "$csv.tmp" "$csv"; }

fresh() { # db plain?
    rm -f "$1" "$1-wal" "$1-shm" "$1-keys"
    if [ "$2" = plain ]; then PRIVREG_TEST_PLAIN=1 PRIVREG_DB="$1" "$P" init --admin bench --quiet
    else PRIVREG_DB="$1" "$P" init --admin bench --quiet; fi
}
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $N rows"
: > "$DATA/plain.t"; : > "$DATA/sealed.t"; : > "$DATA/plain.cpu"; : > "$DATA/sealed.cpu"
for run in $(seq "$RUNS"); do
    for kind in plain sealed; do
        db="$DATA/seal-$kind.db"
        fresh "$db" "$kind"
        sync
        PRIVREG_DB="$db" /usr/bin/time -f "%e %U %S %M" -o "$DATA/one.t" "$P" --quiet import customer "$csv" >/dev/null
        read -r secs user sys kib < "$DATA/one.t"
        cpu=$(echo "$user $sys" | awk '{print $1+$2}')
        echo "$secs" >> "$DATA/$kind.t"
        echo "$cpu" >> "$DATA/$kind.cpu"
        printf '  run %s %-6s import %6.2f s wall  %6.2f s CPU  %4d MiB peak\n' "$run" "$kind" "$secs" "$cpu" $((kib / 1024))
    done
done
p=$(median < "$DATA/plain.t"); s=$(median < "$DATA/sealed.t")
printf 'median import wall: plain %.2f s, sealed %.2f s, sealed/plain %.3f\n' "$p" "$s" "$(echo "$s $p" | awk '{print $1/$2}')"
pc=$(median < "$DATA/plain.cpu"); sc=$(median < "$DATA/sealed.cpu")
printf 'median import CPU (user+sys, less sensitive to other load): plain %.2f s, sealed %.2f s, sealed/plain %.3f\n' "$pc" "$sc" "$(echo "$sc $pc" | awk '{print $1/$2}')"

ms() { # runs command...: median wall ms of whole processes
    local runs=$1; shift
    for _ in $(seq "$runs"); do
        local t0; t0=$(date +%s%N); "$@" >/dev/null; echo $(( ($(date +%s%N) - t0) / 1000 ))
    done | median | awk '{printf "%.1f", $1/1000}'
}
sealed="$DATA/seal-sealed.db"; plain="$DATA/seal-plain.db"
hetu=$(sed -n 2p "$csv" | cut -d, -f3)
echo "one Argon2id derivation: sealed minus plain \`operator list\`, median of 9:"
a=$(PRIVREG_DB="$sealed" ms 9 "$P" operator list); b=$(PRIVREG_DB="$plain" ms 9 "$P" operator list 2>/dev/null)
echo "  sealed $a ms, plain $b ms, difference $(echo "$a $b" | awk '{printf "%.1f", $1-$2}') ms"
if PRIVREG_DB="$sealed" "$P" unlock --for 30m >/dev/null 2>&1; then
    unset PRIVREG_PASSPHRASE_FILE
    echo "search on the unlocked sealed register of $N, median of 9 (plain for comparison):"
    for q in virtanen "matti virtanen" "korhonen tampere" lindqvist; do
        printf '  %-20s sealed %7s ms   plain %7s ms\n' "\"$q\"" \
            "$(PRIVREG_DB="$sealed" ms 9 "$P" search "$q" 2>/dev/null)" "$(PRIVREG_DB="$plain" ms 9 "$P" search "$q" 2>/dev/null)"
    done
    printf '  %-20s sealed %7s ms   plain %7s ms\n' "--hetu" \
        "$(PRIVREG_DB="$sealed" ms 9 "$P" search --hetu "$hetu")" "$(PRIVREG_DB="$plain" ms 9 "$P" search --hetu "$hetu" 2>/dev/null)"
    PRIVREG_DB="$sealed" "$P" lock >/dev/null 2>&1 || true
else
    echo "unlock: no kernel keyring here; search figures include one derivation"
fi
