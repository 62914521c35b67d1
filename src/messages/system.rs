//! What the store, files, output, the clock and the terminal say (issue
//! #20): the register file's refusals, files privreg will not write, the
//! limits of an output format, terminal prompts and the command line's
//! usage errors. Lower case, no full stop (STYLE §4); paths, ids and
//! numbers are filled in, never personal data.

catalogue! {
    /// A message of the store, files, output, the clock or the terminal.
    pub enum S {
        // Who may write the register file (store/access.rs).
        FileReadOnly { en: "{0} is read-only (mode {1}): privreg records every command in the audit log, so it needs to write", fi: "{0} on vain luettavissa (tila {1}): privreg kirjaa jokaisen komennon lokiin, joten sen on voitava kirjoittaa", sv: "{0} är skrivskyddad (läge {1}): privreg loggar varje kommando i granskningsloggen, så den måste kunna skriva" },
        ReadOnlyFileSystem { en: "{0} is on a read-only file system: privreg records every command, a search too, in the register's audit log, so it needs to write; copy the register to a writable disk", fi: "{0} on vain luettavassa tiedostojärjestelmässä: privreg kirjaa jokaisen komennon, myös haun, rekisterin lokiin, joten sen on voitava kirjoittaa; kopioi rekisteri levylle, jolle voi kirjoittaa", sv: "{0} ligger i ett skrivskyddat filsystem: privreg loggar varje kommando, även en sökning, i registrets granskningslogg, så den måste kunna skriva; kopiera registret till en skrivbar disk" },
        NotWritableByYou { en: "{0} cannot be written by you (mode {1}, owned by another login): privreg records every command, a search too, in the register's audit log; ask its owner to let you write it (an office shares it through a group: chmod 660 and a common group)", fi: "et voi kirjoittaa tiedostoon {0} (tila {1}, omistaja toinen käyttäjätunnus): privreg kirjaa jokaisen komennon, myös haun, rekisterin lokiin; pyydä omistajaa antamaan sinulle kirjoitusoikeus (toimisto jakaa sen ryhmän kautta: chmod 660 ja yhteinen ryhmä)", sv: "du kan inte skriva {0} (läge {1}, ägs av en annan inloggning): privreg loggar varje kommando, även en sökning, i registrets granskningslogg; be ägaren ge dig skrivrätt (ett kontor delar den via en grupp: chmod 660 och en gemensam grupp)" },
        FolderReadOnly { en: "the folder {0} is read-only for you, though the register in it is not: privreg records every command, a search too, in the audit log, and SQLite keeps the register's write-ahead log ({1}-wal, {1}-shm) beside it in that folder, so the folder must be writable too; nothing was done. Ask for write access to the folder, or move the register into a folder you can write", fi: "kansio {0} on sinulle vain luettavissa, vaikka siinä oleva rekisteri ei ole: privreg kirjaa jokaisen komennon, myös haun, lokiin, ja SQLite pitää rekisterin lokitiedostot ({1}-wal, {1}-shm) sen vieressä samassa kansiossa, joten kansioon on myös voitava kirjoittaa; mitään ei tehty. Pyydä kirjoitusoikeus kansioon tai siirrä rekisteri kansioon, johon voit kirjoittaa", sv: "mappen {0} är skrivskyddad för dig, fast registret i den inte är det: privreg loggar varje kommando, även en sökning, i granskningsloggen, och SQLite håller registrets journalfiler ({1}-wal, {1}-shm) bredvid det i den mappen, så mappen måste också vara skrivbar; ingenting gjordes. Be om skrivrätt till mappen, eller flytta registret till en mapp du kan skriva i" },

        // The register file (store/mod.rs and others).
        EraseBusy { en: "cannot erase now: another process has the register open (another privreg, or a program reading the file) and has had it for {0} s; an erasure must remove every value from the file and its write-ahead log at once, which needs the register to itself. Nothing was erased: try again when the other process has finished", fi: "poisto ei onnistu nyt: toinen prosessi (toinen privreg tai tiedostoa lukeva ohjelma) on pitänyt rekisteriä auki {0} s; poiston on poistettava jokainen arvo tiedostosta ja sen lokitiedostosta kerralla, mikä vaatii rekisterin yksinomaan itselleen. Mitään ei poistettu: yritä uudelleen, kun toinen prosessi on valmis", sv: "kan inte radera nu: en annan process har registret öppet (en annan privreg, eller ett program som läser filen) och har haft det i {0} s; en radering måste ta bort varje värde ur filen och dess journalfil på en gång, vilket kräver registret för sig själv. Ingenting raderades: försök igen när den andra processen är klar" },
        WalRemains { en: "cannot erase now: the write-ahead log {0} remains after leaving WAL mode; nothing was erased", fi: "poisto ei onnistu nyt: lokitiedosto {0} jäi jäljelle WAL-tilasta poistuttaessa; mitään ei poistettu", sv: "kan inte radera nu: journalfilen {0} finns kvar efter att WAL-läget lämnats; ingenting raderades" },
        NoLongerRegister { en: "{0} is no longer a privreg register", fi: "{0} ei ole enää privreg-rekisteri", sv: "{0} är inte längre ett privreg-register" },
        NewerSchema { en: "the register is from a newer privreg (schema version {0}, this one knows {1}): upgrade privreg", fi: "rekisteri on uudemmasta privregistä (skeeman versio {0}, tämä tuntee version {1}): päivitä privreg", sv: "registret kommer från en nyare privreg (schemaversion {0}, den här känner till {1}): uppgradera privreg" },
        NoSchemaVersion { en: "the register has no schema version: not a privreg register", fi: "rekisterillä ei ole skeeman versiota: se ei ole privreg-rekisteri", sv: "registret har ingen schemaversion: det är inte ett privreg-register" },
        MigrationFailed { en: "the register cannot be brought from schema version {0} to {1}: {2}; nothing was changed", fi: "rekisteriä ei voi päivittää skeeman versiosta {0} versioon {1}: {2}; mitään ei muutettu", sv: "registret kan inte föras från schemaversion {0} till {1}: {2}; ingenting ändrades" },
        NoRegisterId { en: "the register has no register id", fi: "rekisterillä ei ole rekisterin tunnusta", sv: "registret har inget register-id" },
        NoRetentionPolicy { en: "no retention policy for the {0} register", fi: "rekisterille {0} ei ole säilytyssääntöä", sv: "registret {0} har ingen bevarandepolicy" },
        NoSuppressionKey { en: "the register has no suppression key", fi: "rekisterillä ei ole estoluettelon avainta", sv: "registret saknar spärrnyckel" },
        RegisterMissing { en: "the {0} register is missing from the file", fi: "rekisteri {0} puuttuu tiedostosta", sv: "registret {0} saknas i filen" },
        UnknownHistoryField { en: "the register's correction history names an unknown field {0}: nothing was restored", fi: "rekisterin korjaushistoria nimeää tuntemattoman kentän {0}: mitään ei palautettu", sv: "registrets rättelsehistorik anger ett okänt fält {0}: ingenting återställdes" },
        SamePerson { en: "after the restore {0} would be the same person (the same {1}): nothing was restored\nhelp: erase or correct one of them, then restore again", fi: "palautuksen jälkeen {0} olisivat sama henkilö (sama {1}): mitään ei palautettu\nohje: poista tai korjaa toinen niistä ja palauta sitten uudelleen", sv: "efter återställningen skulle {0} vara samma person (samma {1}): ingenting återställdes\nhjälp: radera eller rätta en av dem och återställ sedan igen" },
        And { en: " and ", fi: " ja ", sv: " och " },

        // Why the audit log's chain is broken (store/audit.rs), after
        // "audit log altered: entry N".
        EntryMissing { en: "entry is missing", fi: "puuttuu", sv: "saknas" },
        EntryUnlinked { en: "does not link to the entry before it", fi: "ei liity edelliseen merkintään", sv: "länkar inte till posten före den" },
        EntryHashDiffers { en: "its content does not match its hash", fi: "sen sisältö ei vastaa sen tiivistettä", sv: "dess innehåll stämmer inte med dess hash" },

        // Server mode (store/pg).
        NotBuilt { en: "server mode is not built yet for this command ({0}): a PostgreSQL register can be created with `privreg init --db postgresql://…` and read with psql; every other command works on a register file for now", fi: "palvelintilaa ei ole vielä tehty tälle komennolle ({0}): PostgreSQL-rekisterin voi luoda komennolla `privreg init --db postgresql://…` ja lukea psql:llä; kaikki muut komennot toimivat toistaiseksi rekisteritiedostolla", sv: "serverläget är ännu inte byggt för det här kommandot ({0}): ett PostgreSQL-register kan skapas med `privreg init --db postgresql://…` och läsas med psql; alla andra kommandon fungerar tills vidare på en registerfil" },
        Help { en: "help", fi: "ohje", sv: "hjälp" },
        NoPgUser { en: "--db names no user, and neither PGUSER nor USER is set", fi: "--db ei nimeä käyttäjää, eikä PGUSER- tai USER-muuttujaa ole asetettu", sv: "--db anger ingen användare, och varken PGUSER eller USER är satt" },
        NotPgUrl { en: "--db is not a PostgreSQL URL: {0}", fi: "--db ei ole PostgreSQL-osoite: {0}", sv: "--db är inte en PostgreSQL-URL: {0}" },
        PasswordInUrl { en: "--db holds a password, which would be on the command line for others to see: leave it out and put it in ~/.pgpass or PGPASSWORD, or let privreg ask for it", fi: "--db sisältää salasanan, joka näkyisi komentorivillä muille: jätä se pois ja laita se tiedostoon ~/.pgpass tai muuttujaan PGPASSWORD, tai anna privregin kysyä sitä", sv: "--db innehåller ett lösenord, som skulle synas för andra på kommandoraden: utelämna det och lägg det i ~/.pgpass eller PGPASSWORD, eller låt privreg fråga efter det" },
        PasswordPrompt { en: "password for {0}: ", fi: "salasana kohteelle {0}: ", sv: "lösenord för {0}: " },
        CannotReadPassword { en: "cannot read the password: {0}", fi: "salasanaa ei voi lukea: {0}", sv: "kan inte läsa lösenordet: {0}" },
        NoTls { en: "--db asks for TLS (sslmode), which server mode does not have yet: connect over the server's Unix socket or a trusted network with sslmode=disable or prefer, or wait for the TLS connector (issue #17)", fi: "--db pyytää TLS-yhteyttä (sslmode), jota palvelintilassa ei vielä ole: yhdistä palvelimen Unix-pistokkeen tai luotetun verkon kautta asetuksella sslmode=disable tai prefer, tai odota TLS-tukea (issue #17)", sv: "--db begär TLS (sslmode), som serverläget ännu inte har: anslut via serverns Unix-uttag eller ett betrott nätverk med sslmode=disable eller prefer, eller vänta på TLS-stödet (issue #17)" },
        CannotConnect { en: "cannot connect to {0}", fi: "yhteyttä kohteeseen {0} ei saada", sv: "kan inte ansluta till {0}" },
        NoPasswordGiven { en: "{0}: the server asks for a password and none was given: put it in ~/.pgpass (or PGPASSFILE) or PGPASSWORD, or run privreg on a terminal to be asked", fi: "{0}: palvelin pyytää salasanaa, eikä sitä annettu: laita se tiedostoon ~/.pgpass (tai PGPASSFILE) tai muuttujaan PGPASSWORD, tai aja privreg päätteessä, jolloin sitä kysytään", sv: "{0}: servern begär ett lösenord och inget angavs: lägg det i ~/.pgpass (eller PGPASSFILE) eller PGPASSWORD, eller kör privreg i en terminal för att bli tillfrågad" },
        PgpassReadable { en: "the password file {0} can be read by its group or others: run `chmod 0600 {0}`", fi: "salasanatiedoston {0} voivat lukea sen ryhmä tai muut: aja `chmod 0600 {0}`", sv: "lösenordsfilen {0} kan läsas av dess grupp eller andra: kör `chmod 0600 {0}`" },
        CannotMakeRegister { en: "cannot make a register on {0}", fi: "rekisteriä ei voi luoda kohteeseen {0}", sv: "kan inte skapa ett register på {0}" },
        SchemaNotApply { en: "{0}: schema version {1} does not apply", fi: "{0}: skeeman versiota {1} ei voi ottaa käyttöön", sv: "{0}: schemaversion {1} kan inte tillämpas" },
        ForeignSchema { en: "{0}: the database has a schema `privreg` that is not a privreg register; nothing was changed", fi: "{0}: tietokannassa on skeema `privreg`, joka ei ole privreg-rekisteri; mitään ei muutettu", sv: "{0}: databasen har ett schema `privreg` som inte är ett privreg-register; ingenting ändrades" },

        // Key slots (seal).
        DamagedPublicKey { en: "a public key", fi: "julkinen avain", sv: "en publik nyckel" },
        DamagedSalt { en: "a salt", fi: "suola", sv: "ett salt" },
        DamagedSlot { en: "a slot", fi: "avainpaikka", sv: "en nyckelplats" },
        DamagedFileKey { en: "a sealed file key", fi: "salattu tiedostoavain", sv: "en förseglad filnyckel" },
        DamagedTrailer { en: "the slots at the end of the file", fi: "tiedoston lopussa olevat avainpaikat", sv: "nyckelplatserna i slutet av filen" },
        DamagedKdf { en: "argon2 parameters: {0}", fi: "argon2-parametrit: {0}", sv: "argon2-parametrar: {0}" },

        // Files privreg writes (files.rs).
        FileExists { en: "{0} exists already: privreg only writes to a new file and never over one (nor through a symlink); choose a new name", fi: "{0} on jo olemassa: privreg kirjoittaa vain uuteen tiedostoon eikä koskaan olemassa olevan päälle (eikä symbolisen linkin kautta); valitse uusi nimi", sv: "{0} finns redan: privreg skriver bara till en ny fil och aldrig över en befintlig (inte heller via en symbolisk länk); välj ett nytt namn" },
        CannotCreate { en: "cannot create {0}: {1}", fi: "tiedostoa {0} ei voi luoda: {1}", sv: "kan inte skapa {0}: {1}" },
        NotAFileName { en: "{0} is not a file name", fi: "{0} ei ole tiedostonimi", sv: "{0} är inte ett filnamn" },
        NoSuchFolder { en: "cannot create {0}: its folder does not exist", fi: "tiedostoa {0} ei voi luoda: sen kansiota ei ole", sv: "kan inte skapa {0}: dess mapp finns inte" },
        IsTheRegister { en: "{0} is the register or one of its files: privreg never writes over them", fi: "{0} on rekisteri tai yksi sen tiedostoista: privreg ei koskaan kirjoita niiden päälle", sv: "{0} är registret eller en av dess filer: privreg skriver aldrig över dem" },

        // Output (output/).
        CannotProduceFormat { en: "this command cannot produce --format {0}; it can produce: {1}", fi: "tämä komento ei tuota muotoa --format {0}; se tuottaa muodot: {1}", sv: "det här kommandot kan inte ge --format {0}; det kan ge: {1}" },
        CannotProduceXlsx { en: "this command cannot produce --format xlsx", fi: "tämä komento ei tuota muotoa --format xlsx", sv: "det här kommandot kan inte ge --format xlsx" },
        XlsxNeedsFile { en: "--format xlsx writes an Excel workbook, which is not for a terminal or a pipe: give --output FILE.xlsx", fi: "--format xlsx kirjoittaa Excel-työkirjan, joka ei sovi päätteeseen eikä putkeen: anna --output TIEDOSTO.xlsx", sv: "--format xlsx skriver en Excel-arbetsbok, som inte passar en terminal eller ett rör: ange --output FIL.xlsx" },
        LeftOut { en: "left out to fit the window: {0}; --format csv has all", fi: "jätetty pois, jotta taulukko mahtuu ikkunaan: {0}; --format csv näyttää kaikki", sv: "utelämnat för att rymmas i fönstret: {0}; --format csv har allt" },
        WritingCsv { en: "writing csv: {0}", fi: "csv:n kirjoitus epäonnistui: {0}", sv: "fel vid skrivning av csv: {0}" },
        TooManyRows { en: "the list has more rows than an Excel worksheet holds ({0} below the header): use --format csv", fi: "luettelossa on enemmän rivejä kuin Excel-laskentataulukkoon mahtuu ({0} otsikkorivin alla): käytä muotoa --format csv", sv: "listan har fler rader än ett Excel-kalkylblad rymmer ({0} under rubrikraden): använd --format csv" },
        CellTooLong { en: "row {0} holds more than the 32,767 characters an Excel cell takes: use --format csv", fi: "rivillä {0} on enemmän kuin Excel-soluun mahtuvat 32 767 merkkiä: käytä muotoa --format csv", sv: "rad {0} innehåller fler än de 32 767 tecken som en Excel-cell rymmer: använd --format csv" },

        // Terminal prompts (commands/sealing.rs, seal/passphrase.rs).
        PassphraseOf { en: "passphrase of {0}: ", fi: "käyttäjän {0} tunnuslause: ", sv: "lösenfras för {0}: " },
        NewPassphraseFor { en: "new passphrase for {0}: ", fi: "uusi tunnuslause käyttäjälle {0}: ", sv: "ny lösenfras för {0}: " },
        InitialPassphraseFor { en: "initial passphrase for {0}: ", fi: "käyttäjän {0} ensimmäinen tunnuslause: ", sv: "första lösenfras för {0}: " },
        NewPassphrase { en: "new passphrase: ", fi: "uusi tunnuslause: ", sv: "ny lösenfras: " },
        PassphraseInBackup { en: "passphrase of {0} in the backup: ", fi: "käyttäjän {0} tunnuslause varmuuskopiossa: ", sv: "lösenfras för {0} i säkerhetskopian: " },
        SameAgain { en: "the same again: ", fi: "sama uudelleen: ", sv: "samma igen: " },

        // A panic (main.rs).
        Bug { en: "internal error (a bug in privreg){0}", fi: "sisäinen virhe (privregin ohjelmavirhe){0}", sv: "internt fel (ett programfel i privreg){0}" },

        // Values of the command line (cli).
        ExpectedRole { en: "expected admin, staff or auditor", fi: "odotettiin arvoa admin, staff tai auditor", sv: "väntade admin, staff eller auditor" },
        ExpectedFieldValue { en: "expected FIELD=VALUE", fi: "odotettiin muotoa KENTTÄ=ARVO", sv: "väntade FÄLT=VÄRDE" },
        NotDuration { en: "not a duration: {0} (try 30m or 1h)", fi: "ei ole kesto: {0} (kokeile 30m tai 1h)", sv: "inte en varaktighet: {0} (prova 30m eller 1h)" },
        UnlockRange { en: "{0}: an unlock lasts from 1 s to 12h", fi: "{0}: avaus kestää 1 sekunnista 12 tuntiin", sv: "{0}: en upplåsning varar från 1 s till 12 h" },

        // Usage errors of the command line (SPEC §6, exit 2).
        UnknownArgument { en: "unexpected argument '{0}' found", fi: "odottamaton argumentti '{0}'", sv: "oväntat argument '{0}'" },
        SimilarArgument { en: "a similar argument exists: '{0}'", fi: "samankaltainen argumentti on olemassa: '{0}'", sv: "ett liknande argument finns: '{0}'" },
        UnknownSubcommand { en: "unrecognized subcommand '{0}'", fi: "tuntematon alikomento '{0}'", sv: "okänt underkommando '{0}'" },
        SimilarSubcommand { en: "a similar subcommand exists: '{0}'", fi: "samankaltainen alikomento on olemassa: '{0}'", sv: "ett liknande underkommando finns: '{0}'" },
        MissingArguments { en: "the following required arguments were not provided: {0}", fi: "seuraavat pakolliset argumentit puuttuvat: {0}", sv: "följande obligatoriska argument angavs inte: {0}" },
        InvalidValue { en: "invalid value '{0}' for '{1}'", fi: "virheellinen arvo '{0}' argumentille '{1}'", sv: "ogiltigt värde '{0}' för '{1}'" },
        NoValue { en: "a value is required for '{0}' but none was supplied", fi: "argumentti '{0}' vaatii arvon, eikä sitä annettu", sv: "'{0}' kräver ett värde men inget angavs" },
        PossibleValues { en: "possible values: {0}", fi: "mahdolliset arvot: {0}", sv: "möjliga värden: {0}" },
        NeedsSubcommand { en: "'{0}' requires a subcommand but one was not provided", fi: "'{0}' vaatii alikomennon, eikä sitä annettu", sv: "'{0}' kräver ett underkommando men inget angavs" },
        Subcommands { en: "subcommands: {0}", fi: "alikomennot: {0}", sv: "underkommandon: {0}" },
        TooManyValues { en: "unexpected value '{0}' for '{1}' found; no more were expected", fi: "odottamaton arvo '{0}' argumentille '{1}'; enempää arvoja ei odotettu", sv: "oväntat värde '{0}' för '{1}'; inga fler värden väntades" },
        Conflict { en: "the argument '{0}' cannot be used with '{1}'", fi: "argumenttia '{0}' ei voi käyttää yhdessä argumentin '{1}' kanssa", sv: "argumentet '{0}' kan inte användas tillsammans med '{1}'" },
        UsageLine { en: "usage: {0}", fi: "käyttö: {0}", sv: "användning: {0}" },
        MoreInfo { en: "for more information, try '--help'", fi: "lisätietoja: kokeile '--help'", sv: "mer information: prova '--help'" },
    }
}

#[cfg(test)]
mod tests {
    use super::S;
    use crate::messages::{places, Lang};

    #[test]
    fn every_system_key_has_the_same_places_in_each_language() {
        let uneven: Vec<S> = S::ALL
            .iter()
            .copied()
            .filter(|&k| {
                let [en, fi, sv] = [Lang::En, Lang::Fi, Lang::Sv].map(|l| k.text(l));
                let p = places(en);
                places(fi) != p || places(sv) != p || fi.trim().is_empty() || sv.trim().is_empty()
            })
            .collect();
        assert!(uneven.is_empty(), "keys with uneven places: {uneven:?}");
        assert_eq!(
            S::SamePerson.say_in(Lang::En, &[&"C-1 and C-2", &"hetu"]).lines().next(),
            Some("after the restore C-1 and C-2 would be the same person (the same hetu): nothing was restored")
        );
    }
}
