#!/usr/bin/env bash
# issue #15: `audit verify` of a 1,000,000-entry log against 100
# checkpoints, as a whole process (target < 5 s). Release build.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
dir=bench-data/checkpoint
rm -rf "$dir"; mkdir -p "$dir"
cargo build --release --quiet
cargo build --release --quiet --example fill_audit_log
bin=target/release/privreg
export PRIVREG_DB=$dir/reg.db PRIVREG_OPERATOR=anne
# a sealed register (SPEC §7): the passphrase from a private file
(umask 077; echo "bench-passphrase-$$" > "$dir/pass")
export PRIVREG_PASSPHRASE_FILE=$dir/pass
"$bin" --quiet init --admin anne
echo "filling $N entries..."
/usr/bin/time -f "fill: %e s" target/release/examples/fill_audit_log "$PRIVREG_DB" "$N" "$dir/checkpoints.txt"
echo "checkpoints: $(wc -l < "$dir/checkpoints.txt")"
for i in 1 2 3; do
    /usr/bin/time -f "verify with checkpoints: %e s, %M KiB" "$bin" audit verify --checkpoint "$dir/checkpoints.txt" | tail -1
done
/usr/bin/time -f "verify without: %e s" "$bin" audit verify | tail -1
