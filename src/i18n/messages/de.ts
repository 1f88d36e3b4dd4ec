import { HELP_PREFIX, HELP_TEXT } from './de-help.js';
import { HELP_EXAMPLES, type Messages } from './en.js';

/** Deutsch, wie es eine Bankkundin schreibt: Umsätze, Buchung, Einnahmen, Ausgaben. */
const CADENCE: Record<string, string> = {
  weekly: 'wöchentlich',
  monthly: 'monatlich',
  quarterly: 'vierteljährlich',
  yearly: 'jährlich',
};
const TRIGGER: Record<string, string> = { user: 'von Hand', connect: 'Verknüpfung', schedule: 'Zeitplan', webhook: 'Webhook' };
const RUN_STATUS: Record<string, string> = { done: 'fertig', failed: 'fehlgeschlagen', running: 'läuft', stale: 'abgebrochen' };

const CONNECTION_STATUS: Record<string, string> = {
  active: 'aktiv',
  needs_reauth: 'neu verknüpfen',
  error: 'Fehler',
  revoked: 'widerrufen',
};

const PLACEMENT: Record<string, string> = {
  new: 'neu',
  linked: 'schon in Trax',
  duplicate: 'früher importiert',
  review: 'zu prüfen',
};

const REVIEW_REASON: Record<string, string> = {
  new: 'neu',
  uncategorized: 'ohne Kategorie',
  'low-confidence': 'unsicher',
  transfer: 'Umbuchung?',
  duplicate: 'Duplikat?',
};
/** Commander's section titles in `trax --help`. */
const HELP_TITLE: Record<string, string> = {
  'Usage:': 'Aufruf:',
  'Options:': 'Optionen:',
  'Commands:': 'Befehle:',
  'Arguments:': 'Argumente:',
  'Global Options:': 'Globale Optionen:',
};

/** Each command's one-line summary in `trax --help` (the English ones are in src/cli/main.ts). */
const COMMAND_SUMMARY: Record<string, string> = {
  connect: 'ein Bankkonto über einen Open-Banking-Anbieter verknüpfen',
  banks: 'die Banken eines Anbieters auflisten, jeweils mit der Laufzeit der Freigabe',
  connections: 'verknüpfte Banken mit Status und Ablauf der Freigabe auflisten',
  sync: 'neue Konten, Kontostände und Umsätze von allen verknüpften Banken abrufen',
  import: 'Kontoauszugsdateien importieren (ING-CSV, CSV anderer Banken, CAMT, MT940/942, OFX/QFX, QIF)',
  accounts: 'Konten mit ihren aktuellen Kontoständen auflisten',
  transactions: 'Umsätze auflisten, die neuesten zuerst',
  search: 'Umsätze nach Wörtern, Beträgen, Datum, Kategorie, Tag, Notiz oder Konto finden; Suchen speichern',
  tx: 'einen Umsatz ändern: Notiz, Tags, Aufteilen, Ausblenden; Buchungen von Hand anlegen, ändern, löschen',
  disconnect: 'eine Bankverknüpfung beim Anbieter widerrufen und ihre Zugangsdaten löschen',
  categorize: 'Umsätze kategorisieren (Ihre eigenen Zuordnungen bleiben unangetastet)',
  rules: 'Ihre Kategorisierungsregeln: auflisten, anlegen, löschen, testen, exportieren, importieren',
  categories: 'die Kategorien: auflisten, anlegen, umbenennen, zusammenführen',
  review: 'zu prüfen: neue, unkategorisierte und unsichere Umsätze, jeweils mit einem Tastendruck erledigt',
  report: 'wohin Ihr Geld ging: Ausgaben nach Kategorie, Einnahmen, Sparquote, häufigste Empfänger, Budgets',
  budget: 'monatliche Ausgabenlimits je Kategorie: festlegen, auflisten, löschen',
  recurring: 'Abos und andere wiederkehrende Zahlungen, mit nächstem Termin und Kosten pro Jahr',
  export: 'alle Umsätze als CSV, JSON, hledger/Ledger-Journal oder beancount-Datei',
  undo: 'die letzte Sammel-Umkategorisierung rückgängig machen (rules add/import, --similar, categorize --all)',
  backup: 'die Datenbank in eine Datei kopieren, sicher auch während Trax läuft',
  restore: 'die Datenbank durch eine mit `trax backup` erstellte Sicherung ersetzen',
  schedule: '`trax sync` nach Zeitplan ausführen, ohne dass `trax serve` laufen muss',
  serve: 'die Web-App starten: Banken verknüpfen, erneuern, abrufen und löschen; Ablauf der Freigaben auf einen Blick',
  cert: 'ein selbst signiertes HTTPS-Zertifikat für localhost im Datenverzeichnis erzeugen',
  sandbox: 'die eingebaute TrueLayer-Testumgebung starten, um jeden Befehl ohne Bank auszuprobieren',
};
/** Where a category came from; the review inbox names sources with the same words. */
const CATEGORY_SOURCE: Record<string, string> = {
  user: 'Ihre Wahl',
  rule: 'Regel',
  learned: 'gelernt',
  provider: 'Bank',
  default: 'Voreinstellung',
  transfer: 'Umbuchung',
  none: 'keine',
};

/** Which stage decided a category, as `trax rules test` and the rules page name it. */
const RULE_SOURCE: Record<string, string> = {
  user: 'Ihre Zuordnung',
  rule: 'Ihre Regel',
  learned: 'das gelernte Modell',
  provider: 'die Kategorie der Bank',
  default: 'eine eingebaute Regel',
  transfer: 'eine Umbuchung',
  none: 'nichts: ohne Kategorie',
};

export const de: Messages = {
  navDashboard: 'Übersicht',
  navTransactions: 'Umsätze',
  navBanks: 'Banken',
  navImport: 'Import',
  navHistory: 'Abrufverlauf',
  searchLabel: 'Umsätze durchsuchen',
  searchPlaceholder: 'Suche: rewe >50 2026',
  relink: 'Neu verknüpfen',
  renew: 'Verlängern',
  dashboardTitle: 'Übersicht',
  dashboardTag: 'Tag',
  dashboardAllTags: 'Alle Tags',
  dashboardSaved: 'Gespeicherte Suche',
  dashboardNoSaved: 'Keine gespeicherte Suche',
  dashboardHeading: 'Wohin das Geld ging',
  month: 'Monat',
  currency: 'Währung',
  show: 'Anzeigen',
  dashboardEmpty: (period) =>
    `Noch keine Umsätze im ${period}. Verknüpfen Sie eine Bank auf der Seite „Banken“ (oder starten Sie npm run demo); die Umsätze erscheinen gleich danach hier.`,
  spentIn: (period) => `Ausgaben im ${period}`,
  income: 'Einnahmen',
  netSaved: 'Gespart',
  savingsRate: 'Sparquote',
  last12Months: 'Die letzten 12 Monate nach Kategorie',
  last12MonthsChart: 'Ausgaben pro Monat, nach Kategorie gestapelt',
  categoriesIn: (period) => `Kategorien im ${period}`,
  vsPrevious: 'gegenüber dem Vormonat',
  vsTrailing: 'gegenüber dem Durchschnitt der letzten 6 Monate',
  incomeVsSpending: 'Einnahmen und Ausgaben',
  incomeVsSpendingChart: 'Einnahmen und Ausgaben pro Monat',
  topMerchants: 'Häufigste Empfänger',
  budgets: 'Budgets',
  noBudgets: 'Noch keine Budgets. Legen Sie eines an mit',
  budgetLine: (spent, limit) => `${spent} von ${limit}`,
  budgetOver: (amount) => `${amount} darüber`,
  budgetLeft: (amount) => `${amount} übrig`,
  budgetProjected: (amount) => `Hochrechnung ${amount}`,
  recurringPayments: 'Regelmäßige Zahlungen',
  noRecurring: 'Noch keine regelmäßigen Zahlungen gefunden; sie erscheinen nach einigen Monaten Umsatzhistorie.',
  recurringPayee: 'Empfänger',
  recurringCadence: 'Rhythmus',
  recurringNext: 'Nächste',
  recurringPerYear: 'Pro Jahr',
  priceRose: 'teurer geworden',
  cadence: (c) => CADENCE[c] ?? c,
  banksTitle: 'Banken',
  yourBanks: 'Ihre Banken',
  linkWith: (provider) => `Bank über ${provider} verknüpfen`,
  importAFile: 'Datei importieren',
  noProvider1: 'Kein Anbieter eingerichtet. Tragen Sie Zugangsdaten für TrueLayer, Enable Banking oder Plaid in',
  noProvider2: 'ein (siehe README), starten Sie',
  noProvider3: 'für die eingebauten Testbanken, oder importieren Sie einen Kontoauszug, den Ihre Bank zum Download anbietet.',
  noBanks: 'Noch keine Bank verknüpft. Verknüpfen Sie eine über die Schaltflächen oben; Trax holt Konten und Umsätze sofort ab.',
  sandbox: 'Testumgebung',
  connectionStatus: (s) => CONNECTION_STATUS[s] ?? s,
  consentUnknown: 'Ablauf der Freigabe unbekannt',
  consentExpired: (day) => `Freigabe am ${day} abgelaufen`,
  consentExpiresSoon: (day, days) => `Freigabe läuft am ${day} ab (in ${days} ${days === 1 ? 'Tag' : 'Tagen'})`,
  consentValid: (day, days) => `Freigabe gültig bis ${day} (${days} Tage)`,
  keptByHand: 'Von Hand geführt: keine Bank, keine Einwilligung.',
  addABooking: 'Buchung erfassen',
  cashLink: 'Bargeld: ein Konto oder eine Buchung von Hand erfassen',
  fromFilesOnly: 'Aus Kontoauszugsdateien: keine Freigabe zu verlängern.',
  lastSync: 'Letzter Abruf:',
  never: 'noch nie',
  syncNow: 'Jetzt abrufen',
  confirmDeleteSynced: (name, provider) => `${name} löschen? Trax widerruft den Zugriff bei ${provider}.`,
  confirmDeleteImported: (name) =>
    `${name} löschen? Die importierten Umsätze werden nur gelöscht, wenn Sie das Kästchen ankreuzen.`,
  alsoDeleteHistory: 'auch die Umsätze löschen',
  delete: 'Löschen',
  syncDone: (bank, added, changed, removed) => `${bank}: ${added} neu, ${changed} geändert, ${removed} entfernt.`,
  syncFailed: 'Abruf fehlgeschlagen',
  deleted: (bank) => `${bank} gelöscht.`,
  revokedAtProvider: 'Zugriff beim Anbieter widerrufen',
  notRevoked: (problem) => `Widerruf beim Anbieter nicht möglich (${problem}); widerrufen Sie den Zugriff bitte auch dort`,
  noTokens: 'keine Zugangsschlüssel',
  historyDeleted: 'Die Umsätze wurden gelöscht.',
  historyKept: 'Die Umsätze bleiben erhalten.',
  backToBanks: 'Zurück zu Ihren Banken',
  loginTitle: 'Anmelden',
  loginHeading: 'Bei Trax anmelden',
  password: 'Passwort',
  logIn: 'Anmelden',
  wrongPassword: 'Das Passwort stimmt nicht.',
  tooManyGlobal: (wait) =>
    `In letzter Zeit wurden zu viele falsche Passwörter versucht; warten Sie ${wait} und versuchen Sie es dann erneut.`,
  tooManyHere: (wait) => `Zu viele falsche Passwörter von dieser Adresse; warten Sie ${wait} und versuchen Sie es dann erneut.`,
  waitFor: (s) => (s < 120 ? `${s} ${s === 1 ? 'Sekunde' : 'Sekunden'}` : `${Math.ceil(s / 60)} Minuten`),
  finishingTitle: 'Bankanmeldung wird abgeschlossen',
  finishingHeading: 'Ihre Bankanmeldung wird abgeschlossen …',
  finishingText: 'Ihre Bank hat Sie zurückgeschickt; Plaid Link schließt die Verknüpfung ab.',
  importTitle: 'Datei importieren',
  importIntro:
    'Ein Kontoauszug, den Ihre Bank zum Download anbietet: ING-CSV (Umsatzanzeige), CSV anderer Banken, CAMT.052/053/054, MT940/MT942, OFX/QFX oder QIF. Trax erkennt das Format am Inhalt, ordnet das Konto über die IBAN zu und zeigt vor dem Speichern, was hinzukäme. Bis 20 MB.',
  statementFile: 'Kontoauszugsdatei',
  account: 'Konto',
  accountFromFile: 'das Konto mit der IBAN aus der Datei (oder ein neues)',
  preview: 'Vorschau',
  importedFiles: 'Importierte Dateien',
  noImports: 'Noch keine Dateien importiert.',
  when: 'Zeitpunkt',
  file: 'Datei',
  format: 'Format',
  countNew: 'Neu',
  countLinked: 'Schon in Trax',
  countDuplicates: 'Früher importiert',
  countReview: 'Zu prüfen',
  undoneOn: (day) => `rückgängig gemacht am ${day}`,
  confirmUndoImport: (rows, file) => `Die ${rows} Buchungen aus ${file} wieder entfernen?`,
  undo: 'Rückgängig',
  toReviewHeading: (n) => `Zu prüfen (${n})`,
  importReviewHint:
    'Jede dieser Buchungen könnte zu mehr als einer Buchung passen, die Trax schon hat. Wählen Sie die richtige, oder sagen Sie, dass es eine eigene Buchung ist.',
  fromSync: 'abgerufen',
  fromFile: 'aus einer Datei',
  itIsThisOne: 'Diese ist es',
  ownBooking: 'Eigene Buchung',
  leaveOut: 'Weglassen',
  placement: (p) => PLACEMENT[p] ?? p,
  imported: 'Importiert',
  newOfflineAccount: (name) => `ein neues Offline-Konto „${name}“`,
  existingAccount: (name, id) => `${name} (Konto ${id})`,
  bookingsFromTo: (first, last) => `Buchungen vom ${first} bis ${last}`,
  date: 'Datum',
  amount: 'Betrag',
  description: 'Verwendungszweck',
  seeAccountTransactions: 'Umsätze des Kontos ansehen',
  nToReview: (n) => `${n} zu prüfen`,
  importAnother: 'Weitere Datei importieren',
  importButton: 'Importieren',
  cancel: 'Abbrechen',
  columnsTitle: 'Welche Spalte ist welche',
  chooseColumn: 'Spalte wählen',
  noColumn: '(keine)',
  bookingDate: 'Buchungstag',
  payee: 'Empfänger / Auftraggeber',
  countsNew: (n) => `${n} neu`,
  countsLinked: (n, from) => `${n} schon in Trax${from ? ` (${from})` : ''}`,
  countsDuplicates: (n) => `${n} früher importiert`,
  countsReview: (n) => `${n} zu prüfen`,
  noBalances: 'Die Datei nennt keinen Anfangs- und Endsaldo, gegen den sich prüfen ließe.',
  balancesAddUp: (opening, entries, closing) => `Die Salden stimmen: ${opening} + ${entries} = ${closing}.`,
  balancesOff: (opening, entries, expected, closing, apart) =>
    `Die Salden des Auszugs gehen nicht auf: Anfangssaldo ${opening} + Buchungen ${entries} = ${expected}, ` +
    `die Datei nennt aber einen Endsaldo von ${closing} (Differenz ${apart}). Die Buchungen wurden trotzdem importiert; ` +
    'die Datei ist vielleicht abgeschnitten oder der Export der Bank unvollständig.',
  importedFlash: (file, counts) => `${file} importiert: ${counts}.`,
  undidImport: (file, removed, kept) =>
    `Import von ${file} rückgängig gemacht: ${removed} Buchungen entfernt${kept ? `, ${kept} behalten, weil ein Abruf sie inzwischen gebracht hat` : ''}.`,
  noted: 'Vermerkt.',
  chooseFileFirst: 'Wählen Sie zuerst die Kontoauszugsdatei aus (sie war leer oder fehlte).',
  previewExpired: 'Diese Vorschau ist abgelaufen (oder stammt aus einem anderen Browser); laden Sie die Datei bitte erneut hoch.',
  noSuchImport: 'Diesen Import gibt es nicht.',
  transactionsTitle: 'Umsätze',
  allAccounts: 'Alle Konten',
  category: 'Kategorie',
  allCategories: 'Alle Kategorien',
  searchText: 'Text suchen',
  search: 'Suche',
  min: 'ab',
  max: 'bis',
  minAmount: 'Mindestbetrag',
  maxAmount: 'Höchstbetrag',
  filter: 'Filtern',
  clear: 'Zurücksetzen',
  noTransactions:
    'Hier gibt es noch keine Umsätze. Verknüpfen Sie eine Bank auf der Seite „Banken“; die Umsätze kommen gleich danach.',
  nothingMatches: 'Keine Buchung passt zu diesen Filtern. Setzen Sie sie zurück, um alle zu sehen.',
  showing: (first, last, total) => `${first}–${last} von ${total.toLocaleString('de-DE')}`,
  pending: 'vorgemerkt',
  categoryFrom: (source, bank) =>
    `Quelle: ${source ? (CATEGORY_SOURCE[source] ?? source) : 'noch keine'}${bank ? `; laut Bank: ${bank}` : ''}`,
  uncategorized: 'Ohne Kategorie',
  yours: 'Ihre Wahl',
  transfer: 'Umbuchung',
  newer: '← Neuere',
  older: 'Ältere →',
  notAMonth: (v) => `„${v}“ ist kein Monat; schreiben Sie JJJJ-MM.`,
  notAnAmount: (v, field) => `„${v}“ ist kein Betrag für ${field}; schreiben Sie ihn etwa so: -12.50.`,
  cliId: 'ID',
  cliBadMonth: (v) => `--month „${v}“ ist kein Monat; schreiben Sie JJJJ-MM, z. B. 2026-10.`,
  cliBadAccount: (v) => `--account „${v}“ ist keine Kontonummer von Trax; siehe \`trax accounts\`.`,
  cliBadLimit: (v) => `--limit „${v}“ muss eine positive ganze Zahl sein.`,
  cliNoSuchAccount: (id) => `Es gibt kein Konto ${id}; \`trax accounts\` zeigt die Nummern.`,
  cliJsonOrCsv: 'Wählen Sie entweder --json oder --csv.',
  cliReportOverSearch: (query: string) => `Suche „${query}“`,
  cliBank: 'Bank',
  cliAccount: 'Konto',
  cliType: 'Art',
  cliIbanNumber: 'IBAN / Nummer',
  cliBalance: 'Kontostand',
  cliAsOf: 'Stand',
  cliNoAccounts: 'Noch keine Konten. Verknüpfen Sie eine Bank mit `trax connect truelayer` und starten Sie dann `trax sync`.',
  cliDate: 'Datum',
  cliDescription: 'Verwendungszweck',
  cliCategory: 'Kategorie',
  cliAmount: 'Betrag',
  cliPending: 'vorgemerkt',
  cliPendingStale: (days) => `seit über ${days} Tagen vorgemerkt: wird evtl. nicht gebucht`,
  cliNoTransactionsIn: (month) => `Keine Umsätze im ${month}.`,
  cliNoTransactions:
    'Noch keine Umsätze. Verknüpfen Sie eine Bank mit `trax connect truelayer` und starten Sie dann `trax sync`.',
  cliShowingLatest: (n) => `Die letzten ${n} Umsätze; mehr mit --month oder --limit.`,
  cliProvider: 'Anbieter',
  cliAccounts: 'Konten',
  cliStatus: 'Status',
  cliConsentExpires: 'Freigabe bis',
  cliLastSync: 'Letzter Abruf',
  cliSandbox: ' (Testumgebung)',
  cliNoConsent: 'keine Freigabe (Dateien)',
  cliNever: 'noch nie',
  cliNoConnections:
    'Noch keine Bank verknüpft. Verknüpfen Sie eine mit `trax connect truelayer`, oder probieren Sie die Testbank mit `npm run demo`.',
  cliExpiryUnknown: 'unbekannt',
  cliExpired: (day) => `${day} (abgelaufen)`,
  cliExpiresIn: (day, days) => `${day} (in ${days} ${days === 1 ? 'Tag' : 'Tagen'})`,
  cliStatusName: (s) => CONNECTION_STATUS[s] ?? s,
  cliReportEmpty:
    'Noch keine Umsätze, also nichts auszuwerten. Verknüpfen Sie eine Bank mit `trax connect truelayer` (oder in `trax serve`), starten Sie `trax sync`; danach zeigt `trax report`, wohin das Geld ging.',
  cliAllAccounts: 'alle Konten',
  cliAccountScope: (id, name) => `Konto ${id} (${name})`,
  cliNothingIn: (label, first, last, month) =>
    `Im Zeitraum ${label} gab es weder Ausgaben noch Einnahmen. Ihre Umsätze reichen vom ${first} bis ${last}; versuchen Sie \`trax report --month ${month}\`.`,
  cliComparedWith: (previous, label) =>
    `Verglichen mit ${previous} und dem Durchschnitt der 6 Zeiträume vor ${label}. Umbuchungen und Vorgemerktes nur auf Wunsch; --json oder --csv für Skripte.`,
  cliSpending: (currency) => `Ausgaben (${currency})`,
  cliSpent: 'Ausgegeben',
  cliShare: 'Anteil',
  cliTotal: 'Summe',
  cliNew: 'neu',
  cliIncomeLine: (income, net) => `Einnahmen ${income} · gespart ${net}`,
  cliSavingsRate: (rate) => ` · Sparquote ${rate}`,
  cliTopMerchants: 'Häufigste Empfänger: ',
  cliBudget: (currency) => `Budget (${currency})`,
  cliLimit: 'Limit',
  cliLeft: 'Übrig',
  cliProjected: 'Hochrechnung',
  cliVs: (what) => `ggü. ${what}`,
  cliVsPrevious: 'ggü. Vorperiode',
  cli6YrAvg: '6-Jahres-Schnitt',
  cli6MoAvg: '6-Monats-Schnitt',
  cli6PeriodAvg: 'Schnitt 6 Perioden',
  historyTitle: 'Abrufverlauf',
  historyEmpty: 'Noch keine Abrufe. Verknüpfen Sie eine Bank; der erste Abruf läuft sofort, danach nach Zeitplan.',
  started: 'Beginn',
  bank: 'Bank',
  trigger: 'Auslöser',
  status: 'Status',
  duration: 'Dauer',
  addedChangedRemoved: 'Neu / geändert / entfernt',
  error: 'Fehler',
  triggerName: (t) => TRIGGER[t] ?? t,
  runStatus: (s) => RUN_STATUS[s] ?? s,
  reviewNav: 'Prüfen',
  reviewTitle: 'Zu prüfen',
  reviewHint: (since) =>
    `Was seit Ihrer letzten Prüfung${since ? ` (${since} UTC)` : ''} hinzukam, Buchungen ohne Kategorie, Kategorien, bei denen Trax unsicher ist, mögliche Duplikate und vermutete Umbuchungen. Jede Antwort ist Ihre Wahl und schult die Kategorisierung.`,
  reviewEmpty: 'Nichts zu prüfen.',
  reviewTotalPage: (total, capped, from, to) =>
    `${capped ? `Mindestens ${total} Einträge` : total === 1 ? '1 Eintrag' : `${total} Einträge`}${capped || total > to || from > 1 ? `; ${from}–${to} angezeigt, neueste zuerst` : ''}.`,
  reviewPages: 'Seiten der Prüfliste',
  reviewNewer: '← Neuere',
  reviewOlder: 'Ältere →',
  reviewReason: (r) => REVIEW_REASON[r] ?? r,
  reviewSource: (s) => CATEGORY_SOURCE[s] ?? s,
  reviewAccept: 'Übernehmen',
  reviewChange: 'Ändern',
  reviewAndSimilar: 'und ähnliche',
  reviewCategoryFor: (id) => `Kategorie für ${id}`,
  reviewNotTransfer: 'Keine Umbuchung',
  reviewNotDuplicate: 'Kein Duplikat',
  reviewMarkDone: 'Rest als geprüft markieren',
  reviewSyncedRow: 'Eine abgerufene Buchung',
  reviewFileRow: 'Eine Buchung aus einer Datei',
  reviewCouldBe: (id) => `könnte #${id} sein:`,
  reviewLinkBefore: 'Ist es eine davon, verknüpfen Sie sie auf der Seite',
  reviewLinkAfter: '.',
  reviewPairedWith: (id, account) => `Gegenbuchung #${id} auf ${account}:`,
  reviewOwnAccount: 'an eines Ihrer eigenen Konten',
  reviewSimilarTitle: 'Auf ähnliche anwenden',
  reviewSimilarRule: (rule, category, matched) =>
    `Das legt eine Regel an: ${rule} → ${category}. Sie trifft auf ${matched} Umsätze zu;`,
  reviewSimilarMoves: (category) => `weitere Umsätze kämen in ${category}.`,
  reviewApply: 'Anwenden',
  reviewCancel: 'Abbrechen',
  reviewChooseFirst: 'Bitte zuerst eine Kategorie wählen.',
  reviewKept: (category, ids) => `${category} für ${ids} übernommen.`,
  reviewNowIn: (id, category, similar) =>
    `#${id} ist jetzt ${category}${similar !== null ? `; eine Regel hat ${similar} ähnliche Umsätze verschoben (rückgängig mit \`trax undo\`)` : ''}.`,
  reviewUnpaired: (rows) => `Keine Umbuchung: ${rows}.`,
  reviewRowIs: (id, category) => `#${id} ist ${category}`,
  reviewOwnBooking: (day, description) => `${day} ${description} ist eine eigene Buchung.`,
  reviewMarked: 'Als geprüft markiert: nur was ab jetzt hinzukommt, ist neu.',
  reviewAnd: 'und',
  // webedit: Summe der Liste, Betragsfilter, Notizen und Tags in der Liste, gespeicherte Suchen, Tag-Filter im Dashboard.
  filteredTotal: 'Summe aller passenden Umsätze:',
  amountFilterHint: '50 vergleicht den Betrag (Ein- oder Ausgang); -50 oder +50 mit Vorzeichen.',
  listKeysHint: 'Tasten: j/k oder Pfeile wechseln die Zeile, n Notiz, t Tag, c Kategorie, Esc schließt.',
  listNoteLabel: 'Notiz (Enter speichert, leer löscht)',
  listTagLabel: 'Tag hinzufügen (+tag) oder entfernen (-tag)',
  listSaved: 'Gespeichert.',
  savedSearchesNav: 'Gespeicherte Suchen',
  // --- Regeln, Kategorien, Budgets (Verwaltung im Browser) ---
  navManage: 'Regeln & Budgets',
  manageRules: 'Regeln',
  manageCategories: 'Kategorien',
  manageBudgets: 'Budgets',
  rulesIntro: 'Ihre Regeln greifen nach Ihren eigenen Zuordnungen und vor allem anderen, in dieser Reihenfolge.',
  rulesEmpty: 'Noch keine Regeln.',
  ruleAdd: 'Regel anlegen',
  ruleEditTitle: (id: number) => `Regel ${id} bearbeiten`,
  ruleOrder: 'Reihenfolge',
  ruleName: 'Name',
  ruleWhen: 'Wenn',
  ruleCategory: 'Kategorie',
  ruleDecides: 'Zugeordnete Umsätze',
  ruleActions: 'Aktionen',
  ruleUp: 'Nach oben',
  ruleDown: 'Nach unten',
  ruleMoveUp: (id: number) => `Regel ${id} nach oben`,
  ruleMoveDown: (id: number) => `Regel ${id} nach unten`,
  ruleEdit: 'Bearbeiten',
  ruleDelete: 'Löschen',
  rulePriority: 'Priorität (niedrigere zuerst)',
  ruleDescription: 'Verwendungszweck',
  ruleMerchant: 'Händler',
  ruleCounterparty: 'Empfänger/Auftraggeber enthält',
  ruleIban: 'IBAN der Gegenseite',
  ruleAmountMin: 'Betrag mindestens (mit Vorzeichen, z. B. -100.00)',
  ruleAmountMax: 'Betrag höchstens (mit Vorzeichen, z. B. 0)',
  ruleSign: 'Geld',
  ruleSignAny: 'Eingang oder Ausgang',
  ruleSignIn: 'Eingang',
  ruleSignOut: 'Ausgang',
  ruleOp: (op: string) =>
    ({ contains: 'enthält', equals: 'ist genau', startsWith: 'beginnt mit', regex: 'passt auf Regex (RE2)' })[op] ?? op,
  ruleFieldHow: (field: string) => `Wie ${field} verglichen wird`,
  rulePreviewButton: 'Vorschau',
  rulePreviewTitle: 'Was diese Regel ändert',
  rulePreviewCount: (matched: number, moves: number) =>
    `Sie trifft auf ${matched} Umsätze zu; ${moves} bekämen eine andere Kategorie${moves > 0 ? ', zum Beispiel:' : '.'}`,
  ruleApply: 'Übernehmen',
  ruleBack: 'Regel ändern',
  ruleAdded: (id: number, changed: number) => `Regel ${id} angelegt; ${changed} Umsätze neu zugeordnet.`,
  ruleSaved: (id: number, changed: number) => `Regel ${id} gespeichert; ${changed} Umsätze neu zugeordnet.`,
  ruleRemoved: (id: number, changed: number) => `Regel ${id} gelöscht; ${changed} Umsätze neu zugeordnet.`,
  ruleMoved: (id: number, changed: number) => `Regel ${id} verschoben; ${changed} Umsätze neu zugeordnet.`,
  ruleUndo: 'Rückgängig',
  ruleUndone: (summary: string, restored: number) => `„${summary}“ rückgängig gemacht: ${restored} Umsätze wiederhergestellt.`,
  ruleFromTxn: 'Regel aus diesem Umsatz erstellen',
  ruleTestTitle: 'Buchungstext testen',
  ruleTestText: 'Buchungstext',
  ruleTestAmount: 'Betrag (mit Vorzeichen)',
  ruleTestButton: 'Testen',
  ruleTestYours: 'Ihre Regeln',
  ruleTestLearned: 'Gelerntes Modell',
  ruleTestBuiltIn: 'Eingebaute Regeln',
  ruleTestNoMatch: 'kein Treffer',
  ruleTestUntrained: 'noch nicht trainiert (es lernt aus Ihren Korrekturen)',
  ruleTestNoOpinion: 'keine Einschätzung',
  ruleTestLearnedAt: (category: string, percent: string, used: boolean) =>
    `${category} mit ${percent} auf zurückgehaltenen Daten (${used ? 'sicher genug' : 'nicht sicher genug, nicht verwendet'})`,
  ruleTestLearnedUnearned: (category: string) =>
    `${category}, noch ohne auf zurückgehaltenen Daten verdiente Sicherheit (nicht verwendet)`,
  ruleTestWinner: (category: string, source: string) => `→ ${category} (durch ${source})`,
  ruleSource: (s: string) => RULE_SOURCE[s] ?? s,
  categoriesIntro:
    'Kategorien umbenennen, anlegen oder entfernen. Eine verwendete Kategorie wird beim Entfernen mit einer anderen zusammengelegt.',
  categoryRows: 'Umsätze',
  categoryKind: (k: string) => ({ expense: 'Ausgaben', income: 'Einnahmen', transfer: 'Umbuchung', uncategorized: '' })[k] ?? k,
  categoryAddTitle: 'Kategorie anlegen',
  categoryNewName: 'Name',
  categoryParent: 'Unter',
  categoryTopLevel: '(oberste Ebene)',
  categoryIncome: 'Geldeingang (Einnahmen)',
  categoryAddButton: 'Anlegen',
  categoryRename: 'Umbenennen',
  categoryRenameLabel: (name: string) => `Neuer Name für ${name}`,
  categoryRemove: 'Entfernen',
  categoryMergeInto: (name: string) => `Inhalt von ${name} verschieben nach`,
  categoryChooseInto: 'auswählen …',
  categoryAdded: (name: string) => `${name} angelegt.`,
  categoryNeedsName: 'Eine Kategorie braucht einen Namen; es wurde nichts geändert.',
  categoryRenamed: (name: string) => `Umbenannt in ${name}.`,
  categoryMerged: (from: string, into: string, moved: number) =>
    `${from} mit ${into} zusammengelegt: ${moved} Umsätze verschoben.`,
  categoryRemoved: (name: string) => `${name} entfernt.`,
  categoryInUse: (name: string, rows: number) =>
    `${name} enthält noch ${rows} Umsätze (oder Regeln); wählen Sie die Kategorie, in die sie verschoben werden.`,
  budgetsIntro: 'Monatliche Obergrenzen je Kategorie, mit Ausgaben, Rest und Hochrechnung zum Monatsende.',
  budgetsEmpty: 'Noch keine Budgets.',
  budgetLimit: 'Budget',
  budgetSpentHead: 'Ausgegeben',
  budgetLeftHead: 'Übrig',
  budgetProjectedHead: 'Hochrechnung',
  budgetSetTitle: 'Budget festlegen oder ändern',
  budgetAmount: 'Monatliche Obergrenze',
  budgetCurrency: 'Währung',
  budgetSetButton: 'Festlegen',
  budgetRemove: 'Entfernen',
  budgetRemoveLabel: (name: string) => `Budget für ${name} entfernen`,
  budgetChange: 'Ändern',
  budgetChangeLabel: (name: string) => `Neue monatliche Obergrenze für ${name}`,
  budgetSaved: (name: string, amount: string) => `Budget für ${name}: ${amount} im Monat.`,
  budgetRemoved: (name: string) => `Budget für ${name} entfernt.`,
  // --- Ende Verwaltung ---
  // CLI: trax tx (note, tag, split, hide, add, edit, delete)
  cliNotTxId: (v) => `„${v}“ ist keine Umsatznummer; \`trax transactions\` und \`trax search\` zeigen die Nummern.`,
  cliNotAccountId: (v) => `„${v}“ ist keine Kontonummer von Trax; \`trax accounts\` zeigt die Nummern.`,
  cliTagsWhich: 'Geben Sie an, welche Tags hinzukommen oder wegfallen, z. B. `trax tx tag 42 +urlaub -work`.',
  cliTxAdded: (id, day, amount, description, category) =>
    `Buchung ${id} angelegt: ${day} ${amount} „${description}“ (${category}).`,
  cliTxNowIs: (id, day, amount, description, category) =>
    `Buchung ${id} lautet jetzt ${day} ${amount} „${description}“ (${category}).`,
  cliTxDeleted: (id, day, description) => `Buchung ${id} gelöscht (${day} „${description}“).`,
  cliTxHidden: (id) => `Umsatz ${id} wird in Auswertungen nicht mehr gezählt.`,
  cliTxShown: (id) => `Umsatz ${id} zählt wieder in Auswertungen.`,
  cliTxAlreadyHidden: (id) => `Umsatz ${id} war schon ausgeblendet; nichts geändert.`,
  cliTxAlreadyShown: (id) => `Umsatz ${id} war schon eingeblendet; nichts geändert.`,
  cliNoteCleared: (id) => `Notiz von Umsatz ${id} gelöscht.`,
  cliNoted: (id, note) => `Notiz zu Umsatz ${id}: ${note}`,
  cliTagged: (id, tags) => `Umsatz ${id} trägt die Tags ${tags}.`,
  cliNoTags: (id) => `Umsatz ${id} hat keine Tags.`,
  cliSplitInto: (id, parts) => `Umsatz ${id} in ${parts} Teile aufgeteilt:`,
  cliPartNo: 'Nr.',
  cliNote: 'Notiz',
  cliUnsplit: (id, parts) => `Umsatz ${id} ist wieder eine einzige Buchung (${parts} Teile entfernt).`,
  cliAccountAdded: (id, name, kind, currency, opening) =>
    `Konto ${id} „${name}“ angelegt (${kind}, ${currency}), von Hand geführt, Anfangsbestand ${opening}.`,
  cliAccountAddHint: (id) =>
    `Buchungen tragen Sie mit \`trax tx add --account ${id} --date JJJJ-MM-TT --amount -4.20 --description "…"\` ein.`,
  // CLI: trax budget, recurring
  cliBudgetNoCurrency:
    'Trax kennt Ihre Währung noch nicht (keine Konten, keine Umsätze); geben Sie --currency an, z. B. --currency EUR.',
  cliBadCurrency: (v) => `--currency „${v}“ ist kein Währungscode nach ISO 4217; z. B. EUR, GBP oder USD.`,
  cliBudgetBadAmount: (v, currency) =>
    `„${v}“ ist kein Betrag in ${currency}; schreiben Sie das Monatslimit z. B. als 400 oder 150.50.`,
  cliBudgetNotPositive: (ref) => `Ein Budget muss größer als null sein; löschen Sie es mit \`trax budget rm ${ref}\`.`,
  cliBudgetNotExpense: (name, income) =>
    `„${name}“ ist eine ${income ? 'Einnahmen' : 'Umbuchungs'}-Kategorie; Budgets begrenzen Ausgaben, wählen Sie also eine Ausgabenkategorie (siehe \`trax categories list\`).`,
  cliBudgetSet: (name, amount) => `Budget für ${name}: ${amount} im Monat.`,
  cliNoBudgets:
    'Noch keine Budgets. Legen Sie eines an mit `trax budget set groceries 400` (ein Monatslimit in Ihrer Hauptwährung).',
  cliBudgetColumn: 'Budget',
  cliNoBudgetFor: (name, currency) =>
    `Für ${name} gibt es kein Budget${currency ? ` in ${currency}` : ''}; siehe \`trax budget list\`.`,
  cliBudgetRemoved: (name) => `Budget für ${name} gelöscht.`,
  cliNoRecurring:
    'Keine wiederkehrenden Zahlungen gefunden. Trax braucht einige Monate Verlauf für ein Muster (drei monatliche, zwei jährliche Zahlungen).',
  cliNoRecurringNoData:
    'Noch keine Umsätze. Verknüpfen Sie eine Bank mit `trax connect truelayer` und starten Sie `trax sync`; dann listet `trax recurring` Ihre Abos.',
  cliLast: 'Zuletzt',
  cliDue: (day) => `${day} (fällig)`,
  cliPriceRoseFrom: (amount) => `teurer, vorher ${amount}`,
  cliPerYearTotal: (amounts) => `Pro Jahr insgesamt: ${amounts}`,
  // CLI: trax sync, undo, disconnect, backup, restore
  cliSyncDone: (bank, id, added, changed, removed) => `${bank} (${id}): ${added} neu, ${changed} geändert, ${removed} entfernt`,
  cliSyncSkipped: (bank, id, why) => `${bank} (${id}): übersprungen — ${why}`,
  cliSyncFailed: (bank, id, why) => `${bank} (${id}): ${why ?? 'fehlgeschlagen'}`,
  cliSyncHistoryOrScheduled: '--history listet vergangene Abrufe, --scheduled startet einen; wählen Sie eines davon.',
  cliSyncNothingToSync:
    'Keine Bank zum Abrufen: Ihre Konten stammen aus Kontoauszugsdateien oder werden von Hand geführt. Importieren Sie neuere Auszüge mit `trax import DATEI` oder verknüpfen Sie eine Bank mit `trax connect truelayer`.',
  cliSyncNoBanks:
    'Noch keine Bank verknüpft. Starten Sie `trax connect truelayer` oder probieren Sie mit `npm run demo` die eingebaute Testumgebung aus.',
  cliSyncScheduledOne:
    '--scheduled ruft jede Bank ab, die die Limits erlauben; lassen Sie --connection weg oder --scheduled, um jetzt eine Bank abzurufen.',
  cliSyncScheduledDone: (synced, skipped, failed) =>
    `Geplanter Abruf: ${synced} abgerufen, ${skipped} übersprungen, ${failed} fehlgeschlagen.`,
  cliSyncBadLimit: (v) => `--limit „${v}“ ist keine Anzahl von Abrufen; schreiben Sie eine ganze Zahl wie 10.`,
  cliNoSyncs: 'Noch keine Abrufe. Holen Sie Ihre Daten mit `trax sync`.',
  cliSyncHistoryHead: ['Beginn (UTC)', 'Dauer', 'Status', 'Auslöser', 'Neu', 'Geändert', 'Entfernt', 'Fehler'].join('|'),
  cliNotAChange: (v) => `„${v}“ ist keine Änderungsnummer; \`trax undo --list\` zeigt sie.`,
  cliNoBulk: 'Noch keine Sammel-Umkategorisierungen aufgezeichnet.',
  cliUndoHead: ['Änderung', 'Wann', 'Was', 'Umsätze', 'Rückgängig'].join('|'),
  cliYes: 'ja',
  cliUndid: (summary, restored, rulesRemoved, kept) =>
    `„${summary}“ rückgängig gemacht: Kategorien von ${restored} ${restored === 1 ? 'Umsatz' : 'Umsätzen'} wiederhergestellt` +
    `${rulesRemoved ? `, ${rulesRemoved} ${rulesRemoved === 1 ? 'Regel' : 'Regeln'} entfernt` : ''}.` +
    `${kept ? ` ${kept} wurden seitdem erneut geändert und behalten ihre neuere Kategorie.` : ''}`,
  cliRevoked: (bank) => `Zugriff von Trax auf ${bank} beim Anbieter widerrufen.`,
  cliNotRevoked: (problem) =>
    `Widerruf beim Anbieter fehlgeschlagen: ${problem} Widerrufen Sie den Zugriff auch in den Einstellungen Ihrer Bank oder von TrueLayer.`,
  cliTokensDeleted: (bank, id) => `Zugangsdaten für ${bank} (${id}) gelöscht.`,
  cliRemovedNoTokens: (bank, id) => `${bank} (${id}) entfernt; es gab keine Zugangsdaten zu löschen.`,
  cliPurged: 'Konten und Umsätze gelöscht.',
  cliKeptHistory: 'Konten und Umsätze bleiben erhalten; mit --purge werden sie gelöscht.',
  cliBackedUp: (n, file, size) => `${n} Umsätze nach ${file} gesichert (${size}).`,
  cliKeepEnvKey:
    'Bewahren Sie auch Ihren TRAX_SECRET_KEY auf: Die Bank-Zugangsdaten in der Sicherung sind damit verschlüsselt; ohne ihn muss jede Bank neu verknüpft werden.',
  cliKeepKeyFile: (file) =>
    `Bewahren Sie auch ${file} auf (oder setzen Sie TRAX_SECRET_KEY): Die Bank-Zugangsdaten in der Sicherung sind damit verschlüsselt; ohne ihn muss jede Bank neu verknüpft werden.`,
  cliRestored: (n, file) => `${n} Umsätze aus ${file} wiederhergestellt.`,
  cliRestoredAside: (file) => `Die ersetzte Datenbank liegt jetzt unter ${file}.`,
  cliRestoredOtherKey:
    'Die Bank-Zugangsdaten in dieser Sicherung sind mit einem anderen Schlüssel verschlüsselt; legen Sie die secret.key (oder TRAX_SECRET_KEY) von damals zurück oder verknüpfen Sie die Banken neu.',
  // CLI --help (commander's own words and the command summaries)
  cliHelpProgram: 'Ihre Bankkonten in einer lokalen SQLite-Datenbank, die Ihnen gehört: verknüpfen, abrufen, ansehen.',
  cliHelpTitle: (title) => HELP_TITLE[title] ?? title,
  cliHelpFlag: 'Hilfe zu diesem Befehl anzeigen',
  cliHelpCommand: 'Hilfe zu einem Befehl anzeigen',
  cliHelpVersion: 'Versionsnummer anzeigen',
  cliHelpAfterError: '(mit --help sehen Sie, wie der Befehl aufgerufen wird)',
  cliHelpExamples: 'Beispiele:',
  cliCommandSummary: (name, english) => COMMAND_SUMMARY[name] ?? english,
  cliHelpGettingStarted: `
Erste Schritte:
  trax sandbox              die eingebaute TrueLayer-Testumgebung starten und ihre .env-Zeilen ausgeben
  trax connect truelayer    eine Bank verknüpfen (ING Deutschland und andere TrueLayer-Banken)
  trax serve                die Web-App: Banken mit Plaid oder TrueLayer verknüpfen, erneuern, abrufen, löschen
  trax sync                 neue Umsätze abrufen
  trax import DATEI         Jahre an Umsätzen aus einer Kontoauszugsdatei übernehmen (CSV, CAMT, MT940, OFX, QIF)
  trax transactions         die Umsätze ansehen
  trax report               wohin das Geld im letzten Monat ging
  trax backup trax.bak      eine Kopie der Datenbank (secret.key ebenfalls aufbewahren)

\`trax <Befehl> --help\` zeigt die Optionen und Beispiele eines Befehls.
Die Einstellungen stehen in .env im aktuellen Verzeichnis; siehe README.md.
Die Daten liegen in TRAX_DATA_DIR (Standard ./data): trax.sqlite und, sofern TRAX_SECRET_KEY fehlt, secret.key.`,
  // Web: the transaction detail page (split, hide, edit) and the cash page
  txDetailTitle: (id) => `Umsatz ${id}`,
  backToTransactions: '← Umsätze',
  source: 'Quelle',
  keptByHandSource: 'von Hand geführt',
  hiddenHint: 'Ausgeblendet: keine Auswertung und kein Budget zählt diesen Umsatz.',
  countAgain: 'Wieder in Auswertungen zählen',
  hideFromReports: 'In Auswertungen ausblenden',
  splitHeading: 'Aufteilen',
  partNo: 'Nr.',
  note: 'Notiz',
  undoSplit: 'Aufteilung aufheben',
  splitWhenBooked: 'Noch vorgemerkt: aufteilen, sobald der Umsatz gebucht ist.',
  partsMustAddUp: (amount) => `Die Teile müssen genau ${amount} ergeben; die Beträge gehen in die Richtung der Buchung.`,
  partN: (n) => `Teil ${n}`,
  partCategory: (n) => `Kategorie von Teil ${n}`,
  partAmount: (n) => `Betrag von Teil ${n}`,
  partNote: (n) => `Notiz zu Teil ${n}`,
  changeSplit: 'Aufteilung ändern',
  splitButton: 'Aufteilen',
  editBooking: 'Buchung bearbeiten',
  save: 'Speichern',
  deleteBooking: 'Buchung löschen',
  notesTagsHeading: 'Notiz und Tags',
  tagsField: 'Tags, durch Leerzeichen getrennt',
  saveNoteTags: 'Notiz und Tags speichern',
  notesTagsSaved: 'Notiz und Tags gespeichert.',
  splitDone: (n) => `In ${n} Teile aufgeteilt.`,
  unsplitDone: 'Wieder eine einzige Buchung.',
  hiddenDone: 'In Auswertungen ausgeblendet.',
  countedDone: 'Wird in Auswertungen wieder mitgezählt.',
  savedDone: 'Gespeichert.',
  bookingDeleted: (description, date) => `„${description}“ (${date}) gelöscht.`,
  cashAccountAdded: (name) => `Konto „${name}“ angelegt.`,
  cashTxAdded: (id) => `Buchung ${id} hinzugefügt.`,
  partNeedsCategory: (n) => `Teil ${n} braucht eine Kategorie. Es wurde nichts geändert.`,
  partNeedsAmount: (n) => `Teil ${n} braucht einen Betrag. Es wurde nichts geändert.`,
  chooseCashAccount: 'Bitte wählen Sie ein Konto. Es wurde nichts geändert.',
  bankRowHint:
    'Diese Buchung steht so da, wie Bank oder Kontoauszug sie geliefert haben: Sie können sie aufteilen oder ausblenden, aber nicht ändern.',
  cashTitle: 'Bargeld',
  cashHeading: 'Bargeld und andere von Hand geführte Konten',
  type: 'Art',
  balance: 'Kontostand',
  noCashAccounts: 'Noch kein von Hand geführtes Konto. Legen Sie unten eines für Ihr Portemonnaie an.',
  add: 'Hinzufügen',
  addAnAccount: 'Konto anlegen',
  name: 'Name',
  openingBalance: 'Anfangsbestand',
  addAccount: 'Konto anlegen',
  // Error pages (404, 403, 413, 421, 500)
  errorTitle: (status) =>
    ({ 403: 'Abgelehnt', 404: 'Nicht gefunden', 413: 'Zu groß', 421: 'Falsche Adresse', 500: 'Etwas ist schiefgegangen' })[
      status
    ] ?? 'Das hat nicht geklappt',
  errorUnexpected:
    'In Trax ist etwas schiefgegangen. Es wurde nichts halb gespeichert; versuchen Sie es noch einmal und melden Sie den Fehler, wenn er wieder auftritt.',
  // CLI: trax search
  cliSearchWhat: 'Geben Sie an, was gesucht wird, z. B. `trax search rewe` oder `trax search "amazon >50 2026"`.',
  cliSearchNothingSearchable: (warnings) =>
    `${warnings} In der Suche blieb nichts, wonach sich suchen ließe; \`trax search --help\` zeigt, was sie versteht.`,
  cliWarning: (w) => `Warnung: ${w}`,
  cliSearchNoMatch: (query) => `Keine Umsätze passen zu ${query}.`,
  cliSearchSome: (shown, total) => `${shown} von ${total} Treffern, die neuesten zuerst; --limit ${total} zeigt alle.`,
  cliSearchMany: (shown, atLeast) =>
    `${shown} von über ${atLeast} Treffern, die neuesten zuerst (bis ${atLeast} gezählt); ein größeres --limit zeigt mehr.`,
  cliSearchAll: (total) => `${total} Treffer.`,
  cliTags: 'Tags',
  cliSearchSaved: (name, query) => `Suche „${name}“ gespeichert: ${query}`,
  cliSearchRunWith: (name) => `Aufrufen mit: trax search --saved "${name}"`,
  cliNoSavedSearches: 'Noch keine gespeicherten Suchen. Speichern Sie eine mit `trax search save NAME SUCHE`.',
  cliName: 'Name',
  cliQuery: 'Suche',
  cliSearchDeleted: (name) => `Gespeicherte Suche „${name}“ gelöscht.`,
  // CLI: trax banks
  cliNoBankList: (provider, listable) =>
    `${provider} hat keine Bankliste zum Anzeigen (die Banken bietet seine eigene Anmeldeseite an); nutzen Sie --provider ${listable}.`,
  cliUnknownProvider: (provider, listable) =>
    `„${provider}“ ist kein Anbieter, den Trax kennt; nutzen Sie --provider ${listable}.`,
  cliBadCountry: (v) => `--country „${v}“ ist kein zweistelliger Ländercode wie DE.`,
  cliNoBanksListed: (country) => `Keine Banken${country ? ` in ${country}` : ''} für Privatkonten gelistet.`,
  cliBanksHead: ['Bank', 'Land', 'Freigabe max.', 'Kundenarten'].join('|'),
  cliDays: (n) => `${n} ${n === 1 ? 'Tag' : 'Tage'}`,
  // CLI: trax review
  cliReviewBadId: (v, duplicate) =>
    `„${v}“ ist keine ${duplicate ? 'Duplikat' : 'Umsatz'}nummer; \`trax review\` listet sie auf.`,
  cliReviewBadLimit: (v) =>
    `--limit erwartet, wie viele Umsätze gezeigt werden, als ganze Zahl ab 1 (z. B. --limit 50), nicht „${v}“.`,
  cliReviewKept: (category, ids) => `${category} für ${ids} beibehalten (Ihre Wahl).`,
  cliReviewUncategorized: 'Ohne Kategorie',
  cliCategorySource: (s) => CATEGORY_SOURCE[s] ?? s,
  cliReviewReason: (r) => REVIEW_REASON[r] ?? r,
  cliReviewDuplicate: (id) => `Duplikat ${id}`,
  cliReviewSyncedRow: 'eine abgerufene Buchung',
  cliReviewFileRow: 'eine Buchung aus einer Datei',
  cliReviewKeysDuplicate: 'd kein Duplikat · s überspringen · q beenden',
  cliReviewKeys: (canAccept, transfer) =>
    `${canAccept ? 'a übernehmen · ' : ''}c KATEGORIE ändern (mit --similar auch ähnliche)${transfer ? ' · t keine Umbuchung' : ''} · s überspringen · q beenden`,
  cliReviewOwnBooking: (id) => `Duplikat ${id} ist eine eigene Buchung.`,
  cliReviewNothingToAccept:
    'Es hat keine Kategorie zum Übernehmen: Tippen Sie c und die Kategorie, z. B. `c groceries` (`trax categories list`).',
  cliReviewTypeCategory: 'Tippen Sie c und die Kategorie, z. B. `c groceries` (`trax categories list`).',
  cliReviewStopped: (answered, skipped) =>
    `Angehalten: ${answered} beantwortet, ${skipped} übersprungen. \`trax review\` macht dort weiter, wo Sie aufgehört haben.`,
  cliReviewNotAnAnswer: (line, keys) => `„${line}“ ist hier keine Antwort; ${keys}.`,
  cliReviewDone: (answered, skipped) =>
    `Fertig: ${answered} beantwortet, ${skipped} übersprungen; was bis jetzt eingegangen ist, gilt nicht mehr als neu.`,
  cliReviewMore: (n) => `… und ${n} weitere (--limit N)`,
  cliReviewAnswerWith:
    'Antworten Sie mit `trax review accept ID`, `category ID KATEGORIE [--similar]`, `not-transfer ID`, `not-duplicate ID`; `trax review done`, wenn der Rest stimmt.',
  cliReviewDuplicateOwn: (id, day, description) => `Duplikat ${id}: ${day} ${description} ist eine eigene Buchung.`,
  cliReviewedUpTo: (instant) => `Geprüft bis ${instant} UTC; nur was ab jetzt eingeht, gilt als neu.`,
  cliReviewNoTransaction: (id) => `Es gibt keinen Umsatz ${id}; \`trax review --json\` listet alles zu Prüfende auf.`,
  cliReviewNoCategoryToAccept: (id) =>
    `Umsatz ${id} hat keine Kategorie zum Übernehmen; wählen Sie eine mit \`trax review category ${id} KATEGORIE\`.`,
  cliReviewNotSuggestedTransfer: (id) =>
    `Umsatz ${id} ist keine vorgeschlagene Umbuchung; ändern Sie seine Kategorie mit \`trax review category ${id} KATEGORIE\`.`,
  cliReviewIsTransferCategory: (name) =>
    `„${name}“ ist die Kategorie für Umbuchungen; wählen Sie die Kategorie, die die Zahlung wirklich ist.`,
  cliReviewNoDuplicate: (id) => `Es gibt kein offenes Duplikat ${id}; \`trax review\` listet die wartenden auf.`,
  // CLI: how main.ts reports an error
  cliErrorLabel: 'Fehler:',
  cliUnexpectedError: 'Unerwarteter Fehler:',
  cliUnexpectedBug:
    'Das ist ein Fehler in Trax; es wurde nichts halb geschrieben. Bitte melden Sie ihn zusammen mit dem Befehl, den Sie aufgerufen haben.',
  // CLI: trax categorize, categories (and "apply to similar", which trax review shares)
  cliSimilarRule: (rule, category) => `Damit entsteht eine Regel: ${rule} → ${category}.`,
  cliSimilarMatches: (matched, moves, category) =>
    `Sie trifft auf ${matched} ${matched === 1 ? 'Umsatz' : 'Umsätze'} zu; ${moves} ${moves === 1 ? 'weiterer Umsatz käme' : 'weitere Umsätze kämen'} nach ${category}${moves > 0 ? ', zum Beispiel:' : '.'}`,
  cliAndMore: (n) => `… und ${n} weitere`,
  cliUncategorized: 'Ohne Kategorie',
  cliSimilarNeedsYes: (moves) =>
    `Nichts geändert: --similar würde ${moves} ${moves === 1 ? 'Umsatz' : 'Umsätze'} umsortieren; mit --yes geschieht das ohne Rückfrage.`,
  cliSimilarAsk: (id, category) => `Umsatz ${id} auf ${category} setzen und diese Regel anlegen? [j/N] `,
  cliNothingChanged: 'Nichts geändert.',
  cliChosen: (id, category) => `Umsatz ${id} ist jetzt ${category} (Ihre Wahl; sie bleibt bei jedem Abruf erhalten).`,
  cliSimilarRuleCreated: (ruleId, similar) =>
    `Regel ${ruleId} angelegt; sie hat ${similar} ${similar === 1 ? 'ähnlichen Umsatz' : 'ähnliche Umsätze'} neu zugeordnet. Siehe \`trax rules list\`; rückgängig mit \`trax undo\`.`,
  cliRetrained: (n) => `  das gelernte Modell mit ${n} Beispielen neu trainiert`,
  cliExamined: (examined, changed) => `${examined} ${examined === 1 ? 'Umsatz' : 'Umsätze'} geprüft, ${changed} geändert.`,
  cliTransferPairs: (n) => `  neue Umbuchungspaare: ${n}`,
  cliCategorizeUndo: (rows) =>
    `Rückgängig mit \`trax undo\` (stellt ${rows === 1 ? 'die geänderte Kategorie' : `die ${rows} geänderten Kategorien`} wieder her).`,
  cliCategorizeBadId: (v) => `„${v}“ ist keine Umsatznummer; \`trax transactions --json\` zeigt die Nummern.`,
  cliCategoryKind: (k) => ({ income: 'Einnahmen', transfer: 'Umbuchung', uncategorized: 'ohne Kategorie' })[k] ?? k,
  cliCategoryAdded: (name, slug) => `${name} (${slug}) angelegt.`,
  cliCategoryRenamed: (name) => `Umbenannt in ${name}.`,
  cliCategoryMerged: (from, into, moved, undo) =>
    `${from} mit ${into} zusammengeführt: ${moved} ${moved === 1 ? 'Umsatz' : 'Umsätze'} verschoben.${undo ? ' Rückgängig mit `trax undo`.' : ''}`,
  // Errors the categorizer and the category store raise (CLI and web alike)
  condMerchantIs: (v) => `Händler ist „${v}“`,
  condDescriptionContains: (v) => `Verwendungszweck enthält „${v}“`,
  condMoneyOut: 'Ausgabe',
  condMoneyIn: 'Einnahme',
  errNoWordsForSimilar: (description) =>
    `„${description}“ enthält keine Wörter, an denen sich ähnliche Umsätze erkennen ließen; legen Sie stattdessen mit \`trax rules add\` eine Regel an.`,
  errNoTransaction: (id) => `Es gibt keinen Umsatz ${id}; \`trax transactions --json\` zeigt die Nummern.`,
  errNoCategory: (ref, examples) =>
    `Es gibt keine Kategorie „${ref}“; siehe \`trax categories list\` (z. B. ${examples}), oder legen Sie sie mit \`trax categories add "${ref}"\` an.`,
  errCategoryNameUnusable: (name) => `„${name}“ taugt nicht als Name einer Kategorie.`,
  errCategoryExists: (slug) => `Eine Kategorie „${slug}“ gibt es schon.`,
  errCategoryNested: (name) =>
    `„${name}“ liegt selbst schon in einer anderen Kategorie; Kategorien lassen sich nur eine Ebene tief verschachteln.`,
  errCategoryBuiltIn: (name) => `„${name}“ ist eingebaut und kann nicht entfernt werden.`,
  errCategoryInUse: (name, transactions, other, slug) =>
    `„${name}“ wird noch verwendet (${transactions} Umsätze, ${other} Regeln, Zuordnungen, Budgets oder Unterkategorien); führen Sie sie mit \`trax categories merge ${slug} ANDERE\` mit einer anderen zusammen.`,
  errCategoryMergeSelf: 'Eine Kategorie lässt sich nicht mit sich selbst zusammenführen.',
  errCategoryMergeBuiltIn: (name) => `„${name}“ ist eingebaut und kann nicht aufgelöst werden.`,
  // CLI: trax rules (and the errors the rule engine, rules files and rule changes raise)
  cliRulesHead: ['ID', 'Priorität', 'Name', 'Bedingung', 'Kategorie'].join('|'),
  cliNoRules:
    'Noch keine Regeln. Legen Sie eine mit `trax rules add --category SLUG --description-contains TEXT` an, oder nutzen Sie „auf ähnliche anwenden“, wenn Sie eine Kategorie korrigieren.',
  cliRuleNeverMatches: (id, reason) => `! Regel ${id} trifft nie zu: ${reason} Entfernen Sie sie mit \`trax rules rm ${id}\`.`,
  cliRuleAdded: (id, slug, hits, changed, undo) =>
    `Regel ${id} → ${slug} angelegt; sie ordnet jetzt ${hits} ${hits === 1 ? 'Umsatz' : 'Umsätze'} zu (${changed} geändert).${undo ? ' Rückgängig mit `trax undo`.' : ''}`,
  cliRuleRemoved: (id, changed, undo) =>
    `Regel ${id} entfernt; ${changed} ${changed === 1 ? 'Umsatz' : 'Umsätze'} neu zugeordnet.${undo ? ' Rückgängig mit `trax undo`.' : ''}`,
  cliRuleTestYours: 'Ihre Regeln:',
  cliRuleTestLearned: 'Gelerntes Modell:',
  cliRuleTestBuiltIn: 'Eingebaute Regeln:',
  cliRuleTestLearnedAt: (slug, percent, confident, min) =>
    `${slug} mit ${percent} auf zurückgehaltenen Daten (${confident ? 'sicher genug' : `unter ${min}, nicht verwendet`})`,
  cliRuleWinnerSource: (s) => RULE_SOURCE[s] ?? s,
  cliRulesWrote: (n, file) => `${n} ${n === 1 ? 'Regel' : 'Regeln'} in ${file} geschrieben.`,
  cliRulesImported: (imported, changed, undo) =>
    `${imported} ${imported === 1 ? 'Regel' : 'Regeln'} importiert; ${changed} ${changed === 1 ? 'Umsatz' : 'Umsätze'} neu zugeordnet.${undo ? ' Rückgängig mit `trax undo`.' : ''}`,
  errNoRule: (id) => `Es gibt keine Regel ${id}; siehe \`trax rules list\`.`,
  errRuleInvalid: (where, problem) => `Diese Regel ist nicht gültig: ${where}: ${problem}.`,
  errRulePriority: (v) => `Die Priorität muss eine ganze Zahl von 0 bis 1000000 sein, nicht „${v}“.`,
  errRulesFileTooBig: (name, mb) =>
    `${name} ist größer als ${mb} MB, mehr als jede Regeldatei braucht; nichts wurde importiert (prüfen Sie, ob es die Datei ist, die \`trax rules export\` geschrieben hat).`,
  errCannotRead: (file, why) => `${file} ließ sich nicht lesen (${why}).`,
  errRulesNotYaml: (file, line, why) => `${file} Zeile ${line}: kein gültiges YAML oder JSON (${why}); nichts wurde importiert.`,
  errRulesNotImported: (file, problems) => `${file} wurde nicht importiert:\n  ${problems}`,
  errAtLine: (line, problem) => `Zeile ${line}: ${problem}`,
  errRegexUnsupported: (pattern, construct) =>
    `Der reguläre Ausdruck /${pattern}/ nutzt ${construct}, was die Regex-Engine von Trax (RE2, lineare Laufzeit) nicht ausführen kann; vergleichen Sie den Text direkt oder teilen Sie ihn auf zwei Bedingungen auf.`,
  errRegexInvalid: (pattern, reason) =>
    `Der reguläre Ausdruck /${pattern}/ ist nicht gültig: ${reason}; korrigieren Sie ihn oder nutzen Sie „enthält“.`,
  // CLI: trax import (and the import pipeline's own refusals and progress)
  cliImportBadAccount: '--account erwartet eine Kontonummer von Trax (eine Zahl); `trax accounts` listet sie auf.',
  cliImportAccount: (what) => `Konto: ${what}`,
  cliImportReplacedPending: (n) => `; ${n} vorgemerkte Buchungen einer früheren Datei ersetzt`,
  cliImportPlacement: (p) => (p === 'new' ? 'neu' : p === 'linked' ? 'in Trax' : 'prüfen'),
  cliImportedAs: (id) => `Als Import ${id} übernommen; \`trax import undo ${id}\` macht ihn rückgängig.`,
  cliImportWaiting: (n) => `${n} ${n === 1 ? 'Buchung wartet' : 'Buchungen warten'} in \`trax import review\` auf Sie.`,
  cliImportNameFile:
    'Geben Sie die Kontoauszugsdatei an, die importiert werden soll, z. B. `trax import ~/Downloads/Umsatzanzeige.csv`.',
  cliImportPendingBoth: '--booked-only und --include-pending widersprechen sich; behalten Sie eins davon.',
  cliImportDryRun: 'Probelauf: Es wurde nichts geschrieben. Rufen Sie denselben Befehl ohne --dry-run auf, um zu importieren.',
  cliNoImports: 'Noch keine Dateien importiert. Importieren Sie eine mit `trax import DATEI`.',
  cliImportsHead: ['Import', 'Wann', 'Datei', 'Format', 'Konto', 'Neu', 'In Trax', 'Früher', 'Prüfen', 'Rückgängig'].join('|'),
  cliImportUndoWhich:
    'Geben Sie den Import, der rückgängig gemacht werden soll, mit seiner Nummer an: `trax import undo 3` (`trax import list` zeigt sie).',
  cliNoImport: (id) => `Es gibt keinen Import ${id}; \`trax import list\` zeigt die Importe.`,
  cliImportAlreadyUndone: (id, file, day) => `Import ${id} (${file}) wurde bereits am ${day} rückgängig gemacht.`,
  cliImportUndid: (id, file, removed) => `Import ${id} (${file}) rückgängig gemacht: ${removed} Buchungen entfernt.`,
  cliImportKept: (n) =>
    `${n} ${n === 1 ? 'Buchung bleibt' : 'Buchungen bleiben'}: Ein Abruf hat sie inzwischen gebracht, sie gehören jetzt zur Bank.`,
  cliImportReviewUsage:
    'Beantworten Sie eine Prüfung mit `trax import review link PRÜFUNG UMSATZ`, `... add PRÜFUNG` oder `... skip PRÜFUNG`.',
  cliImportReviewAnswered: (id, day, description, answer, transactionId) =>
    `Prüfung ${id}: ${day} ${description} ${answer === 'link' ? `ist Umsatz ${transactionId}` : answer === 'add' ? 'ist eine eigene Buchung' : 'bleibt draußen'}.`,
  cliImportNothingToReview: 'Nichts zu prüfen: Jede importierte Buchung hat ihren Platz gefunden.',
  cliImportReviewId: (id) => `Prüfung ${id}`,
  cliImportReviewFrom: (synced, accountId) => `(${synced ? 'eine abgerufene Buchung' : 'aus einer Datei'}, Konto ${accountId})`,
  cliImportCouldBe: (id) => `könnte ${id} sein:`,
  cliImportReviewAnswerWith:
    'Antworten Sie mit `trax import review link PRÜFUNG UMSATZ`, `add PRÜFUNG` (eigene Buchung) oder `skip PRÜFUNG` (bleibt draußen).',
  importProgressRead: (rows) => `${rows.toLocaleString('de-DE')} Zeilen gelesen`,
  importProgressWriting: 'wird geschrieben',
  importProgressChecking: 'wird mit Ihren Daten abgeglichen',
  importProgressCategorizing: 'wird kategorisiert',
  errImportRefused: (file, sentence) => `${file}: ${sentence} Es wurde nichts importiert.`,
  errNoOpenReview: (id) => `Es gibt keine offene Prüfung ${id}; \`trax import review\` listet die offenen auf.`,
  errNotACandidate: (transactionId, reviewId, candidates) =>
    `Umsatz ${transactionId} gehört nicht zu den Kandidaten von Prüfung ${reviewId} (${candidates}).`,
  errSyncedRowStays: (reviewId) =>
    `Prüfung ${reviewId} betrifft eine abgerufene Buchung, die bleibt; antworten Sie mit link oder add.`,
  errFileMissing: (file) => `${file} gibt es nicht; prüfen Sie den Pfad (den Download-Ordner, den Dateinamen).`,
  errFileUnreadable: (file, why) => `${file} lässt sich nicht lesen (${why}).`,
  errNotAFile: (file) => `${file} ist keine Datei; geben Sie den Pfad eines heruntergeladenen Kontoauszugs an.`,
  errUnknownFormat: (format, formats) => `--format ${format} ist kein Format, das Trax liest; nutzen Sie eines von: ${formats}.`,
  errCsvNoPreset: (columns) =>
    `das ist eine CSV-Datei, für die Trax keine Vorlage hat (Spalten: ${columns}). Benennen Sie ihre Spalten einmal mit --map date=SPALTE,amount=SPALTE,description=SPALTE,currencyCode=EUR (oder currency=SPALTE); Trax speichert die Zuordnung für das Konto und nutzt sie beim nächsten Mal wieder.`,
  errImportNoAccount: (id) => `Es gibt kein Konto ${id}; \`trax accounts\` listet die Konten mit ihren Nummern auf.`,
  errImportManyAccounts: (file, n) =>
    `${file} enthält Auszüge von ${n} Konten; lassen Sie --account weg, damit jeder zu seinem Konto kommt. Es wurde nichts importiert.`,
  // Periods (report, export) and trax export
  errNotADate: (flag, v) => `${flag} „${v}“ ist kein Datum; schreiben Sie es als JJJJ-MM-TT, z. B. 2026-10-01.`,
  errRangeOrder: (to, from, forExport) =>
    `--to ${to} muss für ${forExport ? 'den Export' : 'den Zeitraum'} nach --from ${from} liegen (--to zählt nicht mit: --from 2026-10-01 --to 2026-11-01 ist der Oktober).`,
  errOnePeriod: (given) => `Nutzen Sie eines von --month, --year oder --from/--to, nicht ${given}.`,
  errNotAYear: (v) => `--year „${v}“ ist kein Jahr; schreiben Sie es als JJJJ, z. B. 2026.`,
  errToNeedsFrom: '--to braucht auch --from, z. B. --from 2026-10-01 --to 2026-11-01 (--to zählt nicht mit).',
  cliExportBadFormat: (v, formats) =>
    `--format „${v}“ ist keines der Formate, die Trax schreibt; nutzen Sie eines von ${formats}.`,
  cliExported: (n, file) => `${n} ${n === 1 ? 'Umsatz' : 'Umsätze'} nach ${file} exportiert.`,
  errCannotWrite: (file, why) =>
    `${file} lässt sich nicht schreiben (${why}); prüfen Sie, ob das Verzeichnis existiert und beschreibbar ist.`,
  // trax schedule print
  cliScheduleOneKind: 'Wählen Sie eines von --cron und --systemd.',
  schedHead: (expression, source, cron) =>
    `# Geplanter Abruf von Trax: ${expression} (${source}), Ortszeit.${cron ? ' Eintragen mit `crontab -e`.' : ''}`,
  schedCronMissed: '# cron holt verpasste Läufe nicht nach, wenn der Rechner aus war; systemd (--systemd) schon.',
  schedSaveThen: '# Speichern Sie die beiden Dateien unten und rufen Sie dann auf:',
  schedLinger: 'läuft weiter, auch wenn Sie abgemeldet sind',
  schedJournal: 'was die letzten Läufe getan haben',
  schedSourceDefault: 'die nächtliche Voreinstellung dieser Installation; TRAX_SYNC_SCHEDULE ändert sie',
  schedSourceEnv: 'aus TRAX_SYNC_SCHEDULE',
  schedWarnNoBuild: (cli) => `# Warnung: ${cli} gibt es noch nicht; rufen Sie zuerst \`npm run build\` auf.`,
  schedWarnEnvUnreadable: (file) => `# Warnung: ${file} ließ sich nicht lesen; der geplante Abruf braucht die Datei.`,
  schedWarnNoEnv: (cwd) =>
    `# Warnung: In ${cwd} gibt es keine .env; legen Sie Ihre Einstellungen dort ab, der geplante Abruf sieht keine Shell-Variablen.`,
  schedWarnShellOnly: (names, n) =>
    `# Warnung: ${names} ${n === 1 ? 'ist' : 'sind'} in Ihrer Shell gesetzt, aber nicht in .env; der geplante Abruf sieht ${n === 1 ? 'sie' : 'diese'} nicht.`,
  // CLI: trax connect
  cliOr: 'oder',
  cliConnectUnknownProvider: (provider, commands) =>
    `„${provider}“ ist kein Anbieter, über den Trax verknüpfen kann; nutzen Sie ${commands}.`,
  cliConnectNameBank: 'Nennen Sie die Bank: `trax connect enablebanking --bank ING --country DE`.',
  cliConnectIgnored: (why) => `${why} ignoriert; es wird weiter auf Ihre Anmeldung gewartet.`,
  cliConnectOpenLinkBank: (bank, country, url) =>
    `Öffnen Sie diesen Link, um sich bei ${bank} (${country}) anzumelden:\n\n  ${url}\n`,
  cliConnectOpenLink: (url) => `Öffnen Sie diesen Link, um sich bei Ihrer Bank anzumelden:\n\n  ${url}\n`,
  cliOpenedInBrowser: '(im Browser geöffnet)',
  cliConnectWaiting: (url) => `Warten, bis die Bank Sie zu ${url} zurückschickt … (Strg-C bricht ab)`,
  cliConnectLoginReceived: 'Anmeldung erhalten; Konten und Umsätze werden abgerufen…',
  cliConnected: (bank, id, expiry) => `${bank} als ${id} verknüpft${expiry ? `; Freigabe gültig bis ${expiry}` : ''}.`,
  cliConnectSeeThem: 'Ansehen mit `trax accounts` und `trax transactions`; `trax sync` holt später neue Umsätze.',
  cliConnectPlaidInBrowser:
    'Plaid-Banken werden im Browser mit Plaid Link verknüpft: Starten Sie `trax serve` und klicken Sie auf „Bank verknüpfen“. (Für ein Sandbox-Test-Item ohne Browser: `trax connect plaid --sandbox ins_109508`.)',
  cliConnectPlaidSandbox: (institution) => `Plaid-Sandbox-Item bei ${institution} wird angelegt…`,
  // CLI: trax serve, cert, sandbox
  cliBadPort: (v) => `--port „${v}“ ist keine Portnummer.`,
  cliPortInUse: (port) => `Port ${port} ist belegt; wählen Sie mit --port einen anderen.`,
  cliServeRunning: (url) => `Trax läuft unter ${url} — Strg-C beendet es.`,
  cliServeNextSync: (when) => `Nächster geplanter Abruf: ${when} (TRAX_SYNC_SCHEDULE; siehe docs/scheduling.md).`,
  cliServeNoProvider: (most, last) =>
    `Noch kein Anbieter eingerichtet: Tragen Sie Schlüssel für ${most} oder ${last} in .env ein (siehe README), oder probieren Sie \`npm run demo\`.`,
  cliCertCreated: (cert, key) => `${cert} und ${key} angelegt (Modus 0600).`,
  cliCertExists: (cert) => `Unter ${cert} gibt es schon ein Zertifikat; --force ersetzt es.`,
  cliCertServes:
    '`trax serve` ist jetzt unter https://localhost:3000 erreichbar. Nutzen Sie https:// auch in TRUELAYER_REDIRECT_URI und PLAID_REDIRECT_URI.',
  cliSandboxRunning: (url) =>
    `TrueLayer-Testumgebung läuft unter ${url}\n\nTragen Sie diese Zeilen in .env ein (oder exportieren Sie sie):\n`,
  cliSandboxThen:
    '\nRufen Sie dann in einem anderen Terminal `trax connect truelayer` auf und melden Sie sich als john / doe an. Strg-C beendet die Testumgebung.',
  cliSandboxStopping: 'Testumgebung wird beendet…',
  // CLI --help: an option's, argument's or subcommand's description (the English is the module's own)
  cliHelpText: (english) =>
    HELP_TEXT[english] ?? HELP_PREFIX.reduce((s, [en, de]) => (s.startsWith(en) ? de + s.slice(en.length) : s), english),
  cliHelpWords: (line) =>
    line
      .replaceAll('[options]', '[Optionen]')
      .replaceAll('[command]', '[Befehl]')
      .replaceAll('(default: ', '(Voreinstellung: ')
      .replaceAll('(choices: ', '(Auswahl: ')
      .replaceAll('(preset: ', '(Vorgabe: '),
  // The database file and SQLite's failures (store/db.ts), and configuration (config/index.ts)
  errDbEmpty: (file) =>
    `Die Datenbank ${file} ist leer (0 Bytes), ihre Daten sind also verloren (eine abgebrochene Kopie oder eine volle Festplatte); stellen Sie Ihre letzte Sicherung mit \`trax restore DATEI\` wieder her, oder löschen Sie die leere Datei, um neu anzufangen.`,
  errDbNotSqlite: (file) =>
    `Die Datei ${file} ist keine SQLite-Datenbank und damit keine Datenbank von Trax; verschieben Sie sie und stellen Sie Ihre letzte Sicherung mit \`trax restore DATEI\` wieder her, oder richten Sie TRAX_DATA_DIR auf ein anderes Verzeichnis.`,
  errDbNewer: (file, version, known) =>
    `Die Datenbank ${file} stammt von einer neueren Version von Trax (Schema ${version}, diese kennt ${known}); aktualisieren Sie Trax, oder stellen Sie eine mit dieser Version erstellte Sicherung wieder her.`,
  errDbForeign: (file) =>
    `Die Datei ${file} ist die SQLite-Datenbank eines anderen Programms, nicht die von Trax; verschieben Sie sie und stellen Sie Ihre letzte Sicherung mit \`trax restore DATEI\` wieder her, oder richten Sie TRAX_DATA_DIR auf ein anderes Verzeichnis.`,
  errDbDamaged: (file, detail) =>
    `Die Datenbank ${file} ist beschädigt (SQLite: ${detail}); stellen Sie Ihre letzte Sicherung mit \`trax restore DATEI\` wieder her, die beschädigte Datei wird dabei aufbewahrt.`,
  // German names no English verb phrase ("use the database"): the sentence says what failed and what to do.
  errDbLocked: () =>
    'Das ging nicht: Die Datenbank ist von einem anderen Trax-Prozess gesperrt; warten Sie, bis er fertig ist (oder beenden Sie ihn), und versuchen Sie es noch einmal.',
  errDiskFull: () =>
    'Das ging nicht: Die Festplatte ist voll; es wurde nichts geschrieben. Schaffen Sie Platz und versuchen Sie es noch einmal.',
  errDbCorrupt: (_doing, message) =>
    `Das ging nicht: Die Datenbank ist beschädigt oder keine Datenbank von Trax (${message}); stellen Sie Ihre letzte Sicherung mit \`trax restore DATEI\` wieder her, oder richten Sie TRAX_DATA_DIR woandershin.`,
  errDbOther: (_doing, message) => `Das ging nicht: ${message}. Prüfen Sie, ob TRAX_DATA_DIR beschreibbar ist.`,
  errEnvUnreadable: (file, reason) =>
    `Trax konnte ${file} nicht lesen (${reason}); prüfen Sie die Zugriffsrechte, oder entfernen Sie die Datei, um ohne sie zu arbeiten.`,
  errNoEnableBanking:
    'Enable Banking ist nicht eingerichtet: Tragen Sie ENABLEBANKING_APP_ID, ENABLEBANKING_KEY_FILE und ENABLEBANKING_REDIRECT_URI in .env ein (siehe „Connect through Enable Banking“ in der README).',
  errNoPlaid:
    'PLAID_CLIENT_ID und PLAID_SECRET sind nicht gesetzt; erstellen Sie Schlüssel unter dashboard.plaid.com (Developers → Keys) und tragen Sie beide in .env ein, zum Anfang mit PLAID_ENV=sandbox.',
  errNoTrueLayer:
    'TRUELAYER_CLIENT_ID und TRUELAYER_CLIENT_SECRET sind nicht gesetzt; legen Sie unter console.truelayer.com eine App an und tragen Sie beide in .env ein, oder probieren Sie Trax mit `trax sandbox` gegen den eingebauten Emulator aus.',
  // Bookings kept by hand (manual/), splits (splits/) and tags (store/notes-tags.ts)
  errAccountNeedsName: 'Ein Konto braucht einen Namen, z. B. „Bargeld“. Es wurde nichts geändert.',
  errNameTooLong: (length, max) => `Der Name hat ${length} Zeichen; bleiben Sie unter ${max}. Es wurde nichts geändert.`,
  errBadKind: (kind, kinds) => `--kind „${kind}“ ist keines von ${kinds}. Es wurde nichts geändert.`,
  errBadCurrencyCode: (v) => `--currency „${v}“ ist kein Währungscode wie EUR. Es wurde nichts geändert.`,
  errAccountExists: (name, currency, id) =>
    `Es gibt schon ein von Hand geführtes Konto „${name}“ in ${currency} (Nummer ${id}). Es wurde nichts geändert.`,
  errNoAccountManual: (id) => `Es gibt kein Konto ${id}; \`trax accounts\` listet die Konten auf. Es wurde nichts geändert.`,
  errAccountFedBy: (id, name, bank, source) =>
    `Konto ${id} (${name}${bank ? ` bei ${bank}` : ''}) wird über ${source} gefüllt; seine Buchungen kommen von dort. ` +
    'Tragen Sie Bargeld in ein von Hand geführtes Konto ein: `trax accounts add "Bargeld" --kind cash --currency EUR`. Es wurde nichts geändert.',
  errBookingNeeds: 'Eine Buchung braucht --date, --amount und --description. Es wurde nichts geändert.',
  errSayWhatToChange:
    'Geben Sie an, was sich ändern soll: --date, --amount, --description oder --category. Es wurde nichts geändert.',
  errEditSplit: (id) =>
    `Umsatz ${id} ist aufgeteilt; seine Teile ergeben den alten Betrag. Heben Sie die Aufteilung zuerst auf (\`trax tx unsplit ${id}\`). Es wurde nichts geändert.`,
  errNotManual: (id, file, bank, source, deleting) =>
    `Umsatz ${id} stammt ${file !== null ? `aus einer importierten Kontoauszugsdatei (${file})` : `${bank ? `von ${bank} über ` : 'über '}${source}`}; er bleibt, wie er kam, und kann nicht ${deleting ? 'gelöscht' : 'geändert'} werden. ` +
    `Um ihn aus Auswertungen herauszuhalten, rufen Sie \`trax tx hide ${id}\` auf. Es wurde nichts geändert.`,
  errManualDate: (v) => `„${v}“ ist kein Datum; schreiben Sie es als JJJJ-MM-TT, z. B. 2026-11-30. Es wurde nichts geändert.`,
  errManualAmount: (v, currency) =>
    `„${v}“ ist kein Betrag in ${currency}; schreiben Sie z. B. -4.20 für eine Ausgabe oder 20.00 für eine Einnahme. Es wurde nichts geändert.`,
  errZeroBooking: 'Eine Buchung über 0 ändert nichts; geben Sie einen Betrag wie -4.20 an. Es wurde nichts geändert.',
  errNeedsDescription:
    'Eine Buchung braucht einen Verwendungszweck, z. B. --description "Wochenmarkt". Es wurde nichts geändert.',
  errDescriptionTooLong: (length, max) =>
    `Der Verwendungszweck hat ${length} Zeichen; bleiben Sie unter ${max} (eine Notiz kann mehr sagen). Es wurde nichts geändert.`,
  errPartShape: (spec) => `--part „${spec}“ hat nicht die Form KATEGORIE:BETRAG[:NOTIZ], z. B. groceries:80.00.`,
  errPartNoteTooLong: (slug, length, max) => `Die Notiz des Teils „${slug}“ hat ${length} Zeichen; bleiben Sie unter ${max}.`,
  errPartAmount: (spec, amount, currency) => `--part „${spec}“: „${amount}“ ist kein Betrag in ${currency}, z. B. 80.00.`,
  errPartZero: (spec) => `--part „${spec}“ ist null; lassen Sie den Teil weg.`,
  errSplitTwoParts:
    'Eine Aufteilung braucht mindestens zwei Teile; um die Kategorie der ganzen Buchung zu ändern, kategorisieren Sie sie.',
  errPartsSum: (sum, booking, diff, missing) =>
    `Die Teile ergeben ${sum}, die Buchung ist ${booking}: ${diff} ${missing ? 'fehlen' : 'zu viel'}. Es wurde nichts geändert.`,
  errSplitPending: (id) => `Umsatz ${id} ist noch vorgemerkt und kann sich ändern; teilen Sie ihn auf, sobald er gebucht ist.`,
  errPartNoCategory: (slug) => `Es gibt keine Kategorie „${slug}“; siehe \`trax categories list\`. Es wurde nichts geändert.`,
  errNotSplit: (id) => `Umsatz ${id} ist nicht aufgeteilt.`,
  errTagSpace: (v) => `Der Tag „${v}“ enthält ein Leerzeichen; ein Tag ist ein Wort, z. B. urlaub-sylt-2026.`,
  errNotATag: (v) =>
    `„${v}“ ist kein Tag; ein Tag ist ein Wort aus bis zu 64 Buchstaben, Ziffern, „-“, „_“ oder „.“, z. B. urlaub-sylt-2026.`,
  errNoTransactionTx: (id) => `Es gibt keinen Umsatz ${id}; \`trax transactions\` zeigt die Nummern.`,
  // The longer help under a command's options (its explanation and examples)
  cliHelpAfterReview: `
Zu prüfen ist, was seit Ihrer letzten Prüfung eingegangen ist, was keine Kategorie hat, Kategorien,
bei denen sich die Kategorisierung unsicher ist, mögliche Duplikate aus Importen und Abrufen und
vorgeschlagene Umbuchungen zwischen Ihren eigenen Konten. Im Terminal zeigt \`trax review\` einen
Umsatz nach dem anderen: a übernehmen, c KATEGORIE ändern, d kein Duplikat, t keine Umbuchung,
s überspringen, q beenden. In einer Pipe listet es alles auf.

Beispiele:
${HELP_EXAMPLES.review}`,
  cliHelpAfterRules: `
Regeln greifen nach Ihren eigenen Zuordnungen und vor allem anderen, die kleinste Priorität zuerst.
Textbedingungen unterscheiden weder Groß- und Kleinschreibung noch Akzente. Beispiele:
${HELP_EXAMPLES.rules}`,
  cliHelpAfterImport: `
Das Format wird am Inhalt der Datei erkannt, nicht am Namen. Jede Datei wird über die IBAN (oder
die Kontonummer) ihrem Konto zugeordnet; Buchungen, die Trax schon aus einem Abruf oder einem
früheren Import hat, werden verknüpft statt doppelt angelegt, und Buchungen, die zu mehr als einer
vorhandenen passen könnten, warten in \`trax import review\`. Eine Datei wird ganz oder gar nicht
importiert; eine fehlerhafte wird mit ihrer Zeile abgelehnt, und nichts wird geschrieben.
Exit-Code 1, wenn eine Datei abgelehnt wurde.

Beispiele:
${HELP_EXAMPLES.import}`,
  cliHelpAfterCategorize: `
Reihenfolge: Ihre eigene Zuordnung, Ihre Regeln, das gelernte Modell (wenn es sicher genug ist),
die Kategorie der Bank, eingebaute Händlerregeln, ohne Kategorie. Umbuchungen zwischen Ihren
eigenen Konten werden zu Paaren verbunden und weder als Ausgaben noch als Einnahmen gezählt.

Beispiele:
${HELP_EXAMPLES.categorize}`,
  cliHelpAfterReviewAccept: `
Die Kategorie bleibt, wie sie ist, und wird zu Ihrer Wahl: Sie übersteht jeden Abruf und trainiert
das gelernte Modell. Bei einer vorgeschlagenen Umbuchung werden beide Hälften bestätigt und bleiben
ein Paar.

Beispiele:
  trax review accept 1234        # die Nummer ist die #1234, die \`trax review\` zeigt`,
  cliHelpAfterReviewCategory: `
Ihre Wahl bleibt über alle Abrufe erhalten und trainiert das gelernte Modell. --similar legt
außerdem eine Regel für ähnliche Umsätze an: Es zeigt die Regel und was sie verschieben würde und
fragt vorher (--yes überspringt die Frage, für Skripte; \`trax undo\` nimmt sie zurück). Bei einer
vorgeschlagenen Umbuchung heißt eine Kategorie außer Umbuchungen auch „keine Umbuchung“;
Umbuchungen bestätigt das Paar.

Beispiele:
${HELP_EXAMPLES.reviewCategory}`,
  cliHelpAfterReviewNotDuplicate: `
Eine Buchung, die zu mehr als einer vorhandenen passt, wartet in \`trax review\` als „Duplikat N“.
Dies behält sie als eigene Buchung. Ist sie einer der Kandidaten, verknüpfen Sie sie stattdessen
mit diesem: \`trax import review link N ID\`.

Beispiele:
${HELP_EXAMPLES.reviewNotDuplicate}`,
  cliHelpAfterReviewNotTransfer: `
Beide Hälften verlassen das Paar für immer (gemerkt an der Kennung der Bank für jede Buchung, damit
kein neuer Abruf sie wieder paart) und werden kategorisiert, als wären sie nie gepaart gewesen; eine
Buchung, die die Kategorisierung nicht zuordnen kann, bleibt ohne Kategorie. Mit einer Kategorie
wird diese zu Ihrer Wahl für diese Buchung.

Beispiele:
${HELP_EXAMPLES.reviewNotTransfer}`,
  cliHelpAfterReviewDone: `
Ab jetzt zählt nur noch als neu, was später eingeht. Buchungen ohne Kategorie, unsichere
Kategorien, mögliche Duplikate und vorgeschlagene Umbuchungen bleiben zu prüfen, bis Sie sie
beantworten.

Beispiele:
${HELP_EXAMPLES.reviewDone}`,
};
