//! `breach open/assess/notify/close/list/show`, `export breach` and the
//! breach gap of `check` (issue 19, SPEC §10). The suite's clock is
//! 2026-11-24 12:00 in Helsinki (10:00 UTC): a breach found on 2026-11-23
//! at 10:17 is due on 2026-11-26 at 11:00, one found on 2026-11-20 is
//! overdue.

use serde_json::Value;

use crate::util::*;

/// The firm's contact point, which the letters need.
fn controller(env: &Env) {
    env.ok(&[
        "controller",
        "set",
        "--name",
        "Tilitoimisto Esimerkki Oy",
        "--contact-person",
        "Tietosuojavastaava",
        "--contact-email",
        "tietosuoja@esimerkki.fi",
    ]);
}

fn open(env: &Env, args: &[&str]) -> String {
    let mut all = vec![
        "breach",
        "open",
        "--description",
        "Payroll e-mail sent to the wrong client",
        "--nature",
        "confidentiality",
    ];
    all.extend_from_slice(args);
    env.ok(&all).trim().to_string()
}

fn breach_json(env: &Env, id: &str) -> Value {
    env.json(&["breach", "show", id])
}

/// A customer who wants letters in `language` (none: the default, fi).
fn person(env: &Env, first: &str, last: &str, language: Option<&str>) -> String {
    let lang = language.map(|l| format!("language={l}"));
    let mut sets = vec![
        format!("first_name={first}"),
        format!("last_name={last}"),
        "street=Kirjekatu 1".to_string(),
        "postal_code=00100".into(),
        "city=Helsinki".into(),
    ];
    sets.extend(lang);
    let sets: Vec<&str> = sets.iter().map(String::as_str).collect();
    env.add("customer", &sets)
}

#[test]
fn open_prints_the_id_and_notify_by_and_stores_utc() {
    let env = Env::new();
    let c1 = matti(&env);
    let out = open(
        &env,
        &[
            "--aware-at",
            "2026-11-23 10:17",
            "--record",
            &c1,
            "--nature",
            "integrity",
            "--approx-subjects",
            "40",
            "--data",
            "salary, bank account",
        ],
    );
    assert_eq!(out, "BR-1 notify_by 2026-11-26 11:00 (Helsinki time)");
    let b = breach_json(&env, "BR-1");
    assert_eq!(b["aware_at"], "2026-11-23T08:17:00.000Z");
    assert_eq!(b["notify_by"], "2026-11-26T09:00:00.000Z");
    assert_eq!(
        b["nature"],
        serde_json::json!(["confidentiality", "integrity"])
    );
    assert_eq!(b["records"], serde_json::json!([c1]));
    assert_eq!(b["approx_subjects"], 40);
    assert_eq!(b["status"], "open");
    assert!(b["risk"].is_null());
    // RFC 3339 with an offset is the same instant
    let out = open(&env, &["--aware-at", "2026-11-23T10:17:00+02:00"]);
    assert_eq!(out, "BR-2 notify_by 2026-11-26 11:00 (Helsinki time)");
    // the audit entry names the record, not the person or the description
    let (action, outcome, records, _, detail) = env.last_audit_of("breach-open");
    assert_eq!((action.as_str(), outcome.as_str()), ("breach-open", "ok"));
    assert_eq!(records, "");
    assert_eq!(detail, "breach=BR-2 nature=confidentiality");
    let audit = env.audit_text();
    assert!(audit.contains("C-1"), "{audit}");
    for value in ["Mäkinen", "Payroll", "salary"] {
        assert!(!audit.contains(value), "{value} in the audit log");
    }
}

#[test]
fn open_refuses_bad_input_and_writes_nothing() {
    let env = Env::new();
    let c1 = matti(&env);
    for (args, code) in [
        (vec!["--aware-at", "2026-11-25 10:00"], 3), // in the future
        (vec!["--aware-at", "2026-03-29 03:30"], 3), // skipped by the spring change
        (vec!["--aware-at", "yesterday"], 3),
        (vec!["--aware-at", "2026-11-23"], 3), // a date without a time
        (vec!["--aware-at", "2026-11-23 10:00", "--record", "C-9"], 4),
    ] {
        let mut all = vec![
            "breach",
            "open",
            "--description",
            "x",
            "--nature",
            "availability",
        ];
        all.extend(args.iter().copied());
        env.fails(code, &all);
    }
    env.fails(
        3,
        &[
            "breach",
            "open",
            "--aware-at",
            "2026-11-23 10:00",
            "--description",
            " ",
            "--nature",
            "integrity",
        ],
    );
    // an unknown nature is a usage error
    env.fails(
        2,
        &[
            "breach",
            "open",
            "--aware-at",
            "2026-11-23 10:00",
            "--description",
            "x",
            "--nature",
            "secrecy",
            "--record",
            &c1,
        ],
    );
    assert_eq!(env.number("SELECT count(*) FROM breaches"), 0);
    env.fails(4, &["breach", "show", "BR-1"]);
    env.fails(2, &["breach", "show", "REQ-1"]);
}

#[test]
fn unlikely_is_documented_and_needs_no_notification() {
    let env = Env::new();
    let c1 = matti(&env);
    // found four days ago: past its 72 hours
    let id = open(&env, &["--aware-at", "2026-11-20 09:00", "--record", &c1]);
    assert!(id.starts_with("BR-1 notify_by 2026-11-23 10:00"), "{id}");
    assert!(id.contains("the 72 hours have passed"), "{id}");
    let check = env.json(&["check"]);
    assert!(check.to_string().contains("breach-not-notified"), "{check}");
    let out = env.ok(&[
        "breach",
        "assess",
        "BR-1",
        "--risk",
        "unlikely",
        "--reason",
        "The file was encrypted and the key was not sent",
    ]);
    assert!(out.contains("documentation GDPR Art. 33(5)"), "{out}");
    let b = breach_json(&env, "BR-1");
    assert_eq!(b["risk"], "unlikely");
    assert_eq!(b["overdue"], false, "unlikely needs no notification");
    assert!(b["flag"].is_null());
    assert_eq!(
        b["assessments"][0]["reason"],
        "The file was encrypted and the key was not sent"
    );
    let check = env.json(&["check"]);
    assert!(!check.to_string().contains("BR-1"), "{check}");
    env.ok(&["breach", "close", "BR-1"]);
    assert_eq!(breach_json(&env, "BR-1")["status"], "closed");
    // closed: nothing changes any more
    env.fails(
        3,
        &[
            "breach", "assess", "BR-1", "--risk", "high", "--reason", "x",
        ],
    );
    env.assert_sound();
}

#[test]
fn risk_is_notified_to_the_ombudsman_and_exported_by_register() {
    let env = Env::new();
    controller(&env);
    let c1 = matti(&env);
    let c2 = person(&env, "Liisa", "Laine", None);
    let e1 = env.add(
        "employee",
        &[
            "first_name=Pekka",
            "last_name=Palkka",
            "hetu=010190-123M",
            "employment_start=2020-01-01",
        ],
    );
    open(
        &env,
        &[
            "--aware-at",
            "2026-11-23 10:17",
            "--record",
            &c1,
            "--record",
            &c2,
            &e1,
            "--data",
            "names, salaries",
        ],
    );
    // risk needs the consequences and the measures (Art. 33(3)(c), (d))
    let err = env.fails(
        3,
        &[
            "breach", "assess", "BR-1", "--risk", "risk", "--reason", "salaries",
        ],
    );
    assert!(
        err.contains("consequences") && err.contains("measures"),
        "{err}"
    );
    assert_eq!(env.number("SELECT count(*) FROM breach_assessments"), 0);
    let out = env.ok(&[
        "breach",
        "assess",
        "BR-1",
        "--risk",
        "risk",
        "--reason",
        "salaries seen by one outside firm",
        "--consequences",
        "Embarrassment; no financial loss expected",
        "--measures",
        "The recipient confirmed deletion in writing",
    ]);
    assert!(
        out.contains("notify the Data Protection Ombudsman by 2026-11-26 11:00"),
        "{out}"
    );
    // not notified yet: cannot be closed
    let err = env.fails(3, &["breach", "close", "BR-1"]);
    assert!(err.contains("notification to the Ombudsman"), "{err}");
    let out = env.ok(&[
        "breach",
        "notify",
        "BR-1",
        "--authority",
        "--at",
        "2026-11-24 09:30",
        "--reference",
        "TSV-1234/2026",
    ]);
    assert_eq!(
        out.trim(),
        "BR-1: the Ombudsman was told at 2026-11-24 09:30 (Helsinki time), in time"
    );
    env.fails(3, &["breach", "notify", "BR-1", "--authority"]);
    // the Ombudsman's form: numbers of people and records by register
    let form = env.json(&["export", "breach", "BR-1", "--lang", "en"]);
    assert_eq!(form["records_total"], 3);
    assert_eq!(form["approx_subjects"], 3);
    assert_eq!(form["records_by_register"][0]["register"], "customer");
    assert_eq!(form["records_by_register"][0]["records"], 2);
    assert_eq!(form["records_by_register"][1]["register"], "employee");
    assert_eq!(form["records_by_register"][1]["records"], 1);
    assert_eq!(form["authority_reference"], "TSV-1234/2026");
    let text = form.to_string();
    assert!(!text.contains(&c1) && !text.contains("Laine"), "{text}");
    let fi = env.ok(&["export", "breach", "BR-1"]);
    let order = [
        "## 1. Rekisterinpitäjä ja yhteyspiste (33(3)(b))",
        "## 2. Tietoturvaloukkaus (33(3)(a))",
        "Loukkauksen luonne: luottamuksellisuuden menetys",
        "## 3. Rekisteröidyt ja henkilötiedot (33(3)(a))",
        "Rekisteröityjen arvioitu lukumäärä: 3",
        "Asiakas- ja markkinointirekisteri (kuluttaja-asiakkaat ja markkinoinnin yhteyshenkilöt): 2",
        "Työntekijärekisteri (työntekijät ja harjoittelijat): 1",
        "## 4. Todennäköiset seuraukset (33(3)(c))",
        "Embarrassment; no financial loss expected",
        "## 5. Toteutetut ja ehdotetut toimenpiteet (33(3)(d))",
        "The recipient confirmed deletion in writing",
        "## 6. Rekisteröidyille ilmoittaminen (34)",
        "## 7. Ilmoituksen ajankohta (33(1))",
        "72 tunnin määräaika päättyy: 2026-11-26 11:00 Suomen aikaa",
        "Ilmoitettu: 2026-11-24 09:30 Suomen aikaa",
    ];
    let mut from = 0;
    for part in order {
        let at = fi[from..]
            .find(part)
            .unwrap_or_else(|| panic!("{part:?} missing or out of order in:\n{fi}"));
        from += at + part.len();
    }
    let en = env.ok(&["export", "breach", "BR-1", "--lang", "en"]);
    assert!(en.contains("## 4. Likely consequences (33(3)(c))"), "{en}");
    // risk (not high): the people need no letters to close it
    env.ok(&["breach", "close", "BR-1"]);
    let (_, _, records, _, detail) = env.last_audit_of("export-breach");
    assert_eq!(records, format!("{c1},{c2},{e1}"));
    assert_eq!(detail, "breach=BR-1 lang=en format=markdown");
    env.assert_sound();
}

#[test]
fn high_risk_needs_the_letters_before_it_closes() {
    let env = Env::new();
    controller(&env);
    let c1 = person(&env, "Aino", "Aaltonen", None);
    open(&env, &["--aware-at", "2026-11-24 08:00", "--record", &c1]);
    let out = env.ok(&[
        "breach",
        "assess",
        "BR-1",
        "--risk",
        "high",
        "--reason",
        "bank account numbers and hetus",
        "--consequences",
        "Possible identity theft",
        "--measures",
        "Accounts monitored with the bank",
    ]);
    assert!(out.contains("tell the people without undue delay"), "{out}");
    env.ok(&["breach", "notify", "BR-1", "--authority"]);
    let err = env.fails(3, &["breach", "close", "BR-1"]);
    assert!(err.contains("letters to the people"), "{err}");
    let letters = env.ok(&["breach", "notify", "BR-1", "--subjects"]);
    assert!(letters.contains("Aino Aaltonen"), "{letters}");
    assert!(letters.contains("Possible identity theft"), "{letters}");
    env.ok(&["breach", "close", "BR-1"]);
    let b = breach_json(&env, "BR-1");
    assert_eq!(b["status"], "closed");
    assert_eq!(b["letters"], 1);
    assert_eq!(b["authority_notified_at"], "2026-11-24T10:00:00.000Z");
    env.assert_sound();
}

#[test]
fn a_late_notification_needs_the_reasons_for_the_delay() {
    let env = Env::new();
    let c1 = matti(&env);
    open(&env, &["--aware-at", "2026-11-20 16:45", "--record", &c1]);
    // due 2026-11-23 17:00; now is 2026-11-24 12:00
    let err = env.fails(3, &["breach", "notify", "BR-1", "--authority"]);
    assert!(
        err.contains("late_reason") && err.contains("2026-11-23 17:00") && err.contains("33(1)"),
        "{err}"
    );
    assert!(breach_json(&env, "BR-1")["authority_notified_at"].is_null());
    let list = env.ok(&["breach", "list", "--overdue"]);
    assert!(list.contains("BR-1") && list.contains("OVERDUE"), "{list}");
    // a notification at 17:00 sharp was in time (the end of the last hour)
    let in_time = env.ok(&[
        "breach",
        "notify",
        "BR-1",
        "--authority",
        "--at",
        "2026-11-23 17:00",
    ]);
    assert!(in_time.contains("in time"), "{in_time}");

    open(&env, &["--aware-at", "2026-11-20 16:45", "--record", &c1]);
    env.fails(
        3,
        &[
            "breach",
            "notify",
            "BR-2",
            "--authority",
            "--at",
            "2026-11-23 17:01",
        ],
    );
    let out = env.ok(&[
        "breach",
        "notify",
        "BR-2",
        "--authority",
        "--late-reason",
        "The breach came to light on a Friday evening and the facts took until Tuesday",
    ]);
    assert!(out.contains("19 h after notify_by"), "{out}");
    let b = breach_json(&env, "BR-2");
    assert_eq!(
        b["late_reason"],
        "The breach came to light on a Friday evening and the facts took until Tuesday"
    );
    let (_, _, _, fields, detail) = env.last_audit_of("breach-notify-authority");
    assert_eq!(
        (fields.as_str(), detail.as_str()),
        ("late_reason", "breach=BR-2 late")
    );
    assert!(!env.audit_text().contains("Friday evening"));
    // --late-reason belongs to --authority only
    env.fails(
        2,
        &["breach", "notify", "BR-2", "--client", "--late-reason", "x"],
    );
    // nothing is overdue any more
    let overdue = env.json(&["breach", "list", "--overdue"]);
    assert_eq!(overdue, serde_json::json!([]));
}

#[test]
fn a_processor_breach_tells_the_client() {
    let env = Env::new();
    let e1 = env.add(
        "employee",
        &[
            "first_name=Kalle",
            "last_name=Asiakkaanen",
            "hetu=010190-123M",
            "employment_start=2020-01-01",
        ],
    );
    let out = open(
        &env,
        &[
            "--aware-at",
            "2026-11-24 08:05",
            "--record",
            &e1,
            "--client",
            "Rakennus Virtanen Oy",
            "--approx-subjects",
            "12",
        ],
    );
    assert!(
        out.contains("tell the client without undue delay (GDPR Art. 33(2))"),
        "{out}"
    );
    assert!(!env.audit_text().contains("Virtanen"));
    let err = env.fails(3, &["breach", "close", "BR-1"]);
    assert!(err.contains("notification to the client"), "{err}");
    let out = env.ok(&["breach", "notify", "BR-1", "--client"]);
    assert!(
        out.contains("the client was told at 2026-11-24 12:00"),
        "{out}"
    );
    env.fails(3, &["breach", "notify", "BR-1", "--client"]);
    let b = breach_json(&env, "BR-1");
    assert_eq!(b["client"], "Rakennus Virtanen Oy");
    assert_eq!(b["client_notified_at"], "2026-11-24T10:00:00.000Z");
    let form = env.ok(&["export", "breach", "BR-1", "--lang", "en"]);
    assert!(
        form.contains("as a processor for our client: Rakennus Virtanen Oy")
            && form.contains("Approximate number of people: 12\n"),
        "{form}"
    );
    // a breach of the firm's own has no client to tell
    open(&env, &["--aware-at", "2026-11-24 08:05"]);
    let err = env.fails(3, &["breach", "notify", "BR-2", "--client"]);
    assert!(err.contains("names no client"), "{err}");
    assert!(breach_json(&env, "BR-2")["client_notified_at"].is_null());
}

#[test]
fn letters_in_each_persons_language() {
    let env = Env::new();
    let fi = person(&env, "Aino", "Virtanen", None);
    let sv = person(&env, "Sven", "Lindqvist", Some("sv"));
    let en = person(&env, "Jane", "Doe", Some("en"));
    let de = person(&env, "Jürgen", "Schmidt", Some("de"));
    let records = format!("{fi},{sv},{en},{de}");
    open(
        &env,
        &["--aware-at", "2026-11-24 08:00", "--record", &records],
    );
    // no assessment yet: the letters cannot state the consequences
    let err = env.fails(3, &["breach", "notify", "BR-1", "--subjects"]);
    assert!(err.contains("34(2)"), "{err}");
    env.ok(&[
        "breach",
        "assess",
        "BR-1",
        "--risk",
        "high",
        "--reason",
        "salary data",
        "--consequences",
        "Phishing attempts",
        "--measures",
        "E-mail recalled",
    ]);
    // no contact point: the letters cannot name one
    let err = env.fails(3, &["breach", "notify", "BR-1", "--subjects"]);
    assert!(err.contains("contact point"), "{err}");
    controller(&env);
    let out = env
        .cmd(&["breach", "notify", "BR-1", "--subjects"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let letters = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.trim(), "privreg: BR-1: 4 letters");
    let parts: Vec<&str> = letters.split("\n---\n").collect();
    assert_eq!(parts.len(), 4, "{letters}");
    let expect = [
        (
            "Aino Virtanen",
            "# Henkilötietojasi koskeva tietoturvaloukkaus",
            "## Mitä voit itse tehdä",
        ),
        (
            "Sven Lindqvist",
            "# Personuppgiftsincident som gäller dina personuppgifter",
            "## Vad du själv kan göra",
        ),
        (
            "Jane Doe",
            "# A personal data breach concerning your personal data",
            "## What you can do",
        ),
        (
            "Jürgen Schmidt",
            "# A personal data breach concerning your personal data",
            "## Likely consequences",
        ),
    ];
    for (part, (name, title, section)) in parts.iter().zip(expect) {
        assert!(part.contains(name), "{part}");
        assert!(part.contains(title), "{part}");
        assert!(part.contains(section), "{part}");
        // Art. 34(2): nature, contact point, consequences, measures
        assert!(
            part.contains("Phishing attempts") && part.contains("E-mail recalled"),
            "{part}"
        );
        assert!(part.contains("tietosuoja@esimerkki.fi"), "{part}");
        assert!(part.contains("tietosuoja.fi)"), "{part}");
    }
    assert!(parts[1].contains("konfidentialitet"), "{}", parts[1]);
    // json: the same letters with their language
    let j = env.json(&["breach", "notify", "BR-1", "--subjects"]);
    let langs: Vec<&str> = j["letters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["language"].as_str().unwrap())
        .collect();
    assert_eq!(langs, ["fi", "sv", "en", "en"]);
    // the read is audited: every record, counts, no names
    let (_, _, recs, _, detail) = env.last_audit_of("breach-notify-subjects");
    assert_eq!(recs, records);
    assert_eq!(
        detail,
        "breach=BR-1 letters=4 skipped-erased=0 lang=fi:1,sv:1,en:2 format=json"
    );
    let audit = env.audit_text();
    for name in ["Virtanen", "Lindqvist", "Doe", "Schmidt", "Phishing"] {
        assert!(!audit.contains(name), "{name} in the audit log");
    }
    // markdown is the default; a table is not a letter
    env.fails(
        2,
        &[
            "--format",
            "table",
            "breach",
            "notify",
            "BR-1",
            "--subjects",
        ],
    );
}

#[test]
fn an_erased_person_is_skipped_and_the_breach_keeps_the_id_only() {
    let env = Env::new_plain();
    controller(&env);
    let gone = env.add(
        "customer",
        &[
            "first_name=Zyxbreach",
            "last_name=Qwbreachson",
            "email=zyx.breach@unique-mail.fi",
            "street=Erasedstreet 9",
        ],
    );
    let stays = person(&env, "Aino", "Aaltonen", None);
    open(
        &env,
        &[
            "--aware-at",
            "2026-11-24 08:00",
            "--record",
            &format!("{gone},{stays}"),
        ],
    );
    env.ok(&[
        "breach",
        "assess",
        "BR-1",
        "--risk",
        "high",
        "--reason",
        "r",
        "--consequences",
        "c",
        "--measures",
        "m",
    ]);
    env.ok(&[
        "erase",
        &gone,
        "--reason",
        "erasure request",
        "--override-hold",
    ]);
    let b = breach_json(&env, "BR-1");
    assert_eq!(b["records"], serde_json::json!([gone, stays]));
    assert_eq!(b["erased_records"], serde_json::json!([gone]));
    // the register file holds none of the erased person's values
    let mut bytes = std::fs::read(&env.db).unwrap();
    let wal = env.db.with_extension("db-wal");
    if wal.exists() {
        bytes.extend(std::fs::read(&wal).unwrap());
    }
    let haystack = String::from_utf8_lossy(&bytes).to_lowercase();
    for value in ["zyxbreach", "qwbreachson", "unique-mail", "erasedstreet"] {
        assert!(!haystack.contains(value), "{value} is still in the file");
    }
    // the letters skip the erased record and count it
    let out = env
        .cmd(&["breach", "notify", "BR-1", "--subjects"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let letters = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    // (a plain register: its warning aside)
    let stderr: String = stderr
        .lines()
        .filter(|l| !l.contains("is not encrypted"))
        .collect();
    assert_eq!(
        stderr.trim(),
        format!("privreg: BR-1: 1 letters; 1 erased records skipped ({gone})")
    );
    assert!(letters.contains("Aino Aaltonen"), "{letters}");
    assert!(!letters.contains("Zyxbreach"), "{letters}");
    let b = breach_json(&env, "BR-1");
    assert_eq!(
        (b["letters"].as_i64(), b["skipped_erased"].as_i64()),
        (Some(1), Some(1))
    );
    let (_, _, recs, _, detail) = env.last_audit_of("breach-notify-subjects");
    assert_eq!(recs, stays);
    assert!(detail.contains("letters=1 skipped-erased=1"), "{detail}");
    // the Ombudsman's form still counts the erased record
    let form = env.json(&["export", "breach", "BR-1"]);
    assert_eq!(form["records_total"], 2);
    env.assert_sound();
}

#[test]
fn roles_auditors_read_staff_write() {
    let env = Env::new();
    env.ok(&["operator", "add", "aki", "--role", "auditor"]);
    env.ok(&["operator", "add", "sari", "--role", "staff"]);
    let aki = env.as_op("aki");
    let sari = env.as_op("sari");
    let err = aki.fails(
        5,
        &[
            "breach",
            "open",
            "--aware-at",
            "2026-11-24 08:00",
            "--description",
            "x",
            "--nature",
            "availability",
        ],
    );
    assert!(err.contains("breach-open needs the staff role"), "{err}");
    let (action, outcome, ..) = env.last_audit();
    assert_eq!(
        (action.as_str(), outcome.as_str()),
        ("breach-open", "refused")
    );
    assert_eq!(env.number("SELECT count(*) FROM breaches"), 0);
    sari.ok(&[
        "breach",
        "open",
        "--aware-at",
        "2026-11-24 08:00",
        "--description",
        "x",
        "--nature",
        "availability",
    ]);
    aki.ok(&["breach", "list"]);
    aki.ok(&["breach", "show", "BR-1"]);
    aki.ok(&["export", "breach", "BR-1"]);
    for args in [
        vec![
            "breach", "assess", "BR-1", "--risk", "unlikely", "--reason", "x",
        ],
        vec!["breach", "notify", "BR-1", "--authority"],
        vec!["breach", "notify", "BR-1", "--subjects"],
        vec!["breach", "notify", "BR-1", "--client"],
        vec!["breach", "close", "BR-1"],
    ] {
        aki.fails(5, &args);
    }
    sari.ok(&[
        "breach", "assess", "BR-1", "--risk", "unlikely", "--reason", "backups",
    ]);
    sari.ok(&["breach", "close", "BR-1"]);
}

#[test]
fn check_and_list_flag_overdue_and_due_soon_breaches() {
    let env = Env::new();
    // overdue: due 2026-11-23 10:00
    open(&env, &["--aware-at", "2026-11-20 09:00"]);
    // due soon: due 2026-11-25 09:00, 21 hours from now
    open(&env, &["--aware-at", "2026-11-22 08:30"]);
    // in time: due 2026-11-27 11:00
    open(&env, &["--aware-at", "2026-11-24 10:00"]);
    let check = env.json(&["check"]);
    let gaps: Vec<(&str, &str)> = check
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["gap"].as_str().unwrap(), g["id"].as_str().unwrap()))
        .collect();
    assert_eq!(gaps, [("breach-not-notified", "BR-1")]);
    assert!(check[0]["missing"]
        .as_str()
        .unwrap()
        .contains("due 2026-11-23 10:00"));
    let list = env.json(&["breach", "list"]);
    let flags: Vec<(&str, &Value)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["id"].as_str().unwrap(), &b["flag"]))
        .collect();
    assert_eq!(
        flags,
        [
            ("BR-1", &Value::from("OVERDUE")),
            ("BR-2", &Value::from("due soon")),
            ("BR-3", &Value::Null)
        ]
    );
    assert!(
        list[0].get("_notify_by_local").is_none(),
        "table hints stay out of json"
    );
    let table = env.ok(&["breach", "list"]);
    assert!(
        table.contains("2026-11-23 10:00") && table.contains("OVERDUE"),
        "{table}"
    );
    // the day after, BR-2 is overdue too (the clock moves per command)
    let later = env
        .cmd(&["--format", "json", "breach", "list", "--overdue"])
        .env("PRIVREG_TODAY", "2026-11-25T07:00:01Z")
        .output()
        .unwrap();
    let later: Value = serde_json::from_slice(&later.stdout).unwrap();
    let ids: Vec<&str> = later
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["BR-1", "BR-2"]);
    env.ok(&[
        "breach",
        "notify",
        "BR-1",
        "--authority",
        "--late-reason",
        "found late",
    ]);
    let check = env.json(&["check"]);
    assert_eq!(check, serde_json::json!([]));
}

#[test]
fn texts_that_carry_a_named_persons_data_are_refused() {
    let env = Env::new();
    let c1 = matti(&env);
    let err = env.fails(
        3,
        &[
            "breach",
            "open",
            "--aware-at",
            "2026-11-24 08:00",
            "--description",
            "Payslip of Matti Mäkinen sent to the wrong client",
            "--nature",
            "confidentiality",
            "--record",
            &c1,
        ],
    );
    assert!(
        err.contains("field description: contains the first_name of C-1"),
        "{err}"
    );
    assert!(!err.contains("Matti") && !err.contains("Mäkinen"), "{err}");
    assert_eq!(env.number("SELECT count(*) FROM breaches"), 0);
    open(&env, &["--aware-at", "2026-11-24 08:00", "--record", &c1]);
    let err = env.fails(
        3,
        &[
            "breach",
            "assess",
            "BR-1",
            "--risk",
            "risk",
            "--reason",
            "salary",
            "--consequences",
            "Scam calls to +358401234567 may follow",
            "--measures",
            "none",
        ],
    );
    assert!(
        err.contains("field consequences: contains the phone of C-1"),
        "{err}"
    );
    assert!(!err.contains("+358"), "{err}");
    assert_eq!(env.number("SELECT count(*) FROM breach_assessments"), 0);
    let err = env.fails(
        3,
        &[
            "breach",
            "notify",
            "BR-1",
            "--authority",
            "--reference",
            "Case 131052-308T",
        ],
    );
    assert!(
        err.contains("field reference: contains the hetu of C-1"),
        "{err}"
    );
    assert!(breach_json(&env, "BR-1")["authority_notified_at"].is_null());
}

/// SPEC §7: a restore keeps the breaches of the current register (they
/// record a duty done), whatever the backup held.
#[test]
fn restore_keeps_the_current_breaches() {
    let env = Env::new();
    let c1 = matti(&env);
    open(&env, &["--aware-at", "2026-11-24 08:00", "--record", &c1]);
    let backup = env.path("before.db");
    env.ok(&["backup", backup.to_str().unwrap()]);
    env.ok(&[
        "breach",
        "assess",
        "BR-1",
        "--risk",
        "unlikely",
        "--reason",
        "encrypted",
    ]);
    env.ok(&["breach", "close", "BR-1"]);
    open(&env, &["--aware-at", "2026-11-24 09:00"]);
    env.ok(&["restore", backup.to_str().unwrap()]);
    let list = env.json(&["breach", "list"]);
    let rows: Vec<(&str, &str, &str)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["id"].as_str().unwrap(),
                b["status"].as_str().unwrap(),
                b["risk"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(rows, [("BR-1", "closed", "unlikely"), ("BR-2", "open", "")]);
    // ids are never reused
    let out = open(&env, &["--aware-at", "2026-11-24 09:30"]);
    assert!(out.starts_with("BR-3 "), "{out}");
}
