//! The store interface operations hold: [`Tx`], one transaction of a
//! given [`Mode`], and [`RecordKey`], a record's opaque identity. See the
//! backend contract in the header of `store/mod.rs`.

use std::cell::RefCell;

use rusqlite::{Connection, TransactionBehavior};

use super::pg::ServerTx;
use super::{give_back, take_alone, Backend, Store, ALONE_WAIT};
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
/// The query functions of the submodules take a `&Tx` (as [`On`]) and
/// reach the backend through [`On`], which only `store/` may use (no SQL
/// outside `src/store/`, see CONTRIBUTING.md). A file's transaction is
/// SQLite's; a server's is a `BEGIN` … `COMMIT` on the store's one client
/// (see `store/mod.rs`, "Two backends").
pub struct Tx<'a> {
    inner: Inner<'a>,
}

enum Inner<'a> {
    File(rusqlite::Transaction<'a>),
    Server(ServerTx<'a>),
}

impl Tx<'_> {
    /// Makes the transaction's changes durable.
    pub fn commit(self) -> Result<()> {
        match self.inner {
            Inner::File(tx) => Ok(tx.commit()?),
            Inner::Server(tx) => tx.commit(),
        }
    }

    /// Whether this is a server's transaction (SPEC §8), for what only a
    /// server does besides the file's work: login roles, the vacuum.
    pub fn is_server(&self) -> bool {
        matches!(self.inner, Inner::Server(_))
    }
}

/// What the query functions of `store/` run on: a [`Tx`], and inside the
/// store also a bare connection (opening, keying, unit tests). Its one
/// method needs a [`Key`], which only this module makes, so nothing
/// outside `src/store/` reaches the connection (no SQL outside the
/// store, CONTRIBUTING.md); a `Deref` from `Tx` to the connection, as
/// there was, let any module run SQL on a transaction.
pub trait On {
    #[doc(hidden)]
    fn db(&self, key: Key) -> Db<'_>;
}

/// The backend a query runs on: a file's SQLite connection, or a server's
/// client inside a transaction. Reached only through [`On`].
#[doc(hidden)]
#[derive(Clone, Copy)]
pub enum Db<'a> {
    File(&'a Connection),
    Server(&'a RefCell<postgres::Client>),
}

/// The proof of being inside `store/`: see [`On`].
pub struct Key(());

impl On for Tx<'_> {
    fn db(&self, _: Key) -> Db<'_> {
        match &self.inner {
            Inner::File(tx) => Db::File(tx),
            Inner::Server(tx) => Db::Server(tx.client()),
        }
    }
}

impl On for Connection {
    fn db(&self, _: Key) -> Db<'_> {
        Db::File(self)
    }
}

impl On for Db<'_> {
    fn db(&self, _: Key) -> Db<'_> {
        *self
    }
}

/// The SQLite connection a query function that is written for files
/// only runs on; on a server, the refusal of a query not ported yet
/// (exit 7), never a panic.
pub(in crate::store) fn conn(on: &impl On) -> Result<&Connection> {
    match on.db(Key(())) {
        Db::File(conn) => Ok(conn),
        Db::Server(_) => Err(super::pg::not_built("this query")),
    }
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
        Store {
            backend: Backend::File(conn),
        }
    }

    /// Begins a transaction: see [`Mode`].
    pub fn begin(&mut self, mode: Mode) -> Result<Tx<'_>> {
        let inner = match &mut self.backend {
            Backend::File(conn) => {
                let behaviour = match mode {
                    Mode::Read => TransactionBehavior::Deferred,
                    Mode::Write => TransactionBehavior::Immediate,
                };
                Inner::File(conn.transaction_with_behavior(behaviour)?)
            }
            Backend::Server(client) => Inner::Server(ServerTx::begin(client, mode)?),
        };
        Ok(Tx { inner })
    }

    /// Takes the register to this connection alone for an erasure: see
    /// [`take_alone`]. Every erasure runs between this and
    /// [`Store::give_back`], and is followed by [`Store::scrub`]. A server
    /// is not taken alone (its readers see their snapshots, and the vacuum
    /// after the erasure takes each table's lock); it is checked instead
    /// that this role may vacuum, before anything is erased.
    pub fn take_alone(&mut self, db: &Path) -> Result<()> {
        match &mut self.backend {
            Backend::File(conn) => take_alone(conn, db, ALONE_WAIT),
            Backend::Server(client) => super::pg::vacuum::check(client),
        }
    }

    /// After an erasure committed, what leaves no copy of an erased value
    /// in the backend's files: nothing on a file (`secure_delete` and no
    /// WAL did it in the transaction), `VACUUM FULL` on a server. An error
    /// means that values may remain: the erasure must not exit 0.
    pub fn scrub(&mut self) -> Result<()> {
        match &self.backend {
            Backend::File(_) => Ok(()),
            Backend::Server(client) => super::pg::vacuum::vacuum(client),
        }
    }

    /// Ends what [`Store::take_alone`] began: see [`give_back`].
    pub fn give_back(&self) {
        if let Backend::File(conn) = &self.backend {
            give_back(conn)
        }
    }

    /// A read transaction begun without exclusive use of the store, for
    /// the short reads around a command (who is working, the audit head).
    pub fn peek(&self) -> Result<Tx<'_>> {
        let inner = match &self.backend {
            Backend::File(conn) => Inner::File(conn.unchecked_transaction()?),
            Backend::Server(client) => Inner::Server(ServerTx::begin(client, Mode::Read)?),
        };
        Ok(Tx { inner })
    }

    /// Whether the register is on a server (SPEC §8): what only a server
    /// does besides the file's work (an import as COPY at any size, login
    /// roles, a backup as a sealed copy).
    pub fn is_server(&self) -> bool {
        matches!(self.backend, Backend::Server(_))
    }

    /// On a server, the role it authenticated (`session_user`), who is
    /// the operator (SPEC §8); `None` for a file.
    pub fn session_user(&self) -> Result<Option<String>> {
        match &self.backend {
            Backend::File(_) => Ok(None),
            Backend::Server(client) => Ok(Some(
                client
                    .borrow_mut()
                    .query_typed_one("SELECT session_user::text", &[])?
                    .get(0),
            )),
        }
    }

    /// The file's connection, for what only a file has (sealing, erasure
    /// alone, backup); on a server, the refusal of a command not built yet.
    pub(in crate::store) fn file(&self) -> Result<&Connection> {
        match &self.backend {
            Backend::File(conn) => Ok(conn),
            Backend::Server(_) => Err(super::pg::not_built("this command")),
        }
    }

    /// [`Store::file`], to change.
    pub(in crate::store) fn file_mut(&mut self) -> Result<&mut Connection> {
        match &mut self.backend {
            Backend::File(conn) => Ok(conn),
            Backend::Server(_) => Err(super::pg::not_built("this command")),
        }
    }
}
/// The backend a query function written for both runs on.
pub(in crate::store) fn db(on: &impl On) -> Db<'_> {
    on.db(Key(()))
}
