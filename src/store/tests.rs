//! Unit tests of `store/mod.rs`: opening, migrating, taking the file alone.
use super::*;

/// A register of version 1 with a person in it comes forward: the
/// new indexes, and a search index rebuilt that still finds them.
#[test]
fn a_version_1_register_migrates_with_its_search_index() {
    let mut conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(SCHEMA).unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
    conn.execute(
        "INSERT INTO records (register, number, created_at, created_by, updated_at, first_name, last_name, hetu, email, email_key, city)
         VALUES ('customer', 1, 't', 'o', 't', 'Matti', 'Mäkinen', '131052-308T', 'M@x.fi', 'm@x.fi', 'Tampere')",
        [],
    )
    .unwrap();
    migrate(&mut conn).unwrap();
    let version: i32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let old: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name IN ('records_hetu_any', 'records_email_any')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(old, 0);
    let hetu_index: String = conn
        .query_row(
            "SELECT sql FROM sqlite_master WHERE name = 'records_hetu'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(hetu_index.contains("(hetu, register)"), "{hetu_index}");
    let found: i64 = conn
        .query_row(
            "SELECT count(*) FROM records_search WHERE records_search MATCH 'maki* AND tampere'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(found, 1);
    conn.execute(
        "INSERT INTO records_search (records_search, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .unwrap();
}

/// A register of version 2 gets a random register id when migrated,
/// and keeps it when opened again; two registers never share one.
#[test]
fn a_version_2_register_gets_a_register_id_once() {
    let version_2 = || {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(SCHEMA).unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 2).unwrap();
        assert_eq!(stored_register_id(&conn, "main").unwrap(), None);
        assert!(register_id(&conn).is_err());
        migrate(&mut conn).unwrap();
        conn
    };
    let mut a = version_2();
    let id = register_id(&a).unwrap();
    assert_eq!(id.len(), 32, "{id}");
    assert!(id
        .bytes()
        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    migrate(&mut a).unwrap();
    assert_eq!(register_id(&a).unwrap(), id);
    let b = version_2();
    assert_ne!(register_id(&b).unwrap(), id);
}

/// While another connection has the file open, the register cannot be
/// taken; once it closes, it can, and until it is given back nobody
/// else can read; afterwards the file is in WAL mode again.
#[test]
fn take_alone_needs_the_file_to_itself_and_keeps_others_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    let mut store = Store::create(&path).unwrap().unwrap();
    let other = Connection::open(&path).unwrap();
    other
        .query_row("SELECT count(*) FROM records", [], |r| r.get::<_, i64>(0))
        .unwrap();
    let short = std::time::Duration::from_millis(200);
    let err = take_alone(store.file_mut().unwrap(), &path, short).unwrap_err();
    assert!(matches!(err, Error::Storage(_)), "{err}");
    // the command's connection works again after the refusal
    store
        .file()
        .unwrap()
        .query_row("SELECT count(*) FROM records", [], |r| r.get::<_, i64>(0))
        .unwrap();
    drop(other);
    take_alone(store.file_mut().unwrap(), &path, short).unwrap();
    let secure: i64 = store
        .file()
        .unwrap()
        .query_row("PRAGMA secure_delete", [], |r| r.get(0))
        .unwrap();
    assert_eq!(secure, 1);
    let mode: String = store
        .file()
        .unwrap()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    let late = Connection::open(&path).unwrap();
    late.busy_timeout(std::time::Duration::from_millis(10))
        .unwrap();
    assert!(late
        .query_row("SELECT count(*) FROM records", [], |r| r.get::<_, i64>(0))
        .is_err());
    give_back(store.file().unwrap());
    let mode: String = late
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    late.query_row("SELECT count(*) FROM records", [], |r| r.get::<_, i64>(0))
        .unwrap();
}

/// A WAL left with frames that were never checkpointed (a process that
/// died) is moved into the main file and removed when the register is
/// taken; nothing of it is lost.
#[test]
fn take_alone_folds_a_left_over_wal_into_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    let mut store = Store::create(&path).unwrap().unwrap();
    drop(store);
    let writer = Connection::open(&path).unwrap();
    writer
        .set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )
        .unwrap();
    writer
        .execute(
            "INSERT INTO meta (key, value) VALUES ('left_over', 'in the wal')",
            [],
        )
        .unwrap();
    drop(writer);
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    assert!(
        std::fs::metadata(&wal).unwrap().len() > 0,
        "the WAL has frames"
    );
    store = Store::open(&path).unwrap();
    take_alone(
        store.file_mut().unwrap(),
        &path,
        std::time::Duration::from_millis(200),
    )
    .unwrap();
    assert!(!Path::new(&wal).exists(), "the WAL is gone");
    let kept: String = store
        .file()
        .unwrap()
        .query_row("SELECT value FROM meta WHERE key = 'left_over'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(kept, "in the wal");
    give_back(store.file().unwrap());
}

/// Issue #18: a register of version 2 gets the processing tables, the
/// customer limit counted from the end of the year, the corrected
/// adequacy rows and the declared purposes; a changed policy is kept.
#[test]
fn the_processing_migration_moves_the_seeded_policy() {
    let mut conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(SCHEMA).unwrap();
    conn.execute_batch(MIGRATIONS[0]).unwrap();
    conn.pragma_update(None, "user_version", 2).unwrap();
    conn.execute(
        "UPDATE retention_policy SET retention_months = 84 WHERE register = 'business'",
        [],
    )
    .unwrap();
    migrate(&mut conn).unwrap();
    let (year_end, ground): (bool, String) = conn
        .query_row(
            "SELECT from_year_end, ground_en FROM retention_policy WHERE register = 'customer'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(year_end);
    assert!(ground.contains("end of the calendar year"), "{ground}");
    let business: (bool, i64) = conn
        .query_row(
            "SELECT from_year_end, retention_months FROM retention_policy WHERE register = 'business'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(business, (false, 84));
    let canada: String = conn
        .query_row(
            "SELECT note_en FROM adequacy WHERE country = 'CA'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(canada.contains("PIPEDA"));
    let declared: i64 = conn
        .query_row(
            "SELECT count(DISTINCT register) FROM register_purposes",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(declared, 4);
    for table in ["activities", "processors", "clients", "notice_versions"] {
        let n: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0, "{table}");
    }
}

#[test]
fn schema_applies_and_migrations_are_counted() {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(SCHEMA).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM purposes WHERE seeded = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(n, 14);
    assert_eq!(SCHEMA_VERSION, 1 + MIGRATIONS.len() as i32);
}

#[test]
fn audit_log_refuses_update_and_delete() {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(SCHEMA).unwrap();
    conn.execute(
        "INSERT INTO audit (at, operator, action, outcome, prev_hash, hash) VALUES ('t','o','a','ok','','h')",
        [],
    )
    .unwrap();
    assert!(conn.execute("UPDATE audit SET operator = 'x'", []).is_err());
    assert!(conn.execute("DELETE FROM audit", []).is_err());
}
