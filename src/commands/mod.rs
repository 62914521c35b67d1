//! Dispatch: who is working (operator and role), what each command may do
//! (SPEC §4 "Roles"), and the one transaction per command in which the
//! change and its audit entry land together.

mod audit;
mod backup;
mod bases;
mod breach;
mod breach_letter;
mod check;
mod controller;
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
mod sealing;
pub mod view;

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::cli::{Cli, Command, ExportCommand, Global};
use crate::clock::Clock;
use crate::domain::fields::Ctx;
use crate::error::{Error, Result};
use crate::output::{self, Format, Output};
use crate::store::audit::Entry;
use crate::store::operators::{self, Role};
use crate::store::Store;

/// Who is working, and when.
pub struct Who {
    pub operator: String,
    pub role: Role,
    /// The date rules count from: the clock's date in Europe/Helsinki.
    pub today: NaiveDate,
    /// The time everything this command records is stamped with, RFC 3339
    /// UTC: the same instant as `today` (one clock, see [`crate::clock`]).
    pub now: String,
}

impl Who {
    fn new(operator: String, role: Role, clock: Clock) -> Who {
        Who {
            operator,
            role,
            today: clock.today(),
            now: clock.now_rfc3339(),
        }
    }

    pub fn today_iso(&self) -> String {
        self.today.format("%Y-%m-%d").to_string()
    }

    pub fn ctx(&self) -> Ctx {
        Ctx { today: self.today }
    }
}

/// An open register and the operator working on it.
pub struct Session {
    pub conn: Connection,
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
}

impl Session {
    /// Runs a read (a list, a search, a report) in one read transaction,
    /// so it sees one consistent state without holding the write lock,
    /// then appends its audit entry in a short write transaction of its
    /// own. The value is printed only after that, so the entry is
    /// committed before any data leaves; `work` itself must not write any
    /// personal data out: a read that streams uses [`Session::stream`].
    pub fn read<T>(
        &mut self,
        work: impl FnOnce(&Transaction<'_>, &Who) -> Result<(T, Entry)>,
    ) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)?;
        let (value, entry) = work(&tx, &self.who)?;
        tx.commit()?;
        audit_alone(&mut self.conn, &self.who.operator, &self.who.now, &entry)?;
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
        work: impl FnOnce(&Transaction<'_>, &Who) -> Result<usize>,
    ) -> Result<Output> {
        let started = Entry {
            outcome: "started".into(),
            ..entry.clone()
        };
        audit_alone(&mut self.conn, &self.who.operator, &self.who.now, &started)?;
        let result = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Deferred)?;
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
        let ended = audit_alone(&mut self.conn, &self.who.operator, &self.who.now, &end);
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
        work: impl FnOnce(&Transaction<'_>, &Who) -> Result<(T, Vec<Entry>)>,
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
        work: impl FnOnce(&Transaction<'_>, &Who) -> Result<(T, Entry)>,
    ) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
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
                    Error::RefusedFor { record, why } => Some((why, Some(record.to_string()))),
                    _ => None,
                };
                if let Some((why, record)) = refusal {
                    let entry = Entry {
                        outcome: "refused".into(),
                        detail: why.clone(),
                        records: record.into_iter().collect(),
                        ..Entry::new(action)
                    };
                    audit_alone(&mut self.conn, &self.who.operator, &self.who.now, &entry)?;
                }
                Err(e)
            }
        }
    }
}

fn audit_alone(conn: &mut Connection, operator: &str, now: &str, entry: &Entry) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
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

/// The action name of a command in the audit log, and the least role it needs.
fn action_and_role(command: &Command) -> (&'static str, Role) {
    use crate::cli::{
        ActivityCommand as Ac, AuditCommand as A, BasisCommand as B, BreachCommand as Br,
        ClientCommand as Cl, ControllerCommand as Ct, ExportCommand as E, HoldCommand as H,
        NoticeCategoryCommand as Nc, NoticeCommand as N, OperatorCommand as O,
        ProcessorCommand as Pr, PurposeCommand as P, RequestCommand as Rq, RestrictCommand as Rs,
        RetentionCommand as R,
    };
    match command {
        Command::Init(_) => ("init", Role::Admin),
        Command::Operator(O::Add { .. }) => ("operator-add", Role::Admin),
        Command::Operator(O::List) => ("operator-list", Role::Admin),
        Command::Operator(O::Disable { .. }) => ("operator-disable", Role::Admin),
        Command::Controller(Ct::Set(_)) => ("controller-set", Role::Admin),
        Command::Controller(Ct::Show) => ("controller-show", Role::Auditor),
        Command::Add(_) => ("add", Role::Staff),
        Command::Import(_) => ("import", Role::Staff),
        Command::Show(_) => ("show", Role::Auditor),
        Command::Search(_) => ("search", Role::Auditor),
        Command::Correct(_) => ("correct", Role::Staff),
        Command::End(_) => ("end", Role::Staff),
        Command::Request(Rq::Open(_)) => ("request-open", Role::Staff),
        Command::Request(Rq::Extend(_)) => ("request-extend", Role::Staff),
        Command::Request(Rq::Close(_)) => ("request-close", Role::Staff),
        Command::Request(Rq::List(_)) => ("request-list", Role::Auditor),
        Command::Request(Rq::Show(_)) => ("request-show", Role::Auditor),
        Command::Breach(Br::Open(_)) => ("breach-open", Role::Staff),
        Command::Breach(Br::Assess(_)) => ("breach-assess", Role::Staff),
        Command::Breach(Br::Notify(a)) => match (a.authority, a.subjects) {
            (true, _) => ("breach-notify-authority", Role::Staff),
            (_, true) => ("breach-notify-subjects", Role::Staff),
            _ => ("breach-notify-client", Role::Staff),
        },
        Command::Breach(Br::Close(_)) => ("breach-close", Role::Staff),
        Command::Breach(Br::List(_)) => ("breach-list", Role::Auditor),
        Command::Breach(Br::Show(_)) => ("breach-show", Role::Auditor),
        Command::Restrict(a) => match a.command {
            Some(Rs::Lift { .. }) => ("restrict-lift", Role::Staff),
            None => ("restrict", Role::Staff),
        },
        Command::Disclose(_) => ("disclose", Role::Staff),
        Command::Audit(A::Verify { .. }) => ("audit-verify", Role::Auditor),
        Command::Audit(A::Checkpoint) => ("audit-checkpoint", Role::Auditor),
        Command::Basis(B::Add(_)) => ("basis-add", Role::Staff),
        Command::Basis(B::List { .. }) => ("basis-list", Role::Auditor),
        Command::Basis(B::End { .. }) => ("basis-end", Role::Staff),
        Command::Purpose(P::Add(_)) => ("purpose-add", Role::Admin),
        Command::Purpose(P::List) => ("purpose-list", Role::Auditor),
        Command::Optout(_) => ("optout", Role::Staff),
        Command::Consent(_) => ("consent", Role::Staff),
        Command::MarketingList(_) => ("marketing-list", Role::Auditor),
        Command::Erase(_) => ("erase", Role::Admin),
        Command::Hold(H::Add { .. }) => ("hold-add", Role::Staff),
        Command::Hold(H::Release { .. }) => ("hold-release", Role::Admin),
        Command::Retention(R::Report { .. }) => ("retention-report", Role::Auditor),
        Command::Retention(R::Sweep { .. }) => ("retention-sweep", Role::Admin),
        Command::Export(ExportCommand::Notice(a)) if a.publish => {
            ("export-notice-publish", Role::Admin)
        }
        Command::Export(ExportCommand::Notice(_)) => ("export-notice", Role::Auditor),
        Command::Export(E::ProcessingRecord(_)) => ("export-processing-record", Role::Auditor),
        Command::Activity(Ac::Add(_)) => ("activity-add", Role::Admin),
        Command::Activity(Ac::List) => ("activity-list", Role::Auditor),
        Command::Activity(Ac::Show { .. }) => ("activity-show", Role::Auditor),
        Command::Activity(Ac::End { .. }) => ("activity-end", Role::Admin),
        Command::Processor(Pr::Add(_)) => ("processor-add", Role::Admin),
        Command::Processor(Pr::List) => ("processor-list", Role::Auditor),
        Command::Processor(Pr::Show { .. }) => ("processor-show", Role::Auditor),
        Command::Processor(Pr::End { .. }) => ("processor-end", Role::Admin),
        Command::Client(Cl::Add(_)) => ("client-add", Role::Admin),
        Command::Client(Cl::List) => ("client-list", Role::Auditor),
        Command::Client(Cl::Show { .. }) => ("client-show", Role::Auditor),
        Command::Client(Cl::End { .. }) => ("client-end", Role::Admin),
        Command::Client(Cl::Processing(_)) => ("client-processing-add", Role::Admin),
        Command::Notice(N::History) => ("notice-history", Role::Auditor),
        Command::Notice(N::Category(Nc::List)) => ("notice-category-list", Role::Auditor),
        Command::Notice(N::Category(Nc::Add { .. })) => ("notice-category-add", Role::Admin),
        Command::Notice(N::Category(Nc::Remove { .. })) => ("notice-category-remove", Role::Admin),
        Command::Export(E::Register(_)) => ("export-register", Role::Auditor),
        Command::Export(E::Subject(_)) => ("export-subject", Role::Auditor),
        Command::Export(E::Audit(_)) => ("export-audit", Role::Auditor),
        Command::Export(E::Breach(_)) => ("export-breach", Role::Auditor),
        Command::Check => ("check", Role::Auditor),
        // These open no register (see `run`); listed for the match to be whole.
        Command::Fields(_) => ("fields", Role::Auditor),
        Command::Completions { .. } => ("completions", Role::Auditor),
        Command::Man => ("man", Role::Auditor),
        Command::Backup(_) => ("backup", Role::Admin),
        Command::Restore(_) => ("restore", Role::Admin),
        Command::Passwd => ("passwd", Role::Auditor),
        Command::Unlock(_) => ("unlock", Role::Auditor),
        Command::Lock => ("lock", Role::Auditor),
        Command::Encrypt => ("encrypt", Role::Admin),
    }
}

/// The formats a command can print, and its default.
fn formats(command: &Command) -> (Format, &'static [Format]) {
    const EXPORT: &[Format] = &[Format::Csv, Format::Json, Format::Jsonl];
    match command {
        Command::Audit(_) | Command::Init(_) => (Format::Table, &[Format::Table, Format::Json]),
        Command::Export(ExportCommand::Notice(_) | ExportCommand::ProcessingRecord(_)) => {
            (Format::Markdown, &[Format::Markdown, Format::Json])
        }
        Command::Export(ExportCommand::Register(_) | ExportCommand::Audit(_)) => {
            (Format::Csv, EXPORT)
        }
        Command::Export(ExportCommand::Subject(_)) => {
            (Format::Json, &[Format::Json, Format::Markdown])
        }
        // The Ombudsman's form and the letters are documents; json for scripts.
        Command::Export(ExportCommand::Breach(_)) => {
            (Format::Markdown, &[Format::Markdown, Format::Json])
        }
        Command::Breach(crate::cli::BreachCommand::Notify(a)) if a.subjects => {
            (Format::Markdown, &[Format::Markdown, Format::Json])
        }
        _ => (Format::Table, output::DATA_FORMATS),
    }
}

pub fn run(cli: Cli) -> Result<()> {
    let Cli { global, command } = cli;
    let (default, allowed) = formats(&command);
    let format = output::choose(global.format, default, allowed)?;
    let out = match command {
        Command::Init(args) => init::run(&global, args)?,
        // Help in other forms: no register, no operator.
        Command::Fields(args) => fields::run(args),
        Command::Completions { shell } => return fields::completions(shell),
        Command::Man => return fields::man(),
        Command::Lock => sealing::lock(&global)?,
        command => {
            let mut session = open_session(&global, &command, format)?;
            let result = dispatch(&mut session, command);
            checkpoint_after(&session);
            result?
        }
    };
    output::print(out, format)
}

fn open_session(global: &Global, command: &Command, format: Format) -> Result<Session> {
    let sealed_name = global.operator.clone().or_else(login_name);
    sealing::open(global, sealed_name.as_deref())?;
    let mut store = Store::open(&global.db)?;
    if let Some(warning) = crate::store::exposure_warning(&global.db) {
        if !global.quiet {
            eprintln!("privreg: warning: {warning}");
        }
    }
    let name = global.operator.clone().or_else(login_name).ok_or_else(|| {
        Error::Usage("cannot tell who you are: give --as NAME or set PRIVREG_OPERATOR".into())
    })?;
    let clock = Clock::current()?;
    let now = clock.now_rfc3339();
    let (action, needed) = action_and_role(command);
    let operator = operators::get(&store.conn, &name)?;
    let refusal = match &operator {
        // The name is not repeated, in the log nor on stderr: what was
        // typed may be anything, a person's name and hetu too (issue #13
        // item 8), and the log keeps what it holds for ever.
        None => Some("the operator given (--as, PRIVREG_OPERATOR or the login name) is not registered: an admin adds operators with `privreg operator add`".to_string()),
        Some(op) if !op.enabled => Some(format!("operator {name} is disabled")),
        Some(op) if op.role < needed => Some(format!(
            "{action} needs the {} role; operator {name} is {}",
            needed.name(),
            op.role.name()
        )),
        Some(_) => None,
    };
    if let Some(why) = refusal {
        let entry = Entry {
            outcome: "refused".into(),
            detail: why.clone(),
            ..Entry::new(action)
        };
        // An unregistered name is recorded as UNKNOWN_OPERATOR, not as typed.
        let logged = if operator.is_some() {
            name.as_str()
        } else {
            UNKNOWN_OPERATOR
        };
        audit_alone(&mut store.conn, logged, &now, &entry)?;
        return Err(Error::Refused(why));
    }
    let role = operator.map(|o| o.role).unwrap_or(Role::Auditor);
    let audit_head_at_open = crate::store::audit::head(&store.conn)?.map(|(seq, _)| seq);
    Ok(Session {
        audit_head_at_open,
        conn: store.conn,
        db: global.db.clone(),
        who: Who::new(name, role, clock),
        global: GlobalOpts {
            format,
            quiet: global.quiet,
        },
    })
}

/// After a command that wrote to the register (every entry it added to
/// the audit log counts), its checkpoint goes to the checkpoint log. The
/// change has committed by now: a log that cannot be written is a warning.
fn checkpoint_after(session: &Session) {
    let head = match crate::store::audit::head(&session.conn) {
        Ok(h) => h.map(|(seq, _)| seq),
        Err(e) => {
            eprintln!("privreg: warning: no checkpoint was logged: {e}");
            return;
        }
    };
    if head == session.audit_head_at_open {
        return;
    }
    if let Err(why) = audit::append_to_log(&session.conn, &session.db, &session.who.now) {
        eprintln!("privreg: warning: no checkpoint was logged: {why}");
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
        Command::Retention(c) => erase::retention(session, c),
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
        Command::Restore(a) => {
            let db = session.db.clone();
            backup::restore(session, a, &db)
        }
    }
}
