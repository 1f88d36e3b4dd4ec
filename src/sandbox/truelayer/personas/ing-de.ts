import { addDays, isWeekend, nextBusinessDay, weekday } from '../../shared/dates.js';
import { Prng, seedFrom } from '../../../util/prng.js';
import { addMonths } from '../dates.js';
import { centsBetween, emptyAccount, Ledger } from './ledger.js';
import { dueBackward, dueForward, monthLabel, Window } from './schedule.js';
import { germanIban } from './iban.js';
import { ING_CARD_MERCHANTS, ING_FALLBACK_MERCHANT, ING_PEOPLE, type CardMerchant } from './ing-de-merchants.js';
import type { GenAccount, Persona, PersonaParams } from './types.js';

/**
 * ING Germany persona: a Girokonto (salary, rent, groceries, bills) and an Extra-Konto
 * (monthly savings, quarterly interest). Text mimics ING statement exports. ING rows carry
 * no provider ids on purpose: only the unstable transaction_id exists for them.
 */

// ING's internal category strings ("Buchungstext"), surfaced as meta.provider_transaction_category.
const BT = {
  salary: 'Gehalt/Rente',
  debit: 'Lastschrift',
  standingOrder: 'Dauerauftrag/Terminueberw.',
  transferOut: 'Ueberweisung',
  transferIn: 'Gutschrift',
  atm: 'Bargeldauszahlung',
  interest: 'Zinsgutschrift',
  refund: 'Retoure',
} as const;

const HOLDERS = ['Jonas Becker', 'Lena Hoffmann', 'Felix Wagner', 'Sophie Schulz', 'Lukas Richter'];
const EMPLOYERS = [
  'Nordlicht Software GmbH',
  'Rheinwerk Logistik GmbH',
  'Brandt Maschinenbau GmbH',
  'Kessler Medizintechnik GmbH',
];
const LANDLORDS = ['Hausverwaltung Brandt & Partner GmbH', 'Hausverwaltung Rheinblick GmbH', 'Immobilienverwaltung Sommer KG'];
const STREETS = ['Venloer Str. 212', 'Aachener Str. 88', 'Neusser Str. 301', 'Luxemburger Str. 45'];

/** Who the persona is: drawn first, in this order, so every later draw sees the same stream. */
interface IngIdentity {
  holder: string;
  giroIban: string;
  extraIban: string;
  giroOpeningCents: number;
  extraOpeningCents: number;
  employer: string;
  employerIban: string;
  salaryBase: number;
  landlord: string;
  landlordIban: string;
  street: string;
  rentCents: number;
  savingsCents: number;
  rundfunkNr: string;
  stadtwerkeVk: string;
  vodafoneKd: string;
  paypalMandate: string;
  stadtwerkeAbschlag: number;
  hukNr: string;
}

function drawIdentity(rng: Prng): IngIdentity {
  const holder = rng.pick(HOLDERS);
  const giroIban = germanIban(`54${rng.digits(8)}`);
  const extraIban = germanIban(`55${rng.digits(8)}`);
  const giroOpeningCents = centsBetween(rng, 1400, 2600);
  const extraOpeningCents = centsBetween(rng, 4000, 9000);
  return {
    holder,
    giroIban,
    extraIban,
    giroOpeningCents,
    extraOpeningCents,
    employer: rng.pick(EMPLOYERS),
    employerIban: germanIban(rng.digits(10), '37040044'),
    salaryBase: centsBetween(rng, 3250, 3500),
    landlord: rng.pick(LANDLORDS),
    landlordIban: germanIban(rng.digits(10), '37050198'),
    street: rng.pick(STREETS),
    rentCents: rng.int(95, 125) * 1000,
    savingsCents: rng.pick([40_000, 50_000, 60_000]),
    rundfunkNr: rng.digits(9),
    stadtwerkeVk: `20${rng.digits(8)}`,
    vodafoneKd: rng.digits(9),
    paypalMandate: rng.digits(13),
    stadtwerkeAbschlag: rng.int(78, 112) * 100,
    hukNr: rng.digits(9),
  };
}

function ingAccounts(id: IngIdentity, giroOpeningCents: number, extraOpeningCents: number): [GenAccount, GenAccount] {
  const giro = emptyAccount({
    key: 'girokonto',
    kind: 'account',
    displayName: 'Girokonto',
    accountType: 'TRANSACTION',
    currency: 'EUR',
    accountNumber: { iban: id.giroIban, swift_bic: 'INGDDEFFXXX' },
    openingBalanceCents: giroOpeningCents,
    overdraftCents: 200_000,
  });
  const extra = emptyAccount({
    key: 'extra-konto',
    kind: 'account',
    displayName: 'Extra-Konto',
    accountType: 'SAVINGS',
    currency: 'EUR',
    accountNumber: { iban: id.extraIban, swift_bic: 'INGDDEFFXXX' },
    openingBalanceCents: extraOpeningCents,
  });
  return [giro, extra];
}

export interface IngPersonaOptions {
  /**
   * Also generate the rows booked from this day up to the emulator's window (which starts
   * HISTORY_DAYS before the start day), for files of older history such as the demo's ING CSV.
   * The window's rows and balances stay exactly those the emulator serves.
   */
  historyFrom?: string;
}

export function buildIngPersona(p: PersonaParams, opts: IngPersonaOptions = {}): Persona {
  const rng = new Prng(seedFrom(p.seed, 'ing-de', p.username, p.startDay));
  const win = new Window(p.startDay);
  const id = drawIdentity(rng);
  const { holder, landlord, street, rentCents, savingsCents } = id;
  const [giro, extra] = ingAccounts(id, id.giroOpeningCents, id.extraOpeningCents);
  const ledger = new Ledger([giro, extra]);
  addRows(ledger, rng, win, id);
  ledger.finish();

  giro.standingOrders.push(
    {
      reference: `Miete ${street}`,
      payee: landlord,
      frequency: 'IntrvlMnthDay:01:01',
      amountCents: rentCents,
      firstPaymentDate: win.first,
      dayOfMonth: 1,
      txnDescription: `${landlord} Miete`,
    },
    {
      reference: 'Sparen Extra-Konto',
      payee: holder,
      frequency: 'IntrvlMnthDay:01:01',
      amountCents: savingsCents,
      firstPaymentDate: win.first,
      dayOfMonth: 1,
      txnDescription: `${holder} Sparen Extra-Konto`,
    },
  );
  const dd = (name: string, prefix: string) => ({
    name,
    mandateId: `${prefix
      .replace(/[^A-Za-z]/g, '')
      .slice(0, 3)
      .toUpperCase()}${rng.digits(10)}`,
    createdDate: win.first,
    txnDescriptionPrefix: prefix,
  });
  giro.directDebits.push(
    dd('Rundfunk ARD, ZDF, DRadio', 'Lastschrift Rundfunk'),
    dd('Stadtwerke Koeln GmbH', 'Stadtwerke Koeln'),
    dd('Vodafone GmbH', 'Vodafone GmbH'),
    dd('Netflix International B.V.', 'NETFLIX'),
    dd('PayPal Europe S.a.r.l. et Cie S.C.A', 'PayPal Europe'),
    dd('DB Vertrieb GmbH', 'DB Vertrieb GmbH Deutschlandticket'),
  );

  if (opts.historyFrom !== undefined && opts.historyFrom < win.first) {
    prependOlderHistory(p, id, [giro, extra], opts.historyFrom, win.first);
  }

  return {
    key: `ing:${p.username}`,
    providerId: 'xs2a-ing-germany',
    timestampSuffix: '+00:00',
    accounts: [giro, extra],
    info: {
      full_name: holder,
      addresses: [
        { address: street.replace(/ \d+$/, ` ${rng.int(1, 180)}`), city: 'Koeln', zip: `50${rng.int(667, 999)}`, country: 'DE' },
      ],
    },
  };
}

function addCardPurchase(ledger: Ledger, rng: Prng, account: string, day: string, m: CardMerchant, lag: number): void {
  const amount = centsBetween(rng, m.min, m.max);
  const description = m.description(rng);
  ledger.add(account, day, {
    amountCents: -amount,
    category: 'PURCHASE',
    description,
    pendingDays: lag,
    pendingDescription: m.pending,
    meta: { provider_transaction_category: BT.debit, counter_party_preferred_name: m.counterParty },
  });
}

export function amazonOrder(rng: Prng): string {
  return `${rng.pick(['302', '303', '304', '305', '306'])}-${rng.digits(7)}-${rng.digits(7)}`;
}

function fmtDe(day: string): string {
  return `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;
}

/** Every booking of the window, in the order the draws have always been made. */
function addRows(ledger: Ledger, rng: Prng, win: Window, id: IngIdentity): void {
  const G = 'girokonto';
  const X = 'extra-konto';
  const { holder, giroIban, extraIban, employer, employerIban, salaryBase, landlord, landlordIban, street } = id;
  const { rentCents, savingsCents, rundfunkNr, stadtwerkeVk, vodafoneKd, paypalMandate, stadtwerkeAbschlag, hukNr } = id;

  // Recurring rows, month by month.
  for (const month of win.months()) {
    const { mm, yyyy, yy } = monthLabel(month);
    const inWin = (d: string) => win.contains(d);

    const payday = dueBackward(month, 28);
    if (inWin(payday)) {
      const wobble = rng.chance(0.3) ? rng.int(-4000, 8000) : 0;
      const amount = Math.min(360_000, Math.max(320_000, salaryBase + wobble));
      ledger.add(G, payday, {
        amountCents: amount,
        category: 'CREDIT',
        description: `${employer} Lohn/Gehalt ${mm}/${yyyy}`,
        meta: {
          provider_transaction_category: BT.salary,
          counter_party_preferred_name: employer,
          counter_party_iban: employerIban,
        },
      });
    }

    const first = dueForward(month, 1);
    if (inWin(first)) {
      ledger.add(G, first, {
        amountCents: -rentCents,
        category: 'STANDING_ORDER',
        description: `${landlord} Miete ${mm}/${yy} ${street}, 3. OG links`,
        meta: {
          provider_transaction_category: BT.standingOrder,
          counter_party_preferred_name: landlord,
          counter_party_iban: landlordIban,
        },
      });
      ledger.add(G, first, {
        amountCents: -savingsCents,
        category: 'TRANSFER',
        description: `${holder} Sparen Extra-Konto`,
        meta: {
          provider_transaction_category: BT.standingOrder,
          counter_party_preferred_name: holder,
          counter_party_iban: extraIban,
        },
      });
      ledger.add(X, first, {
        amountCents: savingsCents,
        category: 'TRANSFER',
        description: `${holder} Sparen Extra-Konto`,
        meta: {
          provider_transaction_category: BT.transferIn,
          counter_party_preferred_name: holder,
          counter_party_iban: giroIban,
        },
      });
      const ticketCents = first >= '2025-01-01' ? 5800 : 4900;
      ledger.add(G, first, {
        amountCents: -ticketCents,
        category: 'DIRECT_DEBIT',
        description: `DB Vertrieb GmbH Deutschlandticket ${mm}/${yyyy}`,
        meta: { provider_transaction_category: BT.debit, counter_party_preferred_name: 'DB Vertrieb GmbH' },
      });
    }

    const vodafoneDay = dueForward(month, 5);
    if (inWin(vodafoneDay)) {
      ledger.add(G, vodafoneDay, {
        amountCents: -3999,
        category: 'DIRECT_DEBIT',
        description: `Vodafone GmbH Kd-Nr. ${vodafoneKd} Rechnung ${mm}/${yyyy}`,
        meta: { provider_transaction_category: BT.debit, counter_party_preferred_name: 'Vodafone GmbH' },
      });
    }
    const netflixDay = dueForward(month, 9);
    if (inWin(netflixDay)) {
      ledger.add(G, netflixDay, {
        amountCents: -1399,
        category: 'DIRECT_DEBIT',
        description: 'NETFLIX INTERNATIONAL B.V. Netflix Monatsabo',
        meta: { provider_transaction_category: BT.debit, counter_party_preferred_name: 'Netflix International B.V.' },
      });
    }
    const swDay = dueForward(month, 15);
    if (inWin(swDay)) {
      ledger.add(G, swDay, {
        amountCents: -stadtwerkeAbschlag,
        category: 'DIRECT_DEBIT',
        description: `Stadtwerke Koeln GmbH Abschlag Strom/Gas ${mm}/${yyyy} VK ${stadtwerkeVk}`,
        meta: { provider_transaction_category: BT.debit, counter_party_preferred_name: 'Stadtwerke Koeln GmbH' },
      });
      // The Rundfunkbeitrag is collected quarterly in the middle of the quarter: 3 × 18,36 €.
      if (['02', '05', '08', '11'].includes(mm)) {
        ledger.add(G, swDay, {
          amountCents: -5508,
          category: 'DIRECT_DEBIT',
          description: `Lastschrift Rundfunk ARD ZDF DRadio Beitragsnr. ${rundfunkNr}`,
          meta: { provider_transaction_category: BT.debit, counter_party_preferred_name: 'Rundfunk ARD, ZDF, DRadio' },
        });
      }
    }
    const gymDay = dueForward(month, 2);
    if (inWin(gymDay)) {
      ledger.add(G, gymDay, {
        amountCents: -2990,
        category: 'DIRECT_DEBIT',
        description: `McFit GmbH Mitgliedsbeitrag ${mm}/${yyyy}`,
        meta: { provider_transaction_category: BT.debit, counter_party_preferred_name: 'McFit GmbH' },
      });
      if (mm === '01') {
        ledger.add(G, gymDay, {
          amountCents: -48_620,
          category: 'DIRECT_DEBIT',
          description: `HUK-COBURG Kfz-Versicherung ${yyyy} VS-Nr. ${hukNr}`,
          meta: { provider_transaction_category: BT.debit, counter_party_preferred_name: 'HUK-COBURG' },
        });
      }
    }
    const ppDay = dueForward(month, 19);
    if (inWin(ppDay)) {
      ledger.add(G, ppDay, {
        amountCents: -1099,
        category: 'DIRECT_DEBIT',
        description: `PayPal Europe S.a.r.l. et Cie S.C.A ${paypalMandate} PP.${rng.digits(4)}.PP . Spotify AB, Ihr Einkauf bei Spotify AB`,
        meta: { provider_transaction_category: BT.debit, counter_party_preferred_name: 'PayPal Europe S.a.r.l. et Cie S.C.A' },
      });
    }
    // Once a year the Extra-Konto pays for the summer holiday.
    if (mm === '06' && inWin(dueForward(month, 10))) {
      const d = dueForward(month, 10);
      const amount = rng.int(5, 15) * 10_000;
      ledger.add(X, d, {
        amountCents: -amount,
        category: 'TRANSFER',
        description: `${holder} Umbuchung Girokonto`,
        meta: {
          provider_transaction_category: BT.transferOut,
          counter_party_preferred_name: holder,
          counter_party_iban: giroIban,
        },
      });
      ledger.add(G, d, {
        amountCents: amount,
        category: 'TRANSFER',
        description: `${holder} Umbuchung Girokonto`,
        meta: {
          provider_transaction_category: BT.transferIn,
          counter_party_preferred_name: holder,
          counter_party_iban: extraIban,
        },
      });
    }
  }

  // Day-to-day spending.
  let dayIndex = 0;
  for (const day of win.days()) {
    dayIndex++;
    const wd = weekday(day);
    let cardPayments = 0;
    for (const m of ING_CARD_MERCHANTS) {
      if (m.weekdaysOnly && isWeekend(day)) continue;
      if (wd === 0 && !m.sunday) continue;
      if (!rng.chance(m.perDay)) continue;
      addCardPurchase(ledger, rng, G, day, m, rng.int(1, 2));
      cardPayments++;
    }
    // Every day gets a card payment booked two days later, so /transactions/pending is never
    // empty at any clock time and tests do not depend on luck.
    if (cardPayments === 0) addCardPurchase(ledger, rng, G, day, ING_FALLBACK_MERCHANT, 2);
    // Two identical coffees on the same day: exercises ordinal fingerprinting of duplicate rows.
    if (dayIndex % 11 === 4 && !isWeekend(day)) {
      for (let i = 0; i < 2; i++) {
        ledger.add(G, day, {
          amountCents: -340,
          category: 'PURCHASE',
          description: 'Coffee Fellows Koeln Hbf',
          pendingDays: 1,
          pendingDescription: 'COFFEE FELLOWS',
          meta: { provider_transaction_category: BT.debit, counter_party_preferred_name: 'Coffee Fellows' },
        });
      }
    }
    if (rng.chance(0.045)) {
      const amount = rng.pick([5_000, 10_000, 10_000, 15_000, 20_000]);
      ledger.add(G, day, {
        amountCents: -amount,
        category: 'ATM',
        description: `Bargeldauszahlung GA NR${rng.digits(8)} BLZ37050198 0`,
        meta: { provider_transaction_category: BT.atm },
      });
    }
    if (rng.chance(0.035)) {
      const person = rng.pick(ING_PEOPLE);
      ledger.add(G, day, {
        amountCents: centsBetween(rng, 8, 60),
        category: 'TRANSFER',
        description: `${person.name} ${rng.pick(person.reasons)}`,
        meta: {
          provider_transaction_category: BT.transferIn,
          counter_party_preferred_name: person.name,
          counter_party_iban: person.iban,
        },
      });
    }
    if (rng.chance(0.03)) {
      const person = rng.pick(ING_PEOPLE);
      ledger.add(G, day, {
        amountCents: -centsBetween(rng, 10, 80),
        category: 'TRANSFER',
        description: `${person.name} ${rng.pick(person.reasons)}`,
        meta: {
          provider_transaction_category: BT.transferOut,
          counter_party_preferred_name: person.name,
          counter_party_iban: person.iban,
        },
      });
    }
    if (rng.chance(0.05)) {
      ledger.add(G, day, {
        amountCents: -centsBetween(rng, 19.9, 89.9),
        category: 'DIRECT_DEBIT',
        description: `DB Vertrieb GmbH Fahrschein ${rng.digits(12)}`,
        meta: { provider_transaction_category: BT.debit, counter_party_preferred_name: 'DB Vertrieb GmbH' },
      });
    }
    if (rng.chance(0.012)) {
      ledger.add(G, day, {
        amountCents: centsBetween(rng, 9, 60),
        category: 'PURCHASE',
        description: `AMZN Mktp DE Retoure ${amazonOrder(rng)}`,
        meta: { provider_transaction_category: BT.refund, counter_party_preferred_name: 'Amazon' },
      });
    }
  }

  // Balance-dependent rows last, in date order, so they see every earlier booking.
  for (const month of win.months()) {
    const { mm } = monthLabel(month);
    // Surplus after payday goes to the Extra-Konto, keeping the Girokonto at a realistic level.
    const sweepAt = nextBusinessDay(addDays(dueBackward(month, 28), 1));
    if (win.contains(sweepAt)) {
      const surplus = ledger.balanceAt(G, sweepAt) - 420_000;
      if (surplus >= 10_000) {
        const amount = Math.floor(surplus / 10_000) * 10_000;
        ledger.add(G, sweepAt, {
          amountCents: -amount,
          category: 'TRANSFER',
          description: `${holder} Umbuchung Extra-Konto`,
          meta: {
            provider_transaction_category: BT.transferOut,
            counter_party_preferred_name: holder,
            counter_party_iban: extraIban,
          },
        });
        ledger.add(X, sweepAt, {
          amountCents: amount,
          category: 'TRANSFER',
          description: `${holder} Umbuchung Extra-Konto`,
          meta: {
            provider_transaction_category: BT.transferIn,
            counter_party_preferred_name: holder,
            counter_party_iban: giroIban,
          },
        });
      }
    }
    if (!['03', '06', '09', '12'].includes(mm)) continue;
    const lastDay = addDays(addMonths(month, 1), -1);
    if (!win.contains(lastDay)) continue;
    const bal = ledger.balanceAt(X, lastDay);
    const interest = Math.max(1, Math.round((bal * 0.0075) / 4));
    const qStart = addMonths(month, -2);
    ledger.add(X, lastDay, {
      amountCents: interest,
      category: 'INTEREST',
      description: `Zinsgutschrift ${fmtDe(qStart)} - ${fmtDe(lastDay)}`,
      meta: { provider_transaction_category: BT.interest },
    });
  }
}

/**
 * Rows booked in [from, windowFirst) come from a random stream of their own, so the window's
 * rows are untouched, and the opening balances move back by what those rows add up to, so every
 * balance inside the window stays the same. The older rows' balance-dependent bookings (the
 * surplus sweep, interest) are generated against a guessed opening; a few passes move the guess
 * to the opening that actually results, which they then see.
 */
function prependOlderHistory(p: PersonaParams, id: IngIdentity, accounts: GenAccount[], from: string, windowFirst: string): void {
  const win = new Window(p.startDay, from, addDays(windowFirst, -1));
  const sum = (a: GenAccount) => a.txns.reduce((s, t) => s + t.amountCents, 0);
  let guess = accounts.map((a) => a.openingBalanceCents);
  let older: GenAccount[] = [];
  for (let pass = 0; pass < 4; pass++) {
    older = ingAccounts(id, guess[0]!, guess[1]!);
    const ledger = new Ledger(older);
    addRows(ledger, new Prng(seedFrom(p.seed, 'ing-de-older', p.username, p.startDay)), win, id);
    ledger.finish();
    // A card payment made on the last older day books inside the window, which lacks it; dropped.
    for (const a of older) a.txns = a.txns.filter((t) => t.bookingDate < windowFirst);
    const drift = older.map((a, i) => accounts[i]!.openingBalanceCents - (a.openingBalanceCents + sum(a)));
    if (drift.every((d) => d === 0)) break;
    guess = guess.map((g, i) => g + drift[i]!);
  }
  accounts.forEach((a, i) => {
    const rows = older[i]!.txns;
    a.openingBalanceCents -= rows.reduce((s, t) => s + t.amountCents, 0);
    a.txns = [...rows, ...a.txns];
  });
}
