//! The keyness fixture: one consultation on a draft childcare bill ("Wet toekomst
//! kinderopvang": direct funding of providers, a maximum hourly price, stricter staff rules and
//! more inspections), with 175 responses written to look like the real site's mix.
//!
//! - 35 organisations (sector bodies, unions, GGD's, municipalities, foundations, a few
//!   companies), each with its own formal text of three to six sentences, some over two
//!   questions, some with a heading line in capitals or a numbered list. 31 of them write
//!   [`ORG_WORDS`]`[0]` ("uitvoeringspraktijk") and 29 write [`ORG_WORDS`]`[1]`
//!   ("implementatietermijn"), 27 both; several more than once, sentence-initial, in capitals
//!   in a heading, once next to the plural "implementatietermijnen". Six write only one of them
//!   and two neither. Names are written as organisations write them: legal forms in front or
//!   behind, an abbreviation in brackets, a department or a person in brackets, all capitals
//!   once, lower-case "stichting"/"gemeente" once.
//! - 100 private persons ("Anoniem" for half of them, initials, first names, full names; places
//!   as typed, one in lower case), informal texts of one to five sentences: stories, complaints,
//!   questions, a few one-liners. Two of them write "uitvoeringspraktijk" and two
//!   "implementatietermijn" (people with a civil-service background do).
//! - A campaign of 40 copies of one letter, sent by 40 different member organisations (small
//!   childcare companies and foundations) of the trade association that also responds itself.
//!   The letter repeats [`CAMPAIGN_WORD`] ("sluitingsgolf") three times and contains neither
//!   of [`ORG_WORDS`]; nobody else writes that word. Copies vary as pasted letters do: a
//!   greeting or none, an opening line naming the sender and its town, an added sentence about
//!   the location, a dropped sentence, a signature or none, one paragraph or several lines,
//!   and small typos in a few — but stay well over 80 % the same text.
//!
//! Responses are dated over the four weeks of the consultation (8 September – 6 October 2025):
//! people throughout, the campaign in a burst of five days, organisations mostly in the last
//! ten days. The listing is newest first, 100 to a page.

use super::fixture::response;
use super::server::FixtureSite;
use super::site::{FixtureConsultation, FixtureResponse};

pub const SLUG: &str = "wet-toekomst-kinderopvang";
/// The two words organisations use far more often than individuals (lowercase, no accents,
/// single words as the index reads them).
pub const ORG_WORDS: [&str; 2] = ["uitvoeringspraktijk", "implementatietermijn"];
/// The word the campaign of 40 copies repeats (lowercase single word).
pub const CAMPAIGN_WORD: &str = "sluitingsgolf";

/// (name, place, answer to Vraag1, answer to Vraag2 or "" for none).
type Row = (&'static str, &'static str, &'static str, &'static str);

/// The organisations, each in its own words.
const ORGANISATIONS: &[Row] = &[
    (
        "Brancheorganisatie Kinderopvang Nederland",
        "Utrecht",
        "Namens onze ruim tweeduizend aangesloten ondernemers reageren wij op het wetsvoorstel. \
         Wij onderschrijven het doel om kinderopvang voor alle ouders toegankelijk te maken, maar \
         de huidige tekst schiet tekort waar het om de uitvoeringspraktijk gaat. Een maximale \
         uurprijs die wordt vastgesteld op cijfers van twee jaar oud dekt de loonstijgingen uit de \
         cao niet. Uitvoeringspraktijk en wetgeving lopen hier uiteen: wie zich aan de regels \
         houdt, draait verlies.",
        "Wij vragen om een implementatietermijn van ten minste achttien maanden na publicatie van \
         de algemene maatregel van bestuur. Zonder die implementatietermijn kunnen onze leden hun \
         contracten met ouders en hun personeelsplanning niet tijdig aanpassen.",
    ),
    (
        "Branchevereniging Maatschappelijke Kinderopvang (BMK)",
        "Utrecht",
        "De BMK vertegenwoordigt kinderopvangorganisaties zonder winstoogmerk. Onze leden \
         herinvesteren elke euro in kwaliteit, en juist daarom raakt een krap berekende uurprijs \
         hen hard. Wij hebben het voorstel naast de uitvoeringspraktijk van twaalf lidorganisaties \
         gelegd en zien dat de administratieve lasten bij directe financiering eerder toe- dan \
         afnemen. Het ministerie gaat uit van een implementatietermijn van zes maanden; dat achten \
         wij onhaalbaar voor organisaties die tegelijk hun facturatiesystemen moeten vervangen. Wij \
         pleiten voor een gefaseerde invoering, eerst in een beperkt aantal regio's.",
        "",
    ),
    (
        "Belangenvereniging Ouders in de Kinderopvang (BOK)",
        "Utrecht",
        "Als belangenbehartiger van ouders verwelkomen wij het einde van de terugvorderingen die \
         gezinnen jarenlang in de problemen hebben gebracht. Tegelijk horen wij van ouders dat \
         wachtlijsten in hun regio oplopen tot meer dan een jaar. Een lagere eigen bijdrage helpt \
         niet wanneer er geen plek is.",
        "Wij vragen het kabinet in de memorie van toelichting uit te werken hoe de \
         uitvoeringspraktijk bij het plaatsen van kinderen eruit komt te zien, en welke voorrang \
         bijvoorbeeld alleenstaande ouders krijgen. Ook vragen wij een implementatietermijn die \
         ouders ruim de tijd geeft om hun afspraken met de opvang te herzien.",
    ),
    (
        "FNV (A. Yilmaz)",
        "Amsterdam",
        "De FNV reageert namens de pedagogisch medewerkers die bij ons zijn aangesloten. Het werk \
         in de kinderopvang is zwaar en wordt slecht betaald, en dit voorstel verandert daar niets \
         aan. In de uitvoeringspraktijk zien wij nu al groepen die op invalkrachten draaien omdat \
         vaste krachten uitvallen. Een verplichting tot vaste gezichten zonder extra geld voor \
         salarissen legt de rekening bij de werkvloer. Wij vragen om een implementatietermijn die \
         pas ingaat nadat cao-partijen afspraken over loonruimte hebben kunnen maken.",
        "",
    ),
    (
        "CNV Zorg & Welzijn",
        "Utrecht",
        "CNV Zorg & Welzijn heeft een peiling gehouden onder 640 leden die in de kinderopvang \
         werken. Ruim zeventig procent van hen verwacht dat de werkdruk door het voorstel \
         toeneemt. Onze leden wijzen erop dat het toezicht in de uitvoeringspraktijk nu al veel \
         papierwerk vraagt, waardoor tijd voor de kinderen verloren gaat. Wij adviseren de \
         registratieplicht te vereenvoudigen en tegelijk met de nieuwe financiering in te voeren, \
         zodat er één implementatietermijn geldt in plaats van drie losse \
         implementatietermijnen na elkaar.",
        "",
    ),
    (
        "GGD Hollands Midden",
        "Leiden",
        "TOEZICHT EN HANDHAVING\n\
         De GGD Hollands Midden voert jaarlijks ruim negenhonderd inspecties uit bij \
         kinderopvanglocaties en gastouders in onze regio. Het voorstel breidt het aantal \
         verplichte onderzoeken uit, maar zegt niets over de bekostiging daarvan door gemeenten. \
         Uitvoeringspraktijk leert dat extra taken zonder extra middelen leiden tot minder \
         onaangekondigde bezoeken. Wij vragen de wetgever de implementatietermijn af te stemmen op \
         de tijd die nodig is om inspecteurs op te leiden: minimaal een jaar.",
        "",
    ),
    (
        "GGD Gelderland-Zuid",
        "Nijmegen",
        "Namens de afdeling toezicht kinderopvang van GGD Gelderland-Zuid geven wij graag onze \
         reactie. Wij steunen het voornemen om het inspectiekader te verduidelijken. Wel wijzen \
         wij op de uitvoeringspraktijk bij gastouderopvang: een gastouder die thuis werkt, is \
         lastig onaangekondigd te bezoeken, terwijl het wetsvoorstel ervan uitgaat dat dit zonder \
         meer kan. Wij stellen voor om voor gastouderopvang een aparte implementatietermijn op te \
         nemen en de inspectiefrequentie daar risicogestuurd te bepalen.",
        "",
    ),
    (
        "GGD GHOR Nederland",
        "Utrecht",
        "GGD GHOR Nederland behartigt de belangen van de 25 GGD'en. Wij hebben de voorgestelde \
         wijzigingen besproken met de inspecteurs kinderopvang in alle regio's.\n\
         1. Uitvoeringspraktijk: de extra inspecties bij nieuwe locaties vragen naar schatting \
         veertig extra formatieplaatsen, landelijk.\n\
         2. Implementatietermijn: die formatie is niet binnen een half jaar te werven; wij vragen \
         om minimaal twaalf maanden.\n\
         3. Gegevensuitwisseling: het landelijk register moet eerst technisch op orde zijn.\n\
         Wij gaan graag met het ministerie in gesprek over een realistische planning.",
        "",
    ),
    (
        "Gemeente Rotterdam",
        "Rotterdam",
        "Het college van burgemeester en wethouders van Rotterdam maakt graag gebruik van de \
         mogelijkheid om te reageren. Rotterdam kent veel wijken waar ouders nu geen formele \
         opvang gebruiken, terwijl hun kinderen juist baat hebben bij voorschoolse educatie. Wij \
         vrezen dat de nieuwe financiering de uitvoeringspraktijk van onze VVE-aanpak verstoort, \
         omdat peuteropvang en kinderopvang verschillend bekostigd blijven. Wij verzoeken u te \
         zorgen voor één bekostigingsstelsel en een implementatietermijn die aansluit op het \
         schooljaar. De gemeente is bereid als proeftuin mee te werken.",
        "",
    ),
    (
        "Gemeente Enschede (afdeling Onderwijs)",
        "Enschede",
        "De gemeente Enschede is verantwoordelijk voor het toezicht op de kinderopvang en voor de \
         voorschoolse educatie. In de uitvoeringspraktijk is de samenwerking met de GGD goed, maar \
         de budgetten staan onder druk. Het voorstel voegt taken toe zonder te vermelden hoe het \
         gemeentefonds wordt aangevuld.",
        "Wij vragen om compensatie en om een implementatietermijn van ten minste een jaar na de \
         bekendmaking van de bedragen. Daarnaast wijzen wij op grensarbeiders uit Duitsland, die \
         in het voorstel niet genoemd worden.",
    ),
    (
        "gemeente Súdwest-Fryslân",
        "Sneek",
        "Onze gemeente bestaat uit meer dan tachtig dorpen. In veel van die dorpen staat één \
         kleine locatie, vaak gecombineerd met de basisschool. Verdwijnt die locatie, dan moeten \
         ouders twintig minuten of langer rijden. De uitvoeringspraktijk op het platteland \
         verschilt sterk van die in de stad, en dat zien wij niet terug in de maximale uurprijs. \
         Wij vragen om een toeslag voor kleine kernen en willen de implementatietermijn gebruiken \
         om samen met aanbieders te bekijken welke locaties extra steun nodig hebben.",
        "",
    ),
    (
        "Vereniging van Nederlandse Gemeenten (VNG)",
        "Den Haag",
        "Namens alle gemeenten vraagt de VNG aandacht voor de financiële en bestuurlijke gevolgen \
         van het wetsvoorstel. Gemeenten zijn verantwoordelijk voor registratie, toezicht en \
         handhaving, en die taken nemen toe. Wij missen een uitvoeringstoets waarin de \
         uitvoeringspraktijk bij gemeenten serieus is meegenomen. Het Rijk moet volgens de \
         Financiële-verhoudingswet de extra kosten vergoeden. Een implementatietermijn korter dan \
         een jaar is voor gemeenten niet te realiseren, mede omdat verordeningen en mandaten \
         moeten worden aangepast.",
        "",
    ),
    (
        "Koninklijke Vereniging van Ondernemers in Opvang en Onderwijs",
        "Den Haag",
        "IMPLEMENTATIETERMIJN\n\
         Wij vertegenwoordigen ondernemers die opvang, buitenschoolse activiteiten en bijles \
         aanbieden. Onze leden hebben personeel, huurcontracten en leningen afgestemd op het \
         huidige stelsel. Wie de spelregels wijzigt, moet de implementatietermijn ruim nemen; wij \
         stellen twee jaar voor.\n\
         UITVOERINGSPRAKTIJK\n\
         De verplichte aansluiting op een landelijk betaalsysteem kost een kleine onderneming al \
         snel enkele duizenden euro's. Graag zien wij in de uitvoeringspraktijk een vrijstelling \
         of tegemoetkoming voor ondernemers met minder dan drie locaties.",
        "",
    ),
    (
        "Stichting Kinderopvang Amsterdam-Noord",
        "Amsterdam",
        "Wij zijn een stichting met veertien locaties in Amsterdam-Noord, waar veel gezinnen met \
         een laag inkomen wonen. Voor deze ouders is het wetsvoorstel een grote verbetering, dat \
         willen wij vooropstellen. Onze zorg betreft de overgang: in de uitvoeringspraktijk moeten \
         wij maandenlang twee systemen naast elkaar draaien, de oude toeslag voor lopende jaren en \
         de nieuwe financiering. Een implementatietermijn die midden in een kalenderjaar eindigt, \
         maakt dat extra ingewikkeld. Laat de nieuwe wet ingaan op 1 januari, en niet eerder.",
        "",
    ),
    (
        "STICHTING KINDCENTRA TWENTE",
        "Hengelo",
        "Stichting Kindcentra Twente verzorgt de opvang binnen elf integrale kindcentra, waar \
         school en opvang onder één dak werken. Het voorstel behandelt kinderopvang nog steeds als \
         iets wat los staat van het onderwijs. Uitvoeringspraktijk in onze kindcentra is dat een \
         kind 's ochtends naar de groep gaat en 's middags naar de bso, met dezelfde mentor. De \
         nieuwe regels voor vaste gezichten passen daar slecht bij. Wij vragen ruimte voor \
         integrale kindcentra en een implementatietermijn waarin wij met de inspectie een passend \
         kader kunnen uitwerken.",
        "",
    ),
    (
        "stichting Peuterwerk Drenthe",
        "Assen",
        "Wij bieden peuteropvang in kleine gemeenten in Drenthe, meestal twee ochtenden per week. \
         Veel van onze peuters komen uit gezinnen die nooit kinderopvangtoeslag hebben \
         aangevraagd. Het is onduidelijk of de nieuwe financiering ook voor peuteropvang gaat \
         gelden. Graag zien wij dat de wetgever de uitvoeringspraktijk van peuteropvang apart \
         beschrijft en een eigen implementatietermijn voor onze sector vastlegt, zodat \
         vrijwilligers en kleine teams tijd hebben om zich voor te bereiden.",
        "",
    ),
    (
        "Vereniging Gastouderbureaus Nederland",
        "Amersfoort",
        "REACTIE VAN DE VERENIGING GASTOUDERBUREAUS NEDERLAND\n\
         Gastouderopvang is voor ruim honderdduizend kinderen de vorm van opvang waar ouders \
         bewust voor kiezen. Het wetsvoorstel schrijft voor dat gastouders vanaf de \
         inwerkingtreding een diploma op mbo-niveau 3 hebben. In de uitvoeringspraktijk heeft \
         ongeveer een kwart van de gastouders dat niet, terwijl zij vaak al jaren uitstekend werk \
         doen.",
        "Wij vragen een overgangsregeling en een implementatietermijn van drie jaar voor scholing. \
         De eisen aan bemiddelingsbureaus zijn bovendien zo zwaar dat kleinere bureaus zullen \
         stoppen; dat raakt juist gastouders op het platteland.",
    ),
    (
        "Stichting Gastouders Samen",
        "Zwolle",
        "Wij zijn een stichting van en voor gastouders. Onze leden vangen kinderen op in hun \
         eigen huis, vaak op flexibele tijden voor ouders die in de zorg of in ploegendienst \
         werken. Uitvoeringspraktijk: een gastouder die om zes uur 's ochtends begint, kan niet \
         ook nog wekelijks uren besteden aan een nieuw registratiesysteem. Een implementatietermijn \
         van een paar maanden is voor ons niet genoeg. Wij vragen het ministerie om een eenvoudige \
         app of een formulier, getest met gastouders zelf.",
        "",
    ),
    (
        "Kindergroep Lindenhof B.V.",
        "Haarlem",
        "Kindergroep Lindenhof exploiteert drie kinderdagverblijven en twee bso-locaties in \
         Haarlem en Heemstede. Wij hebben de gevolgen van de maximale uurprijs doorgerekend: bij \
         de voorgestelde bedragen dekken wij onze huurkosten in Heemstede niet meer. De \
         uitvoeringspraktijk is dat huurprijzen per wijk sterk verschillen, en daar houdt een \
         landelijk tarief geen rekening mee. Wij verzoeken u regionale differentiatie te \
         onderzoeken binnen de implementatietermijn, en de uurprijs niet vast te leggen voordat dat \
         onderzoek klaar is.",
        "",
    ),
    (
        "De Speeltuin Kinderopvang BV",
        "Breda",
        "Als middelgrote aanbieder in West-Brabant volgen wij de plannen al jaren. Wij zijn blij \
         dat het kabinet kiest voor directe financiering, want de toeslag bracht veel ouders in de \
         problemen. Voor ons bedrijf is wel cruciaal hoe snel de betalingen van de uitvoerder \
         binnenkomen: als wij maanden op geld moeten wachten, komen de salarissen in gevaar.",
        "In de implementatietermijn moet de uitvoerder aantonen dat betalingen binnen dertig dagen \
         plaatsvinden. Alleen dan sluit de nieuwe wet aan op de uitvoeringspraktijk van \
         ondernemers die elke maand hun personeel moeten betalen. Implementatietermijn en \
         betaaltermijn horen wat ons betreft allebei in de wet.",
    ),
    (
        "Stichting Kind & Toekomst",
        "Den Haag",
        "Stichting Kind & Toekomst zet zich in voor gelijke kansen voor jonge kinderen. Wij \
         steunen het wetsvoorstel op hoofdlijnen, omdat het de drempel voor ouders met een laag \
         inkomen verlaagt. Tegelijk vrezen wij dat in de uitvoeringspraktijk vooral hoogopgeleide \
         ouders de vrijgekomen plekken bezetten. Wij vragen het kabinet een voorrangsregel op te \
         nemen voor kinderen met een indicatie voor voorschoolse educatie. Gebruik de \
         implementatietermijn om met gemeenten en aanbieders te volgen wie er daadwerkelijk \
         gebruikmaakt van de opvang.",
        "",
    ),
    (
        "Landelijk Netwerk Buitenschoolse Opvang",
        "Utrecht",
        "Het Landelijk Netwerk Buitenschoolse Opvang vertegenwoordigt aanbieders van bso. De \
         buitenschoolse opvang wordt in het voorstel als bijzaak behandeld. Onze leden werken met \
         kinderen van vier tot twaalf jaar, vaak in gymzalen, buurthuizen of schoolgebouwen, en \
         die uitvoeringspraktijk vraagt andere regels dan een babygroep. Wij vragen de regering om \
         een aparte uurprijs voor bso en om een eigen implementatietermijn die rekening houdt met \
         de zomervakantie, de drukste periode van ons jaar. Uitvoeringspraktijk en \
         vakantieplanning hangen bij ons immers nauw samen.",
        "",
    ),
    (
        "Stichting Sociaal Fonds Kinderopvang",
        "Utrecht",
        "Het Sociaal Fonds Kinderopvang ondersteunt werkgevers en werknemers met scholing en \
         arbeidsmarktbeleid. In de sector staan op dit moment ongeveer vierduizend vacatures open. \
         De verplichting tot vaste gezichten en de hogere kwalificatie-eisen vergroten die \
         tekorten. Wij vragen de wetgever de uitvoeringspraktijk van opleidingen serieus te nemen: \
         een bbl-traject duurt twee tot drie jaar. Een kortere implementatietermijn levert dus geen \
         extra gekwalificeerde medewerkers op.",
        "",
    ),
    (
        "Vereniging Kleinschalige Kinderopvang",
        "Apeldoorn",
        "De Vereniging Kleinschalige Kinderopvang telt ruim vierhonderd leden, vaak ondernemers \
         met één of twee locaties. Zij hebben ons gevraagd hun zorgen over de maximale uurprijs \
         over te brengen; velen van hen reageren daarnaast zelf. Kleinschalige opvang heeft per \
         kind hogere vaste kosten dan grote ketens. De uitvoeringspraktijk van een kleine \
         ondernemer is dat zij zelf de planning, de administratie en de oudergesprekken doet.",
        "Wij vragen om een opslag voor locaties met minder dan veertig kindplaatsen en om een \
         implementatietermijn van minimaal twee jaar.",
    ),
    (
        "Vereniging Integrale Kindcentra Nederland",
        "Zeist",
        "IKC's brengen onderwijs en opvang samen voor kinderen van nul tot dertien jaar. Onze \
         vereniging ziet in dit wetsvoorstel een gemiste kans om die samenwerking wettelijk te \
         verankeren. De uitvoeringspraktijk laat zien dat schoolbesturen en opvangorganisaties elk \
         hun eigen regels, cao en toezicht hebben, waardoor een doorgaande leerlijn vaak op papier \
         blijft. Wij verzoeken u binnen de implementatietermijn een experimenteerbepaling op te \
         nemen voor kindcentra die verder willen gaan.",
        "",
    ),
    (
        "Beroepsvereniging Pedagogisch Professionals",
        "Utrecht",
        "Onze beroepsvereniging vertegenwoordigt pedagogisch medewerkers, coaches en \
         beleidsmedewerkers. Wij missen in het voorstel een visie op de pedagogische kwaliteit \
         zelf; het gaat vooral over geld. In de uitvoeringspraktijk bepaalt de vaste band tussen \
         medewerker en kind de kwaliteit, en daarom steunen wij de eis van vaste gezichten, mits \
         er tijd komt om teams op te bouwen. Een implementatietermijn van minstens een jaar lijkt \
         ons nodig.",
        "Daarnaast vragen wij om een beroepsregister, zodat de professionaliteit van onze leden \
         zichtbaar wordt.",
    ),
    (
        "Stichting Kinderopvang met Zorg",
        "Eindhoven",
        "Stichting Kinderopvang met Zorg biedt opvang aan kinderen met een ontwikkelingsachterstand \
         of een chronische ziekte. Voor hen is de combinatie van opvang en zorg essentieel, maar de \
         financiering loopt via verschillende wetten. Het wetsvoorstel maakt niet duidelijk hoe de \
         nieuwe uurprijs zich verhoudt tot de Jeugdwet en de Wet langdurige zorg. In de \
         uitvoeringspraktijk kunnen ouders daardoor met dubbele eigen bijdragen te maken krijgen. \
         Wij vragen u dit in de implementatietermijn op te lossen, samen met zorgverzekeraars en \
         gemeenten.",
        "",
    ),
    // Only the first of the two words.
    (
        "Gemeente Groningen",
        "Groningen",
        "Het college van de gemeente Groningen steunt de ambitie van het kabinet. Wij signaleren \
         wel dat de wachtlijsten in onze stad oplopen, vooral in nieuwbouwwijken. Voor nieuwe \
         locaties is ruimte nodig, en die is er nauwelijks. Wij vragen het Rijk gemeenten te \
         helpen bij het vinden van geschikte panden. De uitvoeringspraktijk van het ruimtelijk \
         beleid moet daarop worden aangepast, bijvoorbeeld door opvang in omgevingsplannen \
         eenvoudiger mogelijk te maken.",
        "",
    ),
    (
        "Platform Gastouderopvang Noord",
        "Leeuwarden",
        "Ons platform brengt gastouders en gastouderbureaus in Friesland, Groningen en Drenthe \
         samen. In het noorden is gastouderopvang in veel dorpen de enige vorm van opvang die er \
         nog is. De diploma-eis zonder overgangsrecht betekent dat ervaren gastouders stoppen. De \
         uitvoeringspraktijk van gastouders verdient een eigen hoofdstuk in de wet. Wij nodigen de \
         betrokken ambtenaren van harte uit om een dag mee te lopen met een gastouder in \
         Oost-Groningen.",
        "",
    ),
    (
        "Stichting Kinderopvang Zuid-Limburg",
        "Heerlen",
        "Namens onze stichting, met negentien locaties in Parkstad en de Westelijke Mijnstreek, \
         reageren wij op het voorstel. Zuid-Limburg krimpt: het aantal kinderen daalt, terwijl de \
         kosten per locatie gelijk blijven. Een landelijke maximale uurprijs gaat uit van een \
         gemiddelde bezetting die wij in krimpgebieden niet halen. Wij verzoeken u de \
         uitvoeringspraktijk in krimpregio's mee te wegen en een bezettingsfactor in de berekening \
         op te nemen.",
        "",
    ),
    (
        "Vereniging Montessori Kinderopvang",
        "Den Haag",
        "Onze vereniging verbindt kinderopvangorganisaties die werken volgens de \
         montessoripedagogiek. Gemengde leeftijdsgroepen zijn een kern van onze aanpak, en het \
         voorstel beperkt de mogelijkheden daarvoor door strengere eisen per leeftijdscategorie. \
         Uitvoeringspraktijk bij onze leden laat zien dat gemengde groepen juist rust en \
         zelfstandigheid bevorderen. Wij vragen om een uitzondering voor opvang met een erkend \
         pedagogisch concept.",
        "",
    ),
    // Only the second.
    (
        "Werkgeversvereniging Opvang & Welzijn",
        "Utrecht",
        "Werkgeversvereniging Opvang & Welzijn vertegenwoordigt werkgevers die samen ruim \
         zestigduizend mensen in dienst hebben. De cao loopt tot eind 2026, en de afspraken over \
         loonstijging zijn gemaakt op basis van de huidige financiering. Wij vragen het kabinet de \
         implementatietermijn te laten aansluiten op de looptijd van de cao. Daarnaast verzoeken \
         wij de indexering van de uurprijs te koppelen aan de werkelijke loonontwikkeling in de \
         sector en niet aan een algemeen gemiddelde.",
        "",
    ),
    (
        "Stichting Rechtshulp Toeslagouders",
        "Rotterdam",
        "Onze stichting helpt ouders die gedupeerd zijn door de toeslagenaffaire. Voor hen is het \
         einde van de kinderopvangtoeslag een opluchting, maar ook een bron van wantrouwen: zij \
         willen weten wie straks hun gegevens beheert. Wij vragen nadrukkelijk om een \
         onafhankelijke klachtenregeling en een loket waar ouders terechtkunnen. Die voorzieningen \
         moeten er zijn bij het begin van de implementatietermijn, niet aan het einde ervan. \
         Gedupeerde ouders mogen niet opnieuw de dupe worden van haast.",
        "",
    ),
    // Neither.
    (
        "Kinderopvanggroep Rivierenland B.V.",
        "Tiel",
        "Wij exploiteren zes locaties in de Betuwe en het Land van Maas en Waal. Onze ervaring is \
         dat ouders vooral behoefte hebben aan duidelijkheid over wat zij straks zelf betalen. Kunt \
         u in de toelichting een rekenvoorbeeld opnemen voor een gezin met twee kinderen, één op \
         het kinderdagverblijf en één op de bso? Dan kunnen wij onze klanten goed informeren.",
        "",
    ),
    (
        "Stichting VVE Netwerk Utrecht",
        "Utrecht",
        "Het VVE Netwerk Utrecht is een samenwerking van peuteropvang, scholen en \
         consultatiebureaus in de stad. Wij zijn positief over de lagere eigen bijdrage, maar \
         vragen aandacht voor de zestien uur voorschoolse educatie die peuters met een indicatie \
         krijgen. Die uren moeten kosteloos blijven, ook als de ouders niet werken. Graag zien wij \
         dat dit uitdrukkelijk in de wettekst wordt vastgelegd.",
        "",
    ),
];

/// Private persons, each in their own words.
const INDIVIDUALS: &[Row] = &[
    ("Anoniem", "Utrecht", "Ik heb twee kinderen op de opvang en betaal nu bijna duizend euro per maand, ook na de toeslag. Als dit voorstel dat halveert ben ik er heel blij mee. Maar ik geloof het pas als ik het zie.", ""),
    ("J. de Vries", "Zwolle", "Wij hebben in 2019 ruim achtduizend euro moeten terugbetalen omdat mijn uren verkeerd waren doorgegeven. Dat heeft ons jaren stress gekost. Fijn dat dit systeem eindelijk verdwijnt, zorg alsjeblieft dat het nieuwe niet weer zo ingewikkeld wordt.", ""),
    ("Fatima el Amrani", "Rotterdam", "Mijn dochter staat al veertien maanden op de wachtlijst. Ik werk in de thuiszorg en moet nu uren inleveren omdat er geen plek is. Goedkopere opvang heeft geen zin als er geen plekken zijn!", ""),
    ("Anoniem", "Amersfoort", "Waarom moet ik als belastingbetaler meebetalen aan opvang voor mensen die zelf voor kinderen kiezen? Wij hebben onze kinderen zelf opgevoed, mijn vrouw is thuisgebleven. Daar kregen wij ook niks voor.", ""),
    ("Pieter", "Groningen", "Goed plan, eindelijk doet het kabinet iets. Hopelijk komt het er ook echt.", ""),
    ("Anoniem", "Den Haag", "Ik werk zelf als pedagogisch medewerker op een babygroep. We hebben nu al elke week invallers omdat collega's ziek zijn of vertrekken. Als de opvang bijna gratis wordt komen er meer kinderen maar niet meer collega's. Ik maak me echt zorgen over de kwaliteit.", ""),
    ("M. Bakker", "Leeuwarden", "Mijn moeder past twee dagen per week op onze zoon. Zij krijgt daar niets voor, terwijl een gastouder straks wel door de overheid betaald wordt. Kan er niet ook iets voor opa's en oma's geregeld worden?", ""),
    ("Anoniem", "Tilburg", "Ik ben zzp'er en mijn uren wisselen elke maand. Met de toeslag moest ik steeds schatten en achteraf terugbetalen. Als het nieuwe systeem niet meer naar uren kijkt is dat voor mij een enorme verbetering.", ""),
    ("Sanne Hoekstra", "Heerenveen", "In ons dorp is de enige opvang vorig jaar dichtgegaan. Ik rij nu elke ochtend een half uur om mijn kinderen weg te brengen.", "Wat doet deze wet voor mensen op het platteland?"),
    ("Anoniem", "Almere", "Alleenstaande moeder van drie. Zonder opvang kan ik niet werken, zonder werk kan ik de opvang niet betalen. Dit voorstel is voor mij echt een verschil van dag en nacht.", ""),
    ("R. Kok", "Apeldoorn", "Ik snap niet waarom dit pas in 2027 ingaat. Mijn jongste zit dan al op school. Kan het niet sneller?", ""),
    ("Anoniem", "Eindhoven", "Onze zoon heeft autisme en kan niet naar een gewone bso. De speciale opvang wordt betaald uit de Jeugdwet en daar moeten we elk jaar opnieuw voor vechten bij de gemeente. Ik lees in dit voorstel niets over kinderen zoals de onze.", ""),
    ("Kees", "Hoorn", "Ik ben opa en haal drie middagen per week mijn kleinkinderen van school, met plezier hoor. Maar ik vraag me af of het wel goed is dat kinderen straks vijf dagen in de opvang zitten omdat het gratis is.", ""),
    ("Anoniem", "Arnhem", "Ik werk parttime omdat de opvang te duur is. Als die goedkoper wordt ga ik meer uren werken. Ik denk dat veel vrouwen in mijn situatie hetzelfde zullen doen.", ""),
    ("Lotte van Dam", "Utrecht", "Wij zijn net verhuisd naar Leidsche Rijn en er is in de hele wijk geen plek voor onze tweeling. Het kinderdagverblijf zei dat er wel ruimte is, maar geen personeel. Dus eerst personeel regelen, dan pas de prijs omlaag.", ""),
    ("Anoniem", "Enschede", "Als gastouder werk ik al twaalf jaar met heel veel plezier. Nu moet ik ineens een diploma halen terwijl ouders juist voor mij kiezen vanwege mijn ervaring. Ik ben 58, ik ga echt niet meer naar school. Dan stop ik ermee.", ""),
    ("H. Jansen", "Delft", "Als verpleegkundige werk ik onregelmatige diensten. De meeste kinderdagverblijven gaan om half zeven dicht. Ik hoop dat de nieuwe wet ook iets doet aan de openingstijden, anders heb ik er weinig aan.", ""),
    ("Anoniem", "Nijmegen", "Ik heb de stukken gelezen maar begrijp niet wat ik straks zelf moet betalen. Kan iemand dat gewoon in een voorbeeld uitrekenen? Nu weet ik niet of ik blij moet zijn of niet.", ""),
    ("Ahmed Benali", "Amsterdam", "Mijn vrouw en ik werken allebei fulltime in de horeca. Onze kinderen gaan nu drie dagen naar de opvang en de rest regelen we met familie. Gratis opvang zou ons veel rust geven. Ik steun dit voorstel.", ""),
    ("Anoniem", "Leiden", "Ik ben tegen. De kinderopvang wordt zo een verlengstuk van de staat. Jonge kinderen horen thuis, niet op een groep met vijftien andere baby's.", ""),
    ("Marieke", "Deventer", "Wij zijn bij de vorige terugvordering bijna ons huis kwijtgeraakt. Ik wil dat er een garantie komt dat ouders nooit meer met terugwerkende kracht hoeven te betalen.", "Schrijf dat alstublieft letterlijk in de wet."),
    ("Anoniem", "Breda", "De kwaliteit op ons kinderdagverblijf is de laatste twee jaar hard achteruitgegaan. Steeds nieuwe gezichten, mijn dochter huilt elke ochtend bij het wegbrengen. Prijs is niet het probleem, personeel wel.", ""),
    ("T. Visser", "Haarlem", "Ik ben leerkracht op een basisschool en zie elke dag hoeveel verschil de voorschool maakt voor kinderen die thuis geen Nederlands spreken. Zorg dat juist die kinderen voorrang krijgen. Nu gaan de plekken naar wie het snelst inschrijft.", ""),
    ("Anoniem", "Zoetermeer", "Geen opmerkingen, ik vind het een goed voorstel. Succes.", ""),
    ("Daan Mulder", "Hilversum", "Mijn partner en ik verdienen allebei goed. Eerlijk gezegd vind ik het vreemd dat wij straks bijna niks meer betalen. Laat de eigen bijdrage liever afhangen van het inkomen en geef het geld aan gezinnen die het echt nodig hebben.", ""),
    ("Anoniem", "'s-Hertogenbosch", "Waarom krijgen ouders die thuisblijven niets? Ik zorg fulltime voor mijn drie kinderen en daar is ook geld mee gemoeid. Dit voelt als straf voor een keuze die goed is voor de kinderen.", ""),
    ("Yvonne de Groot", "Alkmaar", "Ik werk op een bso. De kinderen komen na school moe binnen en wij hebben vaak alleen een gymzaal. Als de opvang gratis wordt wil ik ook dat er geld is voor een fatsoenlijke ruimte met een tuin.", ""),
    ("Anoniem", "Maastricht", "Wij wonen in Maastricht en werken allebei in België. Geldt deze regeling ook voor grensarbeiders? Ik kan dat nergens vinden in de tekst.", ""),
    ("B. Smit", "Gouda", "Het klinkt mooi, bijna gratis kinderopvang. Maar er is gewoon niet genoeg personeel. Het gaat erop uitdraaien dat de wachtlijsten nog langer worden en dat alleen mensen met connecties een plek krijgen.", ""),
    ("Anoniem", "Rotterdam", "Ik heb zelf de toeslagenaffaire meegemaakt. Ik lees dat de Dienst Toeslagen straks niet meer betrokken is, maar wie dan wel? Ik wil niet weer een instantie die mij als fraudeur behandelt.", ""),
    ("Noor", "Amsterdam", "Mijn kinderen gaan naar een montessori kinderdagverblijf met gemengde groepen. Dat werkt fantastisch, de oudere kinderen helpen de jongere. Ik lees dat dit misschien niet meer mag. Alsjeblieft niet!", ""),
    ("Anoniem", "Emmen", "Veel te duur voor de staatskas. Eerst de woningnood oplossen.", ""),
    ("G. Bos", "Harderwijk", "Ik heb een eenmanszaak als kapper en mijn inkomen schommelt. De huidige toeslag is daardoor elk jaar een gok. Ik ben voorstander van dit voorstel, als het maar eenvoudig blijft.", ""),
    ("Anoniem", "Utrecht", "Graag ook aandacht voor ouders die studeren. Ik zit in mijn laatste jaar hbo en krijg nu geen toeslag voor de uren dat ik stage loop. Klopt het dat dit straks wel kan?", ""),
    ("Joyce", "Vlaardingen", "Ik ben pedagogisch medewerker en verdien na acht jaar nog geen 2600 euro bruto. Iedereen heeft het over gratis opvang, niemand over ons salaris. Als er geen loonsverhoging komt vertrekken er nog meer collega's naar het onderwijs.", ""),
    ("Anoniem", "Assen", "Ik ben het er helemaal mee eens. Mijn zus woont in Denemarken en daar is dit al jaren geregeld. Waarom lukt dat hier niet gewoon?", ""),
    ("W. van den Berg", "Ede", "Ik ben bang dat de kleine, persoonlijke kinderdagverblijven verdwijnen en alleen de grote ketens overblijven. Ons kinderdagverblijf heeft twee groepen en de eigenaresse kent alle kinderen bij naam. Dat wil ik niet kwijt.", ""),
    ("Anoniem", "Heerlen", "Het is te ingewikkeld. Ik heb de brief drie keer gelezen.", ""),
    ("Ilse", "Den Helder", "Mijn man zit bij de marine en is maanden van huis. Ik heb flexibele opvang nodig, soms ook 's avonds. Een gastouder is voor ons de enige oplossing en ik hoop dat die niet onbetaalbaar of onvindbaar wordt door nieuwe eisen.", ""),
    ("Anoniem", "Purmerend", "We hebben zes jaar lang toeslag gehad zonder problemen. Ik begrijp niet waarom het hele systeem nu om moet. Als het werkt moet je het niet veranderen.", ""),
    ("K. Peters", "Venlo", "Wat ik mis in het voorstel is de positie van ouders met een handicap. Ik zit zelf in een rolstoel en werk niet, maar heb wel hulp nodig bij de opvang van mijn kinderen. Nu vallen wij overal tussen.", ""),
    ("Anoniem", "Amsterdam", "Prima dat het goedkoper wordt, maar controleer dan ook de winsten van de grote kinderopvangketens. Het kan niet zo zijn dat belastinggeld naar beleggers gaat.", ""),
    ("Esther", "Capelle aan den IJssel", "Ik woon naast mijn dochter en pas vier dagen per week op haar kinderen, als geregistreerde oppas. Valt dat straks ook onder de nieuwe regels of moet ik me opnieuw laten registreren?", ""),
    ("Anoniem", "Lelystad", "Ik ben gescheiden en de kinderen wonen om de week bij mij. Met de toeslag was het altijd onduidelijk wie er recht op had. Ik hoop dat dit straks per kind geregeld wordt, los van de ouders.", ""),
    ("F. Hendriks", "Helmond", "Ik heb op een kinderdagverblijf gewerkt en ben gestopt vanwege de werkdruk. Drie baby's in je eentje en dan ook nog de administratie bijhouden op een tablet. Verklein eerst de groepen voordat je iedereen gratis opvang belooft.", ""),
    ("Anoniem", "Schiedam", "Top! Mijn kinderen en ik zijn er blij mee.", ""),
    ("Sophie Willems", "Roermond", "Wij zijn verhuisd vanuit Duitsland. Daar betaalden we een vast, laag bedrag per maand en dat was heel overzichtelijk. Ik hoop dat Nederland voor iets vergelijkbaars kiest in plaats van weer een ingewikkelde berekening.", ""),
    ("Anoniem", "Dordrecht", "Onze oudste gaat naar de bso en de jongste naar de peuteropvang. Twee organisaties, twee rekeningen. Maak er alsjeblieft één regeling van.", ""),
    ("E. Yilmaz", "Zaandam", "Ik werk in een ziekenhuis en mijn diensten beginnen om zeven uur. Geen enkele opvang in Zaandam is dan al open. Dit voorstel lost mijn probleem niet op, want het gaat alleen over geld.", ""),
    ("Anoniem", "Zwolle", "Ik ben pedagogisch medewerker én moeder. Ik betaal zelf voor de opvang van mijn kind terwijl ik op een andere opvang werk.", "Krijgen medewerkers straks voorrang? Dat zou helpen om mensen in de sector te houden."),
    ("Bram", "Wageningen", "Ik ben student en heb geen kinderen, maar ik vind dit een goede investering. Kinderen die jong goed begeleid worden doen het later beter op school. Dat verdient zich terug.", ""),
    ("Anoniem", "Hengelo", "Stop met dat gepolder en voer het gewoon in. Dit plan ligt al jaren op de plank.", ""),
    ("C. de Jong", "Middelburg", "In Zeeland is het aanbod klein. Wij hebben één kinderdagverblijf in het dorp en dat zit vol. Het zou goed zijn als gemeenten de plicht krijgen om voldoende plekken te regelen, net als bij scholen.", ""),
    ("Anoniem", "Utrecht", "Ik heb een vraag over de overgang. Mijn zoon wordt in oktober 2026 geboren en gaat in het voorjaar van 2027 naar de opvang. Moet ik dan eerst nog toeslag aanvragen of meteen in het nieuwe systeem?", ""),
    ("Laura", "Groningen", "Als moeder van een kind met epilepsie vind ik het belangrijk dat de medewerkers goed opgeleid zijn. Ik ben daarom blij met strengere eisen aan het diploma. Liever een plek minder dan een groep zonder iemand die weet wat te doen bij een aanval.", ""),
    ("Anoniem", "Den Bosch", "Mijn gastouder is een schat en werkt al twintig jaar. Ze heeft geen diploma maar meer ervaring dan welke afgestudeerde ook. Als zij moet stoppen sta ik met lege handen.", ""),
    ("P. Vermeulen", "Oss", "De overheid heeft met de toeslagen zoveel ellende veroorzaakt. Ik vertrouw een nieuw systeem pas als alle gedupeerden eerst zijn gecompenseerd. Begin daar mee.", ""),
    ("Anoniem", "Amstelveen", "Wij werken allebei voor een internationaal bedrijf en betalen nu het volle tarief omdat we boven de inkomensgrens zitten. Voor ons scheelt dit voorstel duizenden euro's per jaar. Persoonlijk fijn, maar ik vraag me af of dit de juiste prioriteit is.", ""),
    ("Anoniem", "Katwijk", "Ik ben christen en ik vind dat moeders bij hun kinderen horen als die klein zijn. Dit plan duwt vrouwen de arbeidsmarkt op. Ik ben er tegen.", ""),
    ("Mo", "Utrecht", "Als vader van twee wil ik zeggen: dank jullie wel. Dit scheelt ons veel geld en gedoe. Ik hoop dat de plekken er snel komen.", ""),
    ("Anoniem", "Alphen aan den Rijn", "Kinderopvang is onderwijs, geen product. Haal de winst uit de sector en maak er een publieke voorziening van. Dit voorstel is een halve stap.", ""),
    ("J.P. Koster", "Sittard", "Mijn vrouw werkt bij de gemeente en vertelt dat er nu al te weinig inspecteurs zijn. Hoe gaat het toezicht straks betaald worden? Dat lees ik nergens.", ""),
    ("Anoniem", "Amersfoort", "Wij hebben een dochter van twee en een baby op komst. De wachtlijst voor de babygroep is anderhalf jaar. Moeten we nu al inschrijven voor een kind dat nog niet geboren is? Belachelijk.", ""),
    ("Anoniem", "Haarlem", "Ik zie het nut niet van vaste gezichten als regel. Op onze opvang wisselen ze gewoon omdat er niemand is. Een regel op papier verandert daar niets aan.", ""),
    ("Nadia", "Rotterdam", "Ik heb een laag inkomen en krijg nu al bijna alles vergoed. Voor mij verandert er dus weinig. Wel fijn dat ik niet meer elk jaar bang hoef te zijn voor een brief van de Belastingdienst.", ""),
    ("Anoniem", "Drachten", "De peuteropvang in ons dorp is twee ochtenden per week en wordt gerund door vrijwilligers en één juf. Wat betekent deze wet voor hen? Ik hoop niet dat zulke kleine initiatieven verdwijnen door alle regels.", ""),
    ("L. Meijer", "Hoofddorp", "Ik woon vlak bij Schiphol en werk daar in ploegendienst. Opvang in het weekend bestaat bijna niet. Als de overheid de opvang gaat betalen, neem dan ook weekenden en avonden mee.", ""),
    ("Anoniem", "Tiel", "Ik had een vraag over de eigen bijdrage van vier procent. Is dat vier procent van de werkelijke prijs of van de maximale uurprijs? Dat maakt veel uit bij onze opvang, die duurder is.", ""),
    ("Anoniem", "Gouda", "Prima voorstel. Snel invoeren graag.", ""),
    ("Gerrit", "Kampen", "Vroeger pasten de buren op. Nu moet alles via de overheid en met diploma's. Ik vind het jammer hoe dat gegaan is, maar ik snap ook dat mensen moeten werken.", ""),
    ("Anoniem", "Roosendaal", "Mijn dochter gaat naar een kinderdagverblijf van een grote keten. Elk jaar gaat de prijs met acht procent omhoog. Fijn dat er straks een maximum komt, dat is hard nodig.", ""),
    ("D. Ramdin", "Den Haag", "Ik ben zelf gastouder en ik steun de diploma-eis. Er zijn ook gastouders die het niet goed doen en kinderen de hele dag voor de televisie zetten. Geef ervaren mensen wel de tijd en betaal de opleiding.", ""),
    ("Anoniem", "Arnhem", "Wat gebeurt er met de kinderopvangtoeslag die ik nog terug moet krijgen over 2024? Wordt dat nog netjes afgehandeld als de toeslag verdwijnt? Ik wacht nu al maanden.", ""),
    ("Anoniem", "Utrecht", "Ik vind het raar dat er zo veel geld naar kinderopvang gaat terwijl de ouderenzorg op instorten staat. Mijn vader wacht al een jaar op een plek in het verpleeghuis.", ""),
    ("Romy", "Enschede", "Eindelijk! Ik heb zes jaar lang elke maand uitgezocht hoeveel uur ik moest doorgeven. Dat is nu voorbij. Dank aan iedereen die hieraan heeft gewerkt.", ""),
    ("Anoniem", "Veenendaal", "Mijn zwager heeft een kinderdagverblijf met één locatie. Hij zegt dat hij met de nieuwe maximumprijs niet uitkomt. Ik vind het belangrijk dat er ook ruimte blijft voor kleine ondernemers.", ""),
    ("A. Kaya", "Schiedam", "Ik werk bij de schoonmaak, 's ochtends vroeg en 's avonds. Mijn kinderen zijn dan bij mijn moeder. Ik heb niks aan goedkope opvang die alleen overdag open is.", ""),
    ("Anoniem", "Bussum", "Het zou goed zijn als de opvang ook een warme maaltijd gaat geven, zoals in Zweden. Dan krijgen alle kinderen in elk geval één keer per dag goed eten.", ""),
    ("Anoniem", "Apeldoorn", "Ik heb me er niet heel erg in verdiept maar ik vind het goed. Kinderen moeten niet de dupe zijn van wat hun ouders verdienen.", ""),
    ("Thijs Brouwer", "Leiden", "Ik ben econoom en lees dat het kabinet rekent op tienduizenden extra voltijdbanen. Dat is erg optimistisch, want vooral de uren van mensen die al werken nemen toe. Graag eerst een eerlijke doorrekening door het CPB voordat dit wordt aangenomen.", ""),
    ("Anoniem", "Vlissingen", "Niet doen. Het wordt weer een bureaucratisch monster.", ""),
    ("Anoniem", "Zeist", "Wij hebben een pleegkind in huis. Onze pleegzorgorganisatie betaalt de opvang nu deels. Hoe werkt dat straks? Vergeet de pleegouders niet.", ""),
    ("M. El Idrissi", "Utrecht", "Ik ben moeder en student tegelijk. Mijn studiefinanciering is niet genoeg voor de opvang. Dit voorstel kan ervoor zorgen dat ik mijn opleiding afmaak.", ""),
    ("Anoniem", "Nieuwegein", "Ik ben al twintig jaar leidinggevende in de kinderopvang. Elke regering verandert de regels en wij mogen het oplossen. Geef de sector nu eens rust en vertrouwen.", ""),
    ("Hanneke", "Meppel", "Voor mijn dochter met het syndroom van Down was er nergens plek in de reguliere opvang. Uiteindelijk kwamen we terecht bij een medisch kinderdagverblijf, anderhalf uur rijden. Ik hoop dat inclusieve opvang in dit plan wordt meegenomen.", ""),
    ("Anoniem", "Amsterdam", "Wij betalen in Amsterdam ruim elf euro per uur en de maximale uurprijs ligt daar ver onder. Betekent dit dat wij het verschil zelf moeten bijbetalen? Dan is het helemaal niet bijna gratis.", ""),
    ("Anoniem", "hoogeveen", "Het is mij niet duidelijk of de oppas door oma straks nog vergoed wordt. Graag meer uitleg.", ""),
    // The few private persons who write one of the organisations' words.
    ("Anoniem", "Den Haag", "Ik heb dertig jaar als beleidsmedewerker bij een gemeente gewerkt, dus ik ken het klappen van de zweep. Op papier klinkt dit prachtig, maar de uitvoeringspraktijk is weerbarstig. Ik voorspel dat gemeenten het toezicht met het huidige geld niet rond krijgen.", ""),
    ("R. Dekker", "Zwolle", "Mijn ervaring met de Belastingdienst is dat regels en uitvoeringspraktijk twee verschillende werelden zijn. Zorg dat er bij de nieuwe uitvoerder mensen zijn die je kunt bellen. Meer vraag ik niet.", ""),
    ("Anoniem", "Utrecht", "Ik lees in de toelichting dat de implementatietermijn maar zes maanden is. Dat is veel te kort, dat weet iedereen die ooit een ICT-systeem bij de overheid heeft zien invoeren. Neem liever een jaar extra en doe het goed.", ""),
    ("Jeroen", "Amersfoort", "Wat betekent die implementatietermijn voor ouders met een lopend contract? Mijn contract met de opvang loopt tot 2028. Ik wil weten of ik iets moet doen of dat het vanzelf overgaat.", ""),
    // More private persons.
    ("Anoniem", "Sneek", "Ik woon op een boerderij buiten het dorp. De dichtstbijzijnde opvang is vijftien kilometer verderop. Gratis opvang is leuk maar ik moet er wel kunnen komen.", ""),
    ("S. Baars", "Hardenberg", "Ik ben pedagogisch medewerker op een bso en ik vind het voorstel goed. Wel hoop ik dat we meer tijd krijgen om activiteiten voor te bereiden in plaats van steeds maar formulieren in te vullen.", ""),
    ("Anoniem", "Leiden", "Waarom wordt de opvang niet gewoon onderdeel van de school? Eén gebouw, één organisatie en één pot geld. Dat lijkt mij veel logischer dan weer een nieuw systeem.", ""),
    ("Inge", "Doetinchem", "Mijn kinderen zijn inmiddels groot, maar ik weet nog goed hoe zwaar het was. Ik gun jonge ouders dit van harte.", ""),
    ("Anoniem", "Rotterdam", "Bij ons in de wijk spreken veel ouders slecht Nederlands. Maak de informatie over de nieuwe regeling ook in andere talen beschikbaar, anders mist juist deze groep de boot.", ""),
    ("P. de Wit", "Alkmaar", "Ik ben vader van een zoon met ADHD en de bso weigert hem nu omdat hij te druk is. Dan heb je ook niks aan goedkope opvang. Er moet meer begeleiding komen voor kinderen die extra zorg nodig hebben.", ""),
    ("Anoniem", "Woerden", "Goed initiatief, maar de maximale uurprijs moet elk jaar mee met de inflatie. Anders zitten we over drie jaar weer met dezelfde tekorten.", ""),
    ("Anoniem", "Ridderkerk", "Mijn vrouw is overleden en ik sta er alleen voor met twee kleine kinderen. Zonder de opvang had ik mijn baan moeten opzeggen. Ik hoop dat er voor mensen zoals ik een voorrangsregel komt.", ""),
    ("Lisa", "Amsterdam", "Ik vind het belangrijk dat kinderen op de opvang ook buiten spelen. Op ons kinderdagverblijf komen ze bijna nooit buiten omdat er geen tuin is. Stel daar eisen aan.", ""),
];

/// The member organisations that sent the campaign letter, and their towns.
const MEMBERS: [(&str, &str); 40] = [
    ("Kinderopvang De Zonnebloem B.V.", "Apeldoorn"),
    ("Kinderdagverblijf Het Ukkepukje", "Nunspeet"),
    ("Stichting Speelhuis Noord", "Groningen"),
    ("Kinderopvang 't Kabouterhuis B.V.", "Dalfsen"),
    ("KDV De Rupsjes BV", "Veenendaal"),
    ("Kinderopvang Pluk & Spelen B.V.", "Zutphen"),
    ("Stichting Peuterhof Oost", "Deventer"),
    ("Kindercentrum De Vlinder B.V.", "Ermelo"),
    ("BSO De Boomhut V.O.F.", "Harderwijk"),
    ("Kinderopvang Kleine Reus B.V.", "Amersfoort"),
    ("Gastouderbureau Thuis bij Ons B.V.", "Zwolle"),
    ("Kinderdagverblijf De Klimboom", "Ede"),
    ("Stichting Kinderopvang Westerkwartier", "Leek"),
    ("Kinderopvang Het Speelbos BV", "Ommen"),
    ("KDV & BSO Zonnestraal B.V.", "Barneveld"),
    ("Kinderopvang de Kleine Wereld b.v.", "Hoogeveen"),
    ("Stichting Kinderhuis Marke", "Hengelo"),
    ("Kinderopvang Het Molenhuis B.V.", "Epe"),
    ("Kinderdagverblijf Bolderburen V.O.F.", "Gorinchem"),
    ("Kinderopvang Zeeuwse Zon B.V.", "Goes"),
    ("Kinderopvang De Paddestoel B.V.", "Venlo"),
    ("Stichting Kinderopvang 't Krullevaarke", "Rijssen"),
    ("Kinderopvang Het Zandkasteel BV", "Katwijk"),
    ("KINDEROPVANG DE EGELTJES B.V.", "Meppel"),
    ("Kinderopvang Boerderij De Hooiberg B.V.", "Lochem"),
    ("Kindercentrum Aan de Dijk B.V.", "Kampen"),
    ("Kinderopvang Kwetternest B.V.", "Steenwijk"),
    ("Stichting Kinderopvang Dorpshuis Wijhe", "Wijhe"),
    ("Kinderdagverblijf Het Bijenhuis B.V.", "Culemborg"),
    ("Kinderopvang Sterrenkind B.V.", "Oss"),
    ("Kinderopvang De Speelschuur VOF", "Winterswijk"),
    ("Kinderopvang Het Vogelnest B.V.", "Bergen op Zoom"),
    ("Kinderdagverblijf Kikkerland B.V.", "Purmerend"),
    ("Stichting Kinderopvang Duinroos", "Den Helder"),
    ("Kinderopvang Kleintje Groot B.V.", "Hilversum"),
    ("Kinderopvang De Wilgenhoek B.V.", "Heerenveen"),
    ("Kinderopvang Tuimelaar B.V.", "Emmen"),
    ("Kinderdagverblijf De Appelboom V.O.F.", "Tiel"),
    ("Kinderopvang Buitenpret B.V.", "Raalte"),
    ("Stichting Kinderopvang De Regenboog Sneek", "Sneek"),
];

/// The campaign letter, sentence by sentence. It says [`CAMPAIGN_WORD`] three times (in
/// sentences 3, 5 and 7) and neither of [`ORG_WORDS`].
const TEMPLATE: [&str; 8] = [
    "Als kleine kinderopvangorganisatie en lid van de Vereniging Kleinschalige Kinderopvang \
     maken wij ons grote zorgen over de maximale uurprijs in dit wetsvoorstel.",
    "De kosten voor personeel, huur en energie zijn de afgelopen jaren veel harder gestegen dan \
     de vergoeding waarmee het ministerie rekent.",
    "Voor kleine locaties met één of twee groepen is de voorgestelde uurprijs simpelweg niet \
     toereikend.",
    "Als deze wet ongewijzigd wordt ingevoerd, dreigt een sluitingsgolf onder kleinschalige \
     opvang in dorpen en wijken.",
    "Ouders verliezen dan hun vertrouwde plek en onze medewerkers hun baan.",
    "Een sluitingsgolf is niet in het belang van kinderen, ouders of werkgevers.",
    "Wij vragen u daarom de uurprijs te baseren op de werkelijke kosten en deze jaarlijks te \
     indexeren.",
    "Voorkom een sluitingsgolf en ga met kleine aanbieders in gesprek voordat dit voorstel naar \
     de Tweede Kamer gaat.",
];

/// Sentences a few senders add after the template's third sentence.
const ADDED: [&str; 5] = [
    "Op onze locatie spelen elke dag 28 kinderen in twee groepen.",
    "Wij bestaan sinds 1998 en hebben nog nooit zo'n onzekere tijd meegemaakt.",
    "Onze huur is dit jaar met elf procent verhoogd.",
    "In ons dorp zijn wij de enige aanbieder van opvang.",
    "Wij hebben negen medewerkers, die allemaal uit de buurt komen.",
];

/// Small typos as they turn up in pasted copies: (what, what it became).
const TYPOS: [(&str, &str); 4] = [
    ("grote zorgen", "grote zorgn"),
    ("personeel, huur en energie", "personeel, huur en engergie"),
    ("ongewijzigd", "ongewijzgd"),
    ("vertrouwde plek", "vertrouwde  plek"),
];

/// A deterministic 64-bit mix (splitmix64), for dates, times and identifiers.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// A random-looking version-4 UUID for response `i`.
fn uuid(i: usize) -> String {
    let a = mix(0x6b65_796e_6573_7300 + i as u64);
    let b = mix(a);
    format!(
        "{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        8 + (b >> 62),
        (b >> 48) & 0xfff,
        b & 0xffff_ffff_ffff
    )
}

/// Day `d` of the consultation (0 = 8 September 2025, 28 = 6 October 2025), as the site writes
/// a date.
fn date(d: u32) -> String {
    if d < 23 {
        format!("{} september 2025", 8 + d)
    } else {
        format!("{} oktober 2025", d - 22)
    }
}

/// The name without its legal form, as a letter's opening line gives it.
fn short_name(name: &str) -> String {
    let mut s = name.to_string();
    for form in [" B.V.", " BV", " b.v.", " V.O.F.", " VOF"] {
        if let Some(rest) = s.strip_suffix(form) {
            s = rest.to_string();
        }
    }
    s
}

/// Campaign copy `i`, as member `i` pasted it.
fn campaign_copy(i: usize) -> String {
    let (name, town) = MEMBERS[i];
    let mut sentences: Vec<String> = TEMPLATE.iter().map(|s| s.to_string()).collect();
    // (Not in the copies whose opening line already names the sender.)
    if i % 4 == 1 && i % 5 != 2 {
        sentences.insert(3, ADDED[i / 4 % ADDED.len()].to_string());
    }
    // A dropped sentence in a few: never one that says the campaign's word.
    if i % 7 == 3 {
        sentences.retain(|s| !s.starts_with("Ouders verliezen"));
    }
    if i % 13 == 6 {
        sentences.retain(|s| !s.starts_with("Voor kleine locaties"));
    }
    let mut body = if i.is_multiple_of(3) {
        sentences.join(" ")
    } else {
        sentences.join("\n")
    };
    if i % 6 == 2 {
        let (from, to) = TYPOS[i / 6 % TYPOS.len()];
        body = body.replacen(from, to, 1);
    }
    let greeting = match i % 5 {
        0 => "Geachte minister,\n".to_string(),
        1 => "Geachte heer/mevrouw,\n".to_string(),
        2 => format!(
            "Geachte minister,\nHierbij reageert {} uit {town} op het wetsvoorstel.\n",
            short_name(name)
        ),
        3 => String::new(),
        _ => "Aan de minister van Sociale Zaken en Werkgelegenheid,\n".to_string(),
    };
    let closing = match i % 4 {
        0 => format!("\nMet vriendelijke groet,\n{name}"),
        1 => format!(
            "\nMet vriendelijke groet,\nDe directie van {}",
            short_name(name)
        ),
        2 => String::new(),
        _ => "\nMet vriendelijke groet".to_string(),
    };
    format!("{greeting}{body}{closing}")
}

/// A response with a listing time; `answers` skips an empty second answer.
fn respond(i: usize, row: &Row, day: u32, minutes: u32) -> FixtureResponse {
    let (name, place, first, second) = *row;
    let mut answers = vec![("Vraag1", first)];
    if !second.is_empty() {
        answers.push(("Vraag2", second));
    }
    let mut r = response(&uuid(i), name, place, &date(day), &answers, None);
    r.time = format!("{:02}:{:02}", minutes / 60, minutes % 60);
    r
}

/// The consultation's responses, newest first as the site lists them.
fn responses() -> Vec<FixtureResponse> {
    // (day, minute of the day, response)
    let mut dated: Vec<(u32, u32, FixtureResponse)> = Vec::new();
    let mut next = 0usize;
    for row in ORGANISATIONS {
        let h = mix(1000 + next as u64);
        // Organisations mostly answer in the last ten days, in office hours.
        let day = if h.is_multiple_of(5) {
            9 + (h >> 8) as u32 % 10
        } else {
            19 + (h >> 8) as u32 % 10
        };
        let minutes = 8 * 60 + (h >> 20) as u32 % (9 * 60);
        dated.push((day, minutes, respond(next, row, day, minutes)));
        next += 1;
    }
    for row in INDIVIDUALS {
        let h = mix(2000 + next as u64);
        // People throughout, more of them in the first weeks, at any hour of the day.
        let day = ((h >> 8) % 29).min((h >> 16) % 29) as u32;
        let minutes = 6 * 60 + (h >> 24) as u32 % (18 * 60);
        dated.push((day, minutes, respond(next, row, day, minutes)));
        next += 1;
    }
    for (m, (name, town)) in MEMBERS.iter().enumerate() {
        let h = mix(3000 + next as u64);
        // The campaign: a burst of five days after the association's call, mostly evenings.
        let day = 14 + (h >> 8) as u32 % 5;
        let minutes = 17 * 60 + (h >> 20) as u32 % (6 * 60);
        let text = campaign_copy(m);
        let row: Row = (*name, *town, "", "");
        let mut r = respond(next, &row, day, minutes);
        r.answers = vec![("Vraag1".to_string(), text)];
        dated.push((day, minutes, r));
        next += 1;
    }
    dated.sort_by_key(|b| std::cmp::Reverse((b.0, b.1)));
    dated.into_iter().map(|(_, _, r)| r).collect()
}

pub fn site() -> FixtureSite {
    FixtureSite {
        consultations: vec![FixtureConsultation {
            slug: SLUG.into(),
            title: "Wet toekomst kinderopvang".into(),
            summary: vec![
                "Met dit wetsvoorstel wordt de kinderopvangtoeslag vervangen door directe \
                 financiering van kinderopvangorganisaties. Ouders betalen nog een eigen \
                 bijdrage van vier procent van de maximale uurprijs."
                    .into(),
                "Het voorstel legt een maximale uurprijs vast, verplicht vaste pedagogisch \
                 medewerkers per groep, stelt een diploma-eis aan gastouders en breidt het \
                 toezicht door de GGD uit."
                    .into(),
            ],
            start: "08-09-2025".into(),
            end: "06-10-2025".into(),
            status: "Gesloten".into(),
            ministry: "Ministerie van Sociale Zaken en Werkgelegenheid".into(),
            documents: vec![],
            responses: responses(),
        }],
        robots: "User-agent: *\nAllow: /\n".into(),
        per_page: 100,
        ..Default::default()
    }
}

/// Every word of the campaign's template and of the sentences copies add, lowercased with
/// accents folded as the index reads words: what a list counting every copy fills up with.
pub fn template_words() -> std::collections::BTreeSet<String> {
    TEMPLATE
        .iter()
        .chain(ADDED.iter())
        .flat_map(|s| s.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.to_lowercase()
                .replace(['é', 'è', 'ë'], "e")
                .replace(['ï', 'í'], "i")
                .replace(['ö', 'ó'], "o")
        })
        .collect()
}
