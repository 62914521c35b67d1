//! Register exports, marketing lists and the retention sweep on a server
//! (SPEC §4, §5, §6, §8, issue #17): what the groups' own tests, run on a
//! server, do not show. A register of thousands of records (several of
//! the server's cursor batches) gives the same bytes on both kinds, and a
//! sweep leaves no value in the server's files, as `erase` does not.

use super::{text, Pg};
use crate::util::{generate, Env};

/// Runs `args` on the file `env` and on the server `pg` as `role`: both
/// must succeed and print the same bytes, which it returns as text.
fn same_bytes(env: &Env, pg: &Pg, role: &str, args: &[&str]) -> String {
    let file = env.cmd(args).output().unwrap();
    let server = pg.privreg(role, args);
    assert!(file.status.success(), "file {args:?}: {}", text(&file));
    assert!(
        server.status.success(),
        "server {args:?}: {}",
        text(&server)
    );
    assert!(
        file.stdout == server.stdout,
        "{args:?}: the file and the server differ ({} and {} bytes)",
        file.stdout.len(),
        server.stdout.len()
    );
    String::from_utf8_lossy(&server.stdout).into_owned()
}

/// The parts of a workbook (a zip) with their contents, in order; not
/// `docProps/core.xml`, which holds the time it was made.
fn parts(path: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().to_string();
        if name != "docProps/core.xml" {
            let mut bytes = Vec::new();
            part.read_to_end(&mut bytes).unwrap();
            parts.push((name, bytes));
        }
    }
    parts
}

#[test]
fn a_register_of_thousands_exports_and_lists_the_same_bytes_on_a_server() {
    let Some(mut pg) = Pg::new("export_same_bytes") else {
        return;
    };
    let admin = pg.role("admin");
    pg.roles.push(admin.clone());
    let mut env = Env::empty();
    env.operator = admin.clone();
    env.cmd(&["init", "--admin", &admin]).assert().success();
    let customers = generate(&env, "customers.csv", &["3500", "--seed", "11"]);
    env.ok(&[
        "import",
        "customer",
        &customers,
        "--basis",
        "contract",
        "--purpose",
        "customer-relationship",
    ]);
    // something for every filter and rule to decide
    env.ok(&[
        "consent",
        "C-10",
        "--channel",
        "email",
        "--source",
        "web-form",
    ]);
    env.ok(&["optout", "C-11", "--channel", "all", "--source", "letter"]);
    env.ok(&["end", "C-12", "--date", crate::util::TODAY]);
    env.ok(&["restrict", "C-13", "--reason", "accuracy contested"]);
    env.ok(&["copy", "--to", &pg.url(&pg.superuser_user())]);

    let csv = same_bytes(&env, &pg, &admin, &["export", "register", "customer"]);
    assert_eq!(
        csv.lines().count(),
        1 + 3500 - 2,
        "header, all but ended and restricted"
    );
    assert!(csv.contains("\nC-3500,") && !csv.contains("\nC-12,") && !csv.contains("\nC-13,"));
    let all = same_bytes(
        &env,
        &pg,
        &admin,
        &[
            "export",
            "register",
            "customer",
            "--include-ended",
            "--include-restricted",
            "--reveal-hetu",
        ],
    );
    assert_eq!(all.lines().count(), 1 + 3500);
    for format in [
        ["--format", "json"],
        ["--format", "jsonl"],
        ["--csv-dialect", "excel-fi"],
    ] {
        let mut args = format.to_vec();
        args.extend(["export", "register", "customer"]);
        let out = same_bytes(&env, &pg, &admin, &args);
        assert!(out.len() > 100_000, "{format:?}: {} bytes", out.len());
    }
    // a workbook is written to a file only
    let (on_file, on_server) = (env.path("file.xlsx"), env.path("server.xlsx"));
    let workbook = |to: &std::path::Path| {
        let to = to.to_str().unwrap().to_string();
        [
            "--format", "xlsx", "export", "register", "customer", "--output", &to,
        ]
        .map(str::to_string)
    };
    env.ok(&workbook(&on_file).each_ref().map(String::as_str));
    let out = pg.privreg(&admin, &workbook(&on_server).each_ref().map(String::as_str));
    assert!(out.status.success(), "{}", text(&out));
    let (a, b) = (parts(&on_file), parts(&on_server));
    assert!(a.iter().any(|(name, _)| name.contains("sheet")), "{a:?}");
    assert_eq!(a.len(), b.len());
    for ((name, x), (other, y)) in a.iter().zip(&b) {
        assert!(name == other && x == y, "the workbooks differ in {name}");
    }
    let email = same_bytes(
        &env,
        &pg,
        &admin,
        &["--format", "json", "marketing-list", "--channel", "email"],
    );
    assert!(
        email.contains("\"C-10\"") && !email.contains("\"C-11\""),
        "{email}"
    );
    let post = same_bytes(
        &env,
        &pg,
        &admin,
        &[
            "--format",
            "json",
            "marketing-list",
            "--channel",
            "post",
            "--existing-customers",
        ],
    );
    let listed = serde_json::from_str::<serde_json::Value>(&post).unwrap();
    assert!(listed.as_array().unwrap().len() > 1000, "thousands listed");
    assert!(!post.contains("\"C-11\"") && !post.contains("\"C-13\""));
}

/// The sweep erases as `erase` does, then the vacuum rewrites what it
/// touched: none of the swept person's values is left in the table and
/// index files (`server_erase::files_text`).
#[test]
fn a_retention_sweep_leaves_no_value_in_the_servers_files() {
    let Some(mut pg) = Pg::new("sweep_no_residue") else {
        return;
    };
    let admin = pg.init();
    let run = |args: &[&str]| pg.privreg_ok(&admin, args);
    run(&[
        "add",
        "customer",
        "--set",
        "first_name=Vanhentunut",
        "--set",
        "last_name=Poistettavainen",
        "--set",
        "email=vanha.poisto@unohdus-posti.fi",
        "--set",
        "street=Muinaiskuja 9",
        "--set",
        "relationship_start=2010-01-01",
    ]);
    run(&["optout", "C-1", "--channel", "all", "--source", "letter"]);
    run(&["end", "C-1", "--date", "2015-06-30"]);
    run(&[
        "add",
        "customer",
        "--set",
        "first_name=Bystander",
        "--set",
        "last_name=Stays",
    ]);
    let swept = run(&["--format", "json", "retention", "sweep"]);
    let swept: serde_json::Value = serde_json::from_str(&swept).unwrap();
    assert_eq!(swept[0]["id"], "C-1", "{swept}");
    assert_eq!(swept.as_array().unwrap().len(), 1);

    let haystack = crate::server_erase::files_text(&pg);
    assert!(haystack.contains("bystander"), "the scan reads the records");
    for value in [
        "vanhentunut",
        "poistettavainen",
        "vanha.poisto",
        "unohdus-posti",
        "muinaiskuja",
    ] {
        assert!(
            !haystack.contains(value),
            "{value} is still in the server's files"
        );
    }
}
