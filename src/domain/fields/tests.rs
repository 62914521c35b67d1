//! Tests of the fields table and the validation path.

use super::*;

fn ctx() -> Ctx {
    Ctx {
        today: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
    }
}

fn changes(register: Register, pairs: &[(&str, &str)]) -> Vec<(usize, String)> {
    pairs
        .iter()
        .map(|(k, v)| (index_of(register, k).expect(k), v.to_string()))
        .collect()
}

fn get<'a>(register: Register, values: &'a Values, name: &str) -> Option<&'a str> {
    values[index_of(register, name).unwrap()].as_deref()
}

#[test]
fn defaults_and_normal_forms() {
    let r = Register::Customer;
    let v = new_values(
        r,
        &changes(
            r,
            &[
                ("first_name", "  Matti "),
                ("last_name", "Mäkinen"),
                ("hetu", "131052-308t"),
                ("phone", "040 123 4567"),
                ("email", "Matti@Example.FI"),
                ("relationship_end", "1.2.2027"),
            ],
        ),
        ctx(),
    )
    .unwrap();
    assert_eq!(get(r, &v, "first_name"), Some("Matti"));
    assert_eq!(get(r, &v, "hetu"), Some("131052-308T"));
    assert_eq!(get(r, &v, "phone"), Some("+358401234567"));
    assert_eq!(get(r, &v, "email"), Some("Matti@example.fi"));
    assert_eq!(get(r, &v, "language"), Some("fi"));
    assert_eq!(get(r, &v, "country"), Some("FI"));
    assert_eq!(get(r, &v, "relationship_start"), Some("2026-11-24"));
    assert_eq!(get(r, &v, "relationship_end"), Some("2027-02-01"));
}

#[test]
fn every_register_requires_its_fields() {
    for (register, want) in [
        (Register::Customer, vec!["first_name", "last_name"]),
        (
            Register::Business,
            vec![
                "first_name",
                "last_name",
                "organisation",
                "business_id",
                "role",
            ],
        ),
        (
            Register::Employee,
            vec!["first_name", "last_name", "employment_start", "hetu"],
        ),
        (
            Register::Recruitment,
            vec!["first_name", "last_name", "position", "applied_on"],
        ),
    ] {
        let errors = new_values(register, &[], ctx()).unwrap_err();
        let got: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(got, want, "{register}");
    }
}

#[test]
fn employee_identity_rule() {
    let r = Register::Employee;
    let base = [
        ("first_name", "A"),
        ("last_name", "B"),
        ("employment_start", "2020-01-01"),
    ];
    let with = |extra: &[(&str, &str)]| {
        let mut all = base.to_vec();
        all.extend_from_slice(extra);
        new_values(r, &changes(r, &all), ctx())
    };
    assert!(with(&[("hetu", "131052-308T")]).is_ok());
    assert!(with(&[
        ("birth_date", "1980-05-01"),
        ("birth_place", "Tallinn"),
        ("nationality", "ee")
    ])
    .is_ok());
    let errors = with(&[("birth_date", "1980-05-01"), ("nationality", "EE")]).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].reason.contains("birth_place"), "{:?}", errors);
}

#[test]
fn end_before_start_is_refused() {
    for (register, extra) in [
        (
            Register::Customer,
            vec![
                ("relationship_start", "2024-05-02"),
                ("relationship_end", "2024-05-01"),
            ],
        ),
        (
            Register::Employee,
            vec![
                ("hetu", "131052-308T"),
                ("employment_start", "2024-05-02"),
                ("employment_end", "1.5.2024"),
            ],
        ),
        (
            Register::Recruitment,
            vec![
                ("position", "dev"),
                ("applied_on", "2024-05-02"),
                ("decided_on", "2024-05-01"),
            ],
        ),
    ] {
        let mut all = vec![("first_name", "A"), ("last_name", "B")];
        all.extend(extra);
        let errors = new_values(register, &changes(register, &all), ctx()).unwrap_err();
        assert_eq!(errors.len(), 1, "{register}: {errors:?}");
        assert!(errors[0].reason.starts_with("is before"), "{errors:?}");
    }
}

#[test]
fn choices_bools_and_aliases() {
    let r = Register::Recruitment;
    assert_eq!(index_of(r, "status"), index_of(r, "application_status"));
    let c = Ctx { today: ctx().today };
    assert_eq!(
        normalize(Kind::Choice(ROLES), "Owner", c, "FI")
            .unwrap()
            .as_deref(),
        Some("owner")
    );
    assert!(normalize(Kind::Choice(ROLES), "boss", c, "FI").is_err());
    assert_eq!(
        normalize(Kind::Bool, "TRUE", c, "FI").unwrap().as_deref(),
        Some("true")
    );
    assert_eq!(normalize(Kind::Text, "   ", c, "FI").unwrap(), None);
}

#[test]
fn hostile_text_is_refused_without_echo() {
    let c = ctx();
    for bad in [
        "a\u{0}b",
        "evil\u{202E}txt",
        "line\nbreak",
        &"x".repeat(201),
    ] {
        let e = normalize(Kind::Text, bad, c, "FI").unwrap_err();
        assert!(!e.0.contains(bad), "message must not echo the value");
    }
    assert!(normalize(Kind::LongText, "line\nbreak", c, "FI").is_ok());
    assert!(normalize(Kind::LongText, &"x".repeat(100_000), c, "FI").is_err());
    // SQL-looking text is just text.
    assert!(normalize(Kind::Text, "Robert'); DROP TABLE records;--", c, "FI").is_ok());
}

#[test]
fn headers_match_finnish_names_without_case_spaces_or_dots() {
    let r = Register::Employee;
    for (header, field) in [
        ("Etunimi", "first_name"),
        (" SUKUNIMI ", "last_name"),
        ("Henkilotunnus", "hetu"),
        ("HENKILÖTUNNUS", "hetu"),
        ("Työsuhde alkaa", "employment_start"),
        ("tyosuhdealkaa", "employment_start"),
        ("Sähköposti", "email"),
        ("first_name", "first_name"),
        ("Job_Title", "job_title"),
        ("tehtavanimike", "job_title"),
    ] {
        assert_eq!(header_index(r, header), index_of(r, field), "{header}");
    }
    assert_eq!(
        header_index(r, "asiakasnumero"),
        None,
        "not an employee field"
    );
    assert_eq!(header_index(r, "shoe_size"), None);
    let rec = Register::Recruitment;
    assert_eq!(
        header_index(rec, "Haettu tehtävä"),
        index_of(rec, "position")
    );
    assert_eq!(
        header_index(rec, "status"),
        index_of(rec, "application_status")
    );
}

#[test]
fn birth_date_cannot_be_in_the_future() {
    assert!(normalize(Kind::PastDate, "2026-11-25", ctx(), "FI").is_err());
    assert!(normalize(Kind::Date, "2026-11-25", ctx(), "FI").is_ok());
}

#[test]
fn phone_uses_the_records_country() {
    let r = Register::Customer;
    let v = new_values(
        r,
        &changes(
            r,
            &[
                ("first_name", "A"),
                ("last_name", "B"),
                ("phone", "070 123 45 67"),
                ("country", "se"),
            ],
        ),
        ctx(),
    )
    .unwrap();
    assert_eq!(get(r, &v, "phone"), Some("+46701234567"));
}
