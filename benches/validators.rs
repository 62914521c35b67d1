//! Criterion benches for the validators and the import's row pipeline
//! (issue #5). `cargo bench` runs them; the whole import against the
//! sqlite3 shell is `scripts/bench_import.sh`.
//!
//! The rows come from ../shared/bench/gen_customers.py (or its copy in
//! tests/data) when python3 is there, so the mix of values is the one the
//! import benchmark sees.

use std::hint::black_box;
use std::path::PathBuf;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use privreg::domain::business_id::BusinessId;
use privreg::domain::date::parse_date;
use privreg::domain::email::Email;
use privreg::domain::hetu::Hetu;
use privreg::domain::phone::Phone;
use privreg::domain::register::Register;
use privreg::ops::import::check_csv;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn validators(c: &mut Criterion) {
    let mut g = c.benchmark_group("validators");
    g.bench_function("hetu", |b| {
        b.iter(|| Hetu::parse(black_box("131052-308T"), today()))
    });
    g.bench_function("hetu_2000s", |b| {
        b.iter(|| Hetu::parse(black_box("010594Y9032"), today()))
    });
    g.bench_function("business_id", |b| {
        b.iter(|| BusinessId::parse(black_box("FI07375462")))
    });
    g.bench_function("email", |b| {
        b.iter(|| Email::parse(black_box("Aino.Virtanen@Example.FI")))
    });
    g.bench_function("phone_fi", |b| {
        b.iter(|| Phone::parse(black_box("040 123 4567"), "FI"))
    });
    g.bench_function("phone_foreign", |b| {
        b.iter(|| Phone::parse(black_box("+46 8 123 456 78"), "FI"))
    });
    g.bench_function("date_finnish", |b| {
        b.iter(|| parse_date(black_box("29.2.2024")))
    });
    g.finish();
}

fn generated_rows(n: usize) -> Vec<u8> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/bench/gen_customers.py");
    let script = if shared.exists() {
        shared
    } else {
        root.join("tests/data/gen_customers.py")
    };
    let out = std::process::Command::new("python3")
        .arg(script)
        .args([&n.to_string(), "--seed", "1"])
        .output()
        .expect("python3 runs the generator");
    assert!(out.status.success());
    out.stdout
}

fn row_pipeline(c: &mut Criterion) {
    let rows = 10_000;
    let csv = generated_rows(rows);
    let (valid, invalid) = check_csv(Register::Customer, &csv, today()).unwrap();
    assert_eq!((valid, invalid), (rows as u64, 0));
    let mut g = c.benchmark_group("row_pipeline");
    g.throughput(Throughput::Elements(rows as u64));
    g.sample_size(20);
    g.bench_function("customer_csv_10k", |b| {
        b.iter(|| check_csv(Register::Customer, black_box(&csv), today()).unwrap())
    });
    g.finish();
}

criterion_group!(benches, validators, row_pipeline);
criterion_main!(benches);
