"""Common German multi-word expressions a reader of news meets, as a dictionary lists them.

One expression a line. How `phrases.py` reads a line:
- a last word that is a verb infinitive may be inflected and stand anywhere in the clause
  (`den Ausschlag geben` matches "was den Ausschlag für die Wende gab");
- `der/die/das/den/dem/des` match any form of the definite article, `ein/eine/einen/...`
  any form of `ein` or `kein`; adjectives and adverbs may stand between an article or
  preposition and its noun (`eine entscheidende Rolle spielen`);
- nouns match by lemma or as written, other words as written;
- `sich` asks for a reflexive pronoun in the clause; `jdm.`, `jdn.`, `etw.` are left out;
- `...` allows other words in between (`sowohl ... als auch`).
Lines starting with # are comments.
"""

EXPRESSIONS = """
# --- fixed adverbials and connectors
vor allem
unter anderem
nach wie vor
im Klartext
in der Tat
im Grunde
im Grunde genommen
im Prinzip
im Allgemeinen
im Einzelnen
im Übrigen
im Wesentlichen
im Großen und Ganzen
alles in allem
in der Regel
in aller Regel
in erster Linie
in letzter Zeit
in letzter Minute
in Zukunft
in Kürze
im Voraus
von vornherein
im Nachhinein
im Gegenteil
im Gegenzug
im Ernst
in Wirklichkeit
in Wahrheit
in der Praxis
auf Anhieb
auf Dauer
auf Zeit
auf jeden Fall
auf keinen Fall
in jedem Fall
auf alle Fälle
für alle Fälle
auf einmal
mit einem Mal
nicht zuletzt
vor Ort
nach und nach
ab und zu
hin und wieder
immer wieder
ohne weiteres
bei weitem
bis auf weiteres
bis heute
bis dato
seit langem
vor kurzem
ein für alle Mal
Schritt für Schritt
Tag für Tag
Jahr für Jahr
Zug um Zug
Seite an Seite
Hand in Hand
mehr oder weniger
mehr denn je
so gut wie
und zwar
zum Beispiel
zum Teil
zum Glück
zum Schluss
zum Abschluss
zum ersten Mal
zum zweiten Mal
zum letzten Mal
zum wiederholten Mal
zur Zeit
zur Not
zu Recht
zu Unrecht
zu Fuß
zu Hause
nach Hause
von Haus aus
von außen
von innen
im Ausland
im Inland
im Geheimen
im Stillen
im Freien
aus diesem Grund
aus Sicht
aus Versehen
aus Protest
aus Angst
in diesem Zusammenhang
in diesem Fall
in dieser Hinsicht
in gewisser Weise
auf diese Weise
auf gewaltsame Weise
auf Augenhöhe
unter Umständen
unter der Hand
ohne Zweifel
ohne Frage
# --- two-part connectors
sowohl ... als auch
nicht nur ... sondern auch
weder ... noch
entweder ... oder
zwar ... aber
je ... desto
je ... umso
# --- prepositional phrases that work like prepositions
im Rahmen
im Zuge
im Laufe
im Vorfeld
im Auftrag
im Namen
im Sinne
im Fall
im Falle
im Hinblick auf
in Bezug auf
mit Bezug auf
im Vergleich zu
im Gegensatz zu
im Verhältnis zu
im Zusammenhang mit
in Zusammenarbeit mit
in Verbindung mit
in Höhe von
im Wert von
im Alter von
mit Blick auf
mit Hilfe
mit Ausnahme
zu Gunsten
zu Lasten
auf Kosten
auf Grund
an Stelle
nach Angaben
nach Ansicht
nach Auffassung
nach Einschätzung
nach Meinung
nach Darstellung
nach Informationen
nach Aussage
laut Angaben
unter Berufung auf
unter Führung
unter Leitung
unter dem Vorwand
auf Initiative
auf Antrag
auf Druck
auf Wunsch
auf Einladung
# --- with sein and werden
in der Lage sein
im Dunkeln sein
im Dunkeln liegen
im Dunkeln tappen
im Begriff sein
im Gespräch sein
im Amt sein
an der Macht sein
an der Reihe sein
am Ende
auf dem Weg sein
auf der Suche sein
auf der Flucht sein
auf dem Vormarsch sein
in Gefahr sein
in Kraft sein
von Bedeutung sein
von Vorteil sein
bedacht sein
tätig sein
tätig werden
fündig werden
laut werden
# --- kommen
zum Tragen kommen
zum Einsatz kommen
zum Ausdruck kommen
zum Vorschein kommen
zum Stillstand kommen
zum Erliegen kommen
zum Zuge kommen
zur Sprache kommen
zur Ruhe kommen
zur Geltung kommen
zu Wort kommen
zu Hilfe kommen
zu Schaden kommen
zu Fall kommen
zu dem Schluss kommen
zu einer Einigung kommen
zum Krieg kommen
ums Leben kommen
ans Licht kommen
an die Macht kommen
in Frage kommen
infrage kommen
in Gang kommen
ins Rollen kommen
ins Spiel kommen
auf den Punkt kommen
auf die Idee kommen
in den Sinn kommen
zustande kommen
zugute kommen
# --- bringen
zum Ausdruck bringen
zur Sprache bringen
zur Welt bringen
zum Schweigen bringen
zum Erliegen bringen
zu Fall bringen
ums Leben bringen
auf den Punkt bringen
auf den Weg bringen
auf den Markt bringen
in Verbindung bringen
in Gefahr bringen
in Ordnung bringen
in Umlauf bringen
in Erfahrung bringen
in Verlegenheit bringen
ins Spiel bringen
unter Kontrolle bringen
hinter sich bringen
Opfer bringen
zustande bringen
# --- stellen and stehen
zur Verfügung stellen
zur Verfügung stehen
in Frage stellen
infrage stellen
in Aussicht stellen
unter Beweis stellen
zur Rede stellen
zur Schau stellen
zur Diskussion stellen
auf die Probe stellen
auf die Beine stellen
auf den Kopf stellen
in den Schatten stellen
in Rechnung stellen
vor Gericht stellen
die Weichen stellen
eine Frage stellen
sich die Frage stellen
einen Antrag stellen
Bedingungen stellen
Forderungen stellen
sich auf die Seite stellen
sich zur Verfügung stellen
im Mittelpunkt stehen
im Zentrum stehen
im Vordergrund stehen
im Weg stehen
zur Debatte stehen
zur Diskussion stehen
zur Wahl stehen
auf dem Spiel stehen
auf der Kippe stehen
vor der Tür stehen
unter Druck stehen
unter Verdacht stehen
in Verbindung stehen
in Kontakt stehen
zur Seite stehen
Schlange stehen
Rede und Antwort stehen
außer Frage stehen
# --- setzen and sitzen
in Kraft setzen
außer Kraft setzen
in Gang setzen
in Bewegung setzen
unter Druck setzen
aufs Spiel setzen
auf die Tagesordnung setzen
außer Gefecht setzen
ein Ende setzen
ein Zeichen setzen
Akzente setzen
Maßstäbe setzen
Hoffnung setzen
sich in Bewegung setzen
sich zur Wehr setzen
sich in Verbindung setzen
sich zur Ruhe setzen
sich Ziele setzen
in der Falle sitzen
# --- nehmen and geben
in Kauf nehmen
in Anspruch nehmen
in Angriff nehmen
in Betrieb nehmen
in Schutz nehmen
in Haft nehmen
in Gewahrsam nehmen
in Empfang nehmen
ins Visier nehmen
unter die Lupe nehmen
zur Kenntnis nehmen
zu Hilfe nehmen
auf die leichte Schulter nehmen
beim Wort nehmen
Stellung nehmen
Rücksicht nehmen
Einfluss nehmen
Bezug nehmen
Abschied nehmen
Anstoß nehmen
Notiz nehmen
Platz nehmen
Schaden nehmen
ernst nehmen
seinen Lauf nehmen
ein Ende nehmen
den Ausschlag geben
den Ton angeben
den Vorzug geben
den Startschuss geben
grünes Licht geben
in Auftrag geben
zu bedenken geben
zu verstehen geben
Auskunft geben
Antwort geben
Anlass geben
Entwarnung geben
Bescheid geben
Gas geben
Recht geben
eine Chance geben
sich Mühe geben
sich zufrieden geben
sich geschlagen geben
# --- machen and tun
die Runde machen
den Anfang machen
eine Ausnahme machen
einen Eindruck machen
Gebrauch machen
Fortschritte machen
Schlagzeilen machen
Front machen
Ernst machen
Halt machen
Karriere machen
Mut machen
Angst machen
Schule machen
Geschäfte machen
Anstalten machen
Platz machen
sich Sorgen machen
sich Gedanken machen
sich auf den Weg machen
sich einen Namen machen
sich lustig machen
nichts zu tun haben
zu tun haben
# --- halten, haben, tragen
Schritt halten
Wort halten
in Grenzen halten
in Schach halten
auf dem Laufenden halten
die Stange halten
eine Rede halten
Ausschau halten
Kontakt halten
für möglich halten
den Mund halten
sich an die Regeln halten
sich in Grenzen halten
im Griff haben
im Blick haben
in der Hand haben
zur Folge haben
Folgen haben
Recht haben
Glück haben
Pech haben
Angst haben
Lust haben
Vorrang haben
das Sagen haben
die Nase voll haben
es eilig haben
Rechnung tragen
Sorge tragen
Verantwortung tragen
Früchte tragen
zur Schau tragen
# --- gehen, laufen, fallen, liegen, legen
zu Ende gehen
zu Grunde gehen
zugrunde gehen
in Erfüllung gehen
in Führung gehen
in die Geschichte eingehen
auf die Straße gehen
auf die Nerven gehen
aus dem Weg gehen
über die Bühne gehen
an die Börse gehen
vor Gericht gehen
in Rente gehen
zu weit gehen
Hand in Hand gehen
leer ausgehen
Gefahr laufen
aus dem Ruder laufen
auf Hochtouren laufen
ins Leere laufen
ins Gewicht fallen
aus dem Rahmen fallen
zum Opfer fallen
zur Last fallen
in die Hände fallen
auf fruchtbaren Boden fallen
auf der Hand liegen
am Herzen liegen
im Argen liegen
in der Luft liegen
im Trend liegen
auf Eis liegen
Wert legen
an den Tag legen
ans Herz legen
Rechenschaft ablegen
ein Geständnis ablegen
# --- ziehen, treten, fassen, führen, finden
in Betracht ziehen
in Erwägung ziehen
in Zweifel ziehen
zur Rechenschaft ziehen
zur Verantwortung ziehen
zu Rate ziehen
in Mitleidenschaft ziehen
nach sich ziehen
an einem Strang ziehen
den Kürzeren ziehen
die Konsequenzen ziehen
Konsequenzen ziehen
Bilanz ziehen
Lehren ziehen
Schlüsse ziehen
einen Schlussstrich ziehen
die Notbremse ziehen
die Fäden ziehen
Kreise ziehen
Nutzen ziehen
in Kraft treten
in Erscheinung treten
in den Hintergrund treten
zu Tage treten
zutage treten
auf der Stelle treten
mit Füßen treten
in die Fußstapfen treten
die Flucht antreten
den Rückzug antreten
das Amt antreten
ins Auge fassen
Fuß fassen
einen Beschluss fassen
einen Entschluss fassen
Mut fassen
Vertrauen fassen
in Worte fassen
Krieg führen
Gespräche führen
Verhandlungen führen
ein Gespräch führen
Regie führen
das Wort führen
vor Augen führen
hinters Licht führen
zu Ende führen
Buch führen
ins Feld führen
Anwendung finden
Beachtung finden
Gehör finden
Anklang finden
Zustimmung finden
Unterstützung finden
ein Ende finden
# --- geraten, leisten, üben, ergreifen, treffen, stoßen
unter Druck geraten
unter Beschuss geraten
in Vergessenheit geraten
in Schwierigkeiten geraten
in Verruf geraten
in Panik geraten
in die Kritik geraten
in Verdacht geraten
in Not geraten
ins Stocken geraten
ins Wanken geraten
außer Kontrolle geraten
einen Beitrag leisten
Hilfe leisten
Widerstand leisten
Folge leisten
Abbitte leisten
Kritik üben
Druck ausüben
Einfluss ausüben
Maßnahmen ergreifen
das Wort ergreifen
die Initiative ergreifen
die Flucht ergreifen
Partei ergreifen
eine Entscheidung treffen
eine Vereinbarung treffen
eine Wahl treffen
Vorkehrungen treffen
Vorbereitungen treffen
Maßnahmen treffen
ins Schwarze treffen
auf Widerstand stoßen
auf Kritik stoßen
auf Ablehnung stoßen
auf Interesse stoßen
auf taube Ohren stoßen
vor den Kopf stoßen
# --- other verbs
um Hilfe bitten
ums Wort bitten
eine Rolle spielen
eine Grenze überschreiten
die Absicht verfolgen
ein Ziel verfolgen
Abhilfe schaffen
Klarheit schaffen
Alarm schlagen
Kapital schlagen
Wellen schlagen
Wurzeln schlagen
Gehör schenken
Glauben schenken
Aufmerksamkeit schenken
Vertrauen schenken
Beachtung schenken
einen Blick werfen
über den Haufen werfen
Einspruch erheben
Anklage erheben
Vorwürfe erheben
Anspruch erheben
die Oberhand gewinnen
an Bedeutung gewinnen
an Boden gewinnen
Zeit gewinnen
an Bedeutung verlieren
aus den Augen verlieren
das Gesicht verlieren
die Geduld verlieren
den Überblick verlieren
Fahrt aufnehmen
Kontakt aufnehmen
Gestalt annehmen
Formen annehmen
außer Acht lassen
im Stich lassen
in Ruhe lassen
freien Lauf lassen
auf sich warten lassen
zu wünschen übrig lassen
Bescheid wissen
Bescheid sagen
sich Zeit lassen
sich Zeit nehmen
den Kopf schütteln
auf Granit beißen
ins Gras beißen
aus der Reihe tanzen
Hand anlegen
in Gefahr schweben
Schaden anrichten
Unheil anrichten
Verantwortung übernehmen
die Verantwortung übernehmen
die Führung übernehmen
ein Risiko eingehen
einen Kompromiss eingehen
eine Verpflichtung eingehen
Anerkennung verdienen
Geld verdienen
einen Vertrag unterzeichnen
einen Antrag einreichen
Klage einreichen
Bericht erstatten
Anzeige erstatten
Beifall klatschen
Bilanz ziehen
Zeugnis ablegen
einen Eid ablegen
die Wahl gewinnen
die Mehrheit verlieren
die Macht übernehmen
Wahlen abhalten
Sanktionen verhängen
den Notstand ausrufen
den Bündnisfall ausrufen
Frieden schließen
einen Vertrag schließen
ein Abkommen schließen
Kompromisse schließen
eine Lücke schließen
die Grenze schließen
# --- a predicative adjective or participle with its verb, written apart (no particle verb)
sich bereit erklären
bereit sein
verloren gehen
gefangen nehmen
gefangen halten
getrennt leben
übrig bleiben
übrig lassen
bekannt werden
fertig werden
offen bleiben
offen lassen
""".strip()


def expression_lines() -> list[str]:
    """The expressions, without comments and blank lines, each once."""
    seen: dict[str, None] = {}
    for line in EXPRESSIONS.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            seen.setdefault(line, None)
    return list(seen)
