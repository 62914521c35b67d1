//! Languages of the administrative commands (SPEC §12, issue #20): the
//! refusals of `operator` and `encrypt` in Finnish and Swedish.

use crate::util::Env;

#[test]
fn operator_and_sealing_refusals_speak_finnish_and_swedish() {
    let env = Env::new();
    let fi = env.fails(4, &["--lang", "fi", "operator", "disable", "nobody"]);
    assert!(fi.contains("käyttäjää nobody ei ole"), "{fi}");
    let sv = env.fails(4, &["--lang", "sv", "operator", "disable", "nobody"]);
    assert!(sv.contains("användaren nobody finns inte"), "{sv}");

    let fi = env.fails(5, &["--lang", "fi", "operator", "disable", "anne"]);
    assert!(
        fi.contains("anne on viimeinen käytössä oleva pääkäyttäjä: lisää ensin toinen pääkäyttäjä"),
        "{fi}"
    );
    let sv = env.fails(5, &["--lang", "sv", "operator", "disable", "anne"]);
    assert!(
        sv.contains("anne är den sista aktiva administratören"),
        "{sv}"
    );

    if crate::kind::is_server(&env.db) {
        // sealing is the file's (a server authenticates roles instead):
        // refused as a command a server does not run, in the language
        let fi = env.fails(7, &["--lang", "fi", "encrypt"]);
        assert!(fi.contains("palvelintilaa ei ole vielä tehty"), "{fi}");
        assert!(!fi.contains("server mode"), "{fi}");
        let sv = env.fails(7, &["--lang", "sv", "encrypt"]);
        assert!(sv.contains("serverläget är ännu inte byggt"), "{sv}");
    } else {
        let fi = env.fails(6, &["--lang", "fi", "encrypt"]);
        assert!(fi.contains("on jo salattu"), "{fi}");
        assert!(!fi.contains("already encrypted"), "{fi}");
        let sv = env.fails(6, &["--lang", "sv", "encrypt"]);
        assert!(sv.contains("är redan krypterad"), "{sv}");
    }

    let en = env.fails(4, &["--lang", "en", "operator", "disable", "nobody"]);
    assert!(en.contains("no operator nobody"), "{en}");
}
