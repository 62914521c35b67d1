//! `export notice`: the record of processing activities and privacy notice
//! (issue #6), in Finnish and English, Markdown and json.

use serde_json::Value;

use crate::util::*;

/// Logs a disclosure straight into a file's disclosure log, as `disclose`
/// would not: a transfer it refuses (see [`disclosed`] for the command).
fn disclose(env: &Env, id: &str, recipient: &str, category: &str, country: &str, dpf: bool) {
    let (prefix, number) = id.split_once('-').unwrap();
    let register = match prefix {
        "C" => "customer",
        "B" => "business",
        "E" => "employee",
        _ => "recruitment",
    };
    let number: i64 = number.parse().unwrap();
    env.exec(&format!(
        "INSERT INTO disclosures (record, recipient, category, data, basis, country, dpf_certified, disclosed_on, logged_at, logged_by)
         SELECT rowid, {}, {}, 'contact details', 'contract', {}, {dpf}, '2026-10-01', '2026-10-01T00:00:00Z', 'anne'
         FROM records WHERE register = '{register}' AND number = {number}",
        Env::lit(Some(recipient)),
        Env::lit(Some(category)),
        Env::lit(Some(country)),
    ));
}

/// Logs a disclosure with `disclose`, dated 2026-10-01: on either kind.
fn disclosed(env: &Env, id: &str, recipient: &str, category: &str, country: &str, dpf: bool) {
    let mut args = vec![
        "disclose",
        id,
        "--recipient",
        recipient,
        "--category",
        category,
        "--data",
        "contact details",
        "--basis",
        "contract",
        "--country",
        country,
        "--date",
        "2026-10-01",
    ];
    if dpf {
        args.push("--dpf-certified");
    }
    env.ok(&args);
}

/// Adds a basis and returns its id (`basis add` lists what it added).
fn basis(env: &Env, id: &str, basis: &str, purpose: &str, extra: &[&str]) -> String {
    let mut args = vec!["basis", "add", id, "--basis", basis, "--purpose", purpose];
    args.extend_from_slice(extra);
    env.json(&args)[0]["id"].to_string()
}

/// A register with a controller, three customers, a business contact,
/// bases, an ended basis and disclosures (one to the UK, one to a
/// DPF-certified US processor).
fn sample() -> Env {
    let env = Env::new();
    env.ok(&[
        "controller",
        "set",
        "--name",
        "Laitilan Tilipalvelu Oy",
        "--business-id",
        "2617416-4",
        "--address",
        "Vihtorinkatu 10, 23800 Laitila",
        "--contact-person",
        "Anne Kuusisto",
        "--contact-phone",
        "040 123 4567",
        "--contact-email",
        "tietosuoja@example.fi",
    ]);
    let c1 = matti(&env);
    let c2 = env.add("customer", &["first_name=Liisa", "last_name=Virtanen"]);
    let c3 = env.add("customer", &["first_name=Kalle", "last_name=Korhonen"]);
    for id in [&c1, &c2, &c3] {
        basis(&env, id, "contract", "customer-relationship", &[]);
    }
    basis(&env, &c1, "consent", "marketing", &[]);
    basis(
        &env,
        &c2,
        "legitimate-interest",
        "marketing",
        &["--note", "existing customer relationship"],
    );
    basis(
        &env,
        &c1,
        "legal-obligation",
        "billing",
        &["--law", "Accounting Act 1336/1997"],
    );
    // An ended basis is no longer in use.
    let ended = basis(&env, &c3, "consent", "marketing", &["--from", "2026-01-01"]);
    env.ok(&["basis", "end", &ended, "--date", "2026-06-30"]);
    let b1 = env.add(
        "business",
        &[
            "first_name=Pekka",
            "last_name=Ojala",
            "organisation=Ojala Oy",
            "business_id=2617416-4",
            "role=owner",
        ],
    );
    basis(&env, &b1, "aml", "aml-due-diligence", &[]);
    disclosed(
        &env,
        &c1,
        "Perintätoimisto Saatava Oy",
        "debt-collection",
        "FI",
        false,
    );
    disclosed(
        &env,
        &c2,
        "Perintätoimisto Saatava Oy",
        "debt-collection",
        "FI",
        false,
    );
    disclosed(&env, &c1, "Mailer Ltd", "processor", "GB", false);
    disclosed(&env, &c1, "CRM Inc", "processor", "US", true);
    disclosed(&env, &b1, "Verohallinto", "authority", "FI", false);
    env
}

fn register<'a>(notice: &'a Value, name: &str) -> &'a Value {
    notice["registers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["register"] == name)
        .unwrap_or_else(|| panic!("no {name} in {notice}"))
}

fn basis_count(r: &Value, basis: &str, purpose: &str) -> Option<i64> {
    r["bases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["basis"] == basis && b["purpose"] == purpose)
        .map(|b| b["count"].as_i64().unwrap())
}

#[test]
fn finnish_markdown_reads_like_a_tietosuojaseloste() {
    let env = sample();
    let md = env.ok(&["export", "notice"]);
    for heading in [
        "# Tietosuojaseloste ja seloste käsittelytoimista",
        "## 1. Rekisterinpitäjä",
        "## 2. Yhteyshenkilö rekisteriä koskevissa asioissa",
        "## 3. Rekisterit",
        "## 4. Asiakas- ja markkinointirekisteri",
        "### 4.1 Käsittelyn tarkoitukset ja oikeusperusteet",
        "### 4.2 Rekisteröityjen ryhmät",
        "### 4.3 Henkilötietoryhmät ja rekisterin tietosisältö",
        "### 4.4 Säännönmukaiset tietolähteet",
        "### 4.5 Tietojen luovutukset ja vastaanottajaryhmät",
        "### 4.6 Tietojen siirrot EU:n tai ETA:n ulkopuolelle",
        "### 4.7 Säilytysaika",
        "## 5. Yritysasiakkaiden ja niiden päättäjien rekisteri",
        "## 6. Työntekijärekisteri",
        "## 7. Rekrytointirekisteri",
        "## 8. Tietojen siirrot EU:n tai ETA:n ulkopuolelle: periaatteet",
        "## 9. Rekisterin suojauksen periaatteet",
        "## 10. Automaattinen päätöksenteko ja profilointi",
        "## 11. Rekisteröidyn oikeudet",
        "## 12. Oikeuksien käyttäminen ja pyyntöihin vastaaminen",
        "## 13. Oikeus tehdä valitus valvontaviranomaiselle",
    ] {
        assert!(
            md.contains(&format!("\n{heading}\n")) || md.starts_with(heading),
            "missing {heading:?} in:\n{md}"
        );
    }
    for text in [
        "Laitilan Tilipalvelu Oy",
        "Y-tunnus: 2617416-4",
        "Nimi: Anne Kuusisto",
        "Puhelin: +358 40",
        "Laadittu 24.11.2026.",
        // Bases in use, with counts and the GDPR point.
        "- **Asiakassuhteen hoitaminen**\n  - Sopimuksen täytäntöönpano (tietosuoja-asetuksen 6 artiklan 1 kohdan b alakohta): 3 rekisteröityä",
        "Rekisteröidyn suostumus (tietosuoja-asetuksen 6 artiklan 1 kohdan a alakohta): 1 rekisteröity",
        "kirjanpitolaki 1336/1997): 1 rekisteröity",
        "laki rahanpesun ja terrorismin rahoittamisen estämisestä 444/2017): 1 rekisteröity",
        // Data categories as labels, recipients, transfers.
        "**Henkilön perustiedot:** etunimi, sukunimi, henkilötunnus",
        "**Perintäyhtiöt:** Perintätoimisto Saatava Oy (2 luovutusta)",
        "**Viranomaiset:** Verohallinto (1 luovutus)",
        "Mailer Ltd, Yhdistynyt kuningaskunta (1 luovutus)",
        "- Yhdistynyt kuningaskunta: 1 luovutus; Euroopan komission riittävyyspäätös 2021/1772",
        "- Yhdysvallat: 1 luovutus EU:n ja Yhdysvaltojen väliseen tietosuojakehykseen sertifioituneelle vastaanottajalle",
        "(luettelon tilanne 1/2026)",
        // Retention with its ground, years as years.
        // Issue #18: Accounting Act 2:10 counts from the end of the year.
        "Tiedot poistetaan pysyvästi viimeistään 6 vuoden kuluttua sen kalenterivuoden päättymisestä, jona asiakkuus päättyi.",
        "Säilytysajan peruste: kirjanpitolaki 1336/1997 2:10",
        "Työsuhteen päätyttyä tietoja säilytetään 10 vuotta",
        // Security and rights.
        "pääkäyttäjiä 1, peruskäyttäjiä 0 ja tarkastajia 0",
        "SHA-256",
        "tietosuojalaki 1050/2018, 29 §",
        "(15 artikla)",
        "(21 artikla)",
        "(7 artiklan 3 kohta)",
        "viimeistään kuukauden kuluessa",
        "enintään kahdella kuukaudella",
        "Tietosuojavaltuutetun toimisto  \nPL 800, 00531 Helsinki",
        "tietosuoja.fi",
        "Henkilötietoja ei käytetä automaattiseen päätöksentekoon eikä profilointiin",
    ] {
        assert!(md.contains(text), "missing {text:?} in:\n{md}");
    }
    // Issue #18: the employee and recruitment registers have no bases in
    // use yet, but their declared purposes and bases are stated in advance.
    assert!(!md.contains("ei ole vielä kirjattu käsittelyn tarkoituksia"));
    assert!(
        md.contains("- **Työsuhteen hoitaminen**\n  - Sopimuksen täytäntöönpano (tietosuoja-asetuksen 6 artiklan 1 kohdan b alakohta)\n"),
        "{md}"
    );
    assert!(
        md.contains("- **Rekrytointi ja hakijoiden arviointi**"),
        "{md}"
    );
    // The repealed Personal Data Act is not cited; no data subject is named.
    assert!(!md.contains("523/1999"));
    for personal in ["Mäkinen", "Virtanen", "Ojala", "131052", "matti.makinen"] {
        assert!(!md.contains(personal), "{personal} in the notice");
    }
}

#[test]
fn english_markdown() {
    let env = sample();
    let md = env.ok(&["export", "notice", "--lang", "en"]);
    for text in [
        "# Privacy notice and record of processing activities",
        "## 1. Controller",
        "### 4.1 Purposes and legal bases of the processing",
        "  - Performance of a contract (GDPR Art. 6(1)(b)): 3 data subjects",
        "Compliance with a legal obligation of the controller (GDPR Art. 6(1)(c); Accounting Act 1336/1997): 1 data subject",
        "**Debt collection agencies:** Perintätoimisto Saatava Oy (2 disclosures)",
        "- United Kingdom: 1 disclosure; Commission adequacy decision 2021/1772",
        "Generated on 2026-11-24.",
        "The data are erased for good at the latest 6 years after the end of the calendar year in which the customer relationship ended.",
        "Office of the Data Protection Ombudsman",
        "(Art. 17)",
    ] {
        assert!(md.contains(text), "missing {text:?} in:\n{md}");
    }
    assert!(
        !md.contains("rekisteröity"),
        "Finnish in the English notice"
    );
}

#[test]
fn json_counts_bases_recipients_and_transfers() {
    let env = sample();
    let n = env.json(&["export", "notice"]);
    assert_eq!(n["lang"], "fi");
    assert_eq!(n["generated_on"], TODAY);
    assert_eq!(n["controller"]["name"], "Laitilan Tilipalvelu Oy");
    assert_eq!(n["controller"]["missing"], serde_json::json!([]));
    assert_eq!(n["registers"].as_array().unwrap().len(), 4);

    let c = register(&n, "customer");
    assert_eq!(c["records"], 3);
    assert_eq!(basis_count(c, "contract", "customer-relationship"), Some(3));
    // The ended consent of the third customer is not counted.
    assert_eq!(basis_count(c, "consent", "marketing"), Some(1));
    assert_eq!(basis_count(c, "legitimate-interest", "marketing"), Some(1));
    assert_eq!(basis_count(c, "legal-obligation", "billing"), Some(1));
    let billing = c["bases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["purpose"] == "billing")
        .unwrap();
    assert_eq!(billing["article"], "6(1)(c)");
    assert_eq!(billing["law"], "kirjanpitolaki 1336/1997");
    let purposes: Vec<&str> = c["purposes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["purpose"].as_str().unwrap())
        .collect();
    assert_eq!(purposes, ["customer-relationship", "billing", "marketing"]);
    assert_eq!(c["purposes"][2]["records"], 2);

    let recipients = c["recipients"].as_array().unwrap();
    let categories: Vec<(&str, i64)> = recipients
        .iter()
        .map(|g| {
            (
                g["category"].as_str().unwrap(),
                g["count"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(categories, [("processor", 2), ("debt-collection", 2)]);
    assert_eq!(recipients[1]["title"], "perintäyhtiöt");
    assert_eq!(
        recipients[1]["recipients"][0]["recipient"],
        "Perintätoimisto Saatava Oy"
    );

    let transfers = c["transfers"].as_array().unwrap();
    assert_eq!(transfers.len(), 2);
    assert_eq!(transfers[0]["country"], "GB");
    assert_eq!(transfers[0]["adequacy_decision"], "2021/1772");
    assert_eq!(transfers[0]["lawful"], true);
    assert_eq!(transfers[1]["country"], "US");
    assert_eq!(transfers[1]["dpf_required"], true);
    assert_eq!(transfers[1]["dpf_certified"], true);
    assert_eq!(transfers[1]["lawful"], true);
    assert_eq!(c["retention"]["retention_months"], 72);

    let b = register(&n, "business");
    assert_eq!(
        basis_count(b, "legal-obligation", "aml-due-diligence"),
        Some(1)
    );
    assert_eq!(b["recipients"][0]["category"], "authority");
    assert_eq!(b["transfers"], serde_json::json!([]));
    assert_eq!(b["retention"]["hold_overridable"], false);

    // Registers with no records are there, with nothing invented.
    for name in ["employee", "recruitment"] {
        let r = register(&n, name);
        assert_eq!(r["records"], 0);
        assert_eq!(r["purposes"], serde_json::json!([]));
        assert_eq!(r["bases"], serde_json::json!([]));
        assert!(!r["data_categories"].as_array().unwrap().is_empty());
    }
    let tax = register(&n, "employee")["data_categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["category"] == "tax")
        .unwrap()
        .clone();
    assert_eq!(tax["fields"][0]["label"], "veronumero");

    assert_eq!(n["security"]["operators"]["admin"], 1);
    let rights: Vec<&str> = n["rights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["right"].as_str().unwrap())
        .collect();
    for right in [
        "access",
        "rectification",
        "erasure",
        "restriction",
        "portability",
        "objection",
        "withdraw-consent",
        "complaint",
    ] {
        assert!(rights.contains(&right), "{right}");
    }
    assert_eq!(n["complaint"]["address"], "PL 800, 00531 Helsinki");
    assert_eq!(n["transfer_policy"]["adequacy_list_date"], "2026-01");
    assert_eq!(n["automated_decisions"]["profiling_in_use"], false);

    let en = env.json(&["export", "notice", "--lang", "en"]);
    assert_eq!(en["lang"], "en");
    assert_eq!(
        register(&en, "customer")["bases"][0]["title"],
        "performance of a contract"
    );
}

#[test]
fn a_transfer_to_an_adequacy_country_appears_and_an_unlawful_one_is_flagged() {
    let env = Env::new();
    let id = matti(&env);
    disclose(&env, &id, "Tokyo Print KK", "processor", "JP", false);
    // Not DPF certified: `disclose` would refuse it; the notice must not hide it.
    disclose(&env, &id, "Cloud Corp", "other", "US", false);
    disclose(&env, &id, "Nordic Mail AB", "processor", "SE", false);
    let n = env.json(&["export", "notice", "--lang", "en"]);
    let t = register(&n, "customer")["transfers"]
        .as_array()
        .unwrap()
        .clone();
    let countries: Vec<&str> = t.iter().map(|x| x["country"].as_str().unwrap()).collect();
    assert_eq!(countries, ["JP", "US"], "Sweden is in the EU: no transfer");
    assert_eq!(t[0]["adequacy_decision"], "2019/419");
    assert_eq!(t[0]["lawful"], true);
    assert_eq!(t[1]["lawful"], false);
    let md = env.ok(&["export", "notice", "--lang", "en"]);
    assert!(
        md.contains("- Japan: 1 disclosure; Commission adequacy decision 2019/419"),
        "{md}"
    );
    assert!(
        md.contains("not certified under the Data Privacy Framework"),
        "{md}"
    );
    assert!(md.contains("Nordic Mail AB, SE (1 disclosure)"), "{md}");
}

#[test]
fn profiling_in_use_is_told() {
    let env = Env::new();
    let id = matti(&env);
    basis(&env, &id, "consent", "profiling", &[]);
    let md = env.ok(&["export", "notice"]);
    assert!(
        md.contains("Henkilötietoja käytetään profilointiin (profilointi relevanttien tarjousten kohdentamiseksi) seuraavissa rekistereissä: Asiakas- ja markkinointirekisteri."),
        "{md}"
    );
    assert!(md.contains("22 artikla"));
    let n = env.json(&["export", "notice"]);
    assert_eq!(n["automated_decisions"]["profiling_in_use"], true);
    assert_eq!(
        n["automated_decisions"]["registers"],
        serde_json::json!(["customer"])
    );
}

#[test]
fn an_unset_controller_is_said_plainly() {
    let env = Env::new();
    let out = env.cmd(&["export", "notice"]).output().unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        md.contains(
            "Rekisterinpitäjän tietoja ei ole vielä asetettu: aja `privreg controller set`."
        ),
        "{md}"
    );
    assert!(md.contains("Yhteyshenkilöä ei ole vielä asetettu"), "{md}");
    assert!(err.contains("run `privreg controller set`"), "{err}");
    let en = env.ok(&["--quiet", "export", "notice", "--lang", "en"]);
    assert!(
        en.contains("The controller's details are not set: run `privreg controller set`."),
        "{en}"
    );
    // Partly set: each missing detail says so.
    env.ok(&["controller", "set", "--name", "Acme Oy"]);
    let en = env.ok(&["export", "notice", "--lang", "en"]);
    assert!(en.contains("Name: Acme Oy"), "{en}");
    assert!(
        en.contains("Business ID: *not set: run `privreg controller set`*"),
        "{en}"
    );
    let n = env.json(&["export", "notice"]);
    assert_eq!(
        n["controller"]["missing"],
        serde_json::json!([
            "business_id",
            "address",
            "contact_person",
            "contact_phone",
            "contact_email"
        ])
    );
}

#[test]
fn auditors_may_export_it_and_it_is_audited_without_personal_data() {
    let env = sample();
    env.ok(&["operator", "add", "olli", "--role", "auditor"]);
    let md = env.as_op("olli").ok(&["export", "notice"]);
    assert!(md.contains("tarkastajia 1"), "{md}");
    let (action, outcome, records, _, detail) = env.last_audit();
    assert_eq!(
        (action.as_str(), outcome.as_str(), records.as_str()),
        ("export-notice", "ok", "")
    );
    assert_eq!(detail, "lang=fi format=markdown");
    let rows = env.number("SELECT rows FROM audit ORDER BY seq DESC LIMIT 1");
    assert_eq!(rows, 4);
    let audit = env.audit_text();
    assert!(!audit.contains("Kuusisto"));
    // someone who is no operator: refused by the sealed file (5), and on a
    // server not even let in (SPEC §8: cannot connect, 7)
    let refused = if env.server.is_some() { 7 } else { 5 };
    env.as_op("nobody").fails(refused, &["export", "notice"]);
}

#[test]
fn only_markdown_and_json() {
    let env = Env::new();
    for format in ["csv", "table", "jsonl"] {
        let err = env.fails(2, &["--format", format, "export", "notice"]);
        assert!(err.contains("markdown, json"), "{err}");
    }
    env.fails(2, &["export", "notice", "--lang", "sv"]);
    let md = env.ok(&["--format", "markdown", "export", "notice"]);
    assert!(md.starts_with("# Tietosuojaseloste"));
}

/// The security section claims only what privreg enforces (issue #13): a
/// log cut back is only found against checkpoints, so the notice says the
/// firm keeps them only when a checkpoint log is set; the file is not
/// encrypted and the operator's name not verified, and it says so.
#[test]
fn the_security_section_claims_only_what_is_enforced() {
    let env = crate::util::Env::new();
    let security = |env: &crate::util::Env| {
        let n = env.json(&["export", "notice", "--lang", "en", "--format", "json"]);
        n.to_string()
    };
    let text = security(&env);
    assert!(
        !text.contains("no entry can be altered or removed unnoticed"),
        "{text}"
    );
    assert!(text.contains("Checkpoints of the log can be kept outside the register"));
    if env.server.is_some() {
        // a server (SPEC §8): it verifies its login roles and refuses what a
        // role may not do, and erasure rewrites the tables; privreg encrypts
        // none of its files and asks for no passphrase, and there is no file
        assert!(
            text.contains("login role of the PostgreSQL server"),
            "{text}"
        );
        assert!(text.contains("(VACUUM FULL)"), "{text}");
        assert!(text.contains("privreg does not encrypt the server's files"));
        for claim in ["passphrase", "AES-256", "register file"] {
            assert!(!text.contains(claim), "{claim}: {text}");
        }
    } else {
        // sealed (issue #14): the file is encrypted and the operator verified
        assert!(!text.contains("not yet encrypted"), "{text}");
        assert!(text.contains("verified by their own passphrase"), "{text}");
        assert!(text.contains("are encrypted (AES-256"), "{text}");
    }
    // a plain register says plainly what it lacks
    let plain = crate::util::Env::new_plain();
    let plain_text = security(&plain);
    assert!(plain_text.contains("not yet encrypted"));
    assert!(plain_text.contains("not yet verified by a passphrase"));
    assert!(text.contains("before the first byte of data leaves"));
    let log = env.path("cp.log");
    env.ok(&[
        "controller",
        "set",
        "--checkpoint-log",
        log.to_str().unwrap(),
    ]);
    let text = security(&env);
    assert!(
        text.contains(
            "Every command appends a checkpoint of the log to a file kept outside the register"
        ),
        "{text}"
    );
}
