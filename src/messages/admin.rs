//! What the administrative commands say: sealing, operators, backup and
//! restore, and the errors of the register file. Lower case, no full stop
//! (STYLE §4).

catalogue! {
    /// A message of sealing, operators, backup, restore or the store.
    pub enum A {
        // Sealing (SPEC §7).
        NotEncrypted { en: "{0} is not encrypted: anyone who can read the file reads the registers; an admin seals it with `privreg encrypt`", fi: "{0} ei ole salattu: kuka tahansa, joka voi lukea tiedoston, lukee rekisterit; pääkäyttäjä salaa sen komennolla `privreg encrypt`", sv: "{0} är inte krypterad: vem som helst som kan läsa filen läser registren; en administratör förseglar den med `privreg encrypt`" },
        NoSlots { en: "{0} opens with neither its key slots nor those of an unfinished key rotation", fi: "{0} ei aukea omilla avainpaikoillaan eikä keskeneräisen avainvaihdon avainpaikoilla", sv: "{0} öppnas varken med sina nyckelplatser eller med dem från ett ofullbordat nyckelbyte" },
        RotationFailed { en: "the file key could not be rotated: the register still opens with the old slots", fi: "tiedostoavainta ei voitu vaihtaa: rekisteri aukeaa yhä vanhoilla avainpaikoilla", sv: "filnyckeln kunde inte bytas: registret öppnas fortfarande med de gamla nyckelplatserna" },
        NoPassphraseToChange { en: "the register is not sealed: there is no passphrase to change (an admin runs `privreg encrypt`)", fi: "rekisteriä ei ole salattu: vaihdettavaa tunnuslausetta ei ole (pääkäyttäjä ajaa komennon `privreg encrypt`)", sv: "registret är inte förseglat: det finns ingen lösenfras att byta (en administratör kör `privreg encrypt`)" },
        NothingToUnlock { en: "the register is not sealed: there is nothing to unlock", fi: "rekisteriä ei ole salattu: avattavaa ei ole", sv: "registret är inte förseglat: det finns inget att låsa upp" },
        AlreadyEncrypted { en: "{0} is already encrypted", fi: "{0} on jo salattu", sv: "{0} är redan krypterad" },
        NoBackupFile { en: "no backup file {0}", fi: "varmuuskopiotiedostoa {0} ei ole", sv: "säkerhetskopian {0} finns inte" },
        BackupEncryptedRegisterNot { en: "the backup is encrypted and this register is not: encrypt the register first (`privreg encrypt`)", fi: "varmuuskopio on salattu mutta tämä rekisteri ei: salaa rekisteri ensin (`privreg encrypt`)", sv: "säkerhetskopian är krypterad men det här registret är det inte: kryptera registret först (`privreg encrypt`)" },
        BackupWrongPassphrase { en: "the backup does not open with the passphrase of {0}: it opens only with a passphrase valid when it was made", fi: "varmuuskopio ei aukea käyttäjän {0} tunnuslauseella: se aukeaa vain tunnuslauseella, joka oli voimassa sen tekohetkellä", sv: "säkerhetskopian öppnas inte med lösenfrasen för {0}: den öppnas bara med en lösenfras som gällde när den gjordes" },

        // Operators (SPEC §4).
        OperatorName { en: "an operator name is 1-64 letters, digits, '.', '_', '@' or '-'", fi: "käyttäjän nimessä on 1–64 kirjainta, numeroa tai merkkiä '.', '_', '@' tai '-'", sv: "ett användarnamn består av 1–64 bokstäver, siffror, '.', '_', '@' eller '-'" },
        OperatorExists { en: "operator {0} already exists", fi: "käyttäjä {0} on jo olemassa", sv: "användaren {0} finns redan" },
        NoOperator { en: "no operator {0}", fi: "käyttäjää {0} ei ole", sv: "användaren {0} finns inte" },
        LastAdmin { en: "{0} is the last enabled admin: add another admin first", fi: "{0} on viimeinen käytössä oleva pääkäyttäjä: lisää ensin toinen pääkäyttäjä", sv: "{0} är den sista aktiva administratören: lägg först till en annan administratör" },

        // Backup and restore (SPEC §9).
        BackedUp { en: "backed up {0} records to {1}; its audit log ends at this checkpoint (keep it apart from the backup):\n{2}", fi: "varmuuskopioitiin {0} tietuetta tiedostoon {1}; sen lokitiedot päättyvät tähän tarkistuspisteeseen (säilytä se erillään varmuuskopiosta):\n{2}", sv: "{0} poster säkerhetskopierades till {1}; dess granskningslogg slutar vid denna kontrollpunkt (förvara den åtskild från säkerhetskopian):\n{2}" },
        OnlyThisRegister { en: "restore takes only a backup of this register", fi: "palautus hyväksyy vain tämän rekisterin varmuuskopion", sv: "återställningen tar bara emot en säkerhetskopia av det här registret" },
        OtherRegister { en: "the backup is of register {0}, not of this register {1}: {2}", fi: "varmuuskopio on rekisteristä {0}, ei tästä rekisteristä {1}: {2}", sv: "säkerhetskopian är av registret {0}, inte av det här registret {1}: {2}" },
        OtherLog { en: "the backup has no register id (it is older than schema version 3) and its audit log is not this register's (entry {0} differs), so it is of another register, not of this register {1}: {2}", fi: "varmuuskopiossa ei ole rekisterin tunnusta (se on vanhempi kuin skeeman versio 3) eikä sen loki ole tämän rekisterin (merkintä {0} eroaa), joten se on toisesta rekisteristä, ei tästä rekisteristä {1}: {2}", sv: "säkerhetskopian har inget register-id (den är äldre än schemaversion 3) och dess granskningslogg är inte det här registrets (posten {0} skiljer sig), så den är av ett annat register, inte av det här registret {1}: {2}" },
        NoIdNoLog { en: "the backup has no register id and no audit log, so nothing shows it is of this register {0}: {1}", fi: "varmuuskopiossa ei ole rekisterin tunnusta eikä lokia, joten mikään ei osoita sen olevan tästä rekisteristä {0}: {1}", sv: "säkerhetskopian har varken register-id eller granskningslogg, så ingenting visar att den är av det här registret {0}: {1}" },
        Restored { en: "restored {0} records from {1}; {2} erasures recorded since were applied again; kept from the register: {3} records added since, {4} rows of rights exercised and duties done since", fi: "palautettiin {0} tietuetta tiedostosta {1}; {2} sen jälkeen kirjattua poistoa tehtiin uudelleen; rekisteristä säilytettiin: {3} sen jälkeen lisättyä tietuetta, {4} riviä sen jälkeen käytettyjä oikeuksia ja hoidettuja velvollisuuksia", sv: "{0} poster återställdes från {1}; {2} raderingar som registrerats sedan dess gjordes på nytt; bevarat från registret: {3} poster tillagda sedan dess, {4} rader med rättigheter som utövats och skyldigheter som fullgjorts sedan dess" },
        ScratchLeft { en: "{0} looks like the scratch copy of a restore that was killed; it holds personal data: remove it once no restore is running", fi: "{0} näyttää keskeytetyn palautuksen väliaikaiselta kopiolta; siinä on henkilötietoja: poista se, kun yhtään palautusta ei ole käynnissä", sv: "{0} ser ut som den tillfälliga kopian av en avbruten återställning; den innehåller personuppgifter: ta bort den när ingen återställning pågår" },

        // The register file (store).
        Busy { en: "the register stayed locked by another privreg (an import, a backup) for longer than PRIVREG_BUSY_TIMEOUT ({0} s): nothing was done; try again when it has finished, or set PRIVREG_BUSY_TIMEOUT to wait longer", fi: "toinen privreg (tuonti, varmuuskopio) piti rekisteriä lukittuna yli PRIVREG_BUSY_TIMEOUT-ajan ({0} s): mitään ei tehty; yritä uudelleen, kun se on valmis, tai pidennä odotusta muuttujalla PRIVREG_BUSY_TIMEOUT", sv: "registret hölls låst av en annan privreg (en import, en säkerhetskopiering) längre än PRIVREG_BUSY_TIMEOUT ({0} s): ingenting gjordes; försök igen när den är klar, eller sätt PRIVREG_BUSY_TIMEOUT för att vänta längre" },
        ReadOnly { en: "the register or the directory it is in cannot be written: privreg needs to write the file and to create its journal files (-wal, -shm) beside it; nothing was written", fi: "rekisteriin tai sen hakemistoon ei voi kirjoittaa: privregin on voitava kirjoittaa tiedostoon ja luoda sen viereen lokitiedostot (-wal, -shm); mitään ei tallennettu", sv: "registret eller katalogen det ligger i kan inte skrivas: privreg måste kunna skriva filen och skapa dess journalfiler (-wal, -shm) bredvid den; ingenting sparades" },
        Damaged { en: "the register file is damaged or not a SQLite file", fi: "rekisteritiedosto on vioittunut tai se ei ole SQLite-tiedosto", sv: "registerfilen är skadad eller ingen SQLite-fil" },
        CannotOpen { en: "the register file cannot be opened", fi: "rekisteritiedostoa ei voi avata", sv: "registerfilen kan inte öppnas" },
        DiskFull { en: "the disk is full: nothing was written", fi: "levy on täynnä: mitään ei tallennettu", sv: "disken är full: ingenting sparades" },
        IoError { en: "input/output error on the register file: {0}", fi: "rekisteritiedoston luku- tai kirjoitusvirhe: {0}", sv: "in-/utmatningsfel i registerfilen: {0}" },
        // Passphrases and key slots (SPEC §7).
        PassphraseTooShort { en: "a passphrase has at least {0} characters", fi: "tunnuslauseessa on vähintään {0} merkkiä", sv: "en lösenfras har minst {0} tecken" },
        NoTerminal { en: "a passphrase is needed and there is no terminal to ask it on: set {0} to a file (mode 0600) holding it, or run `privreg unlock` first", fi: "tarvitaan tunnuslause, eikä sitä voi kysyä päätteeltä: aseta {0} osoittamaan tiedostoon (tila 0600), jossa se on, tai aja ensin `privreg unlock`", sv: "en lösenfras behövs och det finns ingen terminal att fråga efter den på: sätt {0} till en fil (läge 0600) som innehåller den, eller kör `privreg unlock` först" },
        CannotReadPassphrase { en: "cannot read the passphrase: {0}", fi: "tunnuslausetta ei voi lukea: {0}", sv: "kan inte läsa lösenfrasen: {0}" },
        PassphrasesDiffer { en: "the two passphrases differ", fi: "tunnuslauseet eroavat toisistaan", sv: "de två lösenfraserna skiljer sig" },
        CannotReadFile { en: "{0}: cannot read {1}: {2}", fi: "{0}: tiedostoa {1} ei voi lukea: {2}", sv: "{0}: kan inte läsa {1}: {2}" },
        FileReadableByOthers { en: "{0}: {1} can be read by others (mode {2}): run `chmod 600 {1}`", fi: "{0}: muut voivat lukea tiedoston {1} (tila {2}): aja `chmod 600 {1}`", sv: "{0}: {1} kan läsas av andra (läge {2}): kör `chmod 600 {1}`" },
        NoKeyringHere { en: "the kernel keyring is not available here ({0}): use PRIVREG_PASSPHRASE_FILE or type the passphrase", fi: "ytimen avainrengas ei ole käytettävissä ({0}): käytä muuttujaa PRIVREG_PASSPHRASE_FILE tai kirjoita tunnuslause", sv: "kärnans nyckelring är inte tillgänglig här ({0}): använd PRIVREG_PASSPHRASE_FILE eller skriv lösenfrasen" },
        KeyringRefusedKey { en: "the kernel keyring refused the key: {0}", fi: "ytimen avainrengas ei hyväksynyt avainta: {0}", sv: "kärnans nyckelring vägrade ta emot nyckeln: {0}" },
        KeyringRefusedTimeout { en: "the kernel keyring refused a timeout: {0}", fi: "ytimen avainrengas ei hyväksynyt aikarajaa: {0}", sv: "kärnans nyckelring vägrade ta emot en tidsgräns: {0}" },
        Keyring { en: "the kernel keyring: {0}", fi: "ytimen avainrengas: {0}", sv: "kärnans nyckelring: {0}" },
        NoKeyring { en: "no kernel keyring on this system: use PRIVREG_PASSPHRASE_FILE or type the passphrase", fi: "tässä järjestelmässä ei ole ytimen avainrengasta: käytä muuttujaa PRIVREG_PASSPHRASE_FILE tai kirjoita tunnuslause", sv: "det här systemet har ingen nyckelring i kärnan: använd PRIVREG_PASSPHRASE_FILE eller skriv lösenfrasen" },
        SlotsDamaged { en: "the key slots of the register are damaged ({0}): restore the `-keys` file from where it was copied, or open a backup", fi: "rekisterin avainpaikat ovat vioittuneet ({0}): palauta `-keys`-tiedosto sieltä, mistä se kopioitiin, tai avaa varmuuskopio", sv: "registrets nyckelplatser är skadade ({0}): återställ `-keys`-filen från där den kopierades, eller öppna en säkerhetskopia" },
        SlotsNewer { en: "the key slots are of version {0}, newer than this privreg: upgrade privreg", fi: "avainpaikat ovat versiota {0}, joka on tätä privregiä uudempi: päivitä privreg", sv: "nyckelplatserna är av version {0}, nyare än den här privreg: uppgradera privreg" },
        SlotsMissing { en: "{0} is sealed but its key slots ({1}) are missing: copy the register with its `-keys` file, or open a backup made by `privreg backup`", fi: "{0} on salattu, mutta sen avainpaikat ({1}) puuttuvat: kopioi rekisteri yhdessä sen `-keys`-tiedoston kanssa tai avaa komennolla `privreg backup` tehty varmuuskopio", sv: "{0} är förseglad men dess nyckelplatser ({1}) saknas: kopiera registret tillsammans med dess `-keys`-fil, eller öppna en säkerhetskopia gjord med `privreg backup`" },
        // init (SPEC §3).
        WhoIsFirstAdmin { en: "cannot tell who the first admin is: give --admin NAME", fi: "ensimmäistä pääkäyttäjää ei tunnistettu: anna --admin NIMI", sv: "kan inte avgöra vem den första administratören är: ange --admin NAMN" },
        AlreadyRegister { en: "{0} is already a register; nothing was changed", fi: "{0} on jo rekisteri; mitään ei muutettu", sv: "{0} är redan ett register; ingenting ändrades" },
        NoCheckpointLogged { en: "no checkpoint was logged: {0}", fi: "tarkistuspistettä ei kirjattu: {0}", sv: "ingen kontrollpunkt loggades: {0}" },
        Created { en: "created {0} with admin {1}", fi: "luotiin {0}, pääkäyttäjänä {1}", sv: "{0} skapades med administratören {1}" },
        CreatedOnServer { en: "created the register on {0} with admin {1}", fi: "luotiin rekisteri palvelimelle {0}, pääkäyttäjänä {1}", sv: "registret skapades på {0} med administratören {1}" },
        MadeLoginRole { en: "made the login role {0} for the first admin, without a password: set one with psql's \\password", fi: "luotiin ensimmäiselle pääkäyttäjälle kirjautumisrooli {0} ilman salasanaa: aseta salasana psql:n komennolla \\password", sv: "inloggningsrollen {0} skapades för den första administratören, utan lösenord: sätt ett med psql:s \\password" },
        AsOtherRole { en: "--as (or PRIVREG_OPERATOR) names another role than the one that logs in ({0}): on a server the operator is the role the server authenticates", fi: "--as (tai PRIVREG_OPERATOR) nimeää eri roolin kuin kirjautuva rooli ({0}): palvelimella käyttäjä on se rooli, jonka palvelin tunnistaa", sv: "--as (eller PRIVREG_OPERATOR) anger en annan roll än den som loggar in ({0}): på en server är användaren den roll som servern autentiserar" },

        // The register file, waiting for it (SPEC §6).
        NoRegister { en: "no register at {0}\nhelp: run `privreg init` to create one, or give --db", fi: "polussa {0} ei ole rekisteriä\nohje: luo rekisteri komennolla `privreg init` tai anna --db", sv: "inget register vid {0}\nhjälp: kör `privreg init` för att skapa ett, eller ange --db" },
        NotARegister { en: "{0} is not a privreg register", fi: "{0} ei ole privreg-rekisteri", sv: "{0} är inte ett privreg-register" },
        BadBusyTimeout { en: "{0} must be a number of seconds from 0 to 86400 (default {1}), not {2}", fi: "{0}:n on oltava sekuntimäärä väliltä 0–86400 (oletus {1}), ei {2}", sv: "{0} måste vara ett antal sekunder från 0 till 86400 (standard {1}), inte {2}" },
        Waiting { en: "waiting for the register: another privreg (an import, a backup) is writing to it; waiting up to {0} s ({1})", fi: "odotetaan rekisteriä: toinen privreg (tuonti, varmuuskopio) kirjoittaa siihen; odotetaan enintään {0} s ({1})", sv: "väntar på registret: en annan privreg (en import, en säkerhetskopiering) skriver till det; väntar högst {0} s ({1})" },
        WorldReadable { en: "{0} can be read by every user of this machine (mode {1}); it holds personal data: run `chmod o= {0}`", fi: "tämän koneen kaikki käyttäjät voivat lukea tiedoston {0} (tila {1}); siinä on henkilötietoja: aja `chmod o= {0}`", sv: "{0} kan läsas av alla användare på den här datorn (läge {1}); den innehåller personuppgifter: kör `chmod o= {0}`" },
        // audit verify (SPEC §8).
        NoCheckpointFile { en: "no checkpoint file {0}", fi: "tarkistuspistetiedostoa {0} ei ole", sv: "kontrollpunktsfilen {0} finns inte" },
        ContradictsCheckpoint { en: "audit log altered: it contradicts checkpoint {0} (entry {1}, taken {2}): {3}", fi: "lokia on muutettu: se on ristiriidassa tarkistuspisteen {0} kanssa (merkintä {1}, otettu {2}): {3}", sv: "granskningsloggen har ändrats: den motsäger kontrollpunkten {0} (post {1}, tagen {2}): {3}" },
        EntryAltered { en: "audit log altered: entry {0} {1}", fi: "lokia on muutettu: merkintä {0} {1}", sv: "granskningsloggen har ändrats: post {0} {1}" },
        Intact { en: "audit log intact: {0} entries{1}\nhead: entry {2} {3}", fi: "loki on eheä: {0} merkintää{1}\nviimeisin: merkintä {2} {3}", sv: "granskningsloggen är intakt: {0} poster{1}\nsenaste: post {2} {3}" },
        AgreesOne { en: ", agrees with 1 checkpoint", fi: ", täsmää 1 tarkistuspisteeseen", sv: ", stämmer med 1 kontrollpunkt" },
        AgreesMany { en: ", agrees with {0} checkpoints", fi: ", täsmää {0} tarkistuspisteeseen", sv: ", stämmer med {0} kontrollpunkter" },
        // controller (SPEC §5).
        ControllerNothingGiven { en: "give at least one of --name, --business-id, --address, --contact-person, --contact-phone, --contact-email, --checkpoint-log, --no-checkpoint-log", fi: "anna vähintään yksi valitsimista --name, --business-id, --address, --contact-person, --contact-phone, --contact-email, --checkpoint-log, --no-checkpoint-log", sv: "ange minst en av --name, --business-id, --address, --contact-person, --contact-phone, --contact-email, --checkpoint-log, --no-checkpoint-log" },
        PathNotUtf8 { en: "the path is not UTF-8", fi: "polku ei ole UTF-8-muotoinen", sv: "sökvägen är inte UTF-8" },
    }
}

#[cfg(test)]
mod tests {
    use super::A;
    use crate::messages::Lang;

    fn places(t: &str) -> Vec<String> {
        let mut p: Vec<String> = t
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(n, _)| n.to_string()))
            .collect();
        p.sort();
        p.dedup();
        p
    }

    #[test]
    fn every_admin_key_has_the_same_places_in_each_language() {
        for k in A::ALL {
            let [en, fi, sv] = [Lang::En, Lang::Fi, Lang::Sv].map(|l| k.text(l));
            assert_eq!(places(en), places(fi), "{k:?}");
            assert_eq!(places(en), places(sv), "{k:?}");
            assert!(!fi.trim().is_empty() && !sv.trim().is_empty(), "{k:?}");
        }
    }
}
