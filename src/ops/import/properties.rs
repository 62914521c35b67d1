//! Property tests of the import's CSV row path (issue #8): it takes any
//! bytes after a header without a panic. Beside `domain::properties`,
//! whose hostile strategy they share; here because the row path is the
//! import's, and the domain imports nothing from the commands.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::check_csv;
use crate::domain::properties::hostile;
use crate::domain::register::Register;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

proptest! {
    /// The import's row path (CSV reader, header, cells, validation) takes
    /// any bytes after a header without a panic: a row is valid or not.
    #[test]
    fn the_csv_row_path_takes_any_bytes_without_panic(header in prop::sample::select(vec![
        "first_name,last_name,hetu,email,phone,city\n",
        "Etunimi;Sukunimi;Henkilötunnus;Sähköposti\r\n",
        "\u{feff}first_name,last_name\n",
    ]), body in prop::collection::vec(any::<u8>(), 0..600)) {
        let mut file = header.as_bytes().to_vec();
        file.extend(body);
        if let Ok((valid, invalid)) = check_csv(Register::Customer, &file, today()) {
            prop_assert!(valid + invalid <= file.len() as u64);
        }
    }

    /// The same with rows built of hostile cells, quotes, delimiters and
    /// line breaks, so that the reader's quoting paths are taken often.
    #[test]
    fn the_csv_row_path_takes_hostile_rows_without_panic(cells in prop::collection::vec((hostile(), prop::sample::select(vec![",", ";", "\"", "\n", "\r\n", "\"\""])), 0..40)) {
        let mut file = String::from("first_name,last_name,hetu,email,phone,city\n");
        for (cell, sep) in &cells {
            file.push_str(cell);
            file.push_str(sep);
        }
        let _ = check_csv(Register::Customer, file.as_bytes(), today());
    }
}
