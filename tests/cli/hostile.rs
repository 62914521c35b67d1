//! Hostile input (issue #8): a corpus of malformed files and values through
//! `import`, `add`, `correct` and `search`. Each gets exit 3 naming the
//! line and field, or a normal answer; never a panic (exit 1), never a
//! partial write.

use crate::util::*;

const HEADER: &[u8] = b"first_name,last_name,hetu,email,city\n";

fn file(body: &[u8]) -> Vec<u8> {
    [HEADER, body].concat()
}

/// (name, file, what the message must say; None: imports normally)
fn corpus() -> Vec<(&'static str, Vec<u8>, Option<&'static str>)> {
    let long = "x".repeat(100_000);
    vec![
        (
            "invalid UTF-8",
            file(b"A\xff\xfe,B,,,\n"),
            Some("line 2, field first_name: is not valid UTF-8 text"),
        ),
        (
            "a NUL byte",
            file(b"A\0B,Virtanen,,,\n"),
            Some("line 2, field first_name: contains a control character"),
        ),
        (
            "a 100 kB cell",
            file(format!("Aino,{long},,,\n").as_bytes()),
            Some("line 2, field last_name: is longer than 200 characters"),
        ),
        (
            "an unterminated quote",
            file(b"Aino,Virtanen,,,Turku\nEino,\"Laine,,,Oulu\nOlli,Aalto,,,Pori\n"),
            Some("line 3, field row: has 2 cells, the header has 5"),
        ),
        (
            "too many cells",
            file(b"Aino,Virtanen,,,Turku,extra,more\n"),
            Some("line 2, field row: has 7 cells, the header has 5"),
        ),
        (
            "too few cells",
            file(b"Aino,Virtanen\n"),
            Some("line 2, field row: has 2 cells, the header has 5"),
        ),
        (
            "a UTF-16 byte order mark",
            [b"\xff\xfe".as_slice(), &file(b"Aino,Virtanen,,,\n")].concat(),
            Some("line 1, field"),
        ),
        // a second mark is read over like white space before the name
        (
            "a byte order mark twice",
            [
                b"\xef\xbb\xbf\xef\xbb\xbf".as_slice(),
                &file(b"Aino,Virtanen,,,\n"),
            ]
            .concat(),
            None,
        ),
        (
            "a right-to-left override",
            file("Aino\u{202E}gnp.exe,Virtanen,,,\n".as_bytes()),
            Some("line 2, field first_name: contains a bidirectional control character"),
        ),
        (
            "a control character in an e-mail",
            file(b"Aino,Virtanen,,aino\x07@example.fi,\n"),
            Some("line 2, field email:"),
        ),
        (
            "a line of 2 MiB",
            file(format!("Aino,Virtanen,,,\n{},x,,,\n", "y".repeat(2 << 20)).as_bytes()),
            Some("line 3, field row: is longer than 1048576 bytes"),
        ),
        ("an empty file", Vec::new(), None),
        ("a header alone", HEADER.to_vec(), None),
        ("a byte order mark alone", b"\xef\xbb\xbf".to_vec(), None),
        (
            "SQL-looking text",
            file(b"\"Robert'); DROP TABLE records;--\",Tables,,,\n"),
            None,
        ),
    ]
}

#[test]
fn a_corpus_of_malformed_files_is_refused_by_line_and_field_or_imported() {
    let env = Env::new();
    for (name, contents, expected) in corpus() {
        let before = env.number("SELECT count(*) FROM records");
        let path = env.write("hostile.csv", &contents);
        // UTF-8 only: a file that is not would be read as Windows-1252
        // (issue #20), which gives every byte a character.
        let out = env
            .cmd(&["import", "customer", &path, "--encoding", "utf-8"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("internal error"), "{name}: {stderr}");
        match expected {
            Some(message) => {
                assert_eq!(out.status.code(), Some(3), "{name}: {stderr}");
                assert!(stderr.contains(message), "{name}: {stderr}");
                assert_eq!(
                    env.number("SELECT count(*) FROM records"),
                    before,
                    "{name}: a partial write"
                );
            }
            None => assert!(out.status.success(), "{name}: {stderr}"),
        }
    }
    // only Aino (after two marks) and the SQL-looking row came in, as text
    assert_eq!(env.number("SELECT count(*) FROM records"), 2);
    assert_eq!(env.json(&["show", "C-1"])["first_name"], "Aino");
    assert_eq!(
        env.json(&["show", "C-2"])["first_name"],
        "Robert'); DROP TABLE records;--"
    );
    env.assert_sound();
}

#[test]
fn malformed_json_lines_are_refused_by_line() {
    let env = Env::new();
    for (name, contents, message) in [
        (
            "not JSON",
            b"{\"first_name\": \"Aino\", \"last_name\": \"V\"}\n{nope\n".to_vec(),
            "line 2, field row: is not valid JSON",
        ),
        (
            "not an object",
            b"[1, 2]\n".to_vec(),
            "is a JSON array, not JSON lines",
        ),
        (
            "invalid UTF-8",
            b"{\"first_name\": \"A\xff\", \"last_name\": \"V\"}\n".to_vec(),
            "line 1, field row: is not valid JSON",
        ),
        (
            "a NUL escape",
            b"{\"first_name\": \"A\\u0000B\", \"last_name\": \"V\"}\n".to_vec(),
            "line 1, field first_name: contains a control character",
        ),
        (
            "a line of 2 MiB",
            format!("{{\"first_name\": \"{}\"}}\n", "y".repeat(2 << 20)).into_bytes(),
            "line 1, field row: is longer than 1048576 bytes",
        ),
        (
            "a nested object",
            b"{\"first_name\": {\"a\": 1}, \"last_name\": \"V\"}\n".to_vec(),
            "line 1, field first_name: must be text",
        ),
    ] {
        let path = env.write("hostile.jsonl", &contents);
        let out = env.cmd(&["import", "customer", &path]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{name}: {stderr}");
        assert!(stderr.contains(message), "{name}: {stderr}");
    }
    assert_eq!(env.number("SELECT count(*) FROM records"), 0);
}

/// Hostile values through `correct` change nothing; through `search` they
/// are a query like any other (FTS5 syntax included) or a clear refusal.
#[test]
fn hostile_values_through_correct_and_search() {
    let env = Env::new();
    let id = matti(&env);
    let before = env.json(&["show", &id]);
    let long = "x".repeat(100_000);
    for set in [
        format!("first_name={long}"),
        "first_name=evil\u{202E}gnp.exe".to_string(),
        "last_name=a\u{7}b".to_string(),
        "hetu=١٣١٠٥٢-٣٠٨T".to_string(),
        "email=Robert'); DROP TABLE records;--".to_string(),
    ] {
        let err = env.fails(3, &["correct", &id, "--set", &set, "--reason", "test"]);
        let field = set.split('=').next().unwrap();
        assert!(err.contains(&format!("field {field}")), "{set}: {err}");
    }
    assert_eq!(env.json(&["show", &id]), before);

    for query in [
        "\"",
        "\"unterminated",
        "NEAR(",
        "*",
        "AND OR NOT",
        "mäk* -",
        "'; DROP TABLE records;--",
        "\u{202E}",
        "{col}:x",
        long.as_str(),
    ] {
        let out = env.cmd(&["search", query]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0) | Some(3)),
            "{query:.20}: {stderr}"
        );
        assert!(!stderr.contains("internal error"), "{query:.20}: {stderr}");
    }
    // the register still answers
    assert!(env.ok(&["search", "mäkinen"]).contains(&id));
}
