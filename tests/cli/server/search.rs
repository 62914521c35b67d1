//! Search on a server (issue #17): the word index (`record_words`,
//! migrations/pg/040_record_words.sql) follows the records through every
//! way they change (a psql INSERT and UPDATE, `add`, `correct`, a bulk
//! `import`, `erase`), nobody who logs in can write it, a prefix is looked
//! up in its btree, and an erasure leaves none of its words in the files.

use super::*;

/// The words the index holds for record `number` of the customers, sorted.
fn words_of(pg: &Pg, number: u32) -> String {
    pg.superuser_in_db(&format!(
        "SELECT coalesce(string_agg(w.word, ' ' ORDER BY w.word), '') FROM privreg.record_words w
           JOIN privreg.records r ON r.rowid = w.record
          WHERE r.register = 'customer' AND r.number = {number}"
    ))
}

/// What the index and the records' words disagree on: a pair the records
/// make that the index lacks ("+"), or one it holds that they do not make
/// ("-"); empty when the index is in step.
fn drift(pg: &Pg) -> String {
    pg.superuser_in_db(
        "WITH want AS (
             SELECT left(w, 64) AS word, r.rowid AS record FROM privreg.records r,
                    unnest(string_to_array(btrim(r.search_words), ' ')) w WHERE w <> ''),
         have AS (SELECT word, record FROM privreg.record_words)
         SELECT coalesce(string_agg(d, ' ' ORDER BY d), '') FROM (
             SELECT '+' || word || '@' || record AS d FROM (TABLE want EXCEPT ALL TABLE have) a
             UNION ALL
             SELECT '-' || word || '@' || record FROM (TABLE have EXCEPT ALL TABLE want) b) x",
    )
}

#[test]
fn the_word_index_follows_every_change_and_nobody_writes_it() {
    let Some(mut pg) = Pg::new("search_words") else {
        return;
    };
    let admin = pg.init();
    let staff = pg.login("staff", Some("privreg_staff"));
    let auditor = pg.login("auditor", Some("privreg_auditor"));

    // A psql INSERT and UPDATE are indexed as privreg's own, folded.
    ok(pg.as_role(&staff, ADD_CUSTOMER));
    assert_eq!(words_of(&pg, 1), "aakkonen asa hameenlinna");
    ok(pg.as_role(
        &staff,
        "UPDATE privreg.records SET city = 'Turku' WHERE number = 1",
    ));
    assert_eq!(words_of(&pg, 1), "aakkonen asa turku");
    // An UPDATE of a field search does not look at changes no word.
    ok(pg.as_role(
        &staff,
        "UPDATE privreg.records SET phone = '+358401234567' WHERE number = 1",
    ));
    assert_eq!(words_of(&pg, 1), "aakkonen asa turku");

    // `add` and `correct`: the e-mail's words too, a word there twice twice.
    pg.privreg_ok(
        &admin,
        &[
            "add",
            "customer",
            "--set",
            "first_name=Matti",
            "--set",
            "last_name=Mäkinen",
            "--set",
            "email=matti.makinen@example.fi",
        ],
    );
    assert_eq!(words_of(&pg, 2), "example fi makinen makinen matti matti");
    pg.privreg_ok(
        &admin,
        &[
            "correct",
            "C-2",
            "--set",
            "last_name=Östman",
            "--reason",
            "married",
        ],
    );
    assert_eq!(words_of(&pg, 2), "example fi makinen matti matti ostman");

    // A bulk import writes its rows' words in the same statement.
    let mut csv = String::from("first_name,last_name,email,city\n");
    for i in 0..40 {
        csv.push_str(&format!("Tuuli{i},Aalto{i},tuuli{i}@posti.fi,Oulu\n"));
    }
    let file = std::env::temp_dir().join(format!("privreg-search-words-{}.csv", pg.db));
    std::fs::write(&file, csv).unwrap();
    pg.privreg_ok(
        &admin,
        &[
            "import",
            "customer",
            file.to_str().unwrap(),
            "--basis",
            "contract",
            "--purpose",
            "customer-relationship",
        ],
    );
    std::fs::remove_file(&file).unwrap();
    assert_eq!(words_of(&pg, 42), "aalto39 fi oulu posti tuuli39 tuuli39");
    assert_eq!(drift(&pg), "");
    let found = pg.privreg_ok(&admin, &["search", "aalto3", "--format", "json"]);
    let found: serde_json::Value = serde_json::from_str(&found).unwrap();
    // aalto3 and aalto30 to aalto39
    assert_eq!(found.as_array().unwrap().len(), 11, "{found}");

    // A rare prefix is a range of the index's btree, not a scan.
    let plan = ok(pg.as_role(
        &staff,
        "SET enable_seqscan = off; EXPLAIN SELECT DISTINCT record FROM privreg.record_words \
         WHERE word LIKE 'aak%'",
    ));
    assert!(plan.contains("record_words_word"), "{plan}");

    // Nobody who logs in writes it, the admin included; every group reads it.
    for role in [&staff, &admin, &auditor] {
        pg.refused(
            role,
            "INSERT INTO privreg.record_words (word, record) VALUES ('nobody', 1)",
        );
        pg.refused(role, "DELETE FROM privreg.record_words");
        pg.refused(role, "UPDATE privreg.record_words SET word = 'x'");
        pg.refused(role, "TRUNCATE privreg.record_words");
        pg.refused(role, "SELECT privreg.record_words_removed()");
        assert_ne!(
            ok(pg.as_role(role, "SELECT count(*) FROM privreg.record_words")),
            "0"
        );
    }

    // An erasure takes the words out; the residue scan of the server's
    // files (server_erase.rs) covers the table's files with the others.
    pg.privreg_ok(
        &admin,
        &[
            "erase",
            "C-2",
            "--reason",
            "erasure request",
            "--override-hold",
        ],
    );
    assert_eq!(words_of(&pg, 2), "");
    assert_eq!(
        pg.superuser_in_db(
            "SELECT count(*) FROM privreg.record_words WHERE word IN ('ostman', 'makinen')"
        ),
        "0"
    );
    assert_eq!(drift(&pg), "");
    // The rewrite leaves the table's visibility map empty: the erasure
    // fills it again, or every later search would read the table's pages
    // too (after one erase, 100 to 370 ms for a million records).
    let plan = pg.superuser_in_db(
        "SET enable_seqscan = off; SET enable_bitmapscan = off; \
         EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) \
         SELECT count(*) FROM privreg.record_words WHERE word LIKE 'aa%'",
    );
    assert!(plan.contains("Index Only Scan"), "{plan}");
    assert!(plan.contains("Heap Fetches: 0"), "{plan}");
    let files = crate::server_erase::files_text(&pg);
    assert!(!files.contains("ostman"), "an erased word is in the files");
}
