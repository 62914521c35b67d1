-- Schema version 5 (issue #18): the firm's whole processing.
--
-- Activities of the controller outside the four registers, the firm's own
-- processors (Art. 28), the clients for whom it is a processor (Art. 30(2)),
-- what each register declares in advance (purposes, recipients, sources,
-- Art. 13(2)(e)), published notice versions, the customer retention limit
-- counted from the end of the calendar year (Accounting Act 2:10), and the
-- corrected adequacy facts (Canada's scope, the UK renewal).

-- Purposes the firm's own notice names beyond the register purposes.
INSERT OR IGNORE INTO purposes (name, title_en, title_fi, seeded) VALUES
 ('orders', 'orders, deliveries and payments', 'tilausten, toimitusten ja maksujen hoitaminen', 1),
 ('user-accounts', 'creating and managing user accounts of the services', 'palveluiden käyttäjätilien luominen ja ylläpito', 1),
 ('newsletter', 'sending the newsletter and customer bulletins', 'uutiskirjeen ja asiakastiedotteiden lähettäminen', 1),
 ('web-analytics', 'web analytics and cookies: improving the websites and their content', 'verkkosivujen analytiikka ja evästeet: sivustojen ja sisällön parantaminen', 1),
 ('service-development', 'developing and improving the products, services and websites', 'tuotteiden, palveluiden ja sivustojen kehittäminen', 1);

-- A processing activity of the controller outside the registers.
CREATE TABLE activities (
    name        TEXT PRIMARY KEY,
    basis       TEXT CHECK (basis IN ('consent', 'contract', 'legal-obligation', 'vital-interest', 'public-task', 'legitimate-interest')),
    law         TEXT,
    note        TEXT,
    subjects    TEXT NOT NULL,
    data        TEXT NOT NULL,
    source      TEXT,
    recipients  TEXT,
    system      TEXT,
    retention   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    ended_on    TEXT
) STRICT;

CREATE TABLE activity_purposes (
    activity TEXT NOT NULL REFERENCES activities(name),
    purpose  TEXT NOT NULL REFERENCES purposes(name),
    PRIMARY KEY (activity, purpose)
) STRICT;

CREATE TABLE activity_transfers (
    activity      TEXT NOT NULL REFERENCES activities(name),
    country       TEXT NOT NULL,
    dpf_certified INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (activity, country)
) STRICT;

-- The firm's own processors and their Art. 28 contracts.
CREATE TABLE processors (
    name          TEXT PRIMARY KEY,
    business_id   TEXT NOT NULL,
    country       TEXT NOT NULL,
    service       TEXT NOT NULL,
    data          TEXT NOT NULL,
    contract_date TEXT,
    contract_ref  TEXT,
    dpf_certified INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    ended_on      TEXT
) STRICT;

-- The clients for whom the firm is a processor (Art. 28, 30(2)).
CREATE TABLE clients (
    name          TEXT PRIMARY KEY,
    business_id   TEXT NOT NULL,
    contact       TEXT,
    contract_date TEXT,
    contract_ref  TEXT,
    terms         TEXT,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    ended_on      TEXT
) STRICT;

CREATE TABLE client_processing (
    id         INTEGER PRIMARY KEY,
    client     TEXT NOT NULL REFERENCES clients(name),
    category   TEXT NOT NULL,
    subjects   TEXT NOT NULL,
    data       TEXT NOT NULL,
    security   TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
) STRICT;

CREATE TABLE client_sub_processors (
    processing INTEGER NOT NULL REFERENCES client_processing(id),
    processor  TEXT NOT NULL REFERENCES processors(name),
    PRIMARY KEY (processing, processor)
) STRICT;

CREATE TABLE client_transfers (
    processing    INTEGER NOT NULL REFERENCES client_processing(id),
    country       TEXT NOT NULL,
    dpf_certified INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (processing, country)
) STRICT;

-- What each register declares before any record exists: its purposes with
-- their bases and, for legitimate interests, the interest in words.
CREATE TABLE register_purposes (
    register    TEXT NOT NULL REFERENCES registers(name),
    purpose     TEXT NOT NULL REFERENCES purposes(name),
    basis       TEXT NOT NULL CHECK (basis IN ('consent', 'contract', 'legal-obligation', 'vital-interest', 'public-task', 'legitimate-interest')),
    law         TEXT,
    interest_en TEXT,
    interest_fi TEXT,
    PRIMARY KEY (register, purpose, basis)
) STRICT;
INSERT INTO register_purposes VALUES
 ('customer', 'customer-relationship', 'contract', NULL, NULL, NULL),
 ('customer', 'billing', 'legal-obligation', 'Accounting Act 1336/1997', NULL, NULL),
 ('customer', 'debt-collection', 'legitimate-interest', NULL,
  'collecting receivables that arise from the customer relationship', 'asiakassuhteesta syntyneiden maksusaatavien periminen'),
 ('customer', 'marketing', 'consent', NULL, NULL, NULL),
 ('customer', 'marketing', 'legitimate-interest', NULL,
  'marketing our own similar services to existing customers, and by phone and post, unless the person has refused it',
  'omien vastaavien palveluiden markkinointi nykyisille asiakkaille sekä puhelimitse ja postitse, ellei henkilö ole kieltänyt sitä'),
 ('customer', 'remote-selling', 'legitimate-interest', NULL,
  'offering our services by phone to customers who have not refused it', 'palveluidemme tarjoaminen puhelimitse asiakkaille, jotka eivät ole kieltäneet sitä'),
 ('customer', 'market-research', 'legitimate-interest', NULL,
  'developing our services through market and opinion research among our customers', 'palveluidemme kehittäminen asiakkaille tehtävien markkina- ja mielipidetutkimusten avulla'),
 ('customer', 'customer-acquisition', 'legitimate-interest', NULL,
  'finding new customers for our services', 'uusien asiakkaiden hankkiminen palveluillemme'),
 ('customer', 'support', 'contract', NULL, NULL, NULL),
 ('business', 'customer-relationship', 'legitimate-interest', NULL,
  'keeping in touch with the contact persons of our customer companies to perform the contract with the company',
  'yhteydenpito asiakasyritystemme yhteyshenkilöihin yrityksen kanssa tehdyn sopimuksen täyttämiseksi'),
 ('business', 'billing', 'legal-obligation', 'Accounting Act 1336/1997', NULL, NULL),
 ('business', 'debt-collection', 'legitimate-interest', NULL,
  'collecting receivables that arise from the customer relationship', 'asiakassuhteesta syntyneiden maksusaatavien periminen'),
 ('business', 'aml-due-diligence', 'legal-obligation', 'Act on Preventing Money Laundering and Terrorist Financing 444/2017', NULL, NULL),
 ('business', 'marketing', 'legitimate-interest', NULL,
  'marketing our services to business customers and their decision-makers, who may refuse it at any time',
  'palveluidemme markkinointi yritysasiakkaille ja niiden päättäjille, jotka voivat kieltää sen milloin tahansa'),
 ('business', 'customer-acquisition', 'legitimate-interest', NULL,
  'finding new business customers for our services', 'uusien yritysasiakkaiden hankkiminen palveluillemme'),
 ('employee', 'employment', 'contract', NULL, NULL, NULL),
 ('employee', 'payroll', 'legal-obligation', 'Employment Contracts Act 55/2001, chapter 2', NULL, NULL),
 ('recruitment', 'recruitment', 'contract', NULL, NULL, NULL);

-- Art. 13(2)(e): whether giving the data is a statutory or contractual
-- requirement, and what follows from not giving them.
ALTER TABLE registers ADD COLUMN requirement_en TEXT;
ALTER TABLE registers ADD COLUMN requirement_fi TEXT;
UPDATE registers SET
 requirement_en = 'Giving the contact and billing data is a requirement for entering into and performing the customer contract, and the Accounting Act 1336/1997 requires the billing data to be kept: without them we cannot deliver or bill our services. Giving data for marketing is voluntary: not giving them has no effect on the customer relationship.',
 requirement_fi = 'Yhteys- ja laskutustietojen antaminen on asiakassopimuksen tekemisen ja täyttämisen edellytys, ja kirjanpitolaki 1336/1997 velvoittaa säilyttämään laskutustiedot: ilman niitä emme voi toimittaa emmekä laskuttaa palveluitamme. Markkinointia varten tietojen antaminen on vapaaehtoista, eikä niiden antamatta jättäminen vaikuta asiakassuhteeseen.'
 WHERE name = 'customer';
UPDATE registers SET
 requirement_en = 'The Act on Preventing Money Laundering and Terrorist Financing 444/2017 requires us to identify the representatives and beneficial owners of our customer companies: without these data we may not establish or continue the customer relationship (chapter 3). The contact details are needed to perform the contract with the company.',
 requirement_fi = 'Laki rahanpesun ja terrorismin rahoittamisen estämisestä 444/2017 velvoittaa meidät tunnistamaan asiakasyritysten edustajat ja tosiasialliset edunsaajat: ilman näitä tietoja emme saa aloittaa emmekä jatkaa asiakassuhdetta (3 luku). Yhteystiedot tarvitaan yrityksen kanssa tehdyn sopimuksen täyttämiseen.'
 WHERE name = 'business';
UPDATE registers SET
 requirement_en = 'The data are required by the employment contract and by law (the Employment Contracts Act 55/2001, tax and social insurance legislation): without them the employment cannot begin and pay cannot be paid.',
 requirement_fi = 'Tietojen antaminen on työsopimuksen ja lain (työsopimuslaki 55/2001, vero- ja sosiaalivakuutuslainsäädäntö) edellyttämää: ilman niitä työsuhdetta ei voida aloittaa eikä palkkaa maksaa.'
 WHERE name = 'employee';
UPDATE registers SET
 requirement_en = 'Applying is voluntary and so is giving the data, but an application without them cannot be considered. Personality and aptitude assessments are made only with the applicant''s consent (Act on the Protection of Privacy in Working Life 759/2004, section 13).',
 requirement_fi = 'Hakeminen ja tietojen antaminen ovat vapaaehtoisia, mutta hakemusta ei voida ottaa huomioon ilman niitä. Henkilö- ja soveltuvuusarviointeja tehdään vain hakijan suostumuksella (laki yksityisyyden suojasta työelämässä 759/2004, 13 §).'
 WHERE name = 'recruitment';

-- Categories of recipients and of sources the notice names in advance,
-- per register (space-separated) or for all; seeded from the firm's own
-- notice, and an admin may add or remove them.
CREATE TABLE notice_categories (
    kind      TEXT NOT NULL CHECK (kind IN ('recipient', 'source')),
    name      TEXT NOT NULL,
    title_en  TEXT NOT NULL,
    title_fi  TEXT NOT NULL,
    registers TEXT NOT NULL DEFAULT 'customer business employee recruitment',
    seeded    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, name)
) STRICT;
INSERT INTO notice_categories VALUES
 ('recipient', 'authority', 'public authorities, where the law requires or allows it', 'viranomaiset lakiin perustuvan velvollisuuden tai valtuutuksen perusteella', 'customer business employee recruitment', 1),
 ('recipient', 'debt-collection', 'debt collection agencies, to collect late invoices and other receivables', 'perintäyhtiöt myöhästyneiden laskujen ja muiden saatavien perimiseksi', 'customer business', 1),
 ('recipient', 'business-transfer', 'buyers and other parties where the business is sold or reorganised', 'ostajat ja muut osapuolet, jos liiketoiminta myydään tai sitä järjestellään uudelleen', 'customer business', 1),
 ('recipient', 'processor', 'processors who handle the data on our behalf under a contract and may not use them for themselves', 'henkilötietojen käsittelijät, jotka käsittelevät tietoja lukuumme sopimuksen perusteella eivätkä saa käyttää niitä omiin tarkoituksiinsa', 'customer business employee recruitment', 1),
 ('source', 'person', 'the person themselves', 'rekisteröity itse', 'customer business employee recruitment', 1),
 ('source', 'public-registers', 'public registers such as the Trade Register', 'julkiset rekisterit, kuten kaupparekisteri', 'business', 1),
 ('source', 'partners', 'our marketing partners and other third parties, within the law', 'markkinointikumppanimme ja muut kolmannet osapuolet lain sallimissa rajoissa', 'customer', 1);

-- Published versions of the notice, with their SHA-256.
CREATE TABLE notice_versions (
    version      INTEGER PRIMARY KEY,
    published_on TEXT NOT NULL,
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL,
    lang         TEXT NOT NULL,
    format       TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    text         TEXT NOT NULL
) STRICT;

-- DOMAIN §5: the customer limit counts from the end of the calendar year
-- in which the relationship ended (Accounting Act 1336/1997 2:10).
ALTER TABLE retention_policy ADD COLUMN from_year_end INTEGER NOT NULL DEFAULT 0;
UPDATE retention_policy SET from_year_end = 1,
 ground_en = 'Accounting Act 1336/1997 2:10 (business correspondence and vouchers): 6 years from the end of the calendar year in which the relationship ended',
 ground_fi = 'kirjanpitolaki 1336/1997 2:10 (liikekirjeenvaihto ja tositteet): 6 vuotta sen kalenterivuoden päättymisestä, jona asiakkuus päättyi'
 WHERE register = 'customer' AND retention_months = 72;

-- DOMAIN §8: the scope of a decision, and the UK renewal.
ALTER TABLE adequacy ADD COLUMN note_en TEXT;
ALTER TABLE adequacy ADD COLUMN note_fi TEXT;
UPDATE adequacy SET name = 'Canada (commercial organisations subject to PIPEDA)',
 note_en = 'commercial organisations subject to PIPEDA only',
 note_fi = 'vain PIPEDA-lain alaiset kaupalliset organisaatiot' WHERE country = 'CA';
UPDATE adequacy SET name = 'United Kingdom',
 note_en = 'renewed by the Commission on 19 December 2025, valid until 27 December 2031',
 note_fi = 'uusittu komission päätöksellä 19.12.2025, voimassa 27.12.2031 asti' WHERE country = 'GB';
UPDATE adequacy SET
 note_en = 'organisations certified under the EU–U.S. Data Privacy Framework only',
 note_fi = 'vain EU:n ja Yhdysvaltojen väliseen tietosuojakehykseen sertifioidut organisaatiot' WHERE country = 'US';
