//! Usage errors in the language of the run (SPEC §6 exit 2, §12 `--lang`):
//! clap finds them, the catalogue words them. A value parser's reason is
//! already in the run's language, since the language is known (from the
//! raw arguments) before clap parses them.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::messages::{self, Lang, M, S};

/// The language of messages as `run` will choose it, read from the raw
/// arguments (`--lang X`, `--lang=X`, the last one given) before clap
/// parses them, else `PRIVREG_LANG`, else the locale ([`messages::resolve`]).
/// A language privreg does not speak counts as none given: clap refuses it.
pub fn lang_of_args(args: &[OsString], env: impl Fn(&str) -> Option<String>) -> Lang {
    let mut given = None;
    let mut rest = args.iter().skip(1).map(|a| a.to_str());
    while let Some(arg) = rest.next() {
        let value = match arg {
            Some("--") => break,
            Some("--lang") => rest.next().flatten(),
            Some(a) => a.strip_prefix("--lang="),
            None => None,
        };
        if let Some(v) = value {
            given = v.parse::<Lang>().ok();
        }
    }
    let given = given.or_else(|| env("PRIVREG_LANG").and_then(|v| v.parse().ok()));
    messages::resolve(given, env)
}

/// Whether clap's error is not an error but what was asked for: the help
/// or the version (clap prints these as it always has).
pub fn is_help(e: &clap::Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    )
}

/// What a usage error says on stderr, in the language of the run: the
/// catalogue's words for the common kinds (clap's own text for the
/// others), a tip when clap has one, the usage line and the hint to
/// `--help`. Ends with a newline.
pub fn render(e: &clap::Error) -> String {
    let mut out = format!("privreg: {}: ", M::ErrorPrefix);
    match said(e) {
        Some(text) => out.push_str(&text),
        None => {
            // clap's text for a kind the catalogue has no words for; it
            // carries its own usage line and hint.
            let text = e.render().to_string();
            out.push_str(text.trim_start_matches("error: ").trim_end());
            out.push('\n');
            return out;
        }
    }
    for tip in tips(e) {
        out.push_str("\n  ");
        out.push_str(&tip);
    }
    out.push('\n');
    if let Some(usage) = e.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.trim().trim_start_matches("Usage:").trim();
        out.push_str(&S::UsageLine.say(&[&usage]));
        out.push('\n');
    }
    out.push_str(&S::MoreInfo.to_string());
    out.push('\n');
    out
}

/// The context clap gave as one text (a list joined by commas).
fn context(e: &clap::Error, kind: ContextKind) -> String {
    match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(v) => v.to_string(),
        None => String::new(),
    }
}

/// The first line of a usage error of a kind the catalogue words.
fn said(e: &clap::Error) -> Option<String> {
    let arg = context(e, ContextKind::InvalidArg);
    let value = context(e, ContextKind::InvalidValue);
    let text = match e.kind() {
        ErrorKind::UnknownArgument => S::UnknownArgument.say(&[&arg]),
        ErrorKind::InvalidSubcommand => {
            S::UnknownSubcommand.say(&[&context(e, ContextKind::InvalidSubcommand)])
        }
        ErrorKind::MissingRequiredArgument => S::MissingArguments.say(&[&arg]),
        ErrorKind::InvalidValue if value.is_empty() => S::NoValue.say(&[&arg]),
        ErrorKind::InvalidValue => {
            let mut t = S::InvalidValue.say(&[&value, &arg]);
            let valid = context(e, ContextKind::ValidValue);
            if !valid.is_empty() {
                t.push_str("\n  ");
                t.push_str(&S::PossibleValues.say(&[&valid]));
            }
            t
        }
        ErrorKind::ValueValidation => {
            let mut t = S::InvalidValue.say(&[&value, &arg]);
            if let Some(reason) = std::error::Error::source(e) {
                t.push_str(": ");
                t.push_str(&reason.to_string());
            }
            t
        }
        ErrorKind::MissingSubcommand => {
            let mut t = S::NeedsSubcommand.say(&[&context(e, ContextKind::InvalidSubcommand)]);
            let valid = context(e, ContextKind::ValidSubcommand);
            if !valid.is_empty() {
                t.push_str("\n  ");
                t.push_str(&S::Subcommands.say(&[&valid]));
            }
            t
        }
        ErrorKind::TooManyValues => S::TooManyValues.say(&[&value, &arg]),
        ErrorKind::ArgumentConflict => S::Conflict.say(&[&arg, &context(e, ContextKind::PriorArg)]),
        _ => return None,
    };
    // Without the context the words need, clap's own text says more.
    (!text.contains("''") && !text.trim_end().ends_with(':')).then_some(text)
}

/// clap's suggestions of a similar argument or subcommand.
fn tips(e: &clap::Error) -> Vec<String> {
    let mut out = Vec::new();
    let arg = context(e, ContextKind::SuggestedArg);
    if !arg.is_empty() {
        out.push(S::SimilarArgument.say(&[&arg]));
    }
    let sub = context(e, ContextKind::SuggestedSubcommand);
    if !sub.is_empty() {
        out.push(S::SimilarSubcommand.say(&[&sub]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<OsString> {
        a.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_is_read_from_the_raw_arguments() {
        let none = |_: &str| None;
        let fi_env = |k: &str| (k == "LANG").then(|| "fi_FI.UTF-8".to_string());
        let sv = args(&["privreg", "search", "--lang", "sv", "x"]);
        assert_eq!(lang_of_args(&sv, none), Lang::Sv);
        assert_eq!(
            lang_of_args(&args(&["privreg", "--lang=fi"]), none),
            Lang::Fi
        );
        assert_eq!(lang_of_args(&args(&["privreg", "x"]), fi_env), Lang::Fi);
        // not a language privreg speaks, or after `--`: the locale decides
        assert_eq!(
            lang_of_args(&args(&["privreg", "--lang", "de"]), fi_env),
            Lang::Fi
        );
        assert_eq!(
            lang_of_args(&args(&["privreg", "--", "--lang", "sv"]), none),
            Lang::En
        );
        let env_sv = |k: &str| (k == "PRIVREG_LANG").then(|| "sv".to_string());
        assert_eq!(lang_of_args(&args(&["privreg", "x"]), env_sv), Lang::Sv);
    }
}
