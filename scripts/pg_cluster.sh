#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the server-mode tests (SPEC §8): made
# with Debian's `postgresql` package, run as an unprivileged user (CI runs
# as root, and postgres refuses root), listening only on a Unix socket in
# its own directory (no TCP at all), and removed by `stop`.
#
#   eval "$(scripts/pg_cluster.sh start)"   # exports PRIVREG_TEST_PG and PGHOST
#   scripts/pg_cluster.sh stop "$PRIVREG_TEST_PG_DIR"
#
# `start K` makes K such clusters, each in its own directory with its own
# socket, so that K tests that make login roles (roles are a cluster's) run
# at once: PRIVREG_TEST_PG and PGHOST name the first, PRIVREG_TEST_PG_ALL
# lists every admin URL (space-separated) and PRIVREG_TEST_PG_DIR every
# directory, which `stop` takes as one argument or several.
set -euo pipefail

pg_bin() {
    local d
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [ -n "$d" ] || { echo "no PostgreSQL server: apt-get install postgresql" >&2; exit 2; }
    echo "$d"
}

run_as() {
    # the cluster's owner: the caller if not root, else a system user
    if [ "$(id -u)" = 0 ]; then
        id privreg-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin privreg-pg
        # from /, which it may enter: CI's clone may be root's alone
        (cd / && runuser -u privreg-pg -- "$@")
    else
        "$@"
    fi
}

# One cluster; prints its directory and admin URL. (A process of its own,
# `$0 start-one`, so that `set -e` holds in it whatever calls it.)
start_one() (
    bin=$(pg_bin)
    dir=$(mktemp -d /tmp/privreg-pg.XXXXXX)
    # A start that fails says why and leaves nothing behind.
    trap 'cat "$dir"/*.log >&2 2>/dev/null; run_as "$bin/pg_ctl" --pgdata "$dir/data" --mode immediate stop >/dev/null 2>&1; rm -rf "$dir"' ERR
    [ "$(id -u)" = 0 ] && { id privreg-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin privreg-pg; chown privreg-pg "$dir"; }
    run_as "$bin/initdb" --pgdata "$dir/data" --auth-local=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
    # Members of one group sign in with a password (SCRAM), everyone else
    # is trusted on the socket: the tests check with it that privreg finds
    # a password in PGPASSWORD or ~/.pgpass and never shows it.
    run_as sed -i '1i local all +privreg_test_password scram-sha-256' "$dir/data/pg_hba.conf"
    run_as "$bin/pg_ctl" --pgdata "$dir/data" --log "$dir/server.log" --wait \
        -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off -c max_connections=200" start >/dev/null
    echo "$dir postgresql://postgres@${dir//\//%2F}/postgres"
)

case "${1:-}" in
start)
    k=${2:-1}
    # (an old caller's directory argument is not a count: one cluster)
    [[ "$k" =~ ^[1-9][0-9]?$ ]] || k=1
    dirs=() urls=()
    for _ in $(seq "$k"); do
        # a failure stops the ones made before it too
        if ! line=$("$0" start-one); then
            [ ${#dirs[@]} -eq 0 ] || "$0" stop "${dirs[@]}"
            exit 1
        fi
        dirs+=("${line%% *}") urls+=("${line#* }")
    done
    echo "export PRIVREG_TEST_PG_DIR='${dirs[*]}' PGHOST='${dirs[0]}' PRIVREG_TEST_PG='${urls[0]}' PRIVREG_TEST_PG_ALL='${urls[*]}'"
    ;;
start-one)
    start_one
    ;;
stop)
    : "${2:?which clusters: the PRIVREG_TEST_PG_DIR that start printed}"
    shift
    bin=$(pg_bin)
    # one argument of several directories (quoted) or several arguments
    for dir in $*; do
        # only what start made (and never a path with nothing of a cluster)
        [ -f "$dir/data/PG_VERSION" ] || { echo "no cluster in $dir: left alone" >&2; continue; }
        run_as "$bin/pg_ctl" --pgdata "$dir/data" --mode immediate stop >/dev/null 2>&1 || true
        rm -rf "$dir"
    done
    ;;
*)
    echo "usage: $0 start [K] | stop DIR..." >&2
    exit 2
    ;;
esac
