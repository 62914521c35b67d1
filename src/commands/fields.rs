//! Help that needs no register: `fields` (every field with its Finnish
//! names, whether it is required and its form), `completions` and `man`,
//! the last two generated from the same clap definitions as `--help`.

use std::io::Write;

use clap::CommandFactory;
use serde_json::{Map, Value};

use crate::cli::{Cli, FieldsArgs};
use crate::domain::fields::{self, Default};
use crate::domain::register::Register;
use crate::error::Result;
use crate::output::Output;

pub fn run(args: FieldsArgs) -> Output {
    let registers = match args.register {
        Some(r) => vec![r],
        None => Register::ALL.to_vec(),
    };
    let mut rows = Vec::new();
    for register in registers {
        for f in fields::fields(register) {
            let mut row = Map::new();
            row.insert("register".into(), register.to_string().into());
            row.insert("field".into(), f.name.into());
            let finnish = fields::finnish_names(register, f.name);
            row.insert("finnish".into(), Value::from(finnish.join(", ")));
            row.insert("required".into(), f.required.into());
            row.insert(
                "default".into(),
                match f.default {
                    Some(Default::Today) => "today".into(),
                    Some(Default::Value(v)) => v.into(),
                    None => Value::Null,
                },
            );
            row.insert("form".into(), f.kind.form().into());
            rows.push(row);
        }
    }
    Output::List {
        rows,
        table: vec![
            ("Register", "register"),
            ("Field", "field"),
            ("Finnish", "finnish"),
            ("Required", "required"),
            ("Default", "default"),
            ("Form", "form"),
        ],
    }
}

pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    // Into memory first: clap_complete panics on a write error, and a
    // closed pipe (`| head`) must end quietly like every other output.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "privreg", &mut script);
    let mut out = std::io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(())
}

pub fn man() -> Result<()> {
    let mut out = std::io::stdout().lock();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    out.flush()?;
    Ok(())
}
