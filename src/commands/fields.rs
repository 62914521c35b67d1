//! Help that needs no register: `fields` (every field with its Finnish
//! names, whether it is required and its form), `completions` and `man`,
//! the last two generated from the same clap definitions as `--help`.

use std::io::Write;

use clap::CommandFactory;
use serde::Serialize;

use crate::cli::{Cli, FieldsArgs};
use crate::domain::fields::{self, Default};
use crate::domain::register::Register;
use crate::error::Result;
use crate::output::{to_map, Output};

/// A row of `fields`.
#[derive(Serialize)]
struct FieldRow {
    register: String,
    field: &'static str,
    /// The Finnish names a file's header may use, comma-separated.
    finnish: String,
    required: bool,
    default: Option<&'static str>,
    form: String,
}

pub fn run(args: FieldsArgs) -> Output {
    let registers = match args.register {
        Some(r) => vec![r],
        None => Register::ALL.to_vec(),
    };
    let mut rows = Vec::new();
    for register in registers {
        for f in fields::fields(register) {
            rows.push(to_map(&FieldRow {
                register: register.to_string(),
                field: f.name,
                finnish: fields::finnish_names(register, f.name).join(", "),
                required: f.required,
                default: match f.default {
                    Some(Default::Today) => Some("today"),
                    Some(Default::Value(v)) => Some(v),
                    None => None,
                },
                form: f.kind.form(),
            }));
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
