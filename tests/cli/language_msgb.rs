//! The refusals of the register commands (breach, bases, purposes) in
//! Finnish and Swedish (issue #20, SPEC §12 `--lang`).

use crate::util::*;

#[test]
fn register_refusals_speak_finnish_and_swedish() {
    let env = Env::new();
    let cases: [(i32, &[&str], &str, &str); 3] = [
        (
            4,
            &["basis", "end", "999", "--date", "2026-12-31"],
            "käsittelyperustetta 999 ei ole",
            "den rättsliga grunden 999 finns inte",
        ),
        (
            3,
            &["purpose", "add", "Bad Name", "--title", "x"],
            "käyttötarkoituksen nimi on pieniä kirjaimia ja numeroita",
            "ett ändamåls namn består av gemener och siffror",
        ),
        (
            2,
            &["breach", "notify", "BR-1", "--client", "--late-reason", "x"],
            "käytetään vain valitsimen --authority kanssa",
            "används bara tillsammans med --authority",
        ),
    ];
    for (code, args, fi, sv) in cases {
        for (lang, want) in [("fi", fi), ("sv", sv)] {
            let mut all = vec!["--lang", lang];
            all.extend_from_slice(args);
            let err = env.fails(code, &all);
            assert!(err.contains(want), "missing {want:?} in:\n{err}");
        }
    }
    // English stays as it was
    let err = env.fails(4, &["basis", "end", "999", "--date", "2026-12-31"]);
    assert!(err.contains("no legal basis 999"), "{err}");
}
