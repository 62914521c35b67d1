//! Measures SQLCipher settings for issue #14: copies a plain register into
//! sealed copies with other page sizes / HMAC algorithms and times a cold
//! search query on each (a new connection per run, like a new process).
//!   cargo run --release --example cipher_settings -- PLAIN.db OUTDIR
use rusqlite::Connection;
use std::time::Instant;

const KEY: &str = "x'2DD29CA851E7B56E4697B0E1F08507293D761A05CE4D1B628663F411A8086D99'";
const Q: &str = "SELECT r.* FROM records r WHERE r.rowid IN (SELECT rowid FROM records_search WHERE records_search MATCH ?1) ORDER BY r.last_name, r.first_name, r.rowid LIMIT 50";

fn settings(page: u32, hmac: &str, schema: &str) -> String {
    format!(
        "PRAGMA {schema}cipher_page_size = {page}; PRAGMA {schema}cipher_hmac_algorithm = {hmac};"
    )
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (plain, dir) = (&args[1], &args[2]);
    for (page, hmac) in [
        (4096, "HMAC_SHA512"),
        (4096, "HMAC_SHA256"),
        (8192, "HMAC_SHA256"),
        (16384, "HMAC_SHA256"),
        (1024, "HMAC_SHA256"),
    ] {
        let out = format!("{dir}/c-{page}-{hmac}.db");
        if !std::path::Path::new(&out).exists() {
            let t = Instant::now();
            let c = Connection::open(plain).unwrap();
            c.execute_batch(&format!("ATTACH DATABASE '{out}' AS enc KEY \"{KEY}\"; {} SELECT sqlcipher_export('enc'); DETACH enc;", settings(page, hmac, "enc."))).unwrap();
            println!("export {page} {hmac}: {:?}", t.elapsed());
        }
        for word in [
            "\"lindqvist\"*",
            "\"virtanen\"*",
            "\"matti\"* \"virtanen\"*",
        ] {
            let mut times = vec![];
            for _ in 0..7 {
                let t = Instant::now();
                let c = Connection::open(&out).unwrap();
                c.execute_batch(&format!(
                    "PRAGMA key = \"{KEY}\"; {}",
                    settings(page, hmac, "")
                ))
                .unwrap();
                let mut s = c.prepare(Q).unwrap();
                let n = s.query_map([word], |_| Ok(())).unwrap().count();
                assert!(n > 0);
                times.push(t.elapsed().as_micros());
            }
            times.sort();
            println!("{page:6} {hmac} {word:24} median {:6} us", times[3]);
        }
    }
    // the plain file for comparison
    for word in [
        "\"lindqvist\"*",
        "\"virtanen\"*",
        "\"matti\"* \"virtanen\"*",
    ] {
        let mut times = vec![];
        for _ in 0..7 {
            let t = Instant::now();
            let c = Connection::open(plain).unwrap();
            let mut s = c.prepare(Q).unwrap();
            let n = s.query_map([word], |_| Ok(())).unwrap().count();
            assert!(n > 0);
            times.push(t.elapsed().as_micros());
        }
        times.sort();
        println!("plain  {word:24} median {:6} us", times[3]);
    }
}
