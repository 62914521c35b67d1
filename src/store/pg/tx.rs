//! A register on a server as a backend behind `Store` and `Tx` (see "Two
//! backends" in `store/mod.rs`): opening it, and its transactions.

use std::cell::RefCell;

use postgres::Client;

use super::{connect, server_error, Target};
use crate::error::{Error, Result};
use crate::messages::S;
use crate::store::Mode;

/// The advisory lock every write transaction takes first, so that writers
/// are serialised from their start as on a file (`BEGIN IMMEDIATE`): no
/// two commands interleave their checks and writes, and none waits for a
/// row lock the other holds (no deadlock). Advisory locks are the
/// database's own, so registers in other databases do not wait. Any role
/// may take one. The number is "PRVR" in ASCII, the file's application id.
const WRITER_LOCK: i64 = 0x5052_5652;

/// Connects to the register at `url` (the `--db` of SPEC §8): refuses a
/// database without one, or with one from a newer privreg; queries then
/// name its tables without a schema, as on a file.
pub fn open(url: &str) -> Result<Client> {
    let target = Target::parse(url)?;
    let mut client = connect(&target)?;
    let context = S::ServerCannotOpen.say(&[&target.shown]);
    let version: Option<i32> = client
        .query_typed_one(
            "SELECT CASE WHEN pg_catalog.to_regclass('privreg.schema_migrations') IS NOT NULL
                    THEN 1 END",
            &[],
        )
        .map_err(|e| server_error(&context, &e))?
        .get(0);
    if version.is_none() {
        return Err(Error::Storage(S::ServerNoRegister.say(&[&context])));
    }
    client
        .batch_execute("SET search_path = privreg, pg_temp")
        .map_err(|e| server_error(&context, &e))?;
    super::init::forward(&mut client, target.user(), &context)?;
    Ok(client)
}

/// One transaction on the store's client: `BEGIN` … `COMMIT`, rolled back
/// when dropped without [`ServerTx::commit`].
pub struct ServerTx<'a> {
    client: &'a RefCell<Client>,
    done: bool,
}

impl<'a> ServerTx<'a> {
    /// A read: one snapshot for the whole transaction (REPEATABLE READ),
    /// read-only, waiting for no writer. A write: READ COMMITTED after
    /// [`WRITER_LOCK`], so it sees every write committed before it began.
    pub fn begin(client: &'a RefCell<Client>, mode: Mode) -> Result<ServerTx<'a>> {
        let tx = ServerTx {
            client,
            done: false,
        };
        match mode {
            Mode::Read => client
                .borrow_mut()
                .batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")?,
            Mode::Write => tx.take_writer_lock()?,
        }
        Ok(tx)
    }

    /// [`WRITER_LOCK`], waited for as long as `PRIVREG_BUSY_TIMEOUT` says
    /// (the file's busy wait): taken at once if free; else the wait is
    /// announced and the server waits up to the timeout (`lock_timeout`,
    /// which advisory locks obey), and a wait that runs out is the file's
    /// refusal (exit 7), never a wait for ever behind a stuck command.
    ///
    /// The transaction begins in the same round trip as the first try, as
    /// every write's start did before it could wait only so long.
    fn take_writer_lock(&self) -> Result<()> {
        let mut client = self.client.borrow_mut();
        let answer = client.simple_query(&format!(
            "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_catalog.pg_try_advisory_xact_lock({WRITER_LOCK})"
        ))?;
        let free = answer.iter().any(
            |m| matches!(m, postgres::SimpleQueryMessage::Row(row) if row.get(0) == Some("t")),
        );
        if free {
            return Ok(());
        }
        crate::store::busy::tell_waiting();
        let ms = crate::store::busy::busy_timeout().as_millis().max(1);
        client.batch_execute(&format!("SET LOCAL lock_timeout = {ms}"))?;
        match client.execute(
            "SELECT pg_catalog.pg_advisory_xact_lock($1)",
            &[&WRITER_LOCK],
        ) {
            Ok(_) => {}
            Err(e) if e.code() == Some(&postgres::error::SqlState::LOCK_NOT_AVAILABLE) => {
                return Err(crate::store::busy::timed_out())
            }
            Err(e) => return Err(e.into()),
        }
        client.batch_execute("SET LOCAL lock_timeout = 0")?;
        Ok(())
    }

    pub fn client(&self) -> &'a RefCell<Client> {
        self.client
    }

    pub fn commit(mut self) -> Result<()> {
        self.done = true;
        self.client.borrow_mut().batch_execute("COMMIT")?;
        Ok(())
    }
}

impl Drop for ServerTx<'_> {
    fn drop(&mut self) {
        if !self.done {
            if let Ok(mut client) = self.client.try_borrow_mut() {
                let _ = client.batch_execute("ROLLBACK");
            }
        }
    }
}

/// The server's errors as privreg's: permission denied is exit 5, the
/// rest exit 7 (see [`server_error`]), never with the server's DETAIL.
impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Self {
        server_error("the register's server", &e)
    }
}
