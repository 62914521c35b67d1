//! The frames of the letters privreg writes to a person: the access report
//! (`export subject --format markdown`, Art. 15) and the letter about a
//! breach (`breach notify --subjects`, Art. 34(2)). Swedish as written in
//! Finland: "personuppgiftsansvarig", "den registrerade",
//! "Dataombudsmannens byrå".

catalogue! {
    /// A text of a letter.
    pub enum L {
        // The controller's details.
        Name { en: "Name", fi: "Nimi", sv: "Namn" },
        BusinessId { en: "Business ID", fi: "Y-tunnus", sv: "FO-nummer" },
        Address { en: "Address", fi: "Osoite", sv: "Adress" },
        ContactPerson { en: "Contact person", fi: "Yhteyshenkilö", sv: "Kontaktperson" },
        Phone { en: "Phone", fi: "Puhelin", sv: "Telefon" },
        Email { en: "E-mail", fi: "Sähköposti", sv: "E-post" },
        Controller { en: "Controller", fi: "Rekisterinpitäjä", sv: "Personuppgiftsansvarig" },

        // The access report.
        AccessTitle { en: "Report on the personal data we hold about you", fi: "Selvitys sinua koskevista henkilötiedoista", sv: "Redogörelse för de personuppgifter vi behandlar om dig" },
        Dated { en: "Dated {0}.", fi: "Päivätty {0}.", sv: "Daterad {0}." },
        AccessIntro { en: "This report answers your request under Article 15 of the General Data Protection Regulation; its JSON version is the portable copy of your data under Article 20.", fi: "Tämä selvitys vastaa EU:n yleisen tietosuoja-asetuksen 15 artiklan mukaiseen tarkastuspyyntöösi; sen JSON-muotoinen liite on 20 artiklan mukainen siirrettävä kopio tiedoistasi.", sv: "Denna redogörelse besvarar din begäran om tillgång enligt artikel 15 i EU:s allmänna dataskyddsförordning; dess JSON-version är den överförbara kopian av dina uppgifter enligt artikel 20." },
        Data { en: "Data", fi: "Tieto", sv: "Uppgift" },
        Value { en: "Value", fi: "Arvo", sv: "Värde" },
        Source { en: "Where the data comes from", fi: "Tietojen lähde", sv: "Varifrån uppgifterna kommer" },
        Purposes { en: "Purposes and legal bases", fi: "Käsittelyn tarkoitukset ja oikeusperusteet", sv: "Ändamål och rättslig grund" },
        From { en: "from {0}", fi: "alkaen {0}", sv: "från {0}" },
        Until { en: "until {0}", fi: "päättyen {0}", sv: "till {0}" },
        Disclosures { en: "Disclosures", fi: "Tietojen luovutukset", sv: "Utlämnanden av uppgifter" },
        NoDisclosures { en: "Your data has not been disclosed to anyone.", fi: "Tietojasi ei ole luovutettu kenellekään.", sv: "Dina uppgifter har inte lämnats ut till någon." },
        Marketing { en: "Direct marketing consents and objections", fi: "Suoramarkkinointiluvat ja -kiellot", sv: "Samtycken till och förbud mot direktmarknadsföring" },
        Channel { en: "channel: {0}", fi: "kanava: {0}", sv: "kanal: {0}" },
        Purpose { en: "purpose: {0}", fi: "tarkoitus: {0}", sv: "ändamål: {0}" },
        Corrections { en: "Corrections made", fi: "Tehdyt korjaukset", sv: "Gjorda rättelser" },
        Keeping { en: "How long we keep it", fi: "Säilytys", sv: "Hur länge uppgifterna bevaras" },
        KeptWhile { en: "The data is kept while the relationship lasts and then for the period the law requires.", fi: "Tietoja säilytetään asiakkuuden tai palvelussuhteen ajan ja sen jälkeen lain edellyttämän ajan.", sv: "Uppgifterna bevaras så länge kundrelationen eller anställningen varar och därefter den tid lagen kräver." },
        ErasedBy { en: "The data will be erased at the latest on {0}.", fi: "Tiedot poistetaan viimeistään {0}.", sv: "Uppgifterna raderas senast {0}." },
        HoldUntil { en: " (until {0})", fi: " ({0} asti)", sv: " (till {0})" },
        Requests { en: "Your requests", fi: "Pyyntösi", sv: "Dina begäranden" },
        Request { en: "{0} ({1}): received {2}, due {3}, {4}", fi: "{0} ({1}): vastaanotettu {2}, määräaika {3}, {4}", sv: "{0} ({1}): mottagen {2}, ska besvaras senast {3}, {4}" },
        Rights { en: "Your rights", fi: "Oikeutesi", sv: "Dina rättigheter" },
        RightsIntro { en: "Under the General Data Protection Regulation you have the following rights:", fi: "EU:n yleisen tietosuoja-asetuksen mukaan sinulla on seuraavat oikeudet:", sv: "Enligt EU:s allmänna dataskyddsförordning har du följande rättigheter:" },
        Article { en: "Art. {0}", fi: "{0} artikla", sv: "artikel {0}" },
        Authority { en: "The supervisory authority: Office of the Data Protection Ombudsman, PO Box 800, 00531 Helsinki, Finland, tietosuoja@om.fi, tietosuoja.fi.", fi: "Valvontaviranomainen: Tietosuojavaltuutetun toimisto, PL 800, 00531 Helsinki, tietosuoja@om.fi, tietosuoja.fi.", sv: "Tillsynsmyndighet: Dataombudsmannens byrå, PB 800, 00531 Helsingfors, tietosuoja@om.fi, tietosuoja.fi." },

        // The letter about a breach (Art. 34(2)).
        BreachTitle { en: "A personal data breach concerning your personal data", fi: "Henkilötietojasi koskeva tietoturvaloukkaus", sv: "Personuppgiftsincident som gäller dina personuppgifter" },
        BreachDated { en: "Dated {0}. Our reference: {1} / {2}", fi: "Päiväys {0}. Viitteemme: {1} / {2}", sv: "Datum {0}. Vår referens: {1} / {2}" },
        BreachIntro { en: "We are writing to tell you of a personal data breach that concerns your personal data: what happened, what may follow from it, what we have done and what you can do (Article 34 of the EU General Data Protection Regulation).", fi: "Ilmoitamme, että on tapahtunut henkilötietojen tietoturvaloukkaus, joka koskee sinun henkilötietojasi. Kerromme tässä kirjeessä, mitä tapahtui, mitä siitä voi seurata, mitä olemme tehneet ja mitä voit itse tehdä (EU:n yleisen tietosuoja-asetuksen 34 artikla).", sv: "Vi meddelar dig att en personuppgiftsincident har inträffat som gäller dina personuppgifter. I detta brev berättar vi vad som hände, vilka följderna kan bli, vad vi har gjort och vad du själv kan göra (artikel 34 i EU:s allmänna dataskyddsförordning)." },
        WhatHappened { en: "What happened", fi: "Mitä tapahtui", sv: "Vad hände" },
        NatureConfidentiality { en: "The breach concerned the confidentiality of the data: people not entitled to it may have seen or obtained it.", fi: "Loukkaus koski tietojen luottamuksellisuutta: tiedot ovat voineet päätyä sivullisten nähtäville tai käsiin.", sv: "Incidenten gällde uppgifternas konfidentialitet: obehöriga kan ha sett eller fått tillgång till dem." },
        NatureIntegrity { en: "The breach concerned the integrity of the data: it may have been altered without authority or by accident.", fi: "Loukkaus koski tietojen eheyttä: tietoja on voitu muuttaa luvatta tai vahingossa.", sv: "Incidenten gällde uppgifternas riktighet: de kan ha ändrats obehörigen eller av misstag." },
        NatureAvailability { en: "The breach concerned the availability of the data: data was lost or could not be used.", fi: "Loukkaus koski tietojen saatavuutta: tietoja on kadonnut tai ne eivät ole olleet käytettävissä.", sv: "Incidenten gällde uppgifternas tillgänglighet: uppgifter har gått förlorade eller varit otillgängliga." },
        AwareOn { en: "We became aware of the breach on {0}.", fi: "Saimme tiedon loukkauksesta {0}.", sv: "Vi fick kännedom om incidenten den {0}." },
        DataConcerned { en: "The data concerned: {0}", fi: "Loukkaus koski seuraavia tietoja: {0}", sv: "Incidenten gällde följande uppgifter: {0}" },
        Consequences { en: "Likely consequences", fi: "Todennäköiset seuraukset", sv: "Sannolika följder" },
        Measures { en: "What we have done", fi: "Mitä olemme tehneet", sv: "Vad vi har gjort" },
        YouCan { en: "What you can do", fi: "Mitä voit itse tehdä", sv: "Vad du själv kan göra" },
        BeWary { en: "Be wary of unexpected messages, calls and invoices that refer to your data. We never ask for passwords or bank codes.", fi: "Suhtaudu varauksella odottamattomiin viesteihin, puheluihin ja laskuihin, joissa viitataan tietoihisi. Emme koskaan pyydä salasanoja tai pankkitunnuksia.", sv: "Var försiktig med oväntade meddelanden, samtal och fakturor som hänvisar till dina uppgifter. Vi ber dig aldrig om lösenord eller bankkoder." },
        WatchBank { en: "Watch your bank statements and tell your bank at once if you see anything unusual.", fi: "Seuraa tilitapahtumiasi ja ota heti yhteyttä pankkiisi, jos huomaat jotain tavallisesta poikkeavaa.", sv: "Följ dina kontotransaktioner och kontakta genast din bank om du märker något ovanligt." },
        Police { en: "If you suspect that someone is misusing your identity, you can report it to the police and register a voluntary credit ban.", fi: "Jos epäilet, että henkilöllisyyttäsi käytetään väärin, voit tehdä rikosilmoituksen poliisille ja asettaa itsellesi vapaaehtoisen luottokiellon.", sv: "Om du misstänker att din identitet missbrukas kan du göra en polisanmälan och registrera ett frivilligt kreditförbud." },
        Contact { en: "Contact", fi: "Yhteystiedot", sv: "Kontaktuppgifter" },
        Questions { en: "If you have questions, please contact us:", fi: "Jos sinulla on kysyttävää, ota yhteyttä:", sv: "Om du har frågor, kontakta oss:" },
    }
}
