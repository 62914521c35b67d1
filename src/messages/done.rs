//! What a command that worked says (issue #20): its success lines and
//! notices, and the words it fills into them (kinds of things, registers).
//! Lower case, no full stop (STYLE §4); ids, dates, codes and field names
//! are filled in, never personal data.

catalogue! {
    /// A success line or notice of a command, or a word filled into one.
    pub enum D {
        // Requests of the data subject (GDPR Art. 12(3)).
        RequestOpened { en: "{0} due {1}", fi: "{0}, määräpäivä {1}", sv: "{0}, förfallodag {1}" },
        RequestExtended { en: "{0} extended: due {1}\ntell the person of the extension and its reasons within the first month (GDPR Art. 12(3))", fi: "pyynnön {0} määräaikaa pidennettiin: määräpäivä {1}\nkerro henkilölle pidennyksestä ja sen syistä ensimmäisen kuukauden kuluessa (tietosuoja-asetuksen 12 artiklan 3 kohta)", sv: "tidsfristen för {0} förlängdes: förfallodag {1}\ninformera personen om förlängningen och skälen till den inom den första månaden (artikel 12.3 i dataskyddsförordningen)" },
        RequestClosed { en: "{0} closed: {1}", fi: "{0} suljettu: {1}", sv: "{0} stängd: {1}" },
        RequestClosedLate { en: " ({0} days after its due date {1})", fi: " ({0} päivää määräpäivän {1} jälkeen)", sv: " ({0} dagar efter förfallodagen {1})" },
        NoOutcome { en: "none", fi: "ei mitään", sv: "inget" },

        // Legal bases.
        BasisEnds { en: "basis {0} of {1} ends on {2}", fi: "tietueen {1} käsittelyperuste {0} päättyy {2}", sv: "den rättsliga grunden {0} för {1} upphör {2}" },
        GiveOnePurposeEach { en: "give one --purpose for each --basis, in the same order", fi: "anna yksi --purpose kutakin --basis-valitsinta kohden, samassa järjestyksessä", sv: "ange en --purpose för varje --basis, i samma ordning" },

        // Records.
        NothingChanged { en: "{0}: nothing changed (the values are the same)", fi: "{0}: mitään ei muutettu (arvot ovat samat)", sv: "{0}: ingenting ändrades (värdena är desamma)" },
        WouldChange { en: "{0}: would change {1} (dry run, nothing written)", fi: "{0}: muutettaisiin {1} (kokeiluajo, mitään ei tallennettu)", sv: "{0}: skulle ändra {1} (provkörning, ingenting sparades)" },
        Changed { en: "{0}: changed {1}", fi: "{0}: muutettiin {1}", sv: "{0}: ändrade {1}" },
        EndedOn { en: "{0}: ended on {1}", fi: "{0}: päättyi {1}", sv: "{0}: upphörde {1}" },
        SearchTooManyWords { en: "has {0} different words; a search takes at most {1}", fi: "sisältää {0} eri sanaa; haussa voi olla enintään {1}", sv: "har {0} olika ord; en sökning tar högst {1}" },
        SearchWordTooLong { en: "has a word of more than {0} characters; no name or address word is that long", fi: "sisältää yli {0} merkin sanan; yksikään nimen tai osoitteen sana ei ole niin pitkä", sv: "har ett ord på mer än {0} tecken; inget ord i ett namn eller en adress är så långt" },

        // Restrictions (GDPR Art. 18).
        Restricted { en: "{0}: restricted (GDPR Art. 18): kept, left out of marketing lists and register exports", fi: "{0}: käsittelyä rajoitettu (tietosuoja-asetuksen 18 artikla): säilytetään, jätetään pois markkinointilistoilta ja rekisterin vienneistä", sv: "{0}: behandlingen begränsad (artikel 18 i dataskyddsförordningen): bevaras, utelämnas från marknadsföringslistor och registerexporter" },
        RestrictionLifted { en: "{0}: restriction lifted (the person must be told before, GDPR Art. 18(3))", fi: "{0}: rajoitus poistettu (henkilölle on pitänyt kertoa siitä etukäteen, tietosuoja-asetuksen 18 artiklan 3 kohta)", sv: "{0}: begränsningen hävd (personen måste ha informerats i förväg, artikel 18.3 i dataskyddsförordningen)" },

        // Disclosures.
        DisclosureLogged { en: "{0}: disclosure {1} logged ({2}: {3})", fi: "{0}: luovutus {1} kirjattu ({2}: {3})", sv: "{0}: utlämnande {1} loggat ({2}: {3})" },
        WithinEuEea { en: "within the EU/EEA", fi: "EU:n/ETA:n sisällä", sv: "inom EU/EES" },
        AdequacyDecision { en: "adequacy decision {0}", fi: "riittävyyspäätös {0}", sv: "beslut om adekvat skyddsnivå {0}" },
        AdequacyDpf { en: "adequacy decision {0} (Data Privacy Framework certified)", fi: "riittävyyspäätös {0} (Data Privacy Framework -sertifioitu)", sv: "beslut om adekvat skyddsnivå {0} (certifierad enligt Data Privacy Framework)" },

        // Holds.
        HoldAdded { en: "hold {0} on {1} until {2}", fi: "säilytys {0} tietueelle {1} {2} asti", sv: "bevarande {0} av {1} till {2}" },
        HoldReleased { en: "hold {0} on {1} released", fi: "tietueen {1} säilytys {0} vapautettu", sv: "bevarande {0} av {1} hävt" },

        // Marketing.
        PreferenceSet { en: "{0}: {1} for {2} by {3} from {4}", fi: "{0}: {1}, tarkoitus {2}, kanava {3}, {4} alkaen", sv: "{0}: {1} för {2} via {3} från {4}" },

        // Breaches (GDPR Art. 33, 34).
        BreachOpened { en: "{0} notify_by {1} (Helsinki time)", fi: "{0}: ilmoitettava viimeistään {1} (Helsingin aikaa)", sv: "{0}: ska anmälas senast {1} (Helsingforstid)" },
        HoursPassed { en: "the 72 hours have passed: notify the Ombudsman at once, with the reasons for the delay (GDPR Art. 33(1))", fi: "72 tuntia on kulunut: ilmoita tietosuojavaltuutetulle heti ja kerro viivästyksen syyt (tietosuoja-asetuksen 33 artiklan 1 kohta)", sv: "de 72 timmarna har gått: anmäl genast till dataombudsmannen, med skälen till förseningen (artikel 33.1 i dataskyddsförordningen)" },
        TellClient { en: "tell the client without undue delay (GDPR Art. 33(2)); record it with `privreg breach notify BR --client`", fi: "ilmoita asiakkaalle ilman aiheetonta viivytystä (tietosuoja-asetuksen 33 artiklan 2 kohta); kirjaa se komennolla `privreg breach notify BR --client`", sv: "informera kunden utan onödigt dröjsmål (artikel 33.2 i dataskyddsförordningen); registrera det med `privreg breach notify BR --client`" },
        RequiredForRisk { en: "is required for risk {0}: the Ombudsman's notification states it (GDPR Art. 33(3)(c), (d))", fi: "on pakollinen, kun arvio on {0}: tietosuojavaltuutetulle tehtävässä ilmoituksessa se kerrotaan (tietosuoja-asetuksen 33 artiklan 3 kohdan c ja d alakohta)", sv: "är obligatoriskt när bedömningen är {0}: anmälan till dataombudsmannen anger det (artikel 33.3 c och d i dataskyddsförordningen)" },
        // A breach's risk (English: the `--risk` one typed).
        RiskUnlikely { en: "unlikely", fi: "riski epätodennäköinen", sv: "osannolik risk" },
        RiskRisk { en: "risk", fi: "riski", sv: "risk" },
        RiskHigh { en: "high", fi: "korkea riski", sv: "hög risk" },
        Assessed { en: "{0} assessed: {1}", fi: "{0} arvioitu: {1}", sv: "{0} bedömd: {1}" },
        NoNotificationNeeded { en: "no notification is needed; the reason is kept as the documentation GDPR Art. 33(5) asks for", fi: "ilmoitusta ei tarvita; perustelu säilytetään tietosuoja-asetuksen 33 artiklan 5 kohdan edellyttämänä dokumentaationa", sv: "ingen anmälan behövs; motiveringen bevaras som den dokumentation som artikel 33.5 i dataskyddsförordningen kräver" },
        NotifyBy { en: "notify the Data Protection Ombudsman by {0} (Helsinki time)", fi: "ilmoita tietosuojavaltuutetulle viimeistään {0} (Helsingin aikaa)", sv: "anmäl till dataombudsmannen senast {0} (Helsingforstid)" },
        TellPeople { en: "tell the people without undue delay (GDPR Art. 34): `privreg breach notify BR --subjects`", fi: "ilmoita henkilöille ilman aiheetonta viivytystä (tietosuoja-asetuksen 34 artikla): `privreg breach notify BR --subjects`", sv: "informera personerna utan onödigt dröjsmål (artikel 34 i dataskyddsförordningen): `privreg breach notify BR --subjects`" },
        MissingAssessment { en: "an assessment of its risk (breach assess)", fi: "riskin arviointi (breach assess)", sv: "en bedömning av risken (breach assess)" },
        MissingAuthority { en: "the notification to the Ombudsman (breach notify --authority)", fi: "ilmoitus tietosuojavaltuutetulle (breach notify --authority)", sv: "anmälan till dataombudsmannen (breach notify --authority)" },
        MissingLetters { en: "the letters to the people (breach notify --subjects)", fi: "kirjeet henkilöille (breach notify --subjects)", sv: "breven till personerna (breach notify --subjects)" },
        MissingClient { en: "the notification to the client (breach notify --client)", fi: "ilmoitus asiakkaalle (breach notify --client)", sv: "underrättelsen till kunden (breach notify --client)" },
        BreachClosed { en: "{0} closed", fi: "{0} suljettu", sv: "{0} stängd" },
        AuthorityToldLate { en: "{0}: the Ombudsman was told at {1} (Helsinki time), {2} h after notify_by", fi: "{0}: tietosuojavaltuutetulle ilmoitettiin {1} (Helsingin aikaa), {2} h määräajan jälkeen", sv: "{0}: dataombudsmannen underrättades {1} (Helsingforstid), {2} h efter tidsfristen" },
        AuthorityToldInTime { en: "{0}: the Ombudsman was told at {1} (Helsinki time), in time", fi: "{0}: tietosuojavaltuutetulle ilmoitettiin {1} (Helsingin aikaa), määräajassa", sv: "{0}: dataombudsmannen underrättades {1} (Helsingforstid), i tid" },
        ClientTold { en: "{0}: the client was told at {1} (Helsinki time), {2} h after the firm became aware", fi: "{0}: asiakkaalle ilmoitettiin {1} (Helsingin aikaa), {2} h sen jälkeen, kun yritys sai tiedon loukkauksesta", sv: "{0}: kunden underrättades {1} (Helsingforstid), {2} h efter att företaget fick kännedom" },

        // import.
        LineTooLong { en: "is longer than {0} bytes: nothing was read beyond it", fi: "on pidempi kuin {0} tavua: sen jälkeen ei luettu mitään", sv: "är längre än {0} byte: ingenting lästes efter den" },
        JsonSyntax { en: "syntax error", fi: "syntaksivirhe", sv: "syntaxfel" },
        JsonEof { en: "it ends too early", fi: "se päättyy liian aikaisin", sv: "den slutar för tidigt" },
        JsonData { en: "not an object", fi: "ei ole objekti", sv: "inte ett objekt" },
        JsonIo { en: "read error", fi: "lukuvirhe", sv: "läsfel" },

        // Processing activities, processors, clients and the notice's
        // categories: the kind of thing (English: the command's name).
        NamedExists { en: "there already is a {0} named {1}: see `privreg {2} show {1}`", fi: "{0} nimeltä {1} on jo olemassa: katso `privreg {2} show {1}`", sv: "{0} med namnet {1} finns redan: se `privreg {2} show {1}`" },
        NoNamed { en: "no {0} named {1}: see `privreg {2} list`", fi: "{0} nimeltä {1} ei ole: katso `privreg {2} list`", sv: "{0} med namnet {1} finns inte: se `privreg {2} list`" },
        KindActivity { en: "activity", fi: "käsittelytoimi", sv: "behandling" },
        KindProcessor { en: "processor", fi: "käsittelijä", sv: "personuppgiftsbiträde" },
        KindClient { en: "client", fi: "asiakas", sv: "kund" },
        KindRecipient { en: "recipient", fi: "vastaanottaja", sv: "mottagar" },
        KindSource { en: "source", fi: "lähde", sv: "käll" },
        CategoryName { en: "must be lower-case words joined by dashes, e.g. auditors", fi: "on oltava pienillä kirjaimilla kirjoitettuja sanoja väliviivoin yhdistettyinä, esim. auditors", sv: "ska vara ord med gemener förenade med bindestreck, t.ex. auditors" },
        ProgressRows { en: "rows", fi: "riviä", sv: "rader" },
        ProgressEta { en: "ETA", fi: "arvio", sv: "kvar" },
        RejectLine { en: "{0}; line {1}", fi: "{0}; rivi {1}", sv: "{0}; rad {1}" },
        RejectLineCells { en: "{0}; line {1}: the {2} cells past the last column are left out here", fi: "{0}; rivi {1}: viimeisen sarakkeen jälkeiset {2} solua on jätetty tästä pois", sv: "{0}; rad {1}: de {2} cellerna efter den sista kolumnen har utelämnats här" },
        LawNoteNeedBasis { en: "--law and --note need a --basis", fi: "--law ja --note edellyttävät valitsinta --basis", sv: "--law och --note kräver en --basis" },

        // The audit log and its checkpoints.
        StandardInput { en: "standard input", fi: "vakiosyöte", sv: "standardinmatning" },
        AuditLogEmpty { en: "the audit log is empty", fi: "loki on tyhjä", sv: "granskningsloggen är tom" },
        CheckpointLogFailed { en: "checkpoint log {0}: {1}", fi: "tarkistuspisteloki {0}: {1}", sv: "kontrollpunktsloggen {0}: {1}" },
        // Breach letters.
        NoRegisterNamed { en: "no register named {0}", fi: "rekisteriä nimeltä {0} ei ole", sv: "det finns inget register med namnet {0}" },

        // The registers, as a message names them (English: the name one
        // types, `privreg add customer`).
        RegisterCustomer { en: "customer", fi: "asiakkaat", sv: "kunder" },
        RegisterBusiness { en: "business", fi: "yritysasiakkaat", sv: "företagskunder" },
        RegisterEmployee { en: "employee", fi: "henkilöstö", sv: "personal" },
        RegisterRecruitment { en: "recruitment", fi: "rekrytointi", sv: "rekrytering" },
    }
}

impl D {
    /// A register's name (`customer` …) as a message of this run says it;
    /// a name privreg does not know reads as itself.
    pub fn register(name: &str) -> String {
        match name {
            "customer" => D::RegisterCustomer.to_string(),
            "business" => D::RegisterBusiness.to_string(),
            "employee" => D::RegisterEmployee.to_string(),
            "recruitment" => D::RegisterRecruitment.to_string(),
            other => other.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::D;
    use crate::messages::{places, Lang};

    #[test]
    fn every_done_key_has_the_same_places_in_each_language() {
        for k in D::ALL {
            let [en, fi, sv] = [Lang::En, Lang::Fi, Lang::Sv].map(|l| k.text(l));
            assert_eq!(places(en), places(fi), "{k:?}");
            assert_eq!(places(en), places(sv), "{k:?}");
            assert!(!fi.trim().is_empty() && !sv.trim().is_empty(), "{k:?}");
            assert!(!fi.ends_with('.') && !sv.ends_with('.'), "{k:?}");
        }
    }

    #[test]
    fn registers_are_named_in_the_language_asked() {
        assert_eq!(D::RegisterEmployee.text(Lang::Fi), "henkilöstö");
        assert_eq!(D::register("nonesuch"), "nonesuch");
    }
}
