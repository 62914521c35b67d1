//! Fills a register's audit log with N chained entries and writes a
//! checkpoint every N/100 entries to a file, for the `audit verify`
//! benchmark of issue #15 (`scripts/bench_checkpoint.sh`). The entries go
//! through privreg's own `store::audit::append`, so the chain is real.
//!
//! cargo run --release --example fill_audit_log -- REGISTER N CHECKPOINTS_FILE
//!
//! A sealed register is unlocked as operator `anne` with the passphrase in
//! the first line of `PRIVREG_PASSPHRASE_FILE`.

use std::io::Write;

use privreg::domain::checkpoint::Checkpoint;
use privreg::store::audit::{self, Entry};
use privreg::store::Store;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, db, n, out] = &args[..] else {
        return Err("usage: fill_audit_log REGISTER N CHECKPOINTS_FILE".into());
    };
    let n: i64 = n.parse()?;
    let path = std::path::Path::new(db);
    if privreg::seal::is_sealed(path)? {
        let file = std::env::var("PRIVREG_PASSPHRASE_FILE")?;
        let text = std::fs::read_to_string(file)?;
        let pass = text.lines().next().unwrap_or_default();
        privreg::seal::remember(privreg::seal::read_slots(path)?.unlock("anne", pass)?);
    }
    let mut store = Store::open(path)?;
    let register_id = privreg::store::register_id(&store.peek()?)?;
    let mut file = std::fs::File::create(out)?;
    let every = (n / 100).max(1);
    let tx = store.begin(privreg::store::Mode::Write)?;
    for i in 1..=n {
        let entry = Entry::new("search")
            .record(format!("C-{}", i % 5000 + 1))
            .rows(1);
        audit::append(&tx, "anne", "2026-11-24T10:00:00.000Z", &entry)?;
        if i % every == 0 {
            let (seq, hash) = audit::head(&tx)?.expect("entries were appended");
            let cp = Checkpoint {
                register_id: register_id.clone(),
                seq,
                hash,
                at: "2026-11-24T10:00:00.000Z".into(),
            };
            writeln!(file, "{cp}")?;
        }
    }
    tx.commit()?;
    Ok(())
}
