/**
 * `--help` in German: each option's, argument's and subcommand's English description (as the
 * command modules write it) and its German text. src/cli/main.ts swaps them in for the command
 * being run; test/unit/cli-help-german.test.ts fails when a description has no German here.
 */
export const HELP_TEXT: Record<string, string> = {
  'print as JSON (amounts as integer minor units and exact decimal strings)':
    'als JSON ausgeben (Beträge als ganze Zahlen in der kleinsten Einheit und als exakte Dezimalzeichenketten)',
  'add an account you keep by hand (cash, a piggy bank): no bank, bookings via `trax tx add`':
    'ein Konto anlegen, das Sie von Hand führen (Bargeld, Sparschwein): keine Bank, Buchungen über `trax tx add`',
  'cash (default), checking, savings, credit_card, business or other':
    'cash (Voreinstellung), checking, savings, credit_card, business oder other',
  'ISO 4217 code, e.g. EUR': 'ISO-4217-Code, z. B. EUR',
  'what it holds before the first booking you enter, e.g. 50.00':
    'der Bestand vor der ersten Buchung, die Sie eintragen, z. B. 50.00',
  'replace FILE if it exists': 'DATEI ersetzen, falls es sie gibt',
  'where to write the copy (outside the data dir, e.g. on another disk)':
    'wohin die Kopie geschrieben wird (außerhalb des Datenverzeichnisses, z. B. auf einen anderen Datenträger)',
  'the backup to restore': 'die Sicherung, die wiederhergestellt wird',
  'the provider whose bank list to show (enablebanking)': 'der Anbieter, dessen Bankliste gezeigt wird (enablebanking)',
  'only banks in this country, e.g. DE': 'nur Banken in diesem Land, z. B. DE',
  'print as JSON': 'als JSON ausgeben',
  'set (or change) the monthly budget of a category': 'das Monatsbudget einer Kategorie festlegen (oder ändern)',
  'per calendar month (the default and, for now, the only period)':
    'je Kalendermonat (die Voreinstellung und vorerst der einzige Zeitraum)',
  'ISO currency (default: the one most of your transactions are in)':
    'ISO-Währung (Voreinstellung: die Währung der meisten Ihrer Umsätze)',
  'category slug or name (see `trax categories list`)': 'Kürzel oder Name der Kategorie (siehe `trax categories list`)',
  'the monthly limit, e.g. 400 or 150.50': 'das Monatslimit, z. B. 400 oder 150.50',
  "budgets with this month's spent, left and month-end projection":
    'Budgets mit den Ausgaben dieses Monats, dem Rest und der Hochrechnung zum Monatsende',
  'remove the budget of a category': 'das Budget einer Kategorie löschen',
  "only the budget in this currency (default: all of the category's budgets)":
    'nur das Budget in dieser Währung (Voreinstellung: alle Budgets der Kategorie)',
  'category slug or name': 'Kürzel oder Name der Kategorie',
  'list categories': 'Kategorien auflisten',
  'add a category, optionally inside another (one level)': 'eine Kategorie anlegen, wahlweise in einer anderen (eine Ebene)',
  'money in rather than spending': 'Geldeingang statt Ausgabe',
  'rename a category (its slug stays)': 'eine Kategorie umbenennen (ihr Kürzel bleibt)',
  'move everything from one category into another and remove the first':
    'alles aus einer Kategorie in eine andere verschieben und die erste entfernen',
  'recategorize every transaction and retrain the learned model, not only new ones':
    'alle Umsätze neu kategorisieren und das gelernte Modell neu trainieren, nicht nur neue',
  'print counts as JSON': 'die Zahlen als JSON ausgeben',
  'choose the category of one transaction; it sticks for ever and teaches the model':
    'die Kategorie eines Umsatzes wählen; sie bleibt für immer und trainiert das Modell',
  'also create a rule that applies it to similar transactions (shows them and asks first)':
    'auch eine Regel anlegen, die sie auf ähnliche Umsätze anwendet (zeigt sie und fragt vorher)',
  'with --similar: apply without asking (for scripts)': 'mit --similar: ohne Rückfrage übernehmen (für Skripte)',
  'transaction id (see `trax transactions --json`)': 'Umsatznummer (siehe `trax transactions --json`)',
  'train the learned classifier on one CSV and score it on another':
    'das gelernte Modell mit einer CSV-Datei trainieren und mit einer anderen bewerten',
  'CSV with description, category (optional: merchant, amount)': 'CSV mit description, category (wahlweise: merchant, amount)',
  'CSV with the same columns': 'CSV mit denselben Spalten',
  'print {"n","accuracy","macro_f1"}': '{"n","accuracy","macro_f1"} ausgeben',
  'finish with an authorization code copied from the address the bank login landed on':
    'mit einem Autorisierungscode abschließen, kopiert aus der Adresse, auf der die Bank-Anmeldung gelandet ist',
  'truelayer: skip the bank picker (e.g. xs2a-ing-germany); enablebanking: the bank, e.g. "ING"':
    'truelayer: die Bankauswahl überspringen (z. B. xs2a-ing-germany); enablebanking: die Bank, z. B. "ING"',
  "enablebanking: the bank's country, e.g. DE": 'enablebanking: das Land der Bank, z. B. DE',
  'renew an expired consent for this connection (keeps its id and history)':
    'eine abgelaufene Freigabe dieser Verknüpfung erneuern (Nummer und Umsätze bleiben)',
  'plaid only: link a Plaid sandbox Item without a browser, e.g. ins_109508':
    'nur plaid: ein Plaid-Sandbox-Item ohne Browser verknüpfen, z. B. ins_109508',
  'print the login link without opening a browser': 'den Anmeldelink ausgeben, ohne einen Browser zu öffnen',
  'how long to wait for the bank login': 'wie lange auf die Anmeldung bei der Bank gewartet wird',
  'truelayer (ING Germany and other EU/UK banks), enablebanking (most EU banks, ING included) or plaid (UK/EU/US banks)':
    'truelayer (ING Deutschland und andere Banken in der EU und im Vereinigten Königreich), enablebanking (die meisten EU-Banken, auch ING) oder plaid (Banken im Vereinigten Königreich, in der EU und den USA)',
  'also delete its accounts, balances and transaction history': 'auch ihre Konten, Kontostände und Umsätze löschen',
  'connection id (see `trax connections`)': 'Nummer der Verknüpfung (siehe `trax connections`)',
  'first booking day, YYYY-MM-DD': 'erster Buchungstag, JJJJ-MM-TT',
  'day after the last one, YYYY-MM-DD (exclusive)': 'Tag nach dem letzten, JJJJ-MM-TT (zählt nicht mit)',
  'write to this file (default: standard output)': 'in diese Datei schreiben (Voreinstellung: Standardausgabe)',
  'include pending transactions (journals mark them !)': 'vorgemerkte Umsätze einschließen (Journale markieren sie mit !)',
  "import into this account (default: the account with the file's IBAN, else a new one)":
    'in dieses Konto importieren (Voreinstellung: das Konto mit der IBAN der Datei, sonst ein neues)',
  'columns of a CSV no preset knows, e.g. date=Buchungstag,amount=Betrag,description=Text,currencyCode=EUR':
    'Spalten einer CSV-Datei, für die es keine Vorlage gibt, z. B. date=Buchungstag,amount=Betrag,description=Text,currencyCode=EUR',
  'currency for files that do not state one (QIF)': 'Währung für Dateien, die keine angeben (QIF)',
  'day order for ambiguous dates (QIF): DMY, MDY or YMD': 'Reihenfolge bei mehrdeutigen Daten (QIF): DMY, MDY oder YMD',
  'show what would be imported; write nothing': 'zeigen, was importiert würde; nichts schreiben',
  'only booked entries (the default)': 'nur gebuchte Umsätze (die Voreinstellung)',
  'also import entries not booked yet (CAMT Sts PDNG, MT942)':
    'auch noch nicht gebuchte Umsätze importieren (CAMT Sts PDNG, MT942)',
  'print the result as JSON': 'das Ergebnis als JSON ausgeben',
  'statement files, or: list | undo ID | review [link|add|skip ...]':
    'Kontoauszugsdateien, oder: list | undo NR | review [link|add|skip ...]',
  'a calendar month (default: last month)': 'ein Kalendermonat (Voreinstellung: der letzte Monat)',
  'a calendar year': 'ein Kalenderjahr',
  'first day, YYYY-MM-DD': 'erster Tag, JJJJ-MM-TT',
  'day after the last one, YYYY-MM-DD (exclusive; default: through today)':
    'Tag nach dem letzten, JJJJ-MM-TT (zählt nicht mit; Voreinstellung: bis heute)',
  'only this account (see `trax accounts`)': 'nur dieses Konto (siehe `trax accounts`)',
  'count pending transactions too': 'auch vorgemerkte Umsätze zählen',
  'count transfers between your own accounts as spending and income':
    'Umbuchungen zwischen Ihren eigenen Konten als Ausgaben und Einnahmen zählen',
  'print as CSV, one row per line of the report': 'als CSV ausgeben, eine Zeile je Zeile der Auswertung',
  'only the transactions a saved search finds (see `trax search save`)':
    'nur die Umsätze, die eine gespeicherte Suche findet (siehe `trax search save`)',
  'only the transactions this search finds, in the words of `trax search`':
    'nur die Umsätze, die diese Suche findet, in der Schreibweise von `trax search`',
  'category (the default) or tag: what each tag spent and earned (see `trax tx tag`)':
    'category (die Voreinstellung) oder tag: Ausgaben und Einnahmen je Tag (siehe `trax tx tag`)',
  'print the inbox as JSON (for scripts)': 'die zu prüfenden Umsätze als JSON ausgeben (für Skripte)',
  'at most this many transactions (default 500)': 'höchstens so viele Umsätze (Voreinstellung 500)',
  'keep the category a transaction has (both halves of a suggested transfer), as your choice':
    'die Kategorie eines Umsatzes als Ihre Wahl übernehmen (bei einer vorgeschlagenen Umbuchung beide Hälften)',
  'transaction id': 'Umsatznummer',
  'choose the category, exactly like `trax categorize set`': 'die Kategorie wählen, genau wie mit `trax categorize set`',
  'also create a rule for similar transactions (shows them and asks first)':
    'auch eine Regel für ähnliche Umsätze anlegen (zeigt sie und fragt vorher)',
  'a possible duplicate is a booking of its own': 'ein mögliches Duplikat ist eine eigene Buchung',
  'the duplicate id `trax review` shows (the same as `trax import review`)':
    'die Nummer des Duplikats, die `trax review` zeigt (dieselbe wie in `trax import review`)',
  'unpair a suggested transfer; it is not suggested again':
    'eine vorgeschlagene Umbuchung auflösen; sie wird nicht wieder vorgeschlagen',
  'either half of the pair': 'eine der beiden Hälften des Paars',
  'the category it really is (your choice)': 'die Kategorie, die es wirklich ist (Ihre Wahl)',
  'mark everything that came in until now as reviewed': 'alles, was bis jetzt eingegangen ist, als geprüft markieren',
  'list rules in the order they run': 'Regeln in der Reihenfolge auflisten, in der sie greifen',
  'add a rule (at least one condition) and recategorize': 'eine Regel anlegen (mindestens eine Bedingung) und neu kategorisieren',
  'category to set (see `trax categories list`)': 'die zu setzende Kategorie (siehe `trax categories list`)',
  'a name to recognize it by': 'ein Name, an dem Sie sie erkennen',
  'lower runs first': 'kleiner greift zuerst',
  'RE2 syntax (linear time): no backreferences or lookaround':
    'RE2-Syntax (lineare Laufzeit): keine Rückverweise und kein Lookaround',
  'counterparty IBAN equals': 'IBAN des Gegenkontos ist genau',
  'provider category equals (e.g. FOOD_AND_DRINK, PURCHASE)':
    'Kategorie des Anbieters ist genau (z. B. FOOD_AND_DRINK, PURCHASE)',
  'signed, e.g. -100.00': 'mit Vorzeichen, z. B. -100.00',
  'signed, e.g. 0': 'mit Vorzeichen, z. B. 0',
  'money in or out': 'Geldeingang (in) oder -ausgang (out)',
  'only this account': 'nur dieses Konto',
  'remove a rule': 'eine Regel entfernen',
  'show which rule or model would categorize a statement line, and why':
    'zeigen, welche Regel oder welches Modell eine Buchungszeile kategorisieren würde, und warum',
  'signed amount (negative = money out)': 'Betrag mit Vorzeichen (negativ = Ausgabe)',
  'statement text, e.g. "VISA TESCO STORES 3012"': 'Buchungstext, z. B. "VISA TESCO STORES 3012"',
  'write your rules as YAML': 'Ihre Regeln als YAML schreiben',
  'write to a file instead of the terminal': 'in eine Datei statt ins Terminal schreiben',
  'add the rules from a YAML or JSON file (all or nothing; `-` reads stdin; at most 5 MB)':
    'die Regeln aus einer YAML- oder JSON-Datei anlegen (alle oder keine; `-` liest die Standardeingabe; höchstens 5 MB)',
  'port to listen on': 'Port, auf dem gelauscht wird',
  'seed for the generated statements': 'Startwert für die erzeugten Umsätze',
  'print a crontab line (default) or a systemd service and timer that run the scheduled sync':
    'eine crontab-Zeile (Voreinstellung) oder einen systemd-Dienst mit Timer ausgeben, die den geplanten Abruf starten',
  'a line for `crontab -e`': 'eine Zeile für `crontab -e`',
  'a systemd user service and timer': 'ein systemd-Benutzerdienst mit Timer',
  'print as JSON (amounts as integer minor units; notes and tags included)':
    'als JSON ausgeben (Beträge als ganze Zahlen in der kleinsten Einheit; mit Notizen und Tags)',
  'at most this many rows, newest first (default 50)': 'höchstens so viele Zeilen, die neuesten zuerst (Voreinstellung 50)',
  'run a saved search (more words narrow it further)': 'eine gespeicherte Suche ausführen (weitere Wörter grenzen sie ein)',
  'what to find (quote it when it has > or < in it)': 'was gesucht wird (in Anführungszeichen, wenn > oder < darin vorkommt)',
  'save a query under a name (saving an existing name replaces its query)':
    'eine Suche unter einem Namen speichern (ein vorhandener Name bekommt die neue Suche)',
  'up to 64 letters, digits, spaces, ".", "_" or "-"': 'bis zu 64 Buchstaben, Ziffern, Leerzeichen, ".", "_" oder "-"',
  'the query, as for `trax search`': 'die Suche, wie bei `trax search`',
  'list saved searches': 'gespeicherte Suchen auflisten',
  'delete a saved search': 'eine gespeicherte Suche löschen',
  'as `trax search list` shows it': 'wie `trax search list` ihn zeigt',
  'replace an existing certificate': 'ein vorhandenes Zertifikat ersetzen',
  port: 'Port',
  'address to listen on (anything but 127.0.0.1 requires TRAX_WEB_PASSWORD)':
    'Adresse, auf der gelauscht wird (alles außer 127.0.0.1 verlangt TRAX_WEB_PASSWORD)',
  'do not sync on a schedule (for people who run `trax sync --scheduled` from cron)':
    'nicht nach Zeitplan abrufen (wenn Sie `trax sync --scheduled` über cron starten)',
  'sync only this connection (see `trax connections`)': 'nur diese Verknüpfung abrufen (siehe `trax connections`)',
  'print the outcome as JSON': 'das Ergebnis als JSON ausgeben',
  'list recent syncs instead of syncing': 'die letzten Abrufe auflisten, statt abzurufen',
  'with --history: runs per connection': 'mit --history: Läufe je Verknüpfung',
  'run as an unattended scheduled sync (for cron and systemd; see `trax schedule print`)':
    'als unbeaufsichtigter geplanter Abruf laufen (für cron und systemd; siehe `trax schedule print`)',
  'only this calendar month (booking date)': 'nur dieser Kalendermonat (Buchungsdatum)',
  'at most this many rows (default: all of a month, else 50)':
    'höchstens so viele Zeilen (Voreinstellung: alle eines Monats, sonst 50)',
  'the account (see `trax accounts`); it must be kept by hand':
    'das Konto (siehe `trax accounts`); es muss von Hand geführt sein',
  'the day of the booking': 'der Tag der Buchung',
  'negative = money out (-4.20), positive = money in': 'negativ = Ausgabe (-4.20), positiv = Einnahme',
  'what it was, e.g. "Wochenmarkt"': 'wofür, z. B. "Wochenmarkt"',
  'its category (else rules and the learned model choose, as for a bank row)':
    'ihre Kategorie (sonst wählen Regeln und das gelernte Modell, wie bei einer Bankbuchung)',
  'what it was': 'wofür',
  'its category (your choice: it sticks and teaches the model)':
    'ihre Kategorie (Ihre Wahl: sie bleibt und trainiert das Modell)',
  'the transaction id (see `trax transactions` or `trax search`)':
    'die Umsatznummer (siehe `trax transactions` oder `trax search`)',
  'the note, up to 10 KB; leave it out or pass "" to clear the note':
    'die Notiz, bis zu 10 KB; weglassen oder "" angeben löscht die Notiz',
  "one part (repeat); an amount without a sign goes the booking's way":
    'ein Teil (mehrfach angeben); ein Betrag ohne Vorzeichen hat die Richtung der Buchung',
  'print the parts as JSON': 'die Teile als JSON ausgeben',
  'set the note of a transaction (an empty note clears it)': 'die Notiz eines Umsatzes setzen (eine leere Notiz löscht sie)',
  'add (+tag) or remove (-tag) tags of a transaction': 'Tags eines Umsatzes hinzufügen (+tag) oder entfernen (-tag)',
  '+tag to add (a bare tag adds too), -tag to remove; a tag is one word':
    '+tag fügt hinzu (ein Tag ohne Zeichen auch), -tag entfernt; ein Tag ist ein Wort',
  'split a booking into parts with their own category and note; the parts must add up to it exactly':
    'eine Buchung in Teile mit eigener Kategorie und Notiz aufteilen; die Teile müssen genau die Buchung ergeben',
  'undo a split: the booking counts as one again': 'eine Aufteilung rückgängig machen: die Buchung zählt wieder als eine',
  'keep a booking out of reports (the row itself stays as the bank sent it)':
    'eine Buchung aus Auswertungen heraushalten (die Buchung selbst bleibt, wie die Bank sie geschickt hat)',
  'count a hidden booking in reports again': 'eine ausgeblendete Buchung wieder in Auswertungen zählen',
  'add a booking by hand to an account kept by hand (cash)':
    'eine Buchung von Hand in ein von Hand geführtes Konto eintragen (Bargeld)',
  'change a booking you added by hand (bank and statement rows stay as they came)':
    'eine von Hand eingetragene Buchung ändern (Buchungen von Bank und Kontoauszug bleiben, wie sie kamen)',
  'delete a booking you added by hand (bank and statement rows can only be hidden)':
    'eine von Hand eingetragene Buchung löschen (Buchungen von Bank und Kontoauszug lassen sich nur ausblenden)',
  'show the recorded changes instead, newest first': 'stattdessen die aufgezeichneten Änderungen zeigen, die neuesten zuerst',
  'the change to undo; it must be the newest (see --list)':
    'die Änderung, die rückgängig gemacht wird; es muss die neueste sein (siehe --list)',
};

/** Descriptions that end in a list built at run time (formats): the German of what comes before it. */
export const HELP_PREFIX: Array<[string, string]> = [
  ['read the file as this format instead of detecting it: ', 'die Datei in diesem Format lesen, statt es zu erkennen: '],
  ['one of ', 'eines von '],
];
