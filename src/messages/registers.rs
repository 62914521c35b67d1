//! What the register commands say: the refusals of `breach`, `bases`,
//! `purpose`, `request` and holds (issue #20). Lower case, no full stop
//! (STYLE §4); ids, dates and field names are filled in, never personal data.

catalogue! {
    /// A message of a register command (breach, bases, requests, holds).
    pub enum R {
        // Breaches (SPEC breach).
        BreachAuthorityOnly { en: "--at, --reference and --late-reason go with --authority only", fi: "valitsimia --at, --reference ja --late-reason käytetään vain valitsimen --authority kanssa", sv: "--at, --reference och --late-reason används bara tillsammans med --authority" },
        BreachClosed { en: "{0} was closed on {1}; a closed breach does not change", fi: "{0} suljettiin {1}; suljettua loukkausta ei voi muuttaa", sv: "{0} stängdes {1}; en stängd incident kan inte ändras" },
        BreachPersonalValue { en: "contains the {0} of {1}; a breach is kept after its people are erased, so describe it without their personal data (name records with --record)", fi: "sisältää tietueen {1} kentän {0}; loukkaus säilytetään senkin jälkeen, kun sen henkilöt on poistettu, joten kuvaa se ilman heidän henkilötietojaan (nimeä tietueet valitsimella --record)", sv: "innehåller fältet {0} för {1}; en incident sparas även efter att de registrerade raderats, så beskriv den utan deras personuppgifter (ange posterna med --record)" },
        BreachCannotClose { en: "{0} cannot be closed yet; missing: {1}", fi: "{0}:aa ei voi vielä sulkea; puuttuu: {1}", sv: "{0} kan inte stängas ännu; saknas: {1}" },
        AuthorityToldAlready { en: "the Ombudsman was already told of {0} at {1} (Helsinki time)", fi: "tietosuojavaltuutetulle on jo ilmoitettu loukkauksesta {0} {1} (Helsingin aikaa)", sv: "dataombudsmannen har redan underrättats om {0} {1} (Helsingforstid)" },
        BeforeAware { en: "is before the firm became aware of the breach", fi: "on ennen kuin yritys sai tiedon loukkauksesta", sv: "är före den tidpunkt då företaget fick kännedom om incidenten" },
        LateReasonNeeded { en: "the Ombudsman is told at {0}, after notify_by {1} (Helsinki time): the notification must give the reasons for the delay (GDPR Art. 33(1)); add --late-reason", fi: "tietosuojavaltuutetulle ilmoitetaan {0}, määräajan notify_by {1} jälkeen (Helsingin aikaa): ilmoituksessa on kerrottava viivästyksen syyt (GDPR 33 art. 1 kohta); lisää --late-reason", sv: "dataombudsmannen underrättas {0}, efter notify_by {1} (Helsingforstid): anmälan ska ange skälen till förseningen (GDPR art. 33.1); lägg till --late-reason" },
        NoClient { en: "{0} names no client: it happened in the firm's own processing", fi: "{0} ei nimeä asiakasta: se tapahtui yrityksen omassa käsittelyssä", sv: "{0} anger ingen kund: den inträffade i företagets egen behandling" },
        ClientToldAlready { en: "the client was already told of {0} at {1} (Helsinki time)", fi: "asiakkaalle on jo ilmoitettu loukkauksesta {0} {1} (Helsingin aikaa)", sv: "kunden har redan underrättats om {0} {1} (Helsingforstid)" },
        NoAssessment { en: "{0} has no assessment with its likely consequences and measures: the letter must state them (GDPR Art. 34(2)); run `privreg breach assess {0} --risk … --consequences … --measures …`", fi: "loukkauksella {0} ei ole arviota todennäköisistä seurauksista ja toimenpiteistä: kirjeessä on kerrottava ne (GDPR 34 art. 2 kohta); aja `privreg breach assess {0} --risk … --consequences … --measures …`", sv: "{0} saknar en bedömning med sannolika följder och åtgärder: brevet ska ange dem (GDPR art. 34.2); kör `privreg breach assess {0} --risk … --consequences … --measures …`" },
        NoContactPoint { en: "has no contact point: the letter must name one (GDPR Art. 34(2), 33(3)(b)); set it with `privreg controller set --contact-person … --contact-email …`", fi: "yhteyspiste puuttuu: kirjeessä on mainittava se (GDPR 34 art. 2 kohta, 33 art. 3 kohdan b alakohta); aseta se komennolla `privreg controller set --contact-person … --contact-email …`", sv: "saknar kontaktpunkt: brevet ska ange en (GDPR art. 34.2, 33.3 b); ange den med `privreg controller set --contact-person … --contact-email …`" },
        LettersNotice { en: "{0}: {1} letters", fi: "{0}: {1} kirjettä", sv: "{0}: {1} brev" },
        LettersSkipped { en: "; {0} erased records skipped ({1})", fi: "; {0} poistettua tietuetta ohitettiin ({1})", sv: "; {0} raderade poster hoppades över ({1})" },

        // Legal bases and purposes.
        BeforeFrom { en: "is before --from", fi: "on ennen valitsimen --from päivää", sv: "är före --from" },
        NoBasisAdded { en: "{0}: no basis was added to any record", fi: "{0}: käsittelyperustetta ei lisätty yhteenkään tietueeseen", sv: "{0}: ingen rättslig grund lades till någon post" },
        NoBasis { en: "no legal basis {0}", fi: "käsittelyperustetta {0} ei ole", sv: "den rättsliga grunden {0} finns inte" },
        BasisEndedAlready { en: "basis {0} already ended on {1}", fi: "käsittelyperuste {0} päättyi jo {1}", sv: "den rättsliga grunden {0} upphörde redan {1}" },
        BeforeBasisBegan { en: "is before the basis began ({0})", fi: "on ennen käsittelyperusteen alkua ({0})", sv: "är före den rättsliga grundens början ({0})" },
        PurposeName { en: "a purpose name is lower-case letters and digits joined by dashes", fi: "käyttötarkoituksen nimi on pieniä kirjaimia ja numeroita väliviivoin yhdistettyinä", sv: "ett ändamåls namn består av gemener och siffror förenade med bindestreck" },
        PurposeExists { en: "purpose {0} exists already", fi: "käyttötarkoitus {0} on jo olemassa", sv: "ändamålet {0} finns redan" },

        // Requests of the data subject.
        RequiredNotBlank { en: "is required and may not be blank", fi: "on pakollinen eikä saa olla tyhjä", sv: "är obligatoriskt och får inte vara tomt" },
        RequestClosedNoExtend { en: "{0} is closed; a closed request cannot be extended", fi: "{0} on suljettu; suljetun pyynnön määräaikaa ei voi pidentää", sv: "{0} är stängd; en stängd begäran kan inte förlängas" },
        RequestExtendedAlready { en: "{0} was already extended on {1} (due {2}); GDPR Art. 12(3) allows one extension", fi: "pyynnön {0} määräaikaa pidennettiin jo {1} (määräpäivä {2}); GDPR 12 art. 3 kohta sallii yhden pidennyksen", sv: "{0} förlängdes redan {1} (förfaller {2}); GDPR art. 12.3 tillåter en förlängning" },
        RequestExtendTooLate { en: "{0} was due on {1}: an extension must be given, and the person told of it, within the first month (GDPR Art. 12(3))", fi: "pyynnön {0} määräpäivä oli {1}: pidennys on tehtävä ja henkilölle ilmoitettava siitä ensimmäisen kuukauden kuluessa (GDPR 12 art. 3 kohta)", sv: "{0} förföll {1}: en förlängning ska ges, och den registrerade underrättas om den, inom den första månaden (GDPR art. 12.3)" },
        RequestClosedAlready { en: "{0} is already closed (outcome {1} on {2})", fi: "{0} on jo suljettu (tulos {1}, {2})", sv: "{0} är redan stängd (utfall {1}, {2})" },

        // Holds.
        // Disclosures.
        DiscloseRestricted { en: "{0} is restricted since {1} (GDPR Art. 18): its data may only be stored, not disclosed; nothing was written\nhelp: lift the restriction first (`privreg restrict lift {0}`), or give the --date of a disclosure made before it", fi: "tietueen {0} käsittelyä on rajoitettu {1} alkaen (GDPR 18 art.): sen tietoja saa vain säilyttää, ei luovuttaa; mitään ei tallennettu\nohje: poista rajoitus ensin (`privreg restrict lift {0}`) tai anna ennen sitä tehdyn luovutuksen päivä valitsimella --date", sv: "behandlingen av {0} är begränsad sedan {1} (GDPR art. 18): dess uppgifter får bara lagras, inte lämnas ut; ingenting sparades\nhjälp: häv begränsningen först (`privreg restrict lift {0}`), eller ange med --date datumet för ett utlämnande som gjordes före den" },
        UnknownListDate { en: "unknown date", fi: "tuntematon päivä", sv: "okänt datum" },
        NoAdequacy { en: "transfer to {0} refused: {0} is outside the EU/EEA and has no adequacy decision (GDPR Art. 45; adequacy list of {1}); nothing was written", fi: "siirto maahan {0} evätty: {0} on EU:n/ETA:n ulkopuolella eikä sillä ole tietosuojan riittävyyttä koskevaa päätöstä (GDPR 45 art.; riittävyyspäätösten luettelo {1}); mitään ei tallennettu", sv: "överföring till {0} vägrad: {0} ligger utanför EU/EES och har inget beslut om adekvat skyddsnivå (GDPR art. 45; förteckning över beslut {1}); ingenting sparades" },
        NotDpfCertified { en: "transfer to {0} refused: its adequacy decision {1} covers only organisations certified under the EU-US Data Privacy Framework (GDPR Art. 45; adequacy list of {2}); nothing was written\nhelp: give --dpf-certified if the recipient is certified", fi: "siirto maahan {0} evätty: sen riittävyyspäätös {1} kattaa vain EU:n ja Yhdysvaltojen tietosuojakehyksen (Data Privacy Framework) mukaisesti sertifioidut organisaatiot (GDPR 45 art.; riittävyyspäätösten luettelo {2}); mitään ei tallennettu\nohje: anna --dpf-certified, jos vastaanottaja on sertifioitu", sv: "överföring till {0} vägrad: dess beslut om adekvat skyddsnivå {1} omfattar bara organisationer som certifierats enligt ramen för dataskydd mellan EU och USA (Data Privacy Framework) (GDPR art. 45; förteckning över beslut {2}); ingenting sparades\nhjälp: ange --dpf-certified om mottagaren är certifierad" },

        // Retention.
        SweepFuture { en: "a sweep cannot look into the future: it would erase records before their time (use `retention report --as-of` to plan)", fi: "poistoajo ei voi katsoa tulevaisuuteen: se poistaisi tietueita ennen aikojaan (suunnittele komennolla `retention report --as-of`)", sv: "en gallring kan inte se in i framtiden: den skulle radera poster i förtid (planera med `retention report --as-of`)" },
        RestrictedWouldBeErased { en: "notice: {0} would be erased although restricted (GDPR Art. 18): the erasure ends each restriction, and each person must have been told before (Art. 18(3))", fi: "huomautus: {0} poistettaisiin, vaikka niiden käsittelyä on rajoitettu (GDPR 18 art.): poisto päättää kunkin rajoituksen, ja jokaiselle henkilölle on täytynyt ilmoittaa siitä etukäteen (18 art. 3 kohta)", sv: "obs: {0} skulle raderas trots att behandlingen är begränsad (GDPR art. 18): raderingen avslutar varje begränsning, och varje registrerad måste ha underrättats i förväg (art. 18.3)" },
        RestrictedWereErased { en: "notice: {0} were erased although restricted (GDPR Art. 18): the erasure ends each restriction, and each person must have been told before (Art. 18(3))", fi: "huomautus: {0} poistettiin, vaikka niiden käsittelyä oli rajoitettu (GDPR 18 art.): poisto päättää kunkin rajoituksen, ja jokaiselle henkilölle on täytynyt ilmoittaa siitä etukäteen (18 art. 3 kohta)", sv: "obs: {0} raderades trots att behandlingen var begränsad (GDPR art. 18): raderingen avslutar varje begränsning, och varje registrerad måste ha underrättats i förväg (art. 18.3)" },

        // Restrictions (GDPR Art. 18).
        RestrictUsage { en: "give a record id and --reason, or `restrict lift ID`", fi: "anna tietueen tunnus ja --reason tai `restrict lift TUNNUS`", sv: "ange en posts id och --reason, eller `restrict lift ID`" },
        RestrictedAlready { en: "{0} is already restricted (since {1}); lift it first to restrict it anew", fi: "tietueen {0} käsittelyä on jo rajoitettu ({1} alkaen); poista rajoitus ensin, jos haluat rajoittaa uudelleen", sv: "behandlingen av {0} är redan begränsad (sedan {1}); häv begränsningen först för att begränsa den på nytt" },
        NotRestricted { en: "{0} is not restricted", fi: "tietueen {0} käsittelyä ei ole rajoitettu", sv: "behandlingen av {0} är inte begränsad" },

        // Export.
        ExportUsage { en: "give a record id or --hetu", fi: "anna tietueen tunnus tai --hetu", sv: "ange en posts id eller --hetu" },
        NoSuchPerson { en: "no records of such a person", fi: "tällaisen henkilön tietueita ei ole", sv: "det finns inga poster om en sådan person" },
        WroteRecords { en: "wrote {0} records to {1}", fi: "kirjoitettiin {0} tietuetta tiedostoon {1}", sv: "skrev {0} poster till {1}" },
        ExportCheckpoint { en: "the export ends at entry {0}; keep this checkpoint apart from it:\n{1}", fi: "vienti päättyy merkintään {0}; säilytä tämä tarkistuspiste erillään siitä:\n{1}", sv: "exporten slutar vid post {0}; förvara denna kontrollpunkt åtskild från den:\n{1}" },

        // Stored registers.
        UnknownPurpose { en: "unknown purpose: see `privreg purpose list`; an admin adds one with `privreg purpose add`", fi: "tuntematon käyttötarkoitus: katso `privreg purpose list`; pääkäyttäjä lisää uuden komennolla `privreg purpose add`", sv: "okänt ändamål: se `privreg purpose list`; en administratör lägger till ett med `privreg purpose add`" },
        NoBreach { en: "no breach {0}", fi: "loukkausta {0} ei ole", sv: "incidenten {0} finns inte" },

        // Processing activities, processors and the notice.
        CaNotCommercial { en: "transfer to CA refused: adequacy decision {0} covers only commercial organisations subject to PIPEDA; give --commercial if the recipient is one; nothing was written", fi: "siirto maahan CA evätty: riittävyyspäätös {0} kattaa vain PIPEDA-lain alaiset kaupalliset organisaatiot; anna --commercial, jos vastaanottaja on sellainen; mitään ei tallennettu", sv: "överföring till CA vägrad: beslutet om adekvat skyddsnivå {0} omfattar bara kommersiella organisationer som omfattas av PIPEDA; ange --commercial om mottagaren är en sådan; ingenting sparades" },
        ProcNotDpf { en: "transfer to {0} refused: adequacy decision {1} covers only organisations certified under the EU-US Data Privacy Framework; give --dpf-certified if the recipient is; nothing was written", fi: "siirto maahan {0} evätty: riittävyyspäätös {1} kattaa vain EU:n ja Yhdysvaltojen tietosuojakehyksen (Data Privacy Framework) mukaisesti sertifioidut organisaatiot; anna --dpf-certified, jos vastaanottaja on sertifioitu; mitään ei tallennettu", sv: "överföring till {0} vägrad: beslutet om adekvat skyddsnivå {1} omfattar bara organisationer som certifierats enligt ramen för dataskydd mellan EU och USA (Data Privacy Framework); ange --dpf-certified om mottagaren är certifierad; ingenting sparades" },
        NamedExists { en: "there already is a {0} named {1}: see `privreg {0} show {1}`", fi: "{0} nimeltä {1} on jo olemassa: katso `privreg {0} show {1}`", sv: "det finns redan en {0} med namnet {1}: se `privreg {0} show {1}`" },
        NoNamed { en: "no {0} named {1}: see `privreg {0} list`", fi: "{0} nimeltä {1} ei ole: katso `privreg {0} list`", sv: "det finns ingen {0} med namnet {1}: se `privreg {0} list`" },
        NoSubProcessor { en: "no processor named {0}: a sub-processor is one of the firm's processors; add it with `privreg processor add`", fi: "käsittelijää nimeltä {0} ei ole: alihankkija on yksi yrityksen käsittelijöistä; lisää se komennolla `privreg processor add`", sv: "det finns inget personuppgiftsbiträde med namnet {0}: ett underbiträde är ett av företagets biträden; lägg till det med `privreg processor add`" },
        NoCategory { en: "no {0} category named {1}: see `privreg notice category list`", fi: "{0}-luokkaa nimeltä {1} ei ole: katso `privreg notice category list`", sv: "det finns ingen {0}-kategori med namnet {1}: se `privreg notice category list`" },
        ControllerIncomplete { en: "warning: the controller's details are not all set (missing: {0}): run `privreg controller set`", fi: "varoitus: rekisterinpitäjän kaikkia tietoja ei ole asetettu (puuttuu: {0}): aja `privreg controller set`", sv: "varning: den personuppgiftsansvariges uppgifter är inte alla angivna (saknas: {0}): kör `privreg controller set`" },
        NoticePublished { en: "published the notice as version {0} (sha256 {1})", fi: "tietosuojaseloste julkaistiin versiona {0} (sha256 {1})", sv: "dataskyddsbeskrivningen publicerades som version {0} (sha256 {1})" },

        // Marketing.
        NeverMarketing { en: "{0} records are never used for marketing: no preference to record", fi: "rekisterin {0} tietueita ei koskaan käytetä markkinointiin: kirjattavaa valintaa ei ole", sv: "poster i registret {0} används aldrig för marknadsföring: inget val att registrera" },
        ConsentUsage { en: "consent needs a record id and --channel", fi: "suostumus vaatii tietueen tunnuksen ja valitsimen --channel", sv: "ett samtycke kräver en posts id och --channel" },
        OneChannel { en: "a list is made for one channel: email, sms, phone or post", fi: "lista tehdään yhdelle kanavalle: email, sms, phone tai post", sv: "en lista görs för en kanal: email, sms, phone eller post" },
        OnePurpose { en: "a list is made for one purpose", fi: "lista tehdään yhdelle käyttötarkoitukselle", sv: "en lista görs för ett ändamål" },
        NeverInList { en: "{0} records are never in a marketing list", fi: "rekisterin {0} tietueet eivät koskaan ole markkinointilistalla", sv: "poster i registret {0} finns aldrig på en marknadsföringslista" },

        // Records.
        NothingToSearch { en: "has no letters or digits to search for", fi: "ei sisällä haettavia kirjaimia tai numeroita", sv: "innehåller inga bokstäver eller siffror att söka efter" },
        EndNeedsStatus { en: "ending a recruitment record needs --status hired|rejected|withdrawn", fi: "rekrytointitietueen päättäminen vaatii valitsimen --status hired|rejected|withdrawn", sv: "att avsluta en rekryteringspost kräver --status hired|rejected|withdrawn" },
        EndNoManner { en: "recruitment records have no end manner: leave out --manner", fi: "rekrytointitietueilla ei ole päättymistapaa: jätä --manner pois", sv: "rekryteringsposter har inget sätt att upphöra: utelämna --manner" },
        StatusRecruitmentOnly { en: "--status is for recruitment records only", fi: "--status on vain rekrytointitietueille", sv: "--status gäller bara rekryteringsposter" },
        EndedAlready { en: "{0} already ended on {1}; use `privreg correct` to change the date", fi: "{0} päättyi jo {1}; muuta päivää komennolla `privreg correct`", sv: "{0} upphörde redan {1}; ändra datumet med `privreg correct`" },
        SamePersonIn { en: "this person is already in the {0} register", fi: "tämä henkilö on jo rekisterissä {0}", sv: "denna person finns redan i registret {0}" },

        // Import.
        ReadingImport { en: "reading the file to import: {0}", fi: "tuotavan tiedoston lukeminen: {0}", sv: "läsning av filen som importeras: {0}" },
        WritingRejects { en: "writing the rejects file: {0}", fi: "hylättyjen rivien tiedoston kirjoittaminen: {0}", sv: "skrivning av filen med avvisade rader: {0}" },

        // Holds.
        NoHold { en: "no hold {0}", fi: "säilytysvelvoitetta {0} ei ole", sv: "bevarandeskyldigheten {0} finns inte" },
        HoldReleasedAlready { en: "hold {0} was released already at {1}", fi: "säilytysvelvoite {0} vapautettiin jo {1}", sv: "bevarandeskyldigheten {0} hävdes redan {1}" },
    }
}

#[cfg(test)]
mod tests {
    use super::R;
    use crate::messages::{places, Lang};

    #[test]
    fn every_register_message_has_the_same_places_in_each_language() {
        for key in R::ALL {
            let en = places(key.text(Lang::En));
            assert_eq!(en, places(key.text(Lang::Fi)), "{key:?} fi");
            assert_eq!(en, places(key.text(Lang::Sv)), "{key:?} sv");
        }
    }
}
