//! privreg: a company's GDPR registers in one local SQLite file.
//!
//! `main.rs` parses the command line and calls [`run`]; the library is
//! split by what each part owns: `domain` (rules and types), `store`
//! (the SQLite file), `commands` (one function per verb) and `output`.

pub mod cli;
pub mod clock;
pub mod commands;
pub mod domain;
pub mod error;
pub mod files;
pub mod messages;
pub mod ops;
pub mod output;
pub mod seal;
pub mod store;

pub use commands::run;
