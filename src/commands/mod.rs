//! Dispatch: who is working (operator and role), what each command may do
//! (SPEC §4 "Roles"), and the one transaction per command in which the
//! change and its audit entry land together.

mod audit;
mod backup;
mod bases;
mod breach;
mod breach_letter;
mod busy;
mod check;
mod controller;
mod copy;
mod disclose;
mod erase;
mod export;
mod fields;
pub mod import;
mod init;
mod letter;
mod marketing;
mod notice;
mod operator;
mod processing;
mod records;
mod requests;
mod restrict;
mod retention;
mod sealing;
pub mod view;

use crate::cli::{Cli, Command, ExportCommand, Global, NoticeCommand};
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::messages::{Lang, A, M};
use crate::output::{self, Format, Output};
use crate::store::audit::Entry;
use crate::store::operators::{self, Role};
use crate::store::{Mode, Store, Tx};

pub use crate::ops::Who;

/// An open register and the operator working on it.
pub struct Session {
    pub store: Store,
    /// The audit log's last entry when the command began: a command that
    /// moved it appends a checkpoint to the checkpoint log.
    audit_head_at_open: Option<i64>,
    /// The register file.
    pub db: std::path::PathBuf,
    pub who: Who,
    pub global: GlobalOpts,
}

/// The global options a command may need.
pub struct GlobalOpts {
    /// The output format, already checked against what the command can produce.
    pub format: Format,
    pub quiet: bool,
    /// The language given with `--lang` or `PRIVREG_LANG`, if one was:
    /// letters are in it, else in the person's own language. Messages are
    /// in [`crate::messages::lang`].
    pub lang: Option<crate::messages::Lang>,
    /// The `--output` file, created before the command began; a command
    /// that streams its output takes it, the rest is printed into it.
    pub output: Option<crate::files::NewFile>,
}

impl Session {
    /// Runs a read (a list, a search, a report) in one read transaction,
    /// so it sees one consistent state without holding the write lock,
    /// then appends its audit entry in a short write transaction of its
    /// own. The value is printed only after that, so the entry is
    /// committed before any data leaves; `work` itself must not write any
    /// personal data out: a read that streams uses [`Session::stream`].
    pub fn read<T>(&mut self, work: impl FnOnce(&Tx<'_>, &Who) -> Result<(T, Entry)>) -> Result<T> {
        let tx = self.store.begin(Mode::Read)?;
        let (value, entry) = work(&tx, &self.who)?;
        tx.commit()?;
        audit_alone(&mut self.store, &self.who.operator, &self.who.now, &entry)?;
        Ok(value)
    }

    /// A read whose personal data is written out while it is read (an
    /// export, a marketing list). [`Session::read`] audits after the work,
    /// which is right only when the work returns its data for printing
    /// afterwards; here the data leaves during the work, so its audit
    /// entry is committed first (SPEC §7: a reader that stops early, `|
    /// head`, or a failure midway still leaves the entry naming what was
    /// asked for, `--reveal-hetu` included). If that entry cannot be
    /// written (the register is locked past the busy timeout), `work`
    /// never runs: nothing is written, exit 7.
    ///
    /// `entry` is written twice: first with outcome `started` and no row
    /// count, then, when `work` is over, with `ok` and the rows written,
    /// or `output-closed` (the reader went away; exit 0 as STYLE §4 says)
    /// or `failed`. `work` runs in one read transaction and returns the
    /// rows it wrote. Anything `work` creates (an `--output` file) and
    /// owns is dropped unused, so removed, when the first entry fails.
    pub fn stream(
        &mut self,
        entry: Entry,
        work: impl FnOnce(&Tx<'_>, &Who) -> Result<usize>,
    ) -> Result<Output> {
        let started = Entry {
            outcome: "started".into(),
            ..entry.clone()
        };
        audit_alone(&mut self.store, &self.who.operator, &self.who.now, &started)?;
        let result = (|| {
            let tx = self.store.begin(Mode::Read)?;
            let rows = work(&tx, &self.who)?;
            tx.commit()?;
            Ok(rows)
        })();
        let end = match &result {
            Ok(rows) => entry.rows(*rows),
            Err(Error::OutputClosed) => Entry {
                outcome: "output-closed".into(),
                ..entry
            },
            Err(e) => Entry {
                outcome: "failed".into(),
                detail: format!("{} exit={}", entry.detail, e.exit_code()),
                ..entry
            },
        };
        let ended = audit_alone(&mut self.store, &self.who.operator, &self.who.now, &end);
        match result {
            Ok(_) => ended.map(|()| Output::Streamed),
            // The failure itself is what the user needs to hear of; the
            // first entry already records the read.
            Err(e) => Err(e),
        }
    }

    /// Like [`Session::write`], for work that records several audit
    /// entries (a sweep's erasures, one entry each).
    pub fn write_many<T>(
        &mut self,
        action: &str,
        work: impl FnOnce(&Tx<'_>, &Who) -> Result<(T, Vec<Entry>)>,
    ) -> Result<T> {
        let mut entries = Vec::new();
        let value = self.write(action, |tx, who| {
            let (value, mut all) = work(tx, who)?;
            let last = all.pop().unwrap_or_else(|| Entry::new(action));
            entries = all;
            for e in &entries {
                crate::store::audit::append(tx, &who.operator, &who.now, e)?;
            }
            Ok((value, last))
        })?;
        Ok(value)
    }

    /// Runs `work` in one write transaction (`BEGIN IMMEDIATE`, so two
    /// commands never deadlock upgrading a read lock) and appends the
    /// returned audit entry in it. A refusal is rolled back and then
    /// audited in a transaction of its own.
    pub fn write<T>(
        &mut self,
        action: &str,
        work: impl FnOnce(&Tx<'_>, &Who) -> Result<(T, Entry)>,
    ) -> Result<T> {
        let tx = self.store.begin(Mode::Write)?;
        match work(&tx, &self.who) {
            Ok((value, entry)) => {
                crate::store::audit::append(&tx, &self.who.operator, &self.who.now, &entry)?;
                tx.commit()?;
                Ok(value)
            }
            Err(e) => {
                drop(tx);
                let refusal = match &e {
                    Error::Refused(why) => Some((why, None)),
                    Error::RefusedFor {
                        record,
                        why,
                        logged,
                    } => Some((logged.as_ref().unwrap_or(why), Some(record.to_string()))),
                    _ => None,
                };
                if let Some((why, record)) = refusal {
                    let entry = Entry {
                        outcome: "refused".into(),
                        detail: why.clone(),
                        records: record.into_iter().collect(),
                        ..Entry::new(action)
                    };
                    audit_alone(&mut self.store, &self.who.operator, &self.who.now, &entry)?;
                }
                Err(e)
            }
        }
    }
}

fn audit_alone(store: &mut Store, operator: &str, now: &str, entry: &Entry) -> Result<()> {
    let tx = store.begin(Mode::Write)?;
    crate::store::audit::append(&tx, operator, now, entry)?;
    tx.commit()?;
    Ok(())
}

/// The operator of the audit entry that records a refused name that is
/// no registered operator: the name itself is never logged. An operator
/// cannot be called this (`operator add` takes letters, digits, `.`, `_`,
/// `@` and `-`).
pub const UNKNOWN_OPERATOR: &str = "?unknown";

/// The login name, the default operator.
pub fn login_name() -> Option<String> {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.trim().is_empty())
}

/// What every verb must declare, in one place: its action name in the
/// audit log, the least role it needs (SPEC §4 "Roles") and the formats it
/// can print. The match has no catch-all arm, so a new verb does not
/// compile until it is given all three here (and a `dispatch` arm).
#[derive(Debug, Clone, Copy)]
pub struct Verb {
    pub action: &'static str,
    pub role: Role,
    pub formats: Formats,
}

/// The formats a verb can print, with its default first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Formats {
    /// Rows: table (default), json, jsonl, csv.
    Data,
    /// A report: table (default) or json.
    TableOrJson,
    /// A document: markdown (default) or json for scripts.
    Document,
    /// A bulk export: csv (default), json, jsonl.
    Export,
    /// A person's own data: json (default) or markdown.
    Subject,
    /// The record of processing (SPEC §9): a document, or one sheet.
    Record,
}

impl Formats {
    /// The default format and every format allowed.
    pub fn allowed(self) -> (Format, &'static [Format]) {
        match self {
            Formats::Data => (Format::Table, output::DATA_FORMATS),
            Formats::TableOrJson => (Format::Table, &[Format::Table, Format::Json]),
            Formats::Document => (Format::Markdown, &[Format::Markdown, Format::Json]),
            Formats::Export => (
                Format::Csv,
                &[Format::Csv, Format::Json, Format::Jsonl, Format::Xlsx],
            ),
            Formats::Subject => (Format::Json, &[Format::Json, Format::Markdown]),
            Formats::Record => (
                Format::Markdown,
                &[Format::Markdown, Format::Json, Format::Xlsx],
            ),
        }
    }
}

const fn verb(action: &'static str, role: Role, formats: Formats) -> Verb {
    Verb {
        action,
        role,
        formats,
    }
}

/// The table of verbs: see [`Verb`].
pub fn verb_of(command: &Command) -> Verb {
    use crate::cli::{
        ActivityCommand as Ac, AuditCommand as A, BasisCommand as B, BreachCommand as Br,
        ClientCommand as Cl, ControllerCommand as Ct, HoldCommand as H, OperatorCommand as O,
        ProcessorCommand as Pr, PurposeCommand as P, RequestCommand as Rq, RestrictCommand as Rs,
        RetentionCommand as R,
    };
    use Formats::{Data, Document, TableOrJson};
    match command {
        Command::Init(_) => verb("init", Role::Admin, TableOrJson),
        Command::Operator(O::Add { .. }) => verb("operator-add", Role::Admin, Data),
        Command::Operator(O::List) => verb("operator-list", Role::Admin, Data),
        Command::Operator(O::Disable { .. }) => verb("operator-disable", Role::Admin, Data),
        Command::Controller(Ct::Set(_)) => verb("controller-set", Role::Admin, Data),
        Command::Controller(Ct::Show) => verb("controller-show", Role::Auditor, Data),
        Command::Add(_) => verb("add", Role::Staff, Data),
        Command::Import(_) => verb("import", Role::Staff, Data),
        Command::Show(_) => verb("show", Role::Auditor, Data),
        Command::Search(_) => verb("search", Role::Auditor, Data),
        Command::Correct(_) => verb("correct", Role::Staff, Data),
        Command::End(_) => verb("end", Role::Staff, Data),
        Command::Request(Rq::Open(_)) => verb("request-open", Role::Staff, Data),
        Command::Request(Rq::Extend(_)) => verb("request-extend", Role::Staff, Data),
        Command::Request(Rq::Close(_)) => verb("request-close", Role::Staff, Data),
        Command::Request(Rq::List(_)) => verb("request-list", Role::Auditor, Data),
        Command::Request(Rq::Show(_)) => verb("request-show", Role::Auditor, Data),
        Command::Breach(Br::Open(_)) => verb("breach-open", Role::Staff, Data),
        Command::Breach(Br::Assess(_)) => verb("breach-assess", Role::Staff, Data),
        Command::Breach(Br::Notify(a)) => match (a.authority, a.subjects) {
            (true, _) => verb("breach-notify-authority", Role::Staff, Data),
            (_, true) => verb("breach-notify-subjects", Role::Staff, Document),
            _ => verb("breach-notify-client", Role::Staff, Data),
        },
        Command::Breach(Br::Close(_)) => verb("breach-close", Role::Staff, Data),
        Command::Breach(Br::List(_)) => verb("breach-list", Role::Auditor, Data),
        Command::Breach(Br::Show(_)) => verb("breach-show", Role::Auditor, Data),
        Command::Restrict(a) => match a.command {
            Some(Rs::Lift { .. }) => verb("restrict-lift", Role::Staff, Data),
            None => verb("restrict", Role::Staff, Data),
        },
        Command::Disclose(_) => verb("disclose", Role::Staff, Data),
        Command::Audit(A::Verify { .. }) => verb("audit-verify", Role::Auditor, TableOrJson),
        Command::Audit(A::Checkpoint) => verb("audit-checkpoint", Role::Auditor, TableOrJson),
        Command::Basis(B::Add(_)) => verb("basis-add", Role::Staff, Data),
        Command::Basis(B::List { .. }) => verb("basis-list", Role::Auditor, Data),
        Command::Basis(B::End { .. }) => verb("basis-end", Role::Staff, Data),
        Command::Purpose(P::Add(_)) => verb("purpose-add", Role::Admin, Data),
        Command::Purpose(P::List) => verb("purpose-list", Role::Auditor, Data),
        Command::Optout(_) => verb("optout", Role::Staff, Data),
        Command::Consent(_) => verb("consent", Role::Staff, Data),
        Command::MarketingList(_) => verb("marketing-list", Role::Auditor, Data),
        Command::Erase(_) => verb("erase", Role::Admin, Data),
        Command::Hold(H::Add { .. }) => verb("hold-add", Role::Staff, Data),
        Command::Hold(H::Release { .. }) => verb("hold-release", Role::Admin, Data),
        Command::Retention(R::Report { .. }) => verb("retention-report", Role::Auditor, Data),
        Command::Retention(R::Sweep { .. }) => verb("retention-sweep", Role::Admin, Data),
        Command::Activity(Ac::Add(_)) => verb("activity-add", Role::Admin, Data),
        Command::Activity(Ac::List) => verb("activity-list", Role::Auditor, Data),
        Command::Activity(Ac::Show { .. }) => verb("activity-show", Role::Auditor, Data),
        Command::Activity(Ac::End { .. }) => verb("activity-end", Role::Admin, Data),
        Command::Processor(Pr::Add(_)) => verb("processor-add", Role::Admin, Data),
        Command::Processor(Pr::List) => verb("processor-list", Role::Auditor, Data),
        Command::Processor(Pr::Show { .. }) => verb("processor-show", Role::Auditor, Data),
        Command::Processor(Pr::End { .. }) => verb("processor-end", Role::Admin, Data),
        Command::Client(Cl::Add(_)) => verb("client-add", Role::Admin, Data),
        Command::Client(Cl::List) => verb("client-list", Role::Auditor, Data),
        Command::Client(Cl::Show { .. }) => verb("client-show", Role::Auditor, Data),
        Command::Client(Cl::End { .. }) => verb("client-end", Role::Admin, Data),
        Command::Client(Cl::Processing(_)) => verb("client-processing-add", Role::Admin, Data),
        Command::Notice(n) => notice_verb(n),
        Command::Export(e) => export_verb(e),
        Command::Check => verb("check", Role::Auditor, Data),
        // These open no register (see `run`); listed for the match to be whole.
        Command::Fields(_) => verb("fields", Role::Auditor, Data),
        Command::Completions { .. } => verb("completions", Role::Auditor, Data),
        Command::Man => verb("man", Role::Auditor, Data),
        Command::Backup(_) => verb("backup", Role::Admin, Data),
        Command::Copy(_) => verb("copy", Role::Admin, Data),
        Command::Restore(_) => verb("restore", Role::Admin, Data),
        Command::Passwd => verb("passwd", Role::Auditor, Data),
        Command::Unlock(_) => verb("unlock", Role::Auditor, Data),
        Command::Lock => verb("lock", Role::Auditor, Data),
        Command::Encrypt => verb("encrypt", Role::Admin, Data),
    }
}

/// The verbs of `export`: see [`verb_of`].
fn export_verb(command: &ExportCommand) -> Verb {
    use Formats::{Document, Export, Subject};
    match command {
        ExportCommand::Notice(a) if a.publish => {
            verb("export-notice-publish", Role::Admin, Document)
        }
        ExportCommand::Notice(_) => verb("export-notice", Role::Auditor, Document),
        ExportCommand::ProcessingRecord(_) => {
            verb("export-processing-record", Role::Auditor, Formats::Record)
        }
        ExportCommand::Register(_) => verb("export-register", Role::Auditor, Export),
        ExportCommand::Subject(_) => verb("export-subject", Role::Auditor, Subject),
        ExportCommand::Audit(_) => verb("export-audit", Role::Auditor, Export),
        ExportCommand::Breach(_) => verb("export-breach", Role::Auditor, Document),
    }
}

/// The verbs of `notice`: see [`verb_of`].
fn notice_verb(command: &NoticeCommand) -> Verb {
    use crate::cli::NoticeCategoryCommand as Nc;
    use Formats::Data;
    match command {
        NoticeCommand::History => verb("notice-history", Role::Auditor, Data),
        NoticeCommand::Category(Nc::List) => verb("notice-category-list", Role::Auditor, Data),
        NoticeCommand::Category(Nc::Add { .. }) => verb("notice-category-add", Role::Admin, Data),
        NoticeCommand::Category(Nc::Remove { .. }) => {
            verb("notice-category-remove", Role::Admin, Data)
        }
    }
}

/// Runs one parsed command line. The caller has set the language of
/// messages (`messages::set_lang`, as main.rs does from the raw arguments).
pub fn run(cli: Cli) -> Result<()> {
    let Cli { global, command } = cli;
    // The language was set once, from the same flag, variable and locale,
    // before clap parsed the arguments (`cli::usage::lang_of_args` in
    // main.rs), so that usage errors speak it too.
    output::set_csv_dialect(global.csv_dialect);
    busy::wait_as_configured(global.quiet)?;
    let (default, allowed) = verb_of(&command).formats.allowed();
    let format = output::choose(global.format, default, allowed)?;
    if format == Format::Xlsx && global.output.is_none() {
        return Err(output::xlsx_needs_a_file());
    }
    // Created first, so that a name already taken is refused before any
    // work (src/files.rs); removed again if the command fails.
    let mut dest = match &global.output {
        Some(path) => Some(crate::files::NewFile::create(path, &global.db)?),
        None => None,
    };
    let out = match command {
        Command::Init(args) => init::run(&global, args)?,
        // Help in other forms: no register, no operator.
        Command::Fields(args) => fields::run(args),
        Command::Completions { shell } => return fields::completions(shell),
        Command::Man => return fields::man(),
        Command::Lock => sealing::lock(&global)?,
        // Server mode (SPEC §8) is wired command by command (issue #17).
        command if crate::store::pg::is_url(&global.db) && !on_servers(&command) => {
            return Err(crate::store::pg::not_built(verb_of(&command).action))
        }
        command => {
            let mut session = open_session(&global, &command, format, dest.take())?;
            let result = dispatch(&mut session, command);
            checkpoint_after(&session);
            dest = session.global.output.take();
            result?
        }
    };
    match out {
        // Data and then a failure (`import --skip-invalid` that rejected
        // rows): the data for scripts, then the exit code of the failure.
        Output::ThenFail(out, error) => {
            output::print(*out, format, dest)?;
            Err(error)
        }
        out => output::print(out, format, dest),
    }
}

/// The verbs wired to a server so far (issue #17); the rest refuse a
/// server's URL (exit 7) before they connect.
fn on_servers(command: &Command) -> bool {
    use crate::cli::{AuditCommand, RetentionCommand};
    matches!(
        command,
        Command::Audit(AuditCommand::Verify { .. } | AuditCommand::Checkpoint)
            | Command::Add(_)
            | Command::MarketingList(_)
            | Command::Purpose(_)
            | Command::Export(ExportCommand::Register(_) | ExportCommand::Subject(_))
            | Command::Import(_)
            | Command::Show(_)
            | Command::Search(_)
            | Command::Correct(_)
            | Command::End(_)
            | Command::Export(
                ExportCommand::Audit(_)
                    | ExportCommand::Notice(_)
                    | ExportCommand::ProcessingRecord(_)
                    | ExportCommand::Breach(_)
            )
            | Command::Erase(_)
            | Command::Request(_)
            | Command::Hold(_)
            | Command::Restrict(_)
            | Command::Basis(_)
            | Command::Optout(_)
            | Command::Consent(_)
            | Command::Disclose(_)
            | Command::Breach(_)
            | Command::Check
            | Command::Retention(RetentionCommand::Report { .. } | RetentionCommand::Sweep { .. })
            | Command::Operator(_)
            | Command::Passwd
            | Command::Copy(_)
            | Command::Backup(_)
            | Command::Controller(_)
            | Command::Activity(_)
            | Command::Processor(_)
            | Command::Client(_)
            | Command::Notice(_)
            | Command::Restore(_)
    )
}

/// Who is working: on a file the name given (`--as`, `PRIVREG_OPERATOR`)
/// or the login name; on a server the role the server authenticated, and
/// a name given that is not that role is refused (SPEC §8), the refusal
/// audited under the authenticated role without the name given.
fn operator_name(global: &Global, store: &mut Store, now: &str, action: &str) -> Result<String> {
    let Some(user) = store.session_user()? else {
        return global
            .operator
            .clone()
            .or_else(login_name)
            .ok_or_else(|| Error::Usage(M::WhoAreYou.say(&[])));
    };
    match &global.operator {
        Some(given) if *given != user => {
            let entry = Entry {
                outcome: "refused".into(),
                detail: M::NotTheServerRole.say_in(Lang::En, &[]),
                ..Entry::new(action)
            };
            audit_alone(store, &user, now, &entry)?;
            Err(Error::Refused(M::NotTheServerRole.say(&[])))
        }
        _ => Ok(user),
    }
}

fn open_session(
    global: &Global,
    command: &Command,
    format: Format,
    output: Option<crate::files::NewFile>,
) -> Result<Session> {
    let server = crate::store::pg::is_url(&global.db);
    if !server {
        let sealed_name = global.operator.clone().or_else(login_name);
        sealing::open(global, sealed_name.as_deref())?;
    }
    let mut store = Store::open_db(&global.db)?;
    if let Some(warning) = crate::store::exposure_warning(&global.db).filter(|_| !server) {
        if !global.quiet {
            eprintln!("privreg: {}: {warning}", M::WarningPrefix);
        }
    }
    let clock = Clock::current()?;
    let now = clock.now_rfc3339();
    let Verb {
        action,
        role: needed,
        ..
    } = verb_of(command);
    let name = operator_name(global, &mut store, &now, action)?;
    let operator = operators::get(&store.peek()?, &name)?;
    // Said to the operator in their language; logged in English.
    let refusal = |lang| match &operator {
        // A name typed with --as or PRIVREG_OPERATOR is not repeated, in
        // the log nor on stderr: it may be anything, a person's name and
        // hetu too (issue #13 item 8), and the log keeps what it holds for
        // ever. The login name is the machine's account: saying it tells
        // the user who privreg took them for (issue #20 item 1).
        None if global.operator.is_none() => Some(M::LoginNotRegistered.say_in(lang, &[&name])),
        None => Some(M::GivenNotRegistered.say_in(lang, &[])),
        Some(op) if !op.enabled => Some(M::Disabled.say_in(lang, &[&name])),
        Some(op) if op.role < needed => {
            Some(M::NeedsRole.say_in(lang, &[&action, &needed.name(), &name, &op.role.name()]))
        }
        Some(_) => None,
    };
    if let Some(why) = refusal(crate::messages::lang()) {
        let logged = match &operator {
            // An unregistered name is recorded as UNKNOWN_OPERATOR, not as
            // typed, and the detail does not repeat it.
            None => (
                UNKNOWN_OPERATOR,
                M::GivenNotRegistered.say_in(Lang::En, &[]),
            ),
            Some(_) => (name.as_str(), refusal(Lang::En).unwrap_or_default()),
        };
        let entry = Entry {
            outcome: "refused".into(),
            detail: logged.1,
            ..Entry::new(action)
        };
        audit_alone(&mut store, logged.0, &now, &entry)?;
        return Err(Error::Refused(why));
    }
    let role = operator.map(|o| o.role).unwrap_or(Role::Auditor);
    let audit_head_at_open = crate::store::audit::head(&store.peek()?)?.map(|(seq, _)| seq);
    Ok(Session {
        audit_head_at_open,
        store,
        db: global.db.clone(),
        who: Who::new(name, role, clock),
        global: GlobalOpts {
            format,
            quiet: global.quiet,
            lang: global.lang,
            output,
        },
    })
}

/// After a command that wrote to the register (every entry it added to
/// the audit log counts), its checkpoint goes to the checkpoint log. The
/// change has committed by now: a log that cannot be written is a warning.
fn checkpoint_after(session: &Session) {
    let tx = match session.store.peek() {
        Ok(tx) => tx,
        Err(e) => {
            eprintln!(
                "privreg: {}: {}",
                M::WarningPrefix,
                A::NoCheckpointLogged.say(&[&e])
            );
            return;
        }
    };
    let head = match crate::store::audit::head(&tx) {
        Ok(h) => h.map(|(seq, _)| seq),
        Err(e) => {
            eprintln!(
                "privreg: {}: {}",
                M::WarningPrefix,
                A::NoCheckpointLogged.say(&[&e])
            );
            return;
        }
    };
    if head == session.audit_head_at_open {
        return;
    }
    if let Err(why) = audit::append_to_log(&tx, &session.db, &session.who.now) {
        eprintln!(
            "privreg: {}: {}",
            M::WarningPrefix,
            A::NoCheckpointLogged.say(&[&why])
        );
    }
}

fn dispatch(session: &mut Session, command: Command) -> Result<Output> {
    match command {
        Command::Init(_)
        | Command::Fields(_)
        | Command::Completions { .. }
        | Command::Man
        | Command::Lock => {
            unreachable!("opens no session")
        }
        Command::Passwd => sealing::passwd(session),
        Command::Unlock(a) => sealing::unlock(session, a),
        Command::Encrypt => sealing::encrypt(session),
        Command::Operator(c) => operator::run(session, c),
        Command::Controller(c) => controller::run(session, c),
        Command::Add(a) => records::add(session, a),
        Command::Import(a) => import::run(session, a),
        Command::Show(a) => records::show(session, a),
        Command::Search(a) => records::search(session, a),
        Command::Correct(a) => records::correct(session, a),
        Command::End(a) => records::end(session, a),
        Command::Request(c) => requests::run(session, c),
        Command::Breach(c) => breach::run(session, c),
        Command::Restrict(a) => restrict::run(session, a),
        Command::Disclose(a) => disclose::run(session, a),
        Command::Audit(c) => audit::run(session, c),
        Command::Basis(c) => bases::run(session, c),
        Command::Purpose(c) => bases::purpose(session, c),
        Command::Optout(a) => marketing::optout(session, a),
        Command::Consent(a) => marketing::consent(session, a),
        Command::MarketingList(a) => marketing::list(session, a),
        Command::Erase(a) => erase::erase(session, a),
        Command::Hold(c) => erase::hold(session, c),
        Command::Retention(c) => retention::run(session, c),
        Command::Export(ExportCommand::Notice(a)) => notice::run(session, a),
        Command::Export(ExportCommand::ProcessingRecord(a)) => notice::record::run(session, a),
        Command::Activity(c) => processing::activity(session, c),
        Command::Processor(c) => processing::processor(session, c),
        Command::Client(c) => processing::client(session, c),
        Command::Notice(c) => processing::notice(session, c),
        Command::Export(ExportCommand::Register(a)) => export::register(session, a),
        Command::Export(ExportCommand::Subject(a)) => export::subject(session, a),
        Command::Export(ExportCommand::Audit(a)) => export::audit(session, a),
        Command::Export(ExportCommand::Breach(a)) => breach::export(session, a),
        Command::Check => check::run(session),
        Command::Backup(a) => backup::backup(session, a),
        Command::Copy(a) => copy::copy(session, a),
        Command::Restore(a) => {
            let db = session.db.clone();
            backup::restore(session, a, &db)
        }
    }
}

/// The language of a document privreg writes only in Finnish and English
/// (the notice, the record of processing, the Ombudsman's form: SPEC
/// `[--lang fi|en]`): Finnish unless `--lang en`; `--lang sv` is a usage
/// error (exit 2) rather than a text the reader did not ask for.
pub fn document_lang(session: &Session, what: &str) -> Result<crate::domain::labels::Lang> {
    match session.global.lang {
        Some(Lang::Sv) => Err(Error::Usage(M::DocumentLang.say(&[&what]))),
        given => Ok(given.map_or(crate::domain::labels::Lang::Fi, Lang::document)),
    }
}
