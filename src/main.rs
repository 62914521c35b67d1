//! The `privreg` binary: parse, run, turn the result into an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // A panic is a bug; its message may hold a value being processed, so
    // only where it happened is printed, never the payload.
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("privreg: error: internal error (a bug in privreg){place}");
        std::process::exit(1);
    }));
    let cli = privreg::cli::Cli::parse();
    match privreg::run(cli) {
        Ok(()) | Err(privreg::error::Error::OutputClosed) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("privreg: error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
