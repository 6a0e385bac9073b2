# backup-lab: Beschriftungen der Terminal-Oberfläche (Deutsch, Schweizer Rechtschreibung).
# Dieselben Nachrichten-IDs wie locales/en/ui.ftl.

## Kopfzeile

ui-product = backup-lab
ui-mode-sim = SIMULATION ×{ $speed }
ui-mode-aws = AWS { $account } · { $region }
ui-cloudshell = CloudShell
ui-read-only = NUR LESEN
ui-too-small = Das Terminal ist zu klein ({ $width }×{ $height }). Bitte vergrössere es auf mindestens { $min_width }×{ $min_height }.

## Schrittliste

ui-steps-title = Schritte
ui-steps-required = ✔ { $done }/{ $total } Pflicht
ui-optional = optional
ui-state-done = erledigt
ui-state-progress = läuft
ui-state-todo = offen
ui-state-failed = braucht Aufmerksamkeit
ui-state-no-check = nichts zu prüfen
ui-state-current = nächster offener Schritt (die hervorgehobene Zeile ist der angezeigte)

## Anleitung

ui-step-of = Schritt { $n } von { $total }
ui-now-title = Jetzt
ui-now-running = Die Aktion läuft; der aktuelle Stand zeigt, wie weit sie ist.
ui-now-wait = Es ändert sich noch etwas. Warte, bis die Prüfung «erledigt» meldet.
ui-now-done = Erledigt.
ui-now-failed = Etwas braucht deine Aufmerksamkeit: Die Prüfung darunter sagt, was los ist und wie du es behebst.
ui-now-problem = { $short }{ $more ->
        [0] .
       *[other] {" "}(und { $more } weitere).
    } Darunter: was passiert ist und die Lösung.
ui-now-enter-mend = die Behebung von backup-lab zeigen und bestätigen
ui-now-enter-console = zeigen, warum backup-lab das nicht behebt; die Lösung darunter machst du in der Konsole
ui-now-first = Noch nicht: Zuerst muss Schritt { $n } «{ $name }» erledigt sein.
ui-now-blocked = Noch nicht: { $reason }
ui-now-next = weiter: { $step }
ui-now-next-todo = als Nächstes zu tun: { $step }
ui-now-complete = Das Lab ist abgeschlossen.
ui-now-read-only = nur lesen: Erledige es in der Konsole (Anleitung unten)
ui-check-label = Prüfung:
ui-running = Die Aktion läuft …
ui-console-heading = In der AWS-Konsole
ui-console-folded = zeigt die { $n } Schritte
ui-console-unfolded = blendet die Schritte aus
ui-action-heading = Was Enter macht
ui-action-enter = Enter zeigt zuerst die genauen Parameter und den AWS-CLI-Befehl; erst wenn du bestätigst, passiert etwas.
ui-action-read-only = Nur-Lesen-Modus: backup-lab ändert nichts. Folge den Schritten in der Konsole oben.
ui-action-read-only-look = Nur-Lesen-Modus: Bestätige, was dein Browser zeigt, mit backup-lab run { $step } (ohne --read-only) in einem anderen Terminal.
ui-action-none = Dieser Schritt hat keine Aktion. Lies ihn und geh dann mit → weiter.
ui-action-enable-backups = Setzt die Aufbewahrung der Backups von { $instance } auf { $retention ->
        [one] 1 Tag
       *[other] { $retention } Tage
    }, mit dem Backup-Fenster, das du in Lokalzeit eingibst, und wendet die Änderung sofort an.
ui-action-create-todos = Erfasst über die API der App ToDos, bis es 5 sind.
ui-action-snapshot = Erstellt den manuellen Snapshot { $snapshot } von { $instance }.
ui-action-delete-todos = Löscht über die API der App alle ToDos: die Katastrophe. Erst möglich, wenn { $snapshot } verfügbar ist.
ui-action-restore = Stellt { $snapshot } in die neue Instanz { $restored } wieder her, mit den Sicherheitsgruppen und der Subnetzgruppe von { $instance }.
ui-action-switch-backend = Registriert eine neue Revision von { $family }, deren DB_HOST auf { $restored } zeigt, und stellt { $service } darauf um.
ui-action-verify = Liest die ToDos über die App, zeigt sie und fragt, ob du sie auch im Browser siehst.
ui-action-pitr = Stellt { $instance } auf einen Moment kurz vor dem Löschen der ToDos in die neue Instanz { $pitr } wieder her und vergleicht danach die beiden erreichten RPO-Werte.
ui-action-cleanup = Fragt, welche Datenbank bleibt, und entfernt dann, was das Lab auf diesem Weg erstellt hat.
ui-scroll-more = ↓ mehr
ui-scroll-end = Ende
ui-figures-heading = Deine Wiederherstellungs-Kennzahlen

## Zeichnung: RPO und RTO auf einer Zeitachse

ui-diagram-title = RPO und RTO auf einer Zeitachse
ui-diagram-last-backup = letztes Backup
ui-diagram-disaster = Katastrophe
ui-diagram-back-online = läuft wieder
ui-diagram-rpo = RPO
ui-diagram-rto = RTO
ui-diagram-rpo-short = Datenverlust
ui-diagram-rto-short = Ausfallzeit
ui-diagram-rpo-means = RPO: Alles, was zwischen dem letzten Backup und der Katastrophe geschrieben wurde, ist weg.
ui-diagram-rto-means = RTO: die Zeit von der Katastrophe, bis die Anwendung wieder funktioniert.

## Status

ui-status-title = Aktueller Stand
ui-updated-ago = vor { $ago }
ui-not-read-yet = noch nicht gelesen
ui-none = keine
ui-more = … { $count } weitere
ui-instances = DB-Instanzen
ui-multi-az = Multi-AZ
ui-single-az = Single-AZ
ui-retention-off = Backups aus
ui-retention-days = Backups { $days } { $days ->
    [one] Tag
   *[other] Tage
}
ui-retention-pending = Backups { $from } → { $to } { $to ->
    [one] Tag
   *[other] Tage
}
ui-no-endpoint = noch kein Endpunkt
ui-snapshots = Snapshots
ui-snapshot-manual = manuell
ui-snapshot-automated = automatisch
ui-service = ECS-Service
ui-revision = Revision { $revision }
ui-tasks = { $running } laufen (Ziel { $desired })
ui-deployment-draining = alt, wird abgebaut
ui-failed-tasks = { $count } gescheitert
ui-todos = ToDos: { $count }
ui-todos-unknown = ToDos: ?

## RPO und RTO

ui-recovery-title = RPO / RTO
ui-rpo-live = RPO jetzt
ui-rpo-achieved = erreichter RPO
ui-rpo-achieved-short = RPO
ui-rpo-no-point = kein Backup: alles seit dem Start ginge verloren
ui-rpo-no-point-short = alles (kein Backup)
ui-rpo-between = Wiederherstellungspunkt { $point }, Katastrophe { $disaster }
ui-rpo-pitr = Mit automatischen Backups kommst du zu jeder Sekunde bis vor ein paar Minuten zurück (RPO etwa { $rpo }).
ui-lost = verloren: { $todos }
ui-lost-none = kein ToDo ging verloren
ui-rto = RTO
ui-rto-not-started = beginnt mit der Katastrophe
ui-rto-aws = AWS-Zeit
ui-rto-you = deine Zeit
ui-sim-clock = Eine Uhr: ×{ $speed } während AWS arbeitet, sonst Echtzeit.
ui-rto-copy-back = RTO Dump & Restore
ui-target = Ziel ≤ { $target }
ui-point-snapshot = Snapshot
ui-point-pitr = automatische Backups
ui-point-automated = automatischer Snapshot

## Zeitachse

ui-timeline-title = Zeitachse
ui-tl-empty = Noch ist nichts passiert. Wiederherstellungspunkte, die Katastrophe und die Wiederherstellung erscheinen hier.
ui-tl-backups = Backups an
ui-tl-snapshot = Snapshot
ui-tl-disaster = Katastrophe
ui-tl-restore-requested = Restore gestartet
ui-tl-restore-available = wiederhergestellt
ui-tl-switched = Backend umgestellt
ui-tl-rollout = Rollout fertig
ui-tl-verified = ToDos zurück
ui-tl-copied = ToDos zurückkopiert

## Ereignisprotokoll

ui-log-title = Ereignisse · { $calls } { $calls ->
        [one] AWS-Aufruf
       *[other] AWS-Aufrufe
    } · { $app } { $app ->
        [one] App-Aufruf
       *[other] App-Aufrufe
    }
ui-log-empty = Hier erscheinen Änderungen von backup-lab, fehlgeschlagene Aufrufe und die Ergebnisse von Aktionen.

## Tastenhinweise und Hilfe

ui-hint-steps = Schritt
ui-hint-scroll = blättern
ui-hint-action = Aktion
ui-hint-lang = English
ui-hint-help = Hilfe
ui-hint-present = Beamer
ui-hint-present-off = normale Ansicht
ui-hint-quit = beenden
ui-help-title = Tasten
ui-help-steps = vorheriger / nächster Schritt
ui-help-scroll = in der Anleitung blättern
ui-help-page = in der Anleitung eine Seite zurück / weiter blättern
ui-help-ends = an den Anfang / ans Ende der Anleitung
ui-help-action = Aktion des Schritts ausführen (du siehst zuerst den Plan und bestätigst ihn)
ui-help-lang = Sprache wechseln (Deutsch / English)
ui-help-help = diese Hilfe zeigen oder ausblenden
ui-help-present = Beamer-Modus: grosse Schrift, hoher Kontrast, ohne Ereignisse
ui-help-quit = beenden (das Konto behält seinen Stand; starte neu, um weiterzumachen)
ui-help-confirm = in einem Plan: ja / nein
ui-help-cancel = Dialog schliessen, ohne etwas zu tun
ui-help-cleanup = Aufräumen: Option wechseln, wiederhergestellte Datenbank behalten, ToDos zurückkopieren (Dump & Restore), zurückwechseln
ui-help-dialog-scroll = in einem langen Dialog: im Text blättern
ui-help-symbols = Symbole
ui-help-required = ✔ { $done }/{ $total } Pflicht: Die Schritte { $first }–{ $last } sind das Lab; die übrigen erklären oder sind freiwillig.
ui-help-figures = RPO und RTO
ui-help-rpo-live = RPO jetzt: was du verlieren würdest, wenn die Datenbank jetzt ausfiele (Zeit seit dem neusten Wiederherstellungspunkt).
ui-help-rpo-achieved = erreichter RPO: was die Katastrophe dieses Durchgangs gekostet hat (vom genutzten Wiederherstellungspunkt bis zur Katastrophe).
ui-help-rto = RTO: von der Katastrophe, bis die App die ToDos wieder liefert; AWS-Zeit (Restore, Rollout) plus deine Zeit (lesen, entscheiden).
ui-help-timeline = Zeitachse
ui-help-close = ? oder Esc schliesst diese Hilfe.

## Dialoge

ui-dialog-omitted = … mehr in einem grösseren Terminal
ui-dialog-scroll = ↑↓ PgUp PgDn: Zeilen { $first }–{ $last } von { $total }
ui-figure-unit-ms = min:s
ui-figure-unit-hms = h:min:s
ui-confirm-cli = Dasselbe auf der Kommandozeile:
ui-confirm-seen = Siehst du dieselben ToDos auch in deinem Browser?
ui-key-seen-yes = ja, sie sind da
ui-key-seen-no = noch nicht
ui-confirm-question = Jetzt ausführen?
ui-confirm-type = Tippe { $word } und drücke Enter, um zu bestätigen.
ui-confirm-mismatch = Das ist nicht { $word }. Prüfe die Schreibweise oder drücke Esc.
ui-key-yes = ja
ui-key-no = nein
ui-key-confirm = bestätigen
ui-key-cancel = abbrechen
ui-key-continue = weiter
ui-key-delete = löschen
ui-key-switch = wechseln
ui-key-choose = wählen
ui-notice-close = Eine beliebige Taste schliesst diese Meldung.
ui-window-title = Backup-Fenster
ui-window-intro = Gib das tägliche Backup-Fenster in deiner Lokalzeit ({ $zone }) als hh:mm-hh:mm ein, mindestens 30 Minuten lang. Backups werden { $retention ->
        [one] 1 Tag
       *[other] { $retention } Tage
    } aufbewahrt. RDS speichert das Fenster in UTC{ $dst ->
        [yes] : Beginnt oder endet in { $zone } die Sommerzeit, verschiebt es sich in deiner Lokalzeit um eine Stunde.
       *[no] ; { $zone } kennt keine Sommerzeit, das Fenster bleibt also, wo du es hinlegst.
    }
ui-window-utc = { $utc } UTC, so speichert es RDS
ui-restore-time-title = Wiederherstellungszeitpunkt
ui-restore-time-intro = Gib den Moment ein, dessen Stand die neue Instanz enthalten soll: hh:mm:ss in deiner Lokalzeit ({ $zone }). { $watched ->
        [yes] { $proposed } liegt kurz vor dem Löschen der ToDos; da sah backup-lab sie noch alle.
       *[no] Die ToDos wurden gelöscht, während backup-lab nicht hinschaute; { $proposed } ist der letzte Moment, in dem es sie alle sah. Kennst du einen späteren Moment vor dem Löschen, tippe ihn ein.
    }
ui-cleanup-title = Aufräumen: Welche Datenbank bleibt?
ui-cleanup-intro = Entscheide, welche Datenbank die App ab jetzt verwendet. Gelöscht wird nur, was das Lab erstellt hat.
ui-cleanup-keep = { $restored } behalten
ui-cleanup-keep-detail = Das Backend bleibt auf { $restored }; gelöscht wird nur { $snapshot } (und die Point-in-Time-Kopie, falls es sie gibt). Schnell, aber zwei Multi-AZ-Instanzen kosten weiter Geld.
ui-cleanup-back = Zurück zu { $instance }
ui-cleanup-back-detail = { $service } wechselt zurück auf { $instance }, danach werden { $restored } und { $snapshot } gelöscht – und mit ihnen die wiederhergestellten ToDos.
ui-cleanup-copy = ToDos in { $instance } zurückkopieren (Dump & Restore)
ui-cleanup-copy-detail = Ein Fargate-Task (etwa eine Minute, unter einem US-Cent) kopiert die ToDos nach { $instance } und ersetzt dort die ToDo-Tabellen: Was nach der Katastrophe dort geschrieben wurde, geht verloren. Danach wechselt { $service } zurück; der ursprüngliche Endpunkt bleibt.
ui-cleanup-none-chosen = Noch nichts gewählt: Drücke { $keys } oder { $last }, oder wähle mit Tab/↑↓ und Enter.
ui-restore-choice-title = Restore: welche Datenbank?
ui-restore-choice-intro = { $other } wurde wiederhergestellt, nachdem Snapshot { $snapshot } erstellt wurde, doch das Lab sucht { $restored }. Mit welcher soll das Lab weitermachen?
ui-restore-adopt = { $other } verwenden
ui-restore-adopt-detail = backup-lab merkt sich { $other } als wiederhergestellte Datenbank dieses Durchgangs (auch nach einem Neustart) und prüft ihre Einstellungen. Nichts wird erstellt oder gelöscht.
ui-restore-again = Nochmals als { $restored } wiederherstellen
ui-restore-again-detail = Eine neue Instanz aus { $snapshot }, mit den Einstellungen des Labs. { $other } bleibt und kostet weiter, bis du sie in der Konsole löschst.

## Die Uhr der Simulation, Sprünge, eine neue Welt (Tasten für die Vorführung)
ui-mode-sim-idle = SIMULATION Echtzeit · AWS ×{ $speed }
ui-mode-sim-paused = SIMULATION ⏸ angehalten · AWS ×{ $speed }
ui-help-goto = zu Schritt 1–9 springen; g und die Nummer für jeden Schritt, auch ab 10 (zwei Ziffern springen sofort, eine mit Enter)
ui-help-clock-pause = Uhr der Simulation anhalten / weiterlaufen lassen
ui-help-clock-speed = Simulation: AWS schneller / langsamer arbeiten lassen (×1 bis ×300)
ui-help-fresh = Simulation: mit einer neuen Welt von vorn beginnen (du tippst zur Bestätigung ein Wort)
ui-help-console = die Schritte in der AWS-Konsole (oder im Browser) zeigen oder ausblenden
ui-goto-prompt = Zu Schritt: { $number }_   (Enter springt, Esc bricht ab)
ui-goto-no-step = Es gibt keinen Schritt { $number }, nur 1–{ $last }; für 10–{ $last } drücke g und die Nummer.
ui-clock-sim-only = Nur die Uhr der Simulation lässt sich anhalten oder beschleunigen.
ui-clock-read-only = Nur-Lesen-Modus: Die Uhr steuert das Programm, das diese Welt bearbeitet.
ui-clock-paused = ⏸ Uhr angehalten: AWS arbeitet nicht weiter, bis du z drückst.
ui-clock-resumed = ▶ Uhr läuft wieder.
ui-clock-speed = Tempo ×{ $speed }, während AWS an etwas arbeitet; sonst läuft die Uhr in Echtzeit.
ui-clock-speed-limit = Schon bei ×{ $speed }: Weiter geht es in diese Richtung nicht.
ui-fresh-title = Neue Welt
ui-fresh-intro = Die simulierte Welt beginnt von vorn: workshop-db ohne Backups, keine Snapshots, keine Wiederherstellung, ein leeres Journal. Die bisherige Welt kommt mit ihrem Journal in den Ordner archive des Zustandsverzeichnisses; dort bleiben die letzten 3 Resets.
ui-fresh-sim-only = Eine neue Welt gibt es nur in der Simulation; dein AWS-Konto bleibt unberührt.
ui-fresh-read-only = Nur-Lesen-Modus: Neu beginnen kann nur das Programm, das die Welt bearbeitet.
ui-quiz-none = Keine Fragen hier; Schritte { $steps } haben welche (Taste s).
ui-no-action = Dieser Schritt hat keine Aktion; Enter bewirkt hier nichts. → geht weiter.
ui-present-legend = Legende
ui-not-seen-title = Noch nicht im Browser
ui-not-seen-yet = Das Konto liefert die ToDos, doch dein Browser zeigt sie noch nicht. Lade die Seite ohne Cache neu (Ctrl+Shift+R) und prüfe, ob die Adresse die deiner ToDo-App ist (der DNS-Name des Load Balancers). Drücke dann Enter auf diesem Schritt nochmals.
ui-result-done = ✔ Erledigt
ui-result-started = ◐ Gestartet: AWS arbeitet daran
ui-result-failed = ✘ Nicht gelungen
