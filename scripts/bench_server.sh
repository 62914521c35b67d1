#!/usr/bin/env bash
# Server mode's figures (issue #17, SPEC §8), with a release build and
# 1,000,000 generated customers:
#   1. import into a server register against `psql \copy` of the same CSV
#      into a table with the same indexes and search index (target ≤ 1.5×);
#   2. search on the server register as a whole process (target < 50 ms);
#   3. `copy --to` of a 1,000,000-person (sealed) file into a server: time
#      and peak memory.
#
#   eval "$(scripts/pg_cluster.sh start)"      # or any cluster: PRIVREG_TEST_PG=postgresql://SUPERUSER@…/postgres
#   N=1000000 scripts/bench_server.sh
#   (NO_BUILD=1 PRIVREG_BIN=path: that binary, unbuilt; SKIP_COPY=1: 1 and 2 only)
#   scripts/pg_cluster.sh stop "$PRIVREG_TEST_PG_DIR"
#
# Figures are wall times of whole processes on this machine; run it on a
# quiet machine (the CI VM's timings wander ±20 %).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${PRIVREG_TEST_PG:?start a cluster: eval \"\$(scripts/pg_cluster.sh start)\"}"
N="${N:-1000000}"
DATA=bench-data
mkdir -p "$DATA"
[ -n "${NO_BUILD:-}" ] || cargo build --release --quiet
P="${PRIVREG_BIN:-${CARGO_TARGET_DIR:-$PWD/target}/release/privreg}"
csv="$PWD/$DATA/customers-$N.csv"
[ -s "$csv" ] || { python3 ../shared/bench/gen_customers.py "$N" > "$csv.tmp" && mv "$csv.tmp" "$csv"; }
PASS="$PWD/$DATA/bench.pass"
( umask 077; echo "bench passphrase for privreg" > "$PASS" )
export PRIVREG_PASSPHRASE_FILE="$PASS" PRIVREG_NEW_PASSPHRASE_FILE="$PASS"

su_url="$PRIVREG_TEST_PG"                       # postgresql://SUPERUSER@HOST/postgres
base="${su_url%/*}"                             # postgresql://SUPERUSER@HOST
user="${base#postgresql://}"; user="${user%%@*}"
host="${base#*@}"
url() { echo "postgresql://$1@$host/$2"; }      # role, database
sql() { psql "$(url "$user" "$1")" -qAtX -v ON_ERROR_STOP=1 -c "$2"; }
fresh_db() { PGOPTIONS="-c client_min_messages=warning" sql postgres "DROP DATABASE IF EXISTS $1 WITH (FORCE)"; sql postgres "CREATE DATABASE $1"; }
timed() { # label command...: wall s, peak MiB
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$DATA/one.t" "$@" >/dev/null
    read -r secs kib < "$DATA/one.t"
    printf '%-44s %7.2f s  %5d MiB peak\n' "$label" "$secs" $((kib / 1024)) >&2
    echo "$secs"
}
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $N rows" >&2

# 1. import into a server, and psql \copy into a table with the same indexes
fresh_db bench_import
"$P" --db "$(url "$user" bench_import)" --quiet init --admin "$user" >/dev/null
imp=$(timed "privreg import (server)" "$P" --db "$(url "$user" bench_import)" --quiet import customer "$csv")
fresh_db bench_copy
"$P" --db "$(url "$user" bench_copy)" --quiet init --admin "$user" >/dev/null   # for privreg.search_text
trgm=$(sql bench_copy "SELECT extnamespace::regnamespace FROM pg_extension WHERE extname = 'pg_trgm'")
sql bench_copy "CREATE TABLE public.bench (first_name text, last_name text, hetu text, email text,
    phone text, language text, street text, postal_code text, city text, customer_number text,
    relationship_start text, register text DEFAULT 'customer',
    email_key text GENERATED ALWAYS AS (lower(email)) STORED,
    search_words text GENERATED ALWAYS AS (privreg.search_text(first_name, last_name, email, city, NULL)) STORED);
  CREATE UNIQUE INDEX ON public.bench (hetu, register) WHERE hetu IS NOT NULL;
  CREATE UNIQUE INDEX ON public.bench (email_key, register) WHERE email_key IS NOT NULL;
  CREATE INDEX ON public.bench (phone) WHERE phone IS NOT NULL;
  CREATE INDEX ON public.bench USING gin (search_words $trgm.gin_trgm_ops);"
cols="first_name, last_name, hetu, email, phone, language, street, postal_code, city, customer_number, relationship_start"
cp=$(timed "psql \\copy into the same indexes" psql "$(url "$user" bench_copy)" -qX -v ON_ERROR_STOP=1 \
    -c "\\copy public.bench ($cols) FROM '$csv' (FORMAT csv, HEADER)")
printf 'import / \\copy: %.2f (target ≤ 1.5)\n' "$(echo "$imp $cp" | awk '{print $1/$2}')" >&2

# 2. search on the server, whole processes (the median of 7)
for q in virtanen "matti vir" ko; do
    for _ in 1 2 3 4 5 6 7; do
        s=$(date +%s%N); "$P" --db "$(url "$user" bench_import)" --quiet search "$q" >/dev/null; e=$(date +%s%N)
        echo $(( (e - s) / 1000000 ))
    done | sort -n | sed -n 4p | xargs printf "search %-12s median %s ms (target < 50)\n" "'$q'" >&2
done

# 3. copy --to: a sealed file of N people into a server (SKIP_COPY=1: not)
if [ -n "${SKIP_COPY:-}" ]; then
    for d in bench_import bench_copy; do sql postgres "DROP DATABASE $d WITH (FORCE)"; done
    exit 0
fi
db="$DATA/server-bench.db"; rm -f "$db" "$db"-*
"$P" --db "$db" --quiet init --admin "$user" >/dev/null
timed "privreg import (sealed file, for the copy)" "$P" --db "$db" --as "$user" --quiet import customer "$csv" >/dev/null
fresh_db bench_copy_to
timed "privreg copy --to (sealed file -> server)" "$P" --db "$db" --as "$user" --quiet copy --to "$(url "$user" bench_copy_to)" >/dev/null
"$P" --db "$(url "$user" bench_copy_to)" --quiet audit verify >/dev/null && echo "audit verify on the copy: intact" >&2
for d in bench_import bench_copy bench_copy_to; do sql postgres "DROP DATABASE $d WITH (FORCE)"; done
