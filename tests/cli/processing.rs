//! The firm's whole processing (issue #18, SPEC §9): activities,
//! processors, clients, the Art. 30 records, and a notice that covers
//! every point of the firm's own notice (seeds/000_6a8f25f9d4f3c648.txt).

use serde_json::Value;

use crate::util::*;

fn basis(env: &Env, id: &str, basis: &str, purpose: &str, extra: &[&str]) {
    let mut args = vec!["basis", "add", id, "--basis", basis, "--purpose", purpose];
    args.extend_from_slice(extra);
    env.ok(&args);
}

/// The seed firm: its controller, the four registers with a few people,
/// the activities of the seed's §5–§15, two processors, and the EASY-PRO
/// clients for whom it is a processor.
fn seed_firm() -> Env {
    let env = Env::new();
    env.ok(&[
        "controller",
        "set",
        "--name",
        "AmiPro Service Oy",
        "--business-id",
        "2617416-4",
        "--address",
        "Vihtorinkatu 10, 23800 Laitila",
        "--contact-person",
        "Anne Kuusisto",
        "--contact-phone",
        "0440 255 723",
        "--contact-email",
        "tietosuoja@amipro.example",
    ]);
    // The registers, a few people each.
    let c1 = matti(&env);
    let c2 = env.add("customer", &["first_name=Liisa", "last_name=Virtanen"]);
    basis(&env, &c1, "contract", "customer-relationship", &[]);
    basis(&env, &c2, "contract", "customer-relationship", &[]);
    basis(&env, &c1, "consent", "profiling", &[]);
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
    let e1 = env.add(
        "employee",
        &[
            "first_name=Eeva",
            "last_name=Esimerkkinen",
            "hetu=131052-308T",
            "employment_start=2020-01-01",
        ],
    );
    basis(&env, &e1, "contract", "employment", &[]);
    let r1 = env.add(
        "recruitment",
        &[
            "first_name=Hannu",
            "last_name=Hakemusnen",
            "position=kirjanpitäjä",
            "applied_on=2026-10-01",
        ],
    );
    basis(&env, &r1, "contract", "recruitment", &[]);

    // Two processors: a Finnish mailing house, a DPF-certified US analytics firm.
    env.ok(&[
        "processor",
        "add",
        "Postitus Oy",
        "--business-id",
        "1572860-0",
        "--country",
        "FI",
        "--service",
        "sending the newsletter",
        "--data",
        "e-mail addresses and names of subscribers",
        "--contract-date",
        "2024-03-01",
        "--contract-ref",
        "DPA-2024-1",
    ]);
    env.ok(&[
        "processor",
        "add",
        "Analytics Inc",
        "--business-id",
        "US-EIN-12-3456789",
        "--country",
        "US",
        "--dpf-certified",
        "--service",
        "web analytics",
        "--data",
        "pseudonymous visitor data and IP addresses",
        "--contract-date",
        "2025-02-01",
    ]);

    // The activities of the seed's §5–§15.
    env.ok(&[
        "activity",
        "add",
        "Laskutus ja ostotiedot",
        "--purpose",
        "orders",
        "billing",
        "--basis",
        "legal-obligation",
        "--law",
        "Accounting Act 1336/1997",
        "--subjects",
        "tuotteita ja palveluita ostaneet asiakkaat",
        "--data",
        "ostetut tuotteet ja palvelut, tilauskohtaiset laskutustiedot",
        "--system",
        "taloushallintojärjestelmä",
        "--retention",
        "6 vuotta tilikauden päättymisestä (kirjanpitolaki 1336/1997 2:10)",
    ]);
    env.ok(&[
        "activity",
        "add",
        "Käyttäjätilit",
        "--purpose",
        "user-accounts",
        "support",
        "--basis",
        "contract",
        "--subjects",
        "palveluidemme käyttäjät",
        "--data",
        "kirjautumistunnus, käyttäjänimi, IP-osoite, käyttäjän lataama sisältö",
        "--retention",
        "käyttäjätilin voimassaolon ajan",
    ]);
    env.ok(&[
        "activity",
        "add",
        "Uutiskirje",
        "--purpose",
        "newsletter",
        "--basis",
        "consent",
        "--subjects",
        "uutiskirjeen tilaajat",
        "--data",
        "sähköpostiosoite, nimi, tilauksen ajankohta",
        "--recipients",
        "henkilötietojen käsittelijä Postitus Oy",
        "--retention",
        "kunnes tilaus perutaan",
    ]);
    env.ok(&[
        "activity",
        "add",
        "Verkkoanalytiikka ja evästeet",
        "--purpose",
        "web-analytics",
        "--basis",
        "consent",
        "--subjects",
        "verkkosivujen kävijät",
        "--data",
        "sivut joilla on vierailtu, vierailun kesto, kellonaika, IP-osoite, kävijäliikenteen lähde, selaintyyppi, onko vierailija käynyt aiemmin",
        "--source",
        "evästeet ja muut seurantatekniikat",
        "--transfer",
        "US",
        "--dpf-certified",
        "--retention",
        "14 kuukautta",
    ]);
    env.ok(&[
        "activity",
        "add",
        "Tietoturva",
        "--purpose",
        "security",
        "--basis",
        "legitimate-interest",
        "--note",
        "turvallisuusuhkien ja väärinkäytösten tunnistaminen ja ehkäisy",
        "--subjects",
        "palveluiden käyttäjät",
        "--data",
        "lokitiedot ja IP-osoitteet",
        "--retention",
        "12 kuukautta",
    ]);

    // The clients: bookkeeping and payroll, and the EASY-PRO ERP.
    env.ok(&[
        "client",
        "add",
        "Rakennus Virtanen Oy",
        "--business-id",
        "0112038-9",
        "--contact",
        "toimitusjohtaja",
        "--contract-date",
        "2023-01-15",
        "--terms",
        "kirjanpito ja palkanlaskenta asiakkaan ohjeiden mukaan",
    ]);
    env.ok(&[
        "client",
        "processing",
        "add",
        "Rakennus Virtanen Oy",
        "--category",
        "palkanlaskenta",
        "--subjects",
        "asiakkaan työntekijät",
        "--data",
        "nimi, henkilötunnus, palkka- ja verotiedot",
        "--sub-processor",
        "Postitus Oy",
        "--security",
        "salattu yhteys, henkilökohtaiset tunnukset",
    ]);
    env.ok(&[
        "client",
        "add",
        "Kauppa Mäkelä Oy",
        "--business-id",
        "2617416-4",
        "--contract-date",
        "2024-06-01",
    ]);
    env.ok(&[
        "client",
        "processing",
        "add",
        "Kauppa Mäkelä Oy",
        "--category",
        "EASY-PRO® toiminnanohjausjärjestelmän ylläpito",
        "--subjects",
        "asiakkaan asiakkaat ja työntekijät",
        "--data",
        "yhteystiedot, tilaukset, laskut",
        "--sub-processor",
        "Analytics Inc",
        "--transfer",
        "GB",
        "--security",
        "varmuuskopiot EU:ssa, pääsynhallinta",
    ]);
    env
}

/// Asserts that the text holds every needle, naming the seed's point.
fn covers(md: &str, points: &[(&str, &[&str])]) {
    for (point, needles) in points {
        for needle in *needles {
            // Values the notice begins with a capital letter are matched
            // without regard to case.
            assert!(
                md.to_lowercase().contains(&needle.to_lowercase()),
                "seed {point}: missing {needle:?} in:\n{md}"
            );
        }
    }
}

#[test]
fn the_finnish_notice_covers_every_point_of_the_seed_notice() {
    let env = seed_firm();
    let md = env.ok(&["export", "notice"]);
    covers(
        &md,
        &[
            (
                "§1 controller",
                &["AmiPro Service Oy", "Vihtorinkatu 10, 23800 Laitila"],
            ),
            (
                "§2 contact person",
                &["Nimi: Anne Kuusisto", "Puhelin: +358 44 0255723"],
            ),
            (
                "§3 registers",
                &[
                    "## 3. Rekisterit",
                    "- Asiakas- ja markkinointirekisteri (luku 4)",
                    "- Yritysasiakkaiden ja niiden päättäjien rekisteri (luku 5)",
                    "- Työntekijärekisteri (luku 6)",
                    "- Rekrytointirekisteri (luku 7)",
                ],
            ),
            (
                "§4 purposes",
                &[
                    "- **Asiakassuhteen hoitaminen**",
                    "- **Laskutus**",
                    "- **Maksusaatavien perintä**",
                    "- **Omien ja yhteistyökumppanien palveluiden suoramarkkinointi**",
                    "- **Etämyynti**",
                    "- **Markkina- ja mielipidetutkimukset**",
                    "- **Uusasiakashankinta**",
                    "työsopimuslaki 55/2001, 2 luku",
                    "- **Rekrytointi ja hakijoiden arviointi**",
                    "Rekisterinpitäjän lakisääteisen velvoitteen noudattaminen",
                ],
            ),
            (
                "§5 data",
                &[
                    "henkilötunnus",
                    "asiointikieli",
                    "asiakkuuden alkamispäivä",
                    "asiakkuuden päättymistapa",
                    "suoramarkkinointiluvat ja -kiellot",
                    "asema organisaatiossa",
                    "organisaation Y-tunnus",
                    "ostetut tuotteet ja palvelut, tilauskohtaiset laskutustiedot",
                    "kirjautumistunnus, käyttäjänimi, IP-osoite",
                    "asiakkaan tuntemistiedot (rahanpesulaki 444/2017)",
                    "syntymäpaikka",
                    "kansalaisuus",
                    "veronumero",
                    "työsuhteen päättymistapa",
                    "työhistoria",
                    "suosittelijat",
                    "haastattelujen ja arviointien yhteenveto",
                ],
            ),
            (
                "§6 sources and cookies",
                &[
                    "rekisteröity itse: www-lomakkeet, sähköposti, puhelin",
                    "markkinointikumppanimme",
                    "julkiset rekisterit, kuten kaupparekisteri",
                    "Verkkosivuilla käytetään evästeitä",
                ],
            ),
            (
                "§7 why: orders, accounts, support, security, marketing, profiling",
                &[
                    "Tilausten, toimitusten ja maksujen hoitaminen",
                    "Palveluiden käyttäjätilien luominen ja ylläpito",
                    "asiakastuki",
                    "Tietoturva ja väärinkäytösten ehkäisy",
                    "turvallisuusuhkien ja väärinkäytösten tunnistaminen ja ehkäisy",
                    "Henkilötietoja käytetään profilointiin",
                ],
            ),
            (
                "§8 disclosures",
                &[
                    "Tietoja ei luovuteta säännönmukaisesti muille",
                    "Viranomaiset lakiin perustuvan velvollisuuden tai valtuutuksen perusteella.",
                    "Perintäyhtiöt myöhästyneiden laskujen ja muiden saatavien perimiseksi.",
                    "Ostajat ja muut osapuolet, jos liiketoiminta myydään",
                    "Henkilötietojen käsittelijät, jotka käsittelevät tietoja lukuumme",
                ],
            ),
            (
                "§9 transfers under adequacy decisions only",
                &[
                    "vain maihin, joiden tietosuojan tason Euroopan komissio on päätöksellään todennut riittäväksi",
                    "Yhdysvallat: Euroopan komission riittävyyspäätös 2023/1795",
                ],
            ),
            (
                "§10 security and subcontractor contracts",
                &[
                    "henkilökohtaisilla käyttäjätunnuksilla",
                    "## 9. Henkilötietojen käsittelijät ja alihankkijat",
                    "28 artiklan mukainen sopimus",
                    "**Postitus Oy** (Suomi): sending the newsletter; käsittelysopimus (28 artikla) 1.3.2024",
                    "**Analytics Inc** (Yhdysvallat: Euroopan komission riittävyyspäätös 2023/1795",
                ],
            ),
            (
                "§11 access, rectification, identity, time limit",
                &[
                    "Oikeus saada pääsy tietoihin (tarkastusoikeus)",
                    "Oikeus tietojen oikaisemiseen",
                    "todistamaan henkilöllisyytensä",
                    "viimeistään kuukauden kuluessa",
                ],
            ),
            (
                "§12 objection to direct marketing, opt-out link",
                &[
                    "Suoramarkkinointia, etämyyntiä, markkina- ja mielipidetutkimusta",
                    "helppo ja maksuton tapa kieltää viestit",
                ],
            ),
            (
                "§13 processing for clients, EASY-PRO",
                &[
                    "## 10. Rekisterinpitäjä henkilötietojen käsittelijänä",
                    "asiakas on rekisterinpitäjä",
                    "me olemme henkilötietojen käsittelijä",
                    "EASY-PRO® toiminnanohjausjärjestelmän ylläpito",
                    "palkanlaskenta",
                ],
            ),
            (
                "§14–15 automatic collection and cookies",
                &[
                    "### 8.4 Verkkoanalytiikka ja evästeet",
                    "sivut joilla on vierailtu, vierailun kesto, kellonaika, IP-osoite, kävijäliikenteen lähde, selaintyyppi",
                    "sähköisen viestinnän palveluista annettu laki 917/2014, 205 §",
                    "Yhdysvallat: Euroopan komission riittävyyspäätös 2023/1795",
                ],
            ),
            ("§16 changes", &["Selosteen muuttaminen", "päivittää tätä selostetta"]),
        ],
    );
    // What the seed's notice lacks and the law asks.
    covers(
        &md,
        &[
            (
                "Art. 13(2)(e)",
                &[
                    "### 4.8 Tietojen antamisen pakollisuus ja antamatta jättämisen seuraukset",
                    "ilman niitä emme voi toimittaa emmekä laskuttaa",
                    "ilman näitä tietoja emme saa aloittaa emmekä jatkaa asiakassuhdetta",
                    "Tietojen antaminen on vapaaehtoista",
                ],
            ),
            (
                "legitimate interests in words (Art. 13(1)(d))",
                &[
                    "Rekisterinpitäjän oikeutetut edut, joihin käsittely perustuu",
                    "- **Maksusaatavien perintä:** asiakassuhteesta syntyneiden maksusaatavien periminen.",
                ],
            ),
            (
                "759/2004 for employees and applicants",
                &["yksityisyyden suojasta työelämässä annetun lain (759/2004)"],
            ),
            (
                "Accounting Act 2:10 from the end of the year",
                &["sen kalenterivuoden päättymisestä, jona asiakkuus päättyi"],
            ),
            (
                "Canada and the UK",
                &[
                    "Kanada (vain PIPEDA-lain alaiset kaupalliset organisaatiot)",
                    "Yhdistynyt kuningaskunta (uusittu komission päätöksellä 19.12.2025, voimassa 27.12.2031 asti)",
                ],
            ),
            (
                "Art. 12(2): any form",
                &["missä muodossa tahansa", "12 artiklan 2 kohta"],
            ),
        ],
    );
    assert!(!md.contains("esitetään kirjallisesti"), "{md}");
    assert!(!md.contains("punnittu etu on kirjattu"), "{md}");
    assert!(!md.contains("523/1999"));
    for personal in [
        "Mäkinen",
        "Virtanen Liisa",
        "Ojala",
        "131052",
        "Esimerkkinen",
        "Hakemusnen",
    ] {
        assert!(!md.contains(personal), "{personal} in the notice");
    }
    // Numbering runs on: registers 4–7, activities 8, processors 9, the
    // processor role 10, then the closing chapters.
    for heading in [
        "## 8. Muut käsittelytoimet",
        "## 11. Tietojen siirrot EU:n tai ETA:n ulkopuolelle: periaatteet",
        "## 17. Selosteen muuttaminen",
    ] {
        assert!(md.contains(&format!("\n{heading}\n")), "{heading}\n{md}");
    }

    // The json has the same facts.
    let n = env.json(&["export", "notice"]);
    assert_eq!(n["activities"].as_array().unwrap().len(), 5);
    let cookies = &n["activities"][3];
    assert_eq!(cookies["name"], "Verkkoanalytiikka ja evästeet");
    assert!(cookies["cookies"].as_str().unwrap().contains("evästeitä"));
    assert_eq!(cookies["transfers"][0]["lawful"], true);
    assert_eq!(n["activities"][0]["cookies"], Value::Null);
    assert_eq!(n["processors"].as_array().unwrap().len(), 2);
    assert_eq!(n["processor_role"]["clients"], 2);
    let customer = &n["registers"][0];
    assert!(customer["interests"].as_array().unwrap().len() >= 4);
    assert_eq!(customer["retention"]["from_year_end"], true);
}

#[test]
fn the_english_notice_has_the_same_chapters() {
    let env = seed_firm();
    let md = env.ok(&["export", "notice", "--lang", "en"]);
    for text in [
        "## 8. Other processing activities",
        "## 10. The controller as a processor for its clients",
        "Whether giving the data is required, and what follows from not giving them",
        "Act on the Protection of Privacy in Working Life (759/2004)",
        "in any form: by letter, e-mail, phone or in person (GDPR Art. 12(2))",
        "Canada (commercial organisations subject to PIPEDA only)",
        "renewed by the Commission on 19 December 2025, valid until 27 December 2031",
        "Act on Electronic Communications Services 917/2014, section 205",
    ] {
        assert!(md.contains(text), "missing {text:?} in:\n{md}");
    }
    assert!(!md.contains("in writing to"), "{md}");
}

#[test]
fn the_processor_record_lists_each_client_with_its_processing() {
    let env = seed_firm();
    let r = env.json(&["export", "processing-record", "--role", "processor"]);
    assert_eq!(r["role"], "processor");
    assert_eq!(r["article"], "30(2)");
    assert_eq!(r["processor"]["name"], "AmiPro Service Oy");
    let clients = r["clients"].as_array().unwrap();
    assert_eq!(clients.len(), 2);
    assert_eq!(clients[0]["name"], "Rakennus Virtanen Oy");
    assert_eq!(clients[0]["business_id"], "0112038-9");
    assert_eq!(clients[0]["contract_date"], "2023-01-15");
    let payroll = &clients[0]["processing"][0];
    assert_eq!(payroll["category"], "palkanlaskenta");
    assert_eq!(payroll["sub_processors"][0]["name"], "Postitus Oy");
    assert_eq!(payroll["transfers"], serde_json::json!([]));
    assert_eq!(
        payroll["security"],
        "salattu yhteys, henkilökohtaiset tunnukset"
    );
    let erp = &clients[1]["processing"][0];
    assert_eq!(
        erp["category"],
        "EASY-PRO® toiminnanohjausjärjestelmän ylläpito"
    );
    assert_eq!(erp["sub_processors"][0]["name"], "Analytics Inc");
    // The declared transfer and the one its US sub-processor makes.
    let countries: Vec<&str> = erp["transfers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["country"].as_str().unwrap())
        .collect();
    assert_eq!(countries, ["GB", "US"]);
    assert!(!r["security"].as_array().unwrap().is_empty());

    let md = env.ok(&["export", "processing-record", "--role", "processor"]);
    for text in [
        "# Seloste käsittelijän käsittelytoimista (tietosuoja-asetuksen 30 artiklan 2 kohta)",
        "## 2. Rekisterinpitäjä: Rakennus Virtanen Oy",
        "Käsittelysopimus (28 artikla): 15.1.2023",
        "### 2.1 Palkanlaskenta",
        "- **Alihankkijat (muut käsittelijät):** **Postitus Oy** (Suomi)",
        "- **Turvatoimet:** Salattu yhteys, henkilökohtaiset tunnukset.",
        "## 3. Rekisterinpitäjä: Kauppa Mäkelä Oy",
        "Yhdistynyt kuningaskunta: Euroopan komission riittävyyspäätös 2021/1772 (uusittu",
        "## 4. Tekniset ja organisatoriset turvatoimet (32 artikla)",
    ] {
        assert!(md.contains(text), "missing {text:?} in:\n{md}");
    }
    let en = env.ok(&[
        "export",
        "processing-record",
        "--role",
        "processor",
        "--lang",
        "en",
    ]);
    assert!(
        en.contains("# Record of processing activities of a processor (GDPR Art. 30(2))"),
        "{en}"
    );
    assert!(en.contains("- **Sub-processors:** **Postitus Oy**"), "{en}");
    let (action, outcome, _, _, detail) = env.last_audit();
    assert_eq!(
        (action.as_str(), outcome.as_str(), detail.as_str()),
        (
            "export-processing-record",
            "ok",
            "role=processor lang=en format=markdown"
        )
    );
}

#[test]
fn the_controller_record_lists_registers_and_activities() {
    let env = seed_firm();
    let r = env.json(&["export", "processing-record"]);
    assert_eq!(r["role"], "controller");
    assert_eq!(r["article"], "30(1)");
    assert_eq!(r["registers"].as_array().unwrap().len(), 4);
    assert_eq!(r["activities"].as_array().unwrap().len(), 5);
    let md = env.ok(&["export", "processing-record", "--lang", "en"]);
    for text in [
        "# Record of processing activities (GDPR Art. 30(1))",
        "## 2. Customer and marketing register",
        "## 6. Laskutus ja ostotiedot",
        "- **Legal basis:** Compliance with a legal obligation of the controller (Accounting Act 1336/1997).",
        "- **Transfers outside the EU/EEA:** United States: Commission adequacy decision 2023/1795",
        "## 11. Processors",
        "## 12. Technical and organisational security measures (Art. 32)",
    ] {
        assert!(md.contains(text), "missing {text:?} in:\n{md}");
    }
    // xlsx is not there yet; csv never was.
    env.fails(2, &["--format", "csv", "export", "processing-record"]);
}

#[test]
fn an_empty_register_states_purposes_and_recipients_in_advance() {
    let env = Env::new();
    let n = env.json(&["export", "notice"]);
    for r in n["registers"].as_array().unwrap() {
        assert_eq!(r["records"], 0);
        assert!(
            !r["declared"].as_array().unwrap().is_empty(),
            "{}",
            r["register"]
        );
        assert!(
            !r["recipient_categories"].as_array().unwrap().is_empty(),
            "{}",
            r["register"]
        );
        assert!(r["requirement"].is_string(), "{}", r["register"]);
    }
    let md = env.ok(&["export", "notice"]);
    for text in [
        // Purposes with their bases, before any record exists.
        "- **Työsuhteen hoitaminen**\n  - Sopimuksen täytäntöönpano (tietosuoja-asetuksen 6 artiklan 1 kohdan b alakohta)\n",
        "- **Palkanmaksu ja verotus**\n  - Rekisterinpitäjän lakisääteisen velvoitteen noudattaminen (tietosuoja-asetuksen 6 artiklan 1 kohdan c alakohta; työsopimuslaki 55/2001, 2 luku)\n",
        "- **Asiakkaan tunteminen rahanpesulain 444/2017 mukaisesti**",
        // Recipient categories before any disclosure.
        "Tietoja voidaan luovuttaa seuraaville vastaanottajaryhmille:",
        "- Viranomaiset lakiin perustuvan velvollisuuden tai valtuutuksen perusteella.",
        "Luovutuslokiin ei ole kirjattu yhtään luovutusta tämän rekisterin tiedoista.",
    ] {
        assert!(md.contains(text), "missing {text:?} in:\n{md}");
    }
    assert!(!md.contains("ei ole vielä kirjattu käsittelyn tarkoituksia"));
    // No activities, processors or clients: no such chapters.
    assert!(!md.contains("Muut käsittelytoimet"));
    assert!(!md.contains("henkilötietojen käsittelijänä"));
    assert!(md.contains("\n## 8. Tietojen siirrot EU:n tai ETA:n ulkopuolelle: periaatteet\n"));
}

#[test]
fn values_are_checked_and_transfers_judged_as_in_disclose() {
    let env = Env::new();
    fn add_processor<'a>(extra: &[&'a str]) -> Vec<&'a str> {
        let mut args = vec!["processor", "add", "P", "--service", "s", "--data", "d"];
        args.extend_from_slice(extra);
        args
    }
    // A Finnish business id is checked; a bad country and date are named.
    let err = env.fails(
        3,
        &add_processor(&[
            "--business-id",
            "2242792-0",
            "--country",
            "FI",
            "--contract-date",
            "2025-13-01",
        ]),
    );
    assert!(
        err.contains("business_id") && err.contains("contract_date"),
        "{err}"
    );
    let err = env.fails(
        3,
        &add_processor(&["--business-id", "x", "--country", "ZZ"]),
    );
    assert!(err.contains("country"), "{err}");
    // No adequacy: refused and audited.
    let err = env.fails(
        5,
        &add_processor(&["--business-id", "x", "--country", "CN"]),
    );
    assert!(err.contains("no adequacy decision"), "{err}");
    let (action, outcome, ..) = env.last_audit();
    assert_eq!(
        (action.as_str(), outcome.as_str()),
        ("processor-add", "refused")
    );
    // The United States only for DPF-certified organisations.
    let err = env.fails(
        5,
        &add_processor(&["--business-id", "x", "--country", "US"]),
    );
    assert!(err.contains("--dpf-certified"), "{err}");
    env.ok(&add_processor(&["--business-id", "x", "--country", "JP"]));
    env.fails(
        6,
        &add_processor(&["--business-id", "x", "--country", "JP"]),
    );
    assert_eq!(env.number("SELECT count(*) FROM processors"), 1);

    fn activity<'a>(extra: &[&'a str]) -> Vec<&'a str> {
        let mut args = vec![
            "activity",
            "add",
            "A",
            "--subjects",
            "s",
            "--data",
            "d",
            "--retention",
            "1 year",
        ];
        args.extend_from_slice(extra);
        args
    }
    let err = env.fails(3, &activity(&["--purpose", "no-such-purpose"]));
    assert!(err.contains("purpose"), "{err}");
    let err = env.fails(
        3,
        &activity(&["--purpose", "security", "--basis", "legitimate-interest"]),
    );
    assert!(err.contains("note"), "{err}");
    let err = env.fails(
        3,
        &activity(&["--purpose", "billing", "--basis", "legal-obligation"]),
    );
    assert!(err.contains("law"), "{err}");
    env.fails(5, &activity(&["--purpose", "security", "--transfer", "RU"]));
    assert_eq!(env.number("SELECT count(*) FROM activities"), 0);

    let err = env.fails(3, &["client", "add", "C", "--business-id", "2242792-0"]);
    assert!(err.contains("business_id"), "{err}");
    env.fails(
        4,
        &[
            "client",
            "processing",
            "add",
            "Nobody Oy",
            "--category",
            "c",
            "--subjects",
            "s",
            "--data",
            "d",
        ],
    );
    env.ok(&["client", "add", "C", "--business-id", "2617416-4"]);
    let err = env.fails(
        4,
        &[
            "client",
            "processing",
            "add",
            "C",
            "--category",
            "c",
            "--subjects",
            "s",
            "--data",
            "d",
            "--sub-processor",
            "Unknown Ltd",
        ],
    );
    assert!(err.contains("Unknown Ltd"), "{err}");
    env.fails(
        5,
        &[
            "client",
            "processing",
            "add",
            "C",
            "--category",
            "c",
            "--subjects",
            "s",
            "--data",
            "d",
            "--transfer",
            "IN",
        ],
    );
    assert_eq!(env.number("SELECT count(*) FROM client_processing"), 0);
}

#[test]
fn roles_audit_and_check_findings() {
    let env = Env::new();
    env.ok(&["operator", "add", "sari", "--role", "staff"]);
    env.ok(&["operator", "add", "aki", "--role", "auditor"]);
    let processor = [
        "processor",
        "add",
        "Siivous Oy",
        "--business-id",
        "2617416-4",
        "--country",
        "FI",
        "--service",
        "s",
        "--data",
        "d",
    ];
    env.as_op("sari").fails(5, &processor);
    env.ok(&processor);
    let (action, outcome, _, _, detail) = env.last_audit();
    assert_eq!((action.as_str(), outcome.as_str()), ("processor-add", "ok"));
    assert!(detail.contains("Siivous Oy"), "{detail}");
    env.ok(&[
        "activity",
        "add",
        "Kameravalvonta",
        "--purpose",
        "security",
        "--subjects",
        "visitors",
        "--data",
        "video",
        "--retention",
        "30 days",
    ]);
    env.ok(&["client", "add", "Asiakas Oy", "--business-id", "0112038-9"]);
    // An auditor reads them, but may not add or end.
    assert!(env
        .as_op("aki")
        .ok(&["activity", "list"])
        .contains("Kameravalvonta"));
    assert!(env
        .as_op("aki")
        .ok(&["processor", "show", "Siivous Oy"])
        .contains("Siivous Oy"));
    assert!(env
        .as_op("aki")
        .ok(&["client", "list"])
        .contains("Asiakas Oy"));
    env.as_op("aki")
        .fails(5, &["client", "end", "Asiakas Oy", "--date", "2026-11-01"]);
    env.fails(4, &["activity", "show", "Nothing"]);

    let gaps = env.json(&["check"]);
    let found: Vec<(&str, &str)> = gaps
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["gap"].as_str().unwrap(), g["id"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("processor-without-contract", "Siivous Oy"),
            ("activity-without-basis", "Kameravalvonta"),
            ("client-without-contract", "Asiakas Oy"),
        ]
    );
    // The notice says what is missing, and leaves out what has ended.
    let md = env.ok(&["export", "notice"]);
    assert!(
        md.contains("**käsittelysopimusta ei ole kirjattu**"),
        "{md}"
    );
    assert!(
        md.contains("- **Oikeusperuste:** Ei vielä kirjattu."),
        "{md}"
    );
    env.ok(&["activity", "end", "Kameravalvonta", "--date", "2026-11-01"]);
    env.ok(&["processor", "end", "Siivous Oy", "--date", "2026-11-01"]);
    env.ok(&["client", "end", "Asiakas Oy", "--date", "2026-11-01"]);
    env.fails(4, &["processor", "end", "Nobody", "--date", "2026-11-01"]);
    env.fails(3, &["client", "end", "Asiakas Oy", "--date", "yesterday"]);
    assert_eq!(env.json(&["check"]), serde_json::json!([]));
    let md = env.ok(&["export", "notice"]);
    assert!(
        !md.contains("Kameravalvonta") && !md.contains("Siivous Oy"),
        "{md}"
    );
    assert!(!md.contains("henkilötietojen käsittelijänä"), "{md}");
    let shown = env.json(&["activity", "show", "Kameravalvonta"]);
    assert_eq!(shown["ended_on"], "2026-11-01");
    let (action, ..) = env.last_audit_of("client-end");
    assert_eq!(action, "client-end");
}

/// The text kept of a published version, read from the register as it is
/// stored (on a server as hex, which keeps every byte through psql).
fn kept_notice(env: &Env, version: i64) -> String {
    let Some(server) = &env.server else {
        return env
            .sql()
            .query_row(
                "SELECT text FROM notice_versions WHERE version = ?1",
                [version],
                |r| r.get(0),
            )
            .unwrap();
    };
    let hex = server.query(&format!(
        "SELECT encode(convert_to(text, 'UTF8'), 'hex') FROM notice_versions WHERE version = {version}"
    ));
    let bytes = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn a_published_notice_is_kept_with_its_hash() {
    let env = seed_firm();
    env.ok(&["operator", "add", "aki", "--role", "auditor"]);
    env.as_op("aki")
        .fails(5, &["export", "notice", "--publish"]);
    let text = env.ok(&["export", "notice", "--publish"]);
    let json = env.ok(&[
        "--format",
        "json",
        "export",
        "notice",
        "--publish",
        "--lang",
        "en",
    ]);
    let history = env.json(&["notice", "history"]);
    let versions = history.as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["version"], 1);
    assert_eq!(versions[0]["published_on"], TODAY);
    assert_eq!(versions[0]["published_by"], "anne");
    assert_eq!(versions[0]["lang"], "fi");
    assert_eq!(versions[1]["format"], "json");
    use sha2::Digest;
    let sha = |s: &str| {
        sha2::Sha256::digest(s.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    // The version holds exactly what was printed.
    assert_eq!(versions[0]["sha256"], sha(&text));
    let kept = kept_notice(&env, 1);
    assert_eq!(kept, text);
    let kept = kept_notice(&env, 2);
    assert_eq!(
        serde_json::from_str::<Value>(&kept).unwrap(),
        serde_json::from_str::<Value>(&json).unwrap()
    );
    let (action, outcome, _, _, detail) = env.last_audit_of("export-notice-publish");
    assert_eq!(
        (action.as_str(), outcome.as_str()),
        ("export-notice-publish", "ok")
    );
    assert!(detail.starts_with("version=2 sha256="), "{detail}");
    // An auditor may read the history; an export without --publish keeps nothing.
    assert!(env
        .as_op("aki")
        .ok(&["notice", "history"])
        .contains(&sha(&text)));
    env.ok(&["export", "notice"]);
    assert_eq!(env.number("SELECT count(*) FROM notice_versions"), 2);
}

#[test]
fn an_admin_changes_the_categories_the_notice_names() {
    let env = Env::new();
    env.ok(&["operator", "add", "sari", "--role", "staff"]);
    let list = env.json(&["notice", "category", "list"]);
    let names: Vec<(&str, &str)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["kind"].as_str().unwrap(), c["name"].as_str().unwrap()))
        .collect();
    for seeded in [
        ("recipient", "authority"),
        ("recipient", "debt-collection"),
        ("recipient", "business-transfer"),
        ("recipient", "processor"),
        ("source", "person"),
        ("source", "public-registers"),
        ("source", "partners"),
    ] {
        assert!(names.contains(&seeded), "{seeded:?}");
    }
    let add = [
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
        "--register",
        "employee",
    ];
    env.as_op("sari").fails(5, &add);
    env.ok(&add);
    env.ok(&[
        "notice",
        "category",
        "remove",
        "--kind",
        "recipient",
        "business-transfer",
    ]);
    env.fails(
        4,
        &[
            "notice", "category", "remove", "--kind", "source", "nothing",
        ],
    );
    env.fails(
        3,
        &[
            "notice", "category", "add", "--kind", "source", "Bad Name", "--title", "x",
        ],
    );
    let n = env.json(&["export", "notice"]);
    let titles = |register: usize| -> Vec<String> {
        n["registers"][register]["recipient_categories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(titles(0), ["authority", "debt-collection", "processor"]);
    assert_eq!(titles(2), ["authority", "processor", "auditors"]);
    let md = env.ok(&["export", "notice"]);
    assert!(md.contains("- Tilintarkastajat."), "{md}");
    assert!(!md.contains("Ostajat ja muut osapuolet"), "{md}");
}

#[test]
fn show_and_the_access_report_count_the_customer_limit_from_the_year_end() {
    let env = Env::new();
    let id = env.add(
        "customer",
        &[
            "first_name=Vanha",
            "last_name=Asiakas",
            "email=vanha@example.fi",
            "relationship_start=2010-01-01",
        ],
    );
    env.ok(&["end", &id, "--date", "2020-03-15"]);
    assert_eq!(env.json(&["show", &id])["retention_until"], "2026-12-31");
    let report = env.ok(&["export", "subject", &id]);
    assert!(report.contains("2026-12-31"), "{report}");
    // The business register stays date-exact.
    let b = env.add(
        "business",
        &[
            "first_name=B",
            "last_name=B",
            "organisation=B Oy",
            "business_id=2617416-4",
            "role=owner",
            "relationship_start=2010-01-01",
        ],
    );
    env.ok(&["end", &b, "--date", "2020-03-15"]);
    assert_eq!(env.json(&["show", &b])["retention_until"], "2025-03-15");
}
