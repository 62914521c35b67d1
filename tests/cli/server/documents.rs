//! The documents of the firm's processing on a server (SPEC §8 with §4
//! `controller`, §9 and §11): what the server itself refuses to a role that
//! connects with `psql`, and the order the lists keep, which a file takes
//! from its rowid and a server from its own `rowid` column
//! (`migrations/pg/010_documents.sql`), also through `copy --to`.

use super::{ok, same_on_both, text, Pg};
use crate::util::Env;

const ADD_ACTIVITY: &str =
    "INSERT INTO privreg.activities (name, subjects, data, retention, created_at, created_by) \
     VALUES ('Payroll', 'employees', 'pay and tax details', '6 years', 'x', 'x')";

#[test]
fn psql_users_write_the_processing_documents_only_as_their_role_may() {
    let Some(mut pg) = Pg::new("psql_documents") else {
        return;
    };
    let admin = pg.init();
    let staff = pg.login("staff", Some("privreg_staff"));
    let auditor = pg.login("auditor", Some("privreg_auditor"));

    // the admin documents the processing (§11); everyone reads it
    ok(pg.as_role(&admin, ADD_ACTIVITY));
    ok(pg.as_role(
        &admin,
        "INSERT INTO privreg.controller (id, name) VALUES (1, 'Laitilan Tilipalvelu Oy')",
    ));
    for role in [&staff, &auditor] {
        assert_eq!(
            ok(pg.as_role(role, "SELECT count(*) FROM privreg.activities")),
            "1"
        );
        assert_eq!(
            ok(pg.as_role(role, "SELECT name FROM privreg.controller")),
            "Laitilan Tilipalvelu Oy"
        );
    }
    // staff and auditors change none of it, with privreg or without
    for role in [&staff, &auditor] {
        for sql in [
            "UPDATE privreg.controller SET name = 'X Oy'",
            "DELETE FROM privreg.controller",
            ADD_ACTIVITY,
            "UPDATE privreg.activities SET ended_on = '2026-01-01'",
            "DELETE FROM privreg.activities",
            "INSERT INTO privreg.activity_purposes (activity, purpose) VALUES ('Payroll', 'payroll')",
            "INSERT INTO privreg.activity_transfers (activity, country) VALUES ('Payroll', 'US')",
            "INSERT INTO privreg.processors (name, business_id, country, service, data, created_at, created_by) \
             VALUES ('P Oy', '2617416-4', 'FI', 's', 'd', 'x', 'x')",
            "INSERT INTO privreg.clients (name, business_id, created_at, created_by) VALUES ('C Oy', '2617416-4', 'x', 'x')",
            "INSERT INTO privreg.client_processing (client, category, subjects, data, created_at, created_by) \
             VALUES ('C Oy', 'c', 's', 'd', 'x', 'x')",
            "UPDATE privreg.notice_categories SET title_en = 'x'",
            "DELETE FROM privreg.notice_categories",
            "INSERT INTO privreg.notice_versions (published_on, published_at, published_by, lang, format, sha256, text) \
             VALUES ('x', 'x', 'x', 'en', 'json', 'x', 'x')",
            "UPDATE privreg.register_purposes SET law = 'x'",
        ] {
            pg.refused(role, sql);
        }
    }
    // breaches are staff's to record, never an auditor's
    let open = "INSERT INTO privreg.breaches (aware_at, notify_by, description, nature, opened_at, opened_by) \
                VALUES ('x', 'x', 'x', 'confidentiality', 'x', 'x') RETURNING number";
    pg.refused(&auditor, open);
    assert_eq!(ok(pg.as_role(&staff, open)), "1");
    pg.refused(&auditor, "UPDATE privreg.breaches SET status = 'closed'");
    // nobody places a row in the order: not even the admin
    pg.refused(
        &admin,
        "INSERT INTO privreg.processors (name, business_id, country, service, data, created_at, created_by, rowid) \
         VALUES ('P Oy', '2617416-4', 'FI', 's', 'd', 'x', 'x', 0)",
    );
    pg.refused(&admin, "UPDATE privreg.purposes SET rowid = 0");
}

/// A file register whose admin has this test's server role name, with
/// the processing documented in an order that is not the names' order.
fn documented_file(pg: &mut Pg) -> (Env, String) {
    let admin = pg.role("admin");
    pg.roles.push(admin.clone());
    let mut env = Env::empty();
    env.operator = admin.clone();
    env.cmd(&["init", "--admin", &admin]).assert().success();
    for (name, id) in [
        ("Zeta Posti Oy", "1572860-0"),
        ("Alfa Data Oy", "0112038-9"),
    ] {
        env.ok(&[
            "processor",
            "add",
            name,
            "--business-id",
            id,
            "--country",
            "FI",
            "--service",
            "sending letters",
            "--data",
            "names and addresses",
        ]);
        env.ok(&["client", "add", name, "--business-id", id]);
    }
    for name in ["Zeta mail", "Alfa CRM"] {
        env.ok(&[
            "activity",
            "add",
            name,
            "--purpose",
            "orders",
            "support",
            "--subjects",
            "customers",
            "--data",
            "names and orders",
            "--retention",
            "6 years",
        ]);
    }
    // a breach's records in the order given, which is not theirs
    for first in ["Eka", "Toka", "Kolmas"] {
        env.add(
            "customer",
            &[&format!("first_name={first}"), "last_name=Asiakas"],
        );
    }
    env.ok(&[
        "breach",
        "open",
        "--description",
        "letters sent to the wrong address",
        "--nature",
        "confidentiality",
        "--aware-at",
        "2026-11-23 10:00",
        "--record",
        "C-3",
        "--record",
        "C-1",
        "--record",
        "C-2",
    ]);
    env.ok(&[
        "notice",
        "category",
        "add",
        "--kind",
        "recipient",
        "auditors",
        "--title",
        "the firm's statutory auditors",
        "--title-fi",
        "tilintarkastajat",
    ]);
    (env, admin)
}

#[test]
fn the_processing_documents_keep_their_order_on_a_server_and_through_copy() {
    let Some(mut pg) = Pg::new("documents_order") else {
        return;
    };
    let (env, admin) = documented_file(&mut pg);
    let url = pg.url(&pg.superuser_user());
    env.ok(&["copy", "--to", &url]);

    let lists: [&[&str]; 5] = [
        &["activity", "list"],
        &["processor", "list"],
        &["client", "list"],
        &["notice", "category", "list"],
        &["breach", "show", "BR-1"],
    ];
    for args in lists {
        same_on_both(&env, &pg, &admin, 0, args);
    }
    let breach = same_on_both(&env, &pg, &admin, 0, &["breach", "show", "BR-1"]);
    let breach: serde_json::Value = serde_json::from_str(&breach).unwrap();
    assert_eq!(breach["records"], serde_json::json!(["C-3", "C-1", "C-2"]));
    let activities = same_on_both(&env, &pg, &admin, 0, &["activity", "list"]);
    assert!(
        activities.find("Zeta mail").unwrap() < activities.find("Alfa CRM").unwrap(),
        "{activities}"
    );
    // a change keeps a row where it was (a file's rowid, the server's too)
    for args in [
        &["activity", "end", "Zeta mail", "--date", "2026-11-01"][..],
        &["processor", "end", "Zeta Posti Oy", "--date", "2026-11-01"],
        &[
            "notice",
            "category",
            "add",
            "--kind",
            "recipient",
            "authority",
            "--title",
            "the police and the tax office",
            "--title-fi",
            "poliisi ja verottaja",
        ],
    ] {
        same_on_both(&env, &pg, &admin, 0, args);
    }
    for args in lists {
        same_on_both(&env, &pg, &admin, 0, args);
    }
    let categories = same_on_both(&env, &pg, &admin, 0, &["notice", "category", "list"]);
    assert!(
        categories.find("the police").unwrap() < categories.find("debt collection").unwrap(),
        "{categories}"
    );

    // server → file: the copy lists them as the server does
    let mut back = Env::empty();
    back.db = back.db.with_file_name("back.db");
    back.operator = admin.clone();
    let out = pg.privreg(&admin, &["copy", "--to", back.db.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    for args in lists {
        let mut json = vec!["--format", "json"];
        json.extend_from_slice(args);
        let server = pg.privreg(&admin, &json);
        assert!(server.status.success(), "{}", text(&server));
        assert_eq!(
            back.ok(&json),
            String::from_utf8_lossy(&server.stdout),
            "{args:?}"
        );
    }
}
