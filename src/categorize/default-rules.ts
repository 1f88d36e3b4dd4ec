/**
 * Built-in patterns for common German, UK and US merchants and statement wording: the last
 * resort before "Uncategorized". Matched (folded, substring) against merchant + description.
 * Longer, more specific patterns come first where two could match ("amazon prime" before
 * "amazon"); the first hit wins.
 */
type Entry = [slug: string, patterns: string[], sign?: 'in' | 'out'];

export const DEFAULT_RULES: Entry[] = [
  ['salary', ['gehalt', 'lohn/gehalt', 'bezuege', 'salary', 'payroll', 'direct dep'], 'in'],
  ['interest', ['zinsen', 'zinsgutschrift', 'interest (gross)', 'interest paid', 'interest earned'], 'in'],
  ['housing', ['miete', 'hausverwaltung', 'wohnungsbau', 'rent payment', 'letting agent', 'lettings', ' rent ', 'mortgage']],
  ['tv-licence', ['rundfunk ard zdf', 'rundfunkbeitrag', 'beitragsservice', 'tv licence', 'tv licensing']],
  ['energy', ['stadtwerke', 'vattenfall', 'e.on', 'eon energie', 'enbw', 'rwe ', 'octopus energy', 'british gas', 'edf energy', 'ovo energy', 'con edison', 'pg&e']],
  ['water', ['thames water', 'wasserwerke', 'severn trent', 'anglian water']],
  ['phone-internet', ['vodafone', 'telekom', 'telefonica', 'o2 ', '1&1', 'congstar', 'bt group', 'virgin media', 'sky uk', 'ee limited', 'verizon', 'at&t', 't-mobile', 'comcast', 'xfinity']],
  ['streaming', ['netflix', 'spotify', 'disney plus', 'disney+', 'dazn', 'amazon prime', 'prime video', 'apple.com/bill', 'youtube premium', 'hulu']],
  ['insurance', ['versicherung', 'allianz', 'huk-coburg', 'huk coburg', 'ergo ', 'axa ', 'aviva', 'direct line', 'admiral insurance', 'geico', 'state farm', 'insurance']],
  ['groceries', ['rewe', 'edeka', 'lidl', 'aldi', 'netto', 'penny', 'kaufland', 'tegut', 'globus', 'tesco', 'sainsbury', 'asda', 'morrisons', 'waitrose', 'co-op', 'iceland', 'whole foods', 'trader joe', 'safeway', 'kroger', 'wegmans']],
  ['coffee', ['backwerk', 'coffee fellows', 'starbucks', 'costa coffee', 'pret a manger', 'greggs', 'tchibo', 'dunkin']],
  ['eating-out', ['lieferando', 'deliveroo', 'just eat', 'uber eats', 'doordash', 'mcdonald', 'burger king', 'chipotle', 'nando', 'restaurant', 'pizzeria', 'gastst']],
  ['public-transport', ['db vertrieb', 'deutsche bahn', 'db fernverkehr', 'deutschlandticket', 'bvg', 'mvg', 'kvb', 'hvv', 'rmv', 'vrs ', 'tfl travel', 'transport for london', 'trainline', 'national rail', 'mta ', 'bart ']],
  ['fuel', ['aral', 'shell', 'esso', 'jet tankstelle', 'total energies', 'totalenergies', 'tankstelle', 'bp ', 'texaco', 'chevron', 'exxon', 'engen']],
  ['taxi', ['uber ', 'uber*trip', 'free now', 'bolt.eu', 'lyft', 'taxi']],
  ['parking', ['parkhaus', 'parken', 'apcoa', 'ncp ', 'ringgo', 'parking']],
  ['pharmacy', ['apotheke', 'boots', 'cvs pharmacy', 'walgreens', 'rite aid']],
  ['drugstore', ['dm-drogerie', 'dm drogerie', 'rossmann', 'mueller drogerie', 'superdrug']],
  ['fitness', ['mcfit', 'fitx', 'urban sports', 'puregym', 'the gym group', 'planet fitness']],
  ['online-shopping', ['amzn mktp', 'amazon', 'zalando', 'otto ', 'ebay', 'etsy']],
  ['clothing', ['h&m', 'zara', 'primark', 'c&a', 'uniqlo', 'next retail']],
  ['electronics', ['mediamarkt', 'media markt', 'saturn', 'currys', 'best buy', 'apple store']],
  ['shopping', ['ikea', 'target', 'walmart', 'costco', 'argos', 'john lewis', 'paypal']],
  ['cash', ['bargeldauszahlung', 'geldautomat', 'bargeld', 'atm withdrawal', 'cash withdrawal', 'lnk atm', 'atm ']],
  ['fees', ['entgelt', 'kontofuehrung', 'kontoführung', 'gebuehr', 'gebühr', 'overdraft fee', 'o/d usage fee', 'monthly fee', 'service charge']],
  ['taxes', ['finanzamt', 'council tax', 'hmrc', 'irs treas', 'council']],
  ['travel', ['lufthansa', 'ryanair', 'easyjet', 'eurowings', 'booking.com', 'airbnb', 'hotel', 'expedia']],
  ['entertainment', ['kino', 'cinema', 'cineworld', 'odeon', 'steam games', 'playstation', 'ticketmaster', 'eventim']],
  ['gifts', ['spende', 'donation', 'unicef', 'oxfam']],
  ['education', ['udemy', 'coursera', 'volkshochschule', 'tuition']],
  ['pets', ['fressnapf', 'pets at home', 'tails.com', 'petco', 'petsmart']],
];
