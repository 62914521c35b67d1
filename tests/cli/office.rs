//! Office conveniences (SPEC §12, issue #20): fields that can be found,
//! Finnish names wherever a field is named, "did you mean", completions
//! and a man page.

use crate::util::{hetu, matti, Env};

#[test]
fn fields_lists_every_field_with_its_finnish_names_and_form() {
    let env = Env::empty();
    // no register needed
    let rows = env.json(&["fields", "customer"]);
    let rows = rows.as_array().unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r["field"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 19);
    assert!(names.contains(&"relationship_start"));
    let start = rows
        .iter()
        .find(|r| r["field"] == "relationship_start")
        .unwrap();
    assert_eq!(start["finnish"], "asiakkuus alkoi");
    assert_eq!(start["default"], "today");
    let first = rows.iter().find(|r| r["field"] == "first_name").unwrap();
    assert_eq!(first["required"], true);
    let hetu = rows.iter().find(|r| r["field"] == "hetu").unwrap();
    assert!(hetu["form"].as_str().unwrap().contains("check character"));
    // every field of every register has a Finnish name
    let all = env.json(&["fields"]);
    for r in all.as_array().unwrap() {
        assert_ne!(r["finnish"], "", "{} has no Finnish name", r["field"]);
    }
    assert!(env
        .fails(2, &["fields", "customers"])
        .contains("did you mean customer?"));
}

#[test]
fn set_takes_the_finnish_names_that_import_takes() {
    let env = Env::new();
    let id = env.ok(&[
        "add",
        "customer",
        "--set",
        "Etunimi=Olli",
        "--set",
        "sukunimi=Ojala",
        "--set",
        "Asiakkuus alkoi=1.2.2024",
    ]);
    let rec = env.json(&["show", id.trim()]);
    assert_eq!(rec["first_name"], "Olli");
    assert_eq!(rec["relationship_start"], "2024-02-01");
    // and import reads the same header
    let file = env.write(
        "fi.csv",
        "Etunimi;Sukunimi;Asiakkuus alkoi\nAino;Aalto;3.4.2025\n",
    );
    env.ok(&["import", "customer", &file]);
    let found = env.json(&["search", "aalto"]);
    assert_eq!(found[0]["relationship_start"], "2025-04-03");
}

#[test]
fn a_mistyped_field_or_register_gets_a_hint() {
    let env = Env::new();
    let err = env.fails(
        3,
        &[
            "add",
            "customer",
            "--set",
            "frist_name=A",
            "--set",
            "last_name=B",
        ],
    );
    assert!(err.contains("did you mean first_name?"), "{err}");
    let err = env.fails(
        3,
        &[
            "add",
            "customer",
            "--set",
            "sukunimmi=B",
            "--set",
            "first_name=A",
        ],
    );
    assert!(err.contains("did you mean last_name?"), "{err}");
    let err = env.fails(
        3,
        &[
            "add",
            "customer",
            "--set",
            "first_name=A",
            "--set",
            "last_name=B",
            "--set",
            "organisation=X",
        ],
    );
    assert!(err.contains("it is a field of business records"), "{err}");
    let file = env.write("bad.csv", "first_name,lastname\nA,B\n");
    let err = env.fails(3, &["import", "customer", &file]);
    assert!(err.contains("did you mean last_name?"), "{err}");
    let err = env.fails(2, &["search", "x", "--register", "employees"]);
    assert!(err.contains("did you mean employee?"), "{err}");
    // nothing near: no guess
    let err = env.fails(
        3,
        &[
            "add",
            "customer",
            "--set",
            "shoe_size=44",
            "--set",
            "first_name=A",
            "--set",
            "last_name=B",
        ],
    );
    assert!(!err.contains("did you mean"), "{err}");
}

#[test]
fn finnish_postal_codes_are_five_digits() {
    let env = Env::new();
    for bad in ["NaN", "0010", "001000", "00 100"] {
        let err = env.fails(
            3,
            &[
                "add",
                "customer",
                "--set",
                "first_name=A",
                "--set",
                "last_name=B",
                "--set",
                &format!("postal_code={bad}"),
            ],
        );
        assert!(err.contains("postal_code"), "{err}");
        // the value itself is not echoed
        assert!(!err.contains("NaN") && !err.contains("001000"), "{err}");
    }
    // Åland too; abroad any form
    env.fails(
        3,
        &[
            "add",
            "customer",
            "--set",
            "first_name=A",
            "--set",
            "last_name=B",
            "--set",
            "country=AX",
            "--set",
            "postal_code=AX-22100",
        ],
    );
    env.ok(&[
        "add",
        "customer",
        "--set",
        "first_name=A",
        "--set",
        "last_name=B",
        "--set",
        "postal_code=00100",
    ]);
    env.ok(&[
        "add",
        "customer",
        "--set",
        "first_name=C",
        "--set",
        "last_name=D",
        "--set",
        "country=GB",
        "--set",
        "postal_code=SW1A 1AA",
    ]);
}

#[test]
fn completions_and_man_page_come_from_the_command_line_itself() {
    let env = Env::empty();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = env.ok(&["completions", shell]);
        // every command is offered
        for verb in ["marketing-list", "retention", "export", "fields"] {
            assert!(script.contains(verb), "{shell} completion lacks {verb}");
        }
    }
    let man = env.ok(&["man"]);
    assert!(
        man.starts_with(".ie") || man.contains(".TH privreg 1"),
        "{}",
        &man[..80]
    );
    assert!(man.contains("marketing\\-list") || man.contains("marketing-list"));
    // a closed pipe ends quietly, not with a bug report
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' completions bash | head -c 10 >/dev/null",
            assert_cmd::cargo::cargo_bin("privreg").display()
        ))
        .output()
        .unwrap();
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("bug"),
        "{out:?}"
    );
}

/// A record's fields as `show` gives them, without what the register
/// itself sets on writing (times, operators, histories).
fn comparable(env: &Env, id: &str) -> serde_json::Map<String, serde_json::Value> {
    let mut m = env
        .json(&["show", id, "--reveal-hetu"])
        .as_object()
        .unwrap()
        .clone();
    m.retain(|k, _| {
        !k.ends_with("_at")
            && !k.ends_with("_by")
            && !["corrections", "preferences", "bases"].contains(&k.as_str())
    });
    m
}

/// SPEC §12: `--csv-dialect excel-fi` writes `;`, a BOM and CRLF, and
/// `import` reads it back the same (issue #20 point 2).
#[test]
fn an_excel_fi_export_round_trips_through_import() {
    let env = Env::new();
    matti(&env);
    env.add(
        "customer",
        &[
            "first_name=Liisa",
            "last_name=Järvinen; Oy",
            "phone=+358 40 123 4567",
            "postal_code=00100",
            "country=FI",
            "street=Rivikatu 1",
        ],
    );
    let file = env.path("excel.csv");
    env.ok(&[
        "--csv-dialect",
        "excel-fi",
        "export",
        "register",
        "customer",
        "--reveal-hetu",
        "--output",
        file.to_str().unwrap(),
    ]);
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFid;status;first_name;"));
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.contains("\r\nC-2;active;Liisa;\"Järvinen; Oy\";"),
        "{text}"
    );
    assert!(text.contains(";+358401234567;") && text.contains(";00100;"));

    let other = Env::new();
    let v = other.json(&["import", "customer", file.to_str().unwrap()]);
    assert_eq!(v["inserted"], 2, "{v}");
    for id in ["C-1", "C-2"] {
        assert_eq!(comparable(&env, id), comparable(&other, id), "{id}");
    }

    // the environment variable does the same, for every CSV (a listing too)
    let listing = env
        .cmd(&["--format", "csv", "search", "liisa"])
        .env("PRIVREG_CSV_DIALECT", "excel-fi")
        .output()
        .unwrap();
    assert!(listing.status.success());
    assert!(listing.stdout.starts_with(b"\xEF\xBB\xBF"));
    assert!(String::from_utf8_lossy(&listing.stdout).contains(";Liisa;"));
    let standard = env.ok(&["--format", "csv", "search", "liisa"]);
    assert!(!standard.starts_with('\u{feff}') && !standard.lines().next().unwrap().contains(';'));
}

/// Windows-1252 bytes of `text` (the test's text is Latin-1 but for `€`).
fn cp1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '€' => 0x80,
            c => u8::try_from(u32::from(c)).expect("a Latin-1 character"),
        })
        .collect()
}

/// Issue #20 point 2: a CSV saved by Finnish Excel (Windows-1252, `;`,
/// CRLF) imports as it is; `--encoding utf-8` still refuses it by line.
#[test]
fn a_windows_1252_excel_csv_imports_and_utf8_only_refuses_it_by_line() {
    let env = Env::new();
    let h = hetu("131052", '-', 308);
    let text = format!(
        "Etunimi;Sukunimi;Henkilötunnus;Kaupunki\r\n\
         Aino;Järvinen;{h};Hämeenlinna\r\n\
         Örjan;Åström;;Mäntsälä €\r\n"
    );
    let file = env.write("excel.csv", cp1252(&text));
    assert!(std::str::from_utf8(&cp1252(&text)).is_err());

    // forced UTF-8: refused, naming the line and field, echoing no value
    let err = env.fails(3, &["import", "customer", &file, "--encoding", "utf-8"]);
    assert!(err.contains("line 1") && err.contains("header"), "{err}");
    assert!(err.contains("--encoding cp1252"), "{err}");
    let body = env.write(
        "rows.csv",
        [
            b"first_name;last_name\r\nAino;J".as_slice(),
            b"\xE4rvinen\r\n",
        ]
        .concat(),
    );
    let err = env.fails(3, &["import", "customer", &body, "--encoding", "utf-8"]);
    assert!(err.contains("line 2") && err.contains("last_name"), "{err}");
    assert!(!err.contains("rvinen"), "{err}");
    assert_eq!(env.count("customer"), 0);

    // detected, and forced: the same records
    let v = env.json(&["import", "customer", &file]);
    assert_eq!(v["inserted"], 2, "{v}");
    let found = env.json(&["search", "järvinen", "--reveal-hetu"]);
    assert_eq!(found[0]["last_name"], "Järvinen");
    assert_eq!(found[0]["hetu"], h.as_str());
    assert_eq!(found[0]["city"], "Hämeenlinna");
    let other = env.json(&["search", "åström"]);
    assert_eq!(other[0]["first_name"], "Örjan");
    assert_eq!(other[0]["city"], "Mäntsälä €");
    let forced = Env::new();
    let v = forced.json(&["import", "customer", &file, "--encoding", "cp1252"]);
    assert_eq!(v["inserted"], 2, "{v}");
    // and from standard input, found by its first block
    let piped = Env::new();
    let out = piped
        .cmd(&["--format", "json", "import", "customer", "-"])
        .write_stdin(cp1252(&text))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        piped.json(&["search", "järvinen"])[0]["last_name"],
        "Järvinen"
    );
}

/// Issue #20 point 7: an import without --basis says that its records
/// have no legal basis; with one, or in a dry run, it says nothing.
#[test]
fn an_import_without_a_basis_warns_on_stderr() {
    let env = Env::new();
    let file = env.write("people.csv", "first_name,last_name\nAino,Aalto\n");
    let out = env.cmd(&["import", "customer", &file]).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: the 1 records inserted have no legal basis")
            && stderr.contains("privreg check"),
        "{stderr}"
    );
    assert!(!stderr.contains("Aino") && !stderr.contains("Aalto"));
    let other = env.write("more.csv", "first_name,last_name\nEino,Eskola\n");
    let out = env
        .cmd(&[
            "import",
            "customer",
            &other,
            "--basis",
            "contract",
            "--purpose",
            "customer-relationship",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("legal basis"));
}
