-- Server mode, schema version 2: the rows every register starts with,
-- those of a new register file at SQLite schema version 5 (schema.sql and
-- migrations/*.sql), written out from one with flags as booleans: the
-- registers and their notice texts, purposes, retention policy, adequacy
-- decisions, what each register declares, notice categories.

INSERT INTO registers (name, prefix, title_en, title_fi, subjects_en, subjects_fi, sources_en, sources_fi, requirement_en, requirement_fi) VALUES
 ('customer', 'C', 'Customer and marketing register', 'Asiakas- ja markkinointirekisteri', 'consumer customers and marketing contacts', 'kuluttaja-asiakkaat ja markkinoinnin yhteyshenkilöt', 'the person themselves: web forms, e-mail, phone, contracts and meetings', 'rekisteröity itse: www-lomakkeet, sähköposti, puhelin, sopimukset ja asiakastapaamiset', 'Giving the contact and billing data is a requirement for entering into and performing the customer contract, and the Accounting Act 1336/1997 requires the billing data to be kept: without them we cannot deliver or bill our services. Giving data for marketing is voluntary: not giving them has no effect on the customer relationship.', 'Yhteys- ja laskutustietojen antaminen on asiakassopimuksen tekemisen ja täyttämisen edellytys, ja kirjanpitolaki 1336/1997 velvoittaa säilyttämään laskutustiedot: ilman niitä emme voi toimittaa emmekä laskuttaa palveluitamme. Markkinointia varten tietojen antaminen on vapaaehtoista, eikä niiden antamatta jättäminen vaikuta asiakassuhteeseen.'),
 ('business', 'B', 'Register of business customers and their decision-makers', 'Yritysasiakkaiden ja niiden päättäjien rekisteri', 'contact persons, responsible persons, shareholders, owners, beneficial owners and representatives of customer companies', 'asiakasyritysten yhteys- ja vastuuhenkilöt, osakkaat, omistajat, edunsaajat ja edustajat', 'the person and their organisation; the Trade Register and other public sources for due diligence', 'rekisteröity ja hänen organisaationsa; kaupparekisteri ja muut julkiset lähteet asiakkaan tuntemiseksi', 'The Act on Preventing Money Laundering and Terrorist Financing 444/2017 requires us to identify the representatives and beneficial owners of our customer companies: without these data we may not establish or continue the customer relationship (chapter 3). The contact details are needed to perform the contract with the company.', 'Laki rahanpesun ja terrorismin rahoittamisen estämisestä 444/2017 velvoittaa meidät tunnistamaan asiakasyritysten edustajat ja tosiasialliset edunsaajat: ilman näitä tietoja emme saa aloittaa emmekä jatkaa asiakassuhdetta (3 luku). Yhteystiedot tarvitaan yrityksen kanssa tehdyn sopimuksen täyttämiseen.'),
 ('employee', 'E', 'Employee register', 'Työntekijärekisteri', 'employees and trainees', 'työntekijät ja harjoittelijat', 'the employee; the Tax Administration for tax details', 'työntekijä itse; Verohallinto verotustietojen osalta', 'The data are required by the employment contract and by law (the Employment Contracts Act 55/2001, tax and social insurance legislation): without them the employment cannot begin and pay cannot be paid.', 'Tietojen antaminen on työsopimuksen ja lain (työsopimuslaki 55/2001, vero- ja sosiaalivakuutuslainsäädäntö) edellyttämää: ilman niitä työsuhdetta ei voida aloittaa eikä palkkaa maksaa.'),
 ('recruitment', 'R', 'Recruitment register', 'Rekrytointirekisteri', 'job applicants', 'työnhakijat', 'the applicant: application, CV and interviews; references the applicant named', 'hakija itse: hakemus, ansioluettelo ja haastattelut; hakijan ilmoittamat suosittelijat', 'Applying is voluntary and so is giving the data, but an application without them cannot be considered. Personality and aptitude assessments are made only with the applicant''s consent (Act on the Protection of Privacy in Working Life 759/2004, section 13).', 'Hakeminen ja tietojen antaminen ovat vapaaehtoisia, mutta hakemusta ei voida ottaa huomioon ilman niitä. Henkilö- ja soveltuvuusarviointeja tehdään vain hakijan suostumuksella (laki yksityisyyden suojasta työelämässä 759/2004, 13 §).');

INSERT INTO purposes (name, title_en, title_fi, seeded) VALUES
 ('customer-relationship', 'managing the customer relationship', 'asiakassuhteen hoitaminen', true),
 ('billing', 'billing', 'laskutus', true),
 ('debt-collection', 'collecting receivables', 'maksusaatavien perintä', true),
 ('marketing', 'direct marketing of own and partners'' services', 'omien ja yhteistyökumppanien palveluiden suoramarkkinointi', true),
 ('remote-selling', 'remote selling', 'etämyynti', true),
 ('market-research', 'market and opinion research', 'markkina- ja mielipidetutkimukset', true),
 ('profiling', 'profiling for relevant offers', 'profilointi relevanttien tarjousten kohdentamiseksi', true),
 ('customer-acquisition', 'acquiring new customers', 'uusasiakashankinta', true),
 ('aml-due-diligence', 'customer due diligence under the AML Act 444/2017', 'asiakkaan tunteminen rahanpesulain 444/2017 mukaisesti', true),
 ('employment', 'managing the employment relationship', 'työsuhteen hoitaminen', true),
 ('payroll', 'payroll and taxation', 'palkanmaksu ja verotus', true),
 ('recruitment', 'recruitment and assessment of applicants', 'rekrytointi ja hakijoiden arviointi', true),
 ('security', 'information security and prevention of misuse', 'tietoturva ja väärinkäytösten ehkäisy', true),
 ('support', 'customer support', 'asiakastuki', true),
 ('orders', 'orders, deliveries and payments', 'tilausten, toimitusten ja maksujen hoitaminen', true),
 ('user-accounts', 'creating and managing user accounts of the services', 'palveluiden käyttäjätilien luominen ja ylläpito', true),
 ('newsletter', 'sending the newsletter and customer bulletins', 'uutiskirjeen ja asiakastiedotteiden lähettäminen', true),
 ('web-analytics', 'web analytics and cookies: improving the websites and their content', 'verkkosivujen analytiikka ja evästeet: sivustojen ja sisällön parantaminen', true),
 ('service-development', 'developing and improving the products, services and websites', 'tuotteiden, palveluiden ja sivustojen kehittäminen', true);

INSERT INTO retention_policy (register, retention_months, hold_months, hold_overridable, ground_en, ground_fi, from_year_end) VALUES
 ('customer', 72, 0, true, 'Accounting Act 1336/1997 2:10 (business correspondence and vouchers): 6 years from the end of the calendar year in which the relationship ended', 'kirjanpitolaki 1336/1997 2:10 (liikekirjeenvaihto ja tositteet): 6 vuotta sen kalenterivuoden päättymisestä, jona asiakkuus päättyi', true),
 ('business', 60, 60, false, 'Act on Preventing Money Laundering and Terrorist Financing 444/2017, chapter 3 §3: due-diligence data 5 years after the relationship ended', 'laki rahanpesun ja terrorismin rahoittamisen estämisestä 444/2017, 3 luku 3 §: asiakkaan tuntemistiedot 5 vuotta asiakkuuden päättymisestä', false),
 ('employee', 120, 120, true, 'Employment Contracts Act 55/2001 6:7: a certificate of employment may be asked for within 10 years of the end', 'työsopimuslaki 55/2001 6:7: työtodistusta voi pyytää 10 vuoden ajan työsuhteen päättymisestä', false),
 ('recruitment', 24, 12, true, 'Non-Discrimination Act 1325/2014 and Equality Act 609/1986: claims within one year of the decision; kept 2 years (Data Protection Ombudsman 6652/154/19)', 'yhdenvertaisuuslaki 1325/2014 ja tasa-arvolaki 609/1986: kanne vuoden kuluessa päätöksestä; säilytys 2 vuotta (tietosuojavaltuutettu 6652/154/19)', false);

INSERT INTO adequacy (country, name, decision, needs_dpf, note_en, note_fi) VALUES
 ('AD', 'Andorra', '2010/625/EU', false, NULL, NULL),
 ('AR', 'Argentina', '2003/490/EC', false, NULL, NULL),
 ('BR', 'Brazil', '2026/179', false, NULL, NULL),
 ('CA', 'Canada (commercial organisations subject to PIPEDA)', '2002/2/EC', false, 'commercial organisations subject to PIPEDA only', 'vain PIPEDA-lain alaiset kaupalliset organisaatiot'),
 ('FO', 'Faroe Islands', '2010/146/EU', false, NULL, NULL),
 ('GG', 'Guernsey', '2003/821/EC', false, NULL, NULL),
 ('IL', 'Israel', '2011/61/EU', false, NULL, NULL),
 ('IM', 'Isle of Man', '2004/411/EC', false, NULL, NULL),
 ('JP', 'Japan', '2019/419', false, NULL, NULL),
 ('JE', 'Jersey', '2008/393/EC', false, NULL, NULL),
 ('NZ', 'New Zealand', '2013/65/EU', false, NULL, NULL),
 ('KR', 'Republic of Korea', '2022/254', false, NULL, NULL),
 ('CH', 'Switzerland', '2000/518/EC', false, NULL, NULL),
 ('GB', 'United Kingdom', '2021/1772', false, 'renewed by the Commission on 19 December 2025, valid until 27 December 2031', 'uusittu komission päätöksellä 19.12.2025, voimassa 27.12.2031 asti'),
 ('UY', 'Uruguay', '2012/484/EU', false, NULL, NULL),
 ('US', 'United States (EU-US Data Privacy Framework certified organisations only)', '2023/1795', true, 'organisations certified under the EU–U.S. Data Privacy Framework only', 'vain EU:n ja Yhdysvaltojen väliseen tietosuojakehykseen sertifioidut organisaatiot');

INSERT INTO register_purposes (register, purpose, basis, law, interest_en, interest_fi) VALUES
 ('customer', 'customer-relationship', 'contract', NULL, NULL, NULL),
 ('customer', 'billing', 'legal-obligation', 'Accounting Act 1336/1997', NULL, NULL),
 ('customer', 'debt-collection', 'legitimate-interest', NULL, 'collecting receivables that arise from the customer relationship', 'asiakassuhteesta syntyneiden maksusaatavien periminen'),
 ('customer', 'marketing', 'consent', NULL, NULL, NULL),
 ('customer', 'marketing', 'legitimate-interest', NULL, 'marketing our own similar services to existing customers, and by phone and post, unless the person has refused it', 'omien vastaavien palveluiden markkinointi nykyisille asiakkaille sekä puhelimitse ja postitse, ellei henkilö ole kieltänyt sitä'),
 ('customer', 'remote-selling', 'legitimate-interest', NULL, 'offering our services by phone to customers who have not refused it', 'palveluidemme tarjoaminen puhelimitse asiakkaille, jotka eivät ole kieltäneet sitä'),
 ('customer', 'market-research', 'legitimate-interest', NULL, 'developing our services through market and opinion research among our customers', 'palveluidemme kehittäminen asiakkaille tehtävien markkina- ja mielipidetutkimusten avulla'),
 ('customer', 'customer-acquisition', 'legitimate-interest', NULL, 'finding new customers for our services', 'uusien asiakkaiden hankkiminen palveluillemme'),
 ('customer', 'support', 'contract', NULL, NULL, NULL),
 ('business', 'customer-relationship', 'legitimate-interest', NULL, 'keeping in touch with the contact persons of our customer companies to perform the contract with the company', 'yhteydenpito asiakasyritystemme yhteyshenkilöihin yrityksen kanssa tehdyn sopimuksen täyttämiseksi'),
 ('business', 'billing', 'legal-obligation', 'Accounting Act 1336/1997', NULL, NULL),
 ('business', 'debt-collection', 'legitimate-interest', NULL, 'collecting receivables that arise from the customer relationship', 'asiakassuhteesta syntyneiden maksusaatavien periminen'),
 ('business', 'aml-due-diligence', 'legal-obligation', 'Act on Preventing Money Laundering and Terrorist Financing 444/2017', NULL, NULL),
 ('business', 'marketing', 'legitimate-interest', NULL, 'marketing our services to business customers and their decision-makers, who may refuse it at any time', 'palveluidemme markkinointi yritysasiakkaille ja niiden päättäjille, jotka voivat kieltää sen milloin tahansa'),
 ('business', 'customer-acquisition', 'legitimate-interest', NULL, 'finding new business customers for our services', 'uusien yritysasiakkaiden hankkiminen palveluillemme'),
 ('employee', 'employment', 'contract', NULL, NULL, NULL),
 ('employee', 'payroll', 'legal-obligation', 'Employment Contracts Act 55/2001, chapter 2', NULL, NULL),
 ('recruitment', 'recruitment', 'contract', NULL, NULL, NULL);

INSERT INTO notice_categories (kind, name, title_en, title_fi, registers, seeded) VALUES
 ('recipient', 'authority', 'public authorities, where the law requires or allows it', 'viranomaiset lakiin perustuvan velvollisuuden tai valtuutuksen perusteella', 'customer business employee recruitment', true),
 ('recipient', 'debt-collection', 'debt collection agencies, to collect late invoices and other receivables', 'perintäyhtiöt myöhästyneiden laskujen ja muiden saatavien perimiseksi', 'customer business', true),
 ('recipient', 'business-transfer', 'buyers and other parties where the business is sold or reorganised', 'ostajat ja muut osapuolet, jos liiketoiminta myydään tai sitä järjestellään uudelleen', 'customer business', true),
 ('recipient', 'processor', 'processors who handle the data on our behalf under a contract and may not use them for themselves', 'henkilötietojen käsittelijät, jotka käsittelevät tietoja lukuumme sopimuksen perusteella eivätkä saa käyttää niitä omiin tarkoituksiinsa', 'customer business employee recruitment', true),
 ('source', 'person', 'the person themselves', 'rekisteröity itse', 'customer business employee recruitment', true),
 ('source', 'public-registers', 'public registers such as the Trade Register', 'julkiset rekisterit, kuten kaupparekisteri', 'business', true),
 ('source', 'partners', 'our marketing partners and other third parties, within the law', 'markkinointikumppanimme ja muut kolmannet osapuolet lain sallimissa rajoissa', 'customer', true);

INSERT INTO meta (key, value) VALUES ('adequacy_list_date', '2026-01');
