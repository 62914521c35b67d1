//! What a failed command says: the frame of every error, who may work,
//! the validation of values, and the refusals of `add`, `import` and
//! `erase`. Lower case, no full stop (STYLE §4); field names are filled
//! in by [`crate::domain::fields::field_name`], so Finnish messages name the Finnish header.

catalogue! {
    /// A message of a failed command.
    pub enum M {
        ErrorPrefix { en: "error", fi: "virhe", sv: "fel" },
        WarningPrefix { en: "warning", fi: "varoitus", sv: "varning" },
        ExpectedLang { en: "expected fi, sv or en", fi: "odotettiin fi, sv tai en", sv: "väntade fi, sv eller en" },
        InvalidNothingWritten {
            en: "invalid input, nothing was written",
            fi: "virheellinen syöte, mitään ei tallennettu",
            sv: "ogiltig inmatning, ingenting sparades",
        },
        LineField { en: "line {0}, field {1}: {2}", fi: "rivi {0}, kenttä {1}: {2}", sv: "rad {0}, fält {1}: {2}" },
        Field { en: "field {0}: {1}", fi: "kenttä {0}: {1}", sv: "fält {0}: {1}" },
        FileError { en: "file error: {0}", fi: "tiedostovirhe: {0}", sv: "filfel: {0}" },
        Internal {
            en: "internal error (a bug in privreg): {0}",
            fi: "sisäinen virhe (privregin ohjelmavirhe): {0}",
            sv: "internt fel (ett programfel i privreg): {0}",
        },

        // Who is working (SPEC §4 "Roles").
        LoginNotRegistered {
            en: "you are working as {0} (the login name), who is not a registered operator: name yourself with --as NAME or PRIVREG_OPERATOR, or an admin adds {0} with `privreg operator add {0} --role staff`",
            fi: "työskentelet käyttäjänä {0} (kirjautumisnimi), jota ei ole rekisteröity käyttäjäksi: anna nimesi valitsimella --as NIMI tai muuttujassa PRIVREG_OPERATOR, tai pääkäyttäjä lisää käyttäjän {0} komennolla `privreg operator add {0} --role staff`",
            sv: "du arbetar som {0} (inloggningsnamnet), som inte är en registrerad användare: ange ditt namn med --as NAMN eller PRIVREG_OPERATOR, eller så lägger en administratör till {0} med `privreg operator add {0} --role staff`",
        },
        GivenNotRegistered {
            en: "the operator given with --as or PRIVREG_OPERATOR is not registered: check the name, or an admin adds it with `privreg operator add NAME --role staff`",
            fi: "valitsimella --as tai muuttujassa PRIVREG_OPERATOR annettua käyttäjää ei ole rekisteröity: tarkista nimi, tai pääkäyttäjä lisää sen komennolla `privreg operator add NIMI --role staff`",
            sv: "användaren som angavs med --as eller PRIVREG_OPERATOR är inte registrerad: kontrollera namnet, eller så lägger en administratör till den med `privreg operator add NAMN --role staff`",
        },
        LoginWrongPassphrase {
            en: "you are working as {0} (the login name): wrong passphrase, or no operator {0}; name yourself with --as NAME or PRIVREG_OPERATOR, or an admin adds {0} with `privreg operator add {0} --role staff`",
            fi: "työskentelet käyttäjänä {0} (kirjautumisnimi): väärä tunnuslause tai käyttäjää {0} ei ole; anna nimesi valitsimella --as NIMI tai muuttujassa PRIVREG_OPERATOR, tai pääkäyttäjä lisää käyttäjän {0} komennolla `privreg operator add {0} --role staff`",
            sv: "du arbetar som {0} (inloggningsnamnet): fel lösenfras, eller så finns ingen användare {0}; ange ditt namn med --as NAMN eller PRIVREG_OPERATOR, eller så lägger en administratör till {0} med `privreg operator add {0} --role staff`",
        },
        WrongPassphrase {
            en: "wrong passphrase, or no such operator: the register stays sealed",
            fi: "väärä tunnuslause tai tuntematon käyttäjä: rekisteri pysyy suljettuna",
            sv: "fel lösenfras, eller ingen sådan användare: registret förblir förseglat",
        },
        Disabled {
            en: "operator {0} is disabled",
            fi: "käyttäjä {0} on poistettu käytöstä",
            sv: "användaren {0} är avstängd",
        },
        NeedsRole {
            en: "{0} needs the {1} role; operator {2} is {3}",
            fi: "toiminto {0} vaatii roolin {1}; käyttäjän {2} rooli on {3}",
            sv: "åtgärden {0} kräver rollen {1}; användaren {2} har rollen {3}",
        },
        DocumentLang {
            en: "{0} is written in Finnish or English: give --lang fi or --lang en",
            fi: "{0} kirjoitetaan suomeksi tai englanniksi: anna --lang fi tai --lang en",
            sv: "{0} skrivs på finska eller engelska: ange --lang fi eller --lang en",
        },
        WhoAreYou {
            en: "cannot tell who you are: give --as NAME or set PRIVREG_OPERATOR",
            fi: "käyttäjää ei tunnistettu: anna --as NIMI tai aseta PRIVREG_OPERATOR",
            sv: "kan inte avgöra vem du är: ange --as NAMN eller sätt PRIVREG_OPERATOR",
        },

        // Records.
        NoRecord { en: "no record {0}", fi: "tietuetta {0} ei ole", sv: "posten {0} finns inte" },
        ErasedAt {
            en: "{0} was erased at {1}",
            fi: "{0} on poistettu {1}",
            sv: "{0} raderades {1}",
        },
        IsRequired { en: "is required", fi: "on pakollinen", sv: "är obligatoriskt" },
        IsInFuture { en: "is in the future", fi: "on tulevaisuudessa", sv: "ligger i framtiden" },
        LongerThan {
            en: "is longer than {0} characters",
            fi: "on pidempi kuin {0} merkkiä",
            sv: "är längre än {0} tecken",
        },
        ControlChar {
            en: "contains a control character",
            fi: "sisältää ohjausmerkin",
            sv: "innehåller ett styrtecken",
        },
        BidiChar {
            en: "contains a bidirectional control character",
            fi: "sisältää kirjoitussuunnan ohjausmerkin",
            sv: "innehåller ett styrtecken för skrivriktning",
        },
        ExpectedOneOf { en: "expected one of: {0}", fi: "odotettiin jotakin näistä: {0}", sv: "väntade ett av: {0}" },
        IsBefore {
            en: "is before {0}",
            fi: "on ennen kenttää {0}",
            sv: "är före fältet {0}",
        },
        PostalCodeFi {
            en: "a Finnish postal code is 5 digits (00100)",
            fi: "suomalainen postinumero on 5 numeroa (00100)",
            sv: "ett finländskt postnummer har 5 siffror (00100)",
        },
        EmployeeIdentity {
            en: "an employee needs a hetu, or birth_date, birth_place and nationality (missing: {0})",
            fi: "työntekijältä tarvitaan henkilötunnus tai syntymäaika, syntymäpaikka ja kansalaisuus (puuttuu: {0})",
            sv: "en anställd behöver en personbeteckning, eller födelsedatum, födelseort och medborgarskap (saknas: {0})",
        },
        NoSuchField {
            en: "{0} records have no such field",
            fi: "rekisterin {0} tietueissa ei ole tällaista kenttää",
            sv: "posterna i registret {0} har inget sådant fält",
        },
        DidYouMean { en: " (did you mean {0}?)", fi: " (tarkoititko {0}?)", sv: " (menade du {0}?)" },
        FieldOfOther {
            en: " (it is a field of {0} records)",
            fi: " (se on rekisterin {0} kenttä)",
            sv: " (det är ett fält i registret {0})",
        },
        FieldsLists {
            en: "; `privreg fields {0}` lists them",
            fi: "; `privreg fields {0}` luettelee ne",
            sv: "; `privreg fields {0}` listar dem",
        },

        // Values (DOMAIN §1–3, SPEC §3).
        HetuEmpty { en: "personal identity code is empty", fi: "henkilötunnus on tyhjä", sv: "personbeteckningen är tom" },
        HetuLength {
            en: "personal identity code must be 11 characters (DDMMYYCZZZQ), got {0}",
            fi: "henkilötunnuksessa on oltava 11 merkkiä (PPKKVVSNNNT), annetussa on {0}",
            sv: "personbeteckningen ska ha 11 tecken (DDMMÅÅCZZZQ), den givna har {0}",
        },
        HetuChars {
            en: "personal identity code may contain only digits, the century sign and the check character",
            fi: "henkilötunnuksessa saa olla vain numeroita, välimerkki ja tarkistusmerkki",
            sv: "personbeteckningen får bara innehålla siffror, sekeltecknet och kontrolltecknet",
        },
        HetuBirthDigits {
            en: "the first six characters must be the birth date as digits (DDMMYY)",
            fi: "kuuden ensimmäisen merkin on oltava syntymäaika numeroina (PPKKVV)",
            sv: "de sex första tecknen ska vara födelsedatumet i siffror (DDMMÅÅ)",
        },
        HetuCentury {
            en: "century sign must be one of + - A B C D E F Y X W V U",
            fi: "välimerkin on oltava jokin näistä: + - A B C D E F Y X W V U",
            sv: "sekeltecknet ska vara ett av + - A B C D E F Y X W V U",
        },
        HetuIndividualDigits {
            en: "characters 8 to 10 must be the individual number as digits",
            fi: "merkkien 8–10 on oltava yksilönumero numeroina",
            sv: "tecknen 8–10 ska vara individnumret i siffror",
        },
        NotRealDate { en: "not a real date", fi: "päivämäärää ei ole olemassa", sv: "datumet finns inte" },
        BirthInFuture {
            en: "birth date is in the future",
            fi: "syntymäaika on tulevaisuudessa",
            sv: "födelsedatumet ligger i framtiden",
        },
        HetuIndividual {
            en: "individual number must be 002 to 899 (or 900 to 999 for a temporary code)",
            fi: "yksilönumeron on oltava 002–899 (tai väliaikaisessa tunnuksessa 900–999)",
            sv: "individnumret ska vara 002–899 (eller 900–999 för en tillfällig beteckning)",
        },
        HetuCheck {
            en: "check character does not match",
            fi: "tarkistusmerkki ei täsmää",
            sv: "kontrolltecknet stämmer inte",
        },
        EmailEmpty { en: "e-mail address is empty", fi: "sähköpostiosoite on tyhjä", sv: "e-postadressen är tom" },
        EmailTooLong {
            en: "e-mail address is longer than {0} bytes",
            fi: "sähköpostiosoite on pidempi kuin {0} tavua",
            sv: "e-postadressen är längre än {0} byte",
        },
        EmailControl {
            en: "e-mail address must not contain control characters",
            fi: "sähköpostiosoitteessa ei saa olla ohjausmerkkejä",
            sv: "e-postadressen får inte innehålla styrtecken",
        },
        EmailSpaces {
            en: "e-mail address must not contain spaces",
            fi: "sähköpostiosoitteessa ei saa olla välilyöntejä",
            sv: "e-postadressen får inte innehålla mellanslag",
        },
        EmailNoAt {
            en: "e-mail address must contain an @",
            fi: "sähköpostiosoitteessa on oltava @-merkki",
            sv: "e-postadressen ska innehålla ett @",
        },
        EmailManyAt {
            en: "e-mail address must contain exactly one @, found more",
            fi: "sähköpostiosoitteessa saa olla vain yksi @-merkki, löytyi useampi",
            sv: "e-postadressen ska innehålla exakt ett @, fann flera",
        },
        EmailNoLocal {
            en: "e-mail address has nothing before the @",
            fi: "sähköpostiosoitteessa ei ole mitään ennen @-merkkiä",
            sv: "e-postadressen har ingenting före @",
        },
        EmailNoDomain {
            en: "e-mail address has no domain after the @",
            fi: "sähköpostiosoitteessa ei ole verkkotunnusta @-merkin jälkeen",
            sv: "e-postadressen har ingen domän efter @",
        },
        EmailNoDot {
            en: "the domain of an e-mail address must contain a dot (e.g. example.com)",
            fi: "sähköpostiosoitteen verkkotunnuksessa on oltava piste (esim. example.com)",
            sv: "domänen i en e-postadress ska innehålla en punkt (t.ex. example.com)",
        },
        EmailDots {
            en: "the domain of an e-mail address must not start or end with a dot or have two dots in a row",
            fi: "sähköpostiosoitteen verkkotunnus ei saa alkaa tai päättyä pisteeseen eikä sisältää kahta pistettä peräkkäin",
            sv: "domänen i en e-postadress får inte börja eller sluta med punkt eller ha två punkter i rad",
        },
        DateEmpty { en: "date is empty", fi: "päivämäärä on tyhjä", sv: "datumet är tomt" },
        DateForm {
            en: "expected YYYY-MM-DD or D.M.YYYY",
            fi: "odotettiin päivämäärää muodossa VVVV-KK-PP tai P.K.VVVV",
            sv: "väntade ett datum som ÅÅÅÅ-MM-DD eller D.M.ÅÅÅÅ",
        },
        ExpectedBool {
            en: "expected true, false, yes, no, 1, 0, kyllä or ei",
            fi: "odotettiin arvoa kyllä, ei, true, false, yes, no, 1 tai 0",
            sv: "väntade true, false, yes, no, 1, 0, kyllä eller ei",
        },
        PhoneEmpty { en: "phone number is empty", fi: "puhelinnumero on tyhjä", sv: "telefonnumret är tomt" },
        PhoneLetters {
            en: "letters are not allowed in a phone number",
            fi: "puhelinnumerossa ei saa olla kirjaimia",
            sv: "bokstäver är inte tillåtna i ett telefonnummer",
        },
        PhoneTooLongChars {
            en: "phone number is longer than {0} characters",
            fi: "puhelinnumero on pidempi kuin {0} merkkiä",
            sv: "telefonnumret är längre än {0} tecken",
        },
        PhonePlus {
            en: "a + may only stand at the start of a phone number",
            fi: "+-merkki saa olla vain puhelinnumeron alussa",
            sv: "ett + får bara stå i början av ett telefonnummer",
        },
        PhoneChars {
            en: "a phone number may contain only digits, spaces, a leading + and - ( ) . /",
            fi: "puhelinnumerossa saa olla vain numeroita, välilyöntejä, alussa + sekä merkit - ( ) . /",
            sv: "ett telefonnummer får bara innehålla siffror, mellanslag, ett inledande + och - ( ) . /",
        },
        PhoneNoDigits { en: "phone number has no digits", fi: "puhelinnumerossa ei ole numeroita", sv: "telefonnumret har inga siffror" },
        PhoneManyDigits {
            en: "phone number has too many digits",
            fi: "puhelinnumerossa on liikaa numeroita",
            sv: "telefonnumret har för många siffror",
        },
        PhoneInvalid {
            en: "not a valid phone number in its country's numbering plan",
            fi: "numero ei ole kelvollinen maansa numerointisuunnitelmassa",
            sv: "inte ett giltigt nummer i landets nummerplan",
        },
        NotPhone { en: "not a phone number", fi: "ei ole puhelinnumero", sv: "inte ett telefonnummer" },
        PhoneCountryCode {
            en: "unknown country calling code",
            fi: "tuntematon maatunnus",
            sv: "okänd landskod",
        },
        PhoneTooShort { en: "phone number is too short", fi: "puhelinnumero on liian lyhyt", sv: "telefonnumret är för kort" },
        PhoneTooLong { en: "phone number is too long", fi: "puhelinnumero on liian pitkä", sv: "telefonnumret är för långt" },
        NotLanguage {
            en: "not an ISO 639-1 language code",
            fi: "ei ole ISO 639-1 -kielikoodi",
            sv: "inte en språkkod enligt ISO 639-1",
        },
        NotCountry {
            en: "not an ISO 3166-1 alpha-2 country code",
            fi: "ei ole ISO 3166-1 alpha-2 -maakoodi",
            sv: "inte en landskod enligt ISO 3166-1 alpha-2",
        },
        LanguageForm {
            en: "language must be a two-letter ISO 639-1 code (e.g. fi, sv, en)",
            fi: "kielen on oltava kaksikirjaiminen ISO 639-1 -koodi (esim. fi, sv, en)",
            sv: "språket ska vara en kod på två bokstäver enligt ISO 639-1 (t.ex. fi, sv, en)",
        },
        CountryForm {
            en: "country must be a two-letter ISO 3166-1 code (e.g. FI, SE, DE)",
            fi: "maan on oltava kaksikirjaiminen ISO 3166-1 -koodi (esim. FI, SE, DE)",
            sv: "landet ska vara en kod på två bokstäver enligt ISO 3166-1 (t.ex. FI, SE, DE)",
        },
        BusinessIdForm {
            en: "expected NNNNNNN-C (seven digits, a dash and a check digit), NNNNNNNC or FI followed by eight digits",
            fi: "odotettiin muotoa NNNNNNN-T (seitsemän numeroa, väliviiva ja tarkistusnumero), NNNNNNNT tai FI ja kahdeksan numeroa",
            sv: "väntade NNNNNNN-K (sju siffror, ett bindestreck och en kontrollsiffra), NNNNNNNK eller FI följt av åtta siffror",
        },
        VatForm {
            en: "a VAT number must be FI followed by eight digits",
            fi: "ALV-tunnisteessa on oltava FI ja kahdeksan numeroa",
            sv: "ett momsnummer ska vara FI följt av åtta siffror",
        },
        CheckDigit {
            en: "check digit is {0}, expected {1}",
            fi: "tarkistusnumero on {0}, odotettiin {1}",
            sv: "kontrollsiffran är {0}, väntade {1}",
        },
        ExpectedBasis {
            en: "expected one of: consent, contract, legal-obligation, vital-interest, public-task, legitimate-interest, aml",
            fi: "odotettiin jotakin näistä: consent, contract, legal-obligation, vital-interest, public-task, legitimate-interest, aml",
            sv: "väntade ett av: consent, contract, legal-obligation, vital-interest, public-task, legitimate-interest, aml",
        },
        NeedsLaw {
            en: "a legal-obligation basis needs --law naming the law",
            fi: "lakisääteisen velvoitteen perusteelle on annettava --law ja lain nimi",
            sv: "en grund i rättslig förpliktelse kräver --law med lagens namn",
        },
        NeedsNote {
            en: "a legitimate-interest basis needs --note saying which interest was weighed",
            fi: "oikeutetun edun perusteelle on annettava --note ja punnittu etu",
            sv: "en grund i berättigat intresse kräver --note som anger vilket intresse som vägts",
        },
        UnknownRegister {
            en: "unknown register: expected customer, business, employee or recruitment{0}",
            fi: "tuntematon rekisteri: odotettiin customer, business, employee tai recruitment{0}",
            sv: "okänt register: väntade customer, business, employee eller recruitment{0}",
        },
        RecordIdForm {
            en: "a record id is a register letter, a dash and a number, e.g. C-42",
            fi: "tietueen tunnus on rekisterin kirjain, väliviiva ja numero, esim. C-42",
            sv: "en posts id är registrets bokstav, ett bindestreck och ett nummer, t.ex. C-42",
        },
        RejectsIsInput {
            en: "--rejects must not be the file being imported",
            fi: "--rejects ei saa olla tuotava tiedosto",
            sv: "--rejects får inte vara filen som importeras",
        },
        BusinessIdEmpty { en: "business id is empty", fi: "Y-tunnus on tyhjä", sv: "FO-numret är tomt" },
        BusinessIdNoSuch {
            en: "no valid business id has these digits",
            fi: "millään kelvollisella Y-tunnuksella ei ole näitä numeroita",
            sv: "inget giltigt FO-nummer har dessa siffror",
        },

        // import.
        UnknownColumn { en: "unknown column: {0}", fi: "tuntematon sarake: {0}", sv: "okänd kolumn: {0}" },
        ColumnTwice {
            en: "the column {0} is given twice",
            fi: "sarake {0} on annettu kahdesti",
            sv: "kolumnen {0} finns två gånger",
        },
        RowCells {
            en: "has {0} cells, the header has {1} (is a quote or line break out of place?)",
            fi: "rivillä on {0} solua, otsikkorivillä {1} (onko lainausmerkki tai rivinvaihto väärässä paikassa?)",
            sv: "raden har {0} celler, rubrikraden {1} (står ett citattecken eller en radbrytning fel?)",
        },
        GivenTwice { en: "is given twice", fi: "on annettu kahdesti", sv: "finns två gånger" },
        SameEarlierLine {
            en: "the same person (same {0}) is on an earlier line of this file",
            fi: "sama henkilö (sama {0}) on tiedoston aiemmalla rivillä",
            sv: "samma person (samma {0}) finns på en tidigare rad i filen",
        },
        AlreadyIn {
            en: "this person is already in the {0} register as {1} (same {2})",
            fi: "henkilö on jo rekisterissä {0} tunnuksella {1} (sama {2})",
            sv: "personen finns redan i registret {0} som {1} (samma {2})",
        },
        RowsInvalid {
            en: "{0} of {1} rows are invalid, nothing was written",
            fi: "{0}/{1} riviä on virheellisiä, mitään ei tallennettu",
            sv: "{0} av {1} rader är ogiltiga, ingenting sparades",
        },
        RowsInvalidDryRun {
            en: "{0} of {1} rows are invalid (dry run, nothing was written: {2})",
            fi: "{0}/{1} riviä on virheellisiä (kokeiluajo, mitään ei tallennettu: {2})",
            sv: "{0} av {1} rader är ogiltiga (provkörning, ingenting sparades: {2})",
        },
        RowsRejected {
            en: "{0} of {1} rows were rejected; the valid rows were written: {2}",
            fi: "{0}/{1} riviä hylättiin; kelvolliset rivit tallennettiin: {2}",
            sv: "{0} av {1} rader avvisades; de giltiga raderna sparades: {2}",
        },
        AndMore { en: "… and {0} more", fi: "… ja {0} muuta", sv: "… och {0} till" },
        Summary {
            en: "read {0}, inserted {1}, updated {2}, skipped {3}, rejected {4}",
            fi: "luettu {0}, lisätty {1}, päivitetty {2}, ohitettu {3}, hylätty {4}",
            sv: "lästa {0}, tillagda {1}, uppdaterade {2}, överhoppade {3}, avvisade {4}",
        },
        SummaryDryRun {
            en: "dry run, nothing was written: {0}",
            fi: "kokeiluajo, mitään ei tallennettu: {0}",
            sv: "provkörning, ingenting sparades: {0}",
        },
        NotUtf8 {
            en: "is not valid UTF-8 text: save the file as UTF-8, or import it with --encoding cp1252 (Excel's Windows-1252)",
            fi: "ei ole kelvollista UTF-8-tekstiä: tallenna tiedosto UTF-8-muodossa tai tuo se valitsimella --encoding cp1252 (Excelin Windows-1252)",
            sv: "är inte giltig UTF-8-text: spara filen som UTF-8, eller importera den med --encoding cp1252 (Excels Windows-1252)",
        },
        ColumnNotUtf8 {
            en: "column {0} is not valid UTF-8 text: save the file as UTF-8, or import it with --encoding cp1252 (Excel's Windows-1252)",
            fi: "sarake {0} ei ole kelvollista UTF-8-tekstiä: tallenna tiedosto UTF-8-muodossa tai tuo se valitsimella --encoding cp1252 (Excelin Windows-1252)",
            sv: "kolumn {0} är inte giltig UTF-8-text: spara filen som UTF-8, eller importera den med --encoding cp1252 (Excels Windows-1252)",
        },
        NotJsonObject { en: "is not a JSON object", fi: "ei ole JSON-objekti", sv: "är inte ett JSON-objekt" },
        NotJson { en: "is not valid JSON ({0})", fi: "ei ole kelvollista JSONia ({0})", sv: "är inte giltig JSON ({0})" },
        UnknownKey { en: "unknown key: {0}", fi: "tuntematon avain: {0}", sv: "okänd nyckel: {0}" },
        JsonValue {
            en: "must be text, a number, true/false or null",
            fi: "on oltava tekstiä, luku, true/false tai null",
            sv: "ska vara text, ett tal, true/false eller null",
        },
        HeaderRow {
            en: "the first line must be the header row of field names",
            fi: "ensimmäisen rivin on oltava kenttien nimet sisältävä otsikkorivi",
            sv: "den första raden ska vara en rubrikrad med fältnamnen",
        },
        JsonArray {
            en: "is a JSON array, not JSON lines (one object per line): export with --format jsonl",
            fi: "on JSON-taulukko eikä JSON-rivejä (yksi objekti riviä kohden): vie tiedot valitsimella --format jsonl",
            sv: "är en JSON-vektor, inte JSON-rader (ett objekt per rad): exportera med --format jsonl",
        },
        RejectsIn {
            en: "every rejected row, with its reason, is in {0}",
            fi: "jokainen hylätty rivi syineen on tiedostossa {0}",
            sv: "varje avvisad rad finns med sin orsak i {0}",
        },
        RejectsHelp {
            en: "help: --rejects FILE lists every one of them",
            fi: "ohje: --rejects TIEDOSTO luettelee ne kaikki",
            sv: "hjälp: --rejects FIL listar dem alla",
        },
        WouldGiveSame {
            en: "would give {0} the same {1} as {2}",
            fi: "antaisi tietueelle {0} saman tiedon {1} kuin tietueella {2}",
            sv: "skulle ge {0} samma {1} som {2}",
        },
        NoBasisGiven {
            en: "the {0} records inserted have no legal basis (no --basis given); `privreg check` lists them until `privreg basis add` logs one",
            fi: "lisätyillä {0} tietueella ei ole oikeusperustetta (--basis puuttui); `privreg check` luettelee ne, kunnes `privreg basis add` kirjaa perusteen",
            sv: "de {0} tillagda posterna saknar rättslig grund (ingen --basis angavs); `privreg check` listar dem tills `privreg basis add` registrerar en",
        },
        CannotRead { en: "cannot read {0}: {1}", fi: "tiedostoa {0} ei voi lukea: {1}", sv: "kan inte läsa {0}: {1}" },

        // erase.
        NoRequest { en: "no request {0}", fi: "pyyntöä {0} ei ole", sv: "begäran {0} finns inte" },
        WouldBeRefused {
            en: "{0}: would be refused (dry run):",
            fi: "{0}: poisto evättäisiin (kokeiluajo):",
            sv: "{0}: skulle avvisas (provkörning):",
        },
        WouldBeErased {
            en: "{0}: would be erased (dry run, nothing written)",
            fi: "{0}: poistettaisiin (kokeiluajo, mitään ei tallennettu)",
            sv: "{0}: skulle raderas (provkörning, ingenting sparades)",
        },
        Erased { en: "{0}: erased", fi: "{0}: poistettu", sv: "{0}: raderad" },
        HoldsOverridden {
            en: "holds overridden: {0}",
            fi: "ohitetut säilytysvelvoitteet: {0}",
            sv: "åsidosatta bevarandeskyldigheter: {0}",
        },
        RestrictionEnds {
            en: "{0} was {1}: the erasure ends the restriction, and the person must have been told before (GDPR Art. 18(3))",
            fi: "{0}: {1}; poisto päättää rajoituksen, ja henkilölle on pitänyt kertoa siitä etukäteen (tietosuoja-asetuksen 18 artiklan 3 kohta)",
            sv: "{0}: {1}; raderingen avslutar begränsningen, och personen måste ha informerats i förväg (artikel 18.3 i dataskyddsförordningen)",
        },
        OptedOut {
            en: "the person had opted out: they stay out of marketing lists if added again",
            fi: "henkilö oli kieltänyt markkinoinnin: hän pysyy poissa markkinointilistoilta, jos hänet lisätään uudelleen",
            sv: "personen hade förbjudit marknadsföring: hen hålls utanför marknadsföringslistor om hen läggs till igen",
        },
        RedactedText {
            en: "free text of {0} redacted (it concerned the person)",
            fi: "pyyntöjen {0} vapaa teksti poistettu (se koski henkilöä)",
            sv: "fritexten i {0} har strukits (den gällde personen)",
        },
        TellRecipients {
            en: "tell the recipients it was disclosed to (GDPR Art. 19): {0}",
            fi: "ilmoita vastaanottajille, joille tietoja on luovutettu (tietosuoja-asetuksen 19 artikla): {0}",
            sv: "informera mottagarna som uppgifterna lämnats ut till (artikel 19 i dataskyddsförordningen): {0}",
        },
        CannotEraseHolds {
            en: "{0} cannot be erased while these holds apply:",
            fi: "tietuetta {0} ei voi poistaa, koska sitä koskevat nämä säilytysvelvoitteet:",
            sv: "{0} kan inte raderas medan dessa bevarandeskyldigheter gäller:",
        },
        ManualHold { en: "manual hold {0}", fi: "käsin asetettu säilytys {0}", sv: "manuellt bevarande {0}" },
        Overridable {
            en: "an admin may override it with --override-hold",
            fi: "pääkäyttäjä voi ohittaa sen valitsimella --override-hold",
            sv: "en administratör kan åsidosätta det med --override-hold",
        },
        NotOverridable { en: "cannot be overridden", fi: "ei ohitettavissa", sv: "kan inte åsidosättas" },
        HoldUntil { en: "until {0}", fi: "{0} asti", sv: "till {0}" },
        HoldWhile { en: "while it lasts", fi: "niin kauan kuin se jatkuu", sv: "så länge det varar" },
        RestrictedSince {
            en: "restricted (GDPR Art. 18) since {0}",
            fi: "käsittelyä rajoitettu (tietosuoja-asetuksen 18 artikla) {0} alkaen",
            sv: "behandlingen begränsad (artikel 18 i dataskyddsförordningen) sedan {0}",
        },
        RestrictedSinceFor {
            en: "restricted (GDPR Art. 18) since {0} for {1}",
            fi: "käsittelyä rajoitettu (tietosuoja-asetuksen 18 artikla) {0} alkaen pyynnön {1} vuoksi",
            sv: "behandlingen begränsad (artikel 18 i dataskyddsförordningen) sedan {0} på grund av {1}",
        },
        RestrictedRefusal {
            en: "{0} is {1}: it is kept but only stored, and an erasure would end the restriction\nhelp: once the person has been told that the restriction ends (GDPR Art. 18(3)), an admin may erase it with --include-restricted",
            fi: "{0}: {1}; tiedot vain säilytetään, ja poistaminen päättäisi rajoituksen\nohje: kun henkilölle on kerrottu rajoituksen päättymisestä (tietosuoja-asetuksen 18 artiklan 3 kohta), pääkäyttäjä voi poistaa tietueen valitsimella --include-restricted",
            sv: "{0}: {1}; uppgifterna får endast lagras, och en radering skulle avsluta begränsningen\nhjälp: när personen har fått veta att begränsningen upphör (artikel 18.3 i dataskyddsförordningen) kan en administratör radera posten med --include-restricted",
        },
        ReasonHasData {
            en: "holds the person's {0} (a current value or one in the correction history); the reason is kept after the erasure, so describe it without personal data",
            fi: "sisältää henkilön tiedon {0} (nykyisen arvon tai korjaushistorian arvon); syy säilyy poiston jälkeen, joten kuvaa se ilman henkilötietoja",
            sv: "innehåller personens {0} (ett nuvarande värde eller ett ur rättelsehistoriken); orsaken bevaras efter raderingen, så beskriv den utan personuppgifter",
        },
        MustBeAfterToday { en: "must be after today", fi: "on oltava tämän päivän jälkeen", sv: "måste vara efter i dag" },

        // The columns of `search`'s table.
        ColStatus { en: "status", fi: "tila", sv: "status" },
        ColLastName { en: "last name", fi: "sukunimi", sv: "efternamn" },
        ColFirstName { en: "first name", fi: "etunimi", sv: "förnamn" },
        ColHetu { en: "hetu", fi: "henkilötunnus", sv: "personbeteckning" },
        ColEmail { en: "e-mail", fi: "sähköposti", sv: "e-post" },
        ColPhone { en: "phone", fi: "puhelin", sv: "telefon" },
        ColCity { en: "city", fi: "postitoimipaikka", sv: "postanstalt" },
        ColOrganisation { en: "organisation", fi: "organisaatio", sv: "organisation" },
    }
}
