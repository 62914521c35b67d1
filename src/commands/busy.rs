//! `PRIVREG_BUSY_TIMEOUT`: how long a command waits for another privreg's
//! write lock, and the line that says it is waiting (issue #20 point 4;
//! the waiting itself is `store::busy`).

use std::time::Duration;

use crate::error::{Error, Result};
use crate::messages::A;
use crate::store::{set_busy_wait, BusyWait, DEFAULT_BUSY_TIMEOUT};

/// The variable, named in the messages.
pub const VAR: &str = "PRIVREG_BUSY_TIMEOUT";

/// Sets the wait from `PRIVREG_BUSY_TIMEOUT` (seconds; default 600).
/// `quiet`: the waiting line is not printed.
pub fn wait_as_configured(quiet: bool) -> Result<()> {
    let timeout = match std::env::var_os(VAR) {
        None => DEFAULT_BUSY_TIMEOUT,
        Some(v) => parse(&v.to_string_lossy())?,
    };
    let on_wait: fn(Duration) = if quiet { |_| {} } else { say_waiting };
    set_busy_wait(BusyWait { timeout, on_wait });
    Ok(())
}

/// Seconds, whole or decimal, at most a day.
fn parse(text: &str) -> Result<Duration> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && (0.0..=86_400.0).contains(s))
        .map(Duration::from_secs_f64)
        .ok_or_else(|| {
            Error::Usage(A::BadBusyTimeout.say(&[
                &VAR,
                &DEFAULT_BUSY_TIMEOUT.as_secs(),
                &format_args!("{text:?}"),
            ]))
        })
}

/// The one line a waiting command prints: what it waits for, for how long
/// at most, and how to change that. No personal data: nothing of the
/// command's arguments.
fn say_waiting(timeout: Duration) {
    eprintln!(
        "privreg: {}",
        A::Waiting.say(&[&timeout.as_secs_f64(), &VAR])
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_are_seconds_and_nonsense_is_a_usage_error() {
        assert_eq!(parse("600").unwrap(), Duration::from_secs(600));
        assert_eq!(parse(" 1.5 ").unwrap(), Duration::from_millis(1500));
        assert_eq!(parse("0").unwrap(), Duration::ZERO);
        for bad in ["", "-1", "ten", "NaN", "inf", "100000"] {
            let e = parse(bad).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{bad}");
            assert!(e.to_string().contains(VAR), "{e}");
        }
    }
}
