//! Waiting for another privreg's write lock (issue #20 point 4).
//!
//! Every command writes at least its audit entry, so a search run while an
//! import holds the register's write lock has to wait for it, and a second
//! import waits for the first. SQLite asks the connection's busy handler
//! each time it finds the lock taken; this one waits up to the configured
//! time (`PRIVREG_BUSY_TIMEOUT`, read by the command layer; default enough
//! for a million-row import) and lets the command say once, on stderr,
//! that it is waiting: a wait of minutes on a silent screen looks hung.
//! When the time is up the statement fails with SQLITE_BUSY, which
//! `store::error` turns into exit 7 naming the variable.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use rusqlite::Connection;

use crate::error::Result;

/// How long a command waits for the write lock by default: a
/// million-row import takes seconds on a laptop (README, Performance),
/// minutes on a slow network share; ten minutes covers both.
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(600);

/// A wait shorter than this (two commands' audit entries meeting) is not
/// announced.
const SAY_AFTER: Duration = Duration::from_millis(300);

/// How a command waits for another's write lock.
#[derive(Debug, Clone, Copy)]
pub struct BusyWait {
    /// How long one wait may last before the command gives up (exit 7).
    pub timeout: Duration,
    /// Called once in the process, when a wait has lasted a moment (to say
    /// so on stderr); it gets the timeout.
    pub on_wait: fn(Duration),
}

static BUSY_WAIT: OnceLock<BusyWait> = OnceLock::new();

/// Sets how this process waits; the first call wins. Without one, the
/// default timeout applies and nothing is said.
pub fn set_busy_wait(wait: BusyWait) {
    let _ = BUSY_WAIT.set(wait);
}

fn busy_wait() -> &'static BusyWait {
    BUSY_WAIT.get_or_init(|| BusyWait {
        timeout: DEFAULT_BUSY_TIMEOUT,
        on_wait: |_| {},
    })
}

/// The timeout in force (for the message of a wait that ran out).
pub fn busy_timeout() -> Duration {
    busy_wait().timeout
}

/// A server's writer found the lock taken: says so, once, as a file's
/// waiter does after a moment (the server then waits in one statement).
pub(super) fn tell_waiting() {
    static TOLD: AtomicBool = AtomicBool::new(false);
    if !TOLD.swap(true, Ordering::Relaxed) {
        let wait = busy_wait();
        (wait.on_wait)(wait.timeout);
    }
}

/// The refusal of a wait that ran out, on either kind (exit 7).
pub(super) fn timed_out() -> crate::error::Error {
    crate::error::Error::Storage(crate::messages::A::Busy.say(&[&busy_timeout().as_secs_f64()]))
}

/// Gives `conn` the busy handler (instead of SQLite's fixed timeout).
pub fn install(conn: &Connection) -> Result<()> {
    conn.busy_handler(Some(on_busy))?;
    Ok(())
}

/// SQLite's busy handler: `attempt` counts the calls for one lock that
/// was found taken (0 for the first). Returns whether to try again. The
/// start of the wait is kept per process: a command waits on one
/// connection at a time.
fn on_busy(attempt: i32) -> bool {
    static STARTED: Mutex<Option<Instant>> = Mutex::new(None);
    static TOLD: AtomicBool = AtomicBool::new(false);
    let wait = busy_wait();
    let now = Instant::now();
    let started = {
        let mut started = STARTED.lock().unwrap_or_else(|e| e.into_inner());
        if attempt == 0 || started.is_none() {
            *started = Some(now);
        }
        started.unwrap_or(now)
    };
    let waited = now.duration_since(started);
    if waited >= wait.timeout {
        return false;
    }
    if waited >= SAY_AFTER && !TOLD.swap(true, Ordering::Relaxed) {
        (wait.on_wait)(wait.timeout);
    }
    // Short pauses first (another command's audit entry takes a
    // millisecond), then 50 ms: a waiting search answers soon after an
    // import commits, at no cost to the import.
    let pause = match attempt {
        0..=2 => 1,
        3..=5 => 5,
        6..=9 => 20,
        _ => 50,
    };
    std::thread::sleep(Duration::from_millis(pause).min(wait.timeout - waited));
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lock held by another connection is waited for and then had.
    #[test]
    fn a_held_lock_is_waited_for() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        let holder = Connection::open(&path).unwrap();
        holder
            .execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE t (x); BEGIN IMMEDIATE;")
            .unwrap();
        let release = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(400));
            holder.execute_batch("COMMIT").unwrap();
        });
        let waiter = Connection::open(&path).unwrap();
        install(&waiter).unwrap();
        let began = Instant::now();
        waiter.execute_batch("BEGIN IMMEDIATE; COMMIT;").unwrap();
        assert!(began.elapsed() >= Duration::from_millis(300));
        release.join().unwrap();
    }
}
