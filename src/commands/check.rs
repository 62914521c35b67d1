//! `check`: the compliance gaps an auditor asks about first (the
//! operation is `ops::check`'s).

use super::Session;
use crate::error::Result;
use crate::output::{to_map, Output};

pub fn run(session: &mut Session) -> Result<Output> {
    let gaps = session.read(crate::ops::check::gaps)?;
    Ok(Output::List {
        rows: gaps.iter().map(to_map).collect(),
        table: vec![("gap", "gap"), ("id", "id"), ("missing", "missing")],
    })
}
