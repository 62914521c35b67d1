//! The store interface operations hold: [`Tx`], one transaction of a
//! given [`Mode`], and [`RecordKey`], a record's opaque identity. See the
//! backend contract in the header of `store/mod.rs`.

use rusqlite::{Connection, TransactionBehavior};

use super::{give_back, take_alone, Store, ALONE_WAIT};
#[cfg(test)]
use super::{MIGRATIONS, SCHEMA};
use crate::error::Result;
use std::path::Path;

/// What a transaction may do: see the backend contract in the module header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A consistent snapshot that takes no write lock.
    Read,
    /// Serialised with every other writer from its first statement.
    Write,
}

/// One transaction on the register: what operations hold while they work.
/// Dropped without [`Tx::commit`], it rolls back.
///
/// The query functions of the submodules take a `&Tx` (as [`On`]); with one
/// backend they reach its SQLite connection through [`On`], which only
/// `store/` may use (no SQL outside `src/store/`, see CONTRIBUTING.md). A
/// second backend turns this into an enum over the backends' transactions.
pub struct Tx<'a> {
    inner: rusqlite::Transaction<'a>,
}

impl Tx<'_> {
    /// Makes the transaction's changes durable.
    pub fn commit(self) -> Result<()> {
        Ok(self.inner.commit()?)
    }
}

/// What the query functions of `store/` run on: a [`Tx`], and inside the
/// store also a bare connection (opening, keying, unit tests). Its one
/// method needs a [`Key`], which only this module makes, so nothing
/// outside `src/store/` reaches the SQLite connection (no SQL outside the
/// store, CONTRIBUTING.md); a `Deref` from `Tx` to the connection, as
/// there was, let any module run SQL on a transaction.
pub trait On {
    #[doc(hidden)]
    fn connection(&self, key: Key) -> &Connection;
}

/// The proof of being inside `store/`: see [`On`].
pub struct Key(());

impl On for Tx<'_> {
    fn connection(&self, _: Key) -> &Connection {
        &self.inner
    }
}

impl On for Connection {
    fn connection(&self, _: Key) -> &Connection {
        self
    }
}

/// The connection a query function runs on.
pub(in crate::store) fn conn(on: &impl On) -> &Connection {
    on.connection(Key(()))
}

/// The identity of a stored record: opaque outside the store, never
/// reused, ordered by creation. Not the record id the user sees
/// (`RecordId`, register and number), which stays after an erasure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecordKey(pub(in crate::store) i64);

impl rusqlite::ToSql for RecordKey {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        self.0.to_sql()
    }
}

impl rusqlite::types::FromSql for RecordKey {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        i64::column_result(v).map(RecordKey)
    }
}

impl Store {
    /// A register in memory with the whole schema, for unit tests.
    #[cfg(test)]
    pub fn in_memory() -> Store {
        let conn = Connection::open_in_memory().expect("an in-memory database");
        conn.execute_batch(SCHEMA).expect("the schema");
        for sql in MIGRATIONS {
            conn.execute_batch(sql).expect("a migration");
        }
        Store { conn }
    }

    /// Begins a transaction: see [`Mode`].
    pub fn begin(&mut self, mode: Mode) -> Result<Tx<'_>> {
        let behaviour = match mode {
            Mode::Read => TransactionBehavior::Deferred,
            Mode::Write => TransactionBehavior::Immediate,
        };
        Ok(Tx {
            inner: self.conn.transaction_with_behavior(behaviour)?,
        })
    }

    /// Takes the register to this connection alone for an erasure: see
    /// [`take_alone`]. Every erasure runs between this and
    /// [`Store::give_back`].
    pub fn take_alone(&mut self, db: &Path) -> Result<()> {
        take_alone(&mut self.conn, db, ALONE_WAIT)
    }

    /// Ends what [`Store::take_alone`] began: see [`give_back`].
    pub fn give_back(&self) {
        give_back(&self.conn)
    }

    /// A read transaction begun without exclusive use of the store, for
    /// the short reads around a command (who is working, the audit head).
    pub fn peek(&self) -> Result<Tx<'_>> {
        Ok(Tx {
            inner: self.conn.unchecked_transaction()?,
        })
    }
}
