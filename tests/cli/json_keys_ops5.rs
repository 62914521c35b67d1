//! The keys of what `import` prints, in their order (issue #16: the
//! summary is a typed view now, no longer a hand-built map): a csv row's
//! columns follow it, and a script may read by position.

use crate::util::*;

const SUMMARY: [&str; 6] = [
    "read", "inserted", "updated", "skipped", "rejected", "rejects",
];

#[test]
fn import_prints_its_summary_keys_in_order() {
    let env = Env::new();
    let file = env.write(
        "people.csv",
        "first_name,last_name,email\nMatti,Meikäläinen,matti@example.fi\nMaija,Mallikas,not-an-address\n",
    );
    let rejects = env.path("rejects.csv");
    let rejects = rejects.to_str().unwrap();

    // A dry run and a real one: the counts, then the rejects file.
    let good = env.write(
        "good.csv",
        "first_name,last_name,email\nAnna,Aalto,anna@example.fi\n",
    );
    let dry = env.json(&["import", "customer", &good, "--dry-run"]);
    assert_eq!(keys(&dry), SUMMARY);
    assert_eq!(dry["inserted"], 1);
    assert_eq!(dry["rejects"], serde_json::Value::Null);
    let done = env.json(&["import", "customer", &good]);
    assert_eq!(keys(&done), SUMMARY);
    assert_eq!(env.count("customer"), 1);

    // --skip-invalid: the summary on stdout all the same, and exit 3.
    let out = env
        .cmd(&[
            "--format",
            "json",
            "import",
            "customer",
            &file,
            "--skip-invalid",
            "--rejects",
            rejects,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(keys(&v), SUMMARY);
    assert_eq!(
        (v["inserted"].as_u64(), v["rejected"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(v["rejects"], rejects);
}
