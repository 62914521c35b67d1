//! The `privreg` binary: parse, run, turn the result into an exit code.

use std::process::ExitCode;

use clap::Parser;
use privreg::messages::{M, S};

/// mimalloc instead of the system allocator: an import validates rows on
/// worker threads and frees them on the writer thread, the pattern glibc's
/// allocator handles worst (see Cargo.toml).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `arena_eager_commit` (option 4 of its v3 `mi_option_e`).
const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;

fn main() -> ExitCode {
    // Commit arena memory as it is used, not all at once: the import's
    // peak memory stays what it uses (about 65 MiB for a million rows)
    // instead of a whole arena (see issue #5's memory target).
    // SAFETY: set once, before any other thread exists.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0) };
    // A write past `ulimit -f` would kill the process with SIGXFSZ and
    // leave a partial export behind; ignored, the write fails with EFBIG
    // and the export removes its file (src/files.rs).
    // SAFETY: set once, before any other thread exists.
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN)
    };
    // A panic is a bug; its message may hold a value being processed, so
    // only where it happened is printed, never the payload.
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("privreg: {}: {}", M::ErrorPrefix, S::Bug.say(&[&place]));
        std::process::exit(1);
    }));
    // The language is known before clap parses the arguments, so that a
    // value parser's reason and a usage error speak it too.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    privreg::messages::set_lang(privreg::cli::usage::lang_of_args(&args, |k| {
        std::env::var(k).ok()
    }));
    let cli = match privreg::cli::Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) if privreg::cli::usage::is_help(&e) => e.exit(),
        Err(e) => {
            // As clap does, a closed stderr is no reason to fail otherwise.
            let _ = std::io::Write::write_all(
                &mut std::io::stderr(),
                privreg::cli::usage::render(&e).as_bytes(),
            );
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match privreg::run(cli) {
        Ok(()) | Err(privreg::error::Error::OutputClosed) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("privreg: {}: {e}", M::ErrorPrefix);
            ExitCode::from(e.exit_code())
        }
    }
}
