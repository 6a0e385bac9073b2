# backup-lab: Prüfergebnisse, Aktionspläne, Ergebnisse, Fehler (Deutsch, Schweizer Rechtschreibung).

## Checks

check-not-read-yet = noch nicht gelesen – warte auf die erste Antwort des Kontos
check-unknown-error = das Konto konnte nicht gelesen werden ({ $code }: { $message })
check-source-missing = Instanz { $instance } nicht gefunden – stimmt die Region, und wurde sie in den früheren Kapiteln erstellt?
check-backups-off = automatische Backups sind aus (Aufbewahrung 0)
check-backups-pending = Aufbewahrung { $retention ->
        [one] 1 Tag
       *[other] { $retention } Tage
    } wartet auf Anwendung (Status { $status })
check-backups-applying = Backups eingeschaltet, Instanz ist { $status } – das erste Backup läuft
check-backups-on = automatische Backups an: { $retention ->
        [one] 1 Tag
       *[other] { $retention } Tage
    }, Fenster { $window } UTC
check-backups-retention-differs = Aufbewahrung ist { $retention ->
        [one] 1 Tag
       *[other] { $retention } Tage
    }, das Lab verlangt { $wanted } – funktioniert, bewahrt aber länger auf
check-todos-created = { $count } ToDos vorhanden
check-todos-none = noch keine ToDos – erstelle { $wanted } in der App (oder lass backup-lab das tun)
check-todos-some = { $count } von { $wanted } ToDos
check-todos-unreachable = die ToDo-App antwortet nicht ({ $code })
check-snapshot-available = { $snapshot } ist verfügbar (vor { $age } erstellt)
check-snapshot-creating = Snapshot wird erstellt: { $percent } %, bisher { $elapsed }
check-snapshot-deleting = { $snapshot } wurde verwendet und wird gelöscht
check-snapshot-status = { $snapshot } hat den Status { $status }
check-snapshot-gone = { $snapshot } wurde erstellt und inzwischen gelöscht
check-snapshot-missing = noch kein Snapshot { $snapshot }
check-disaster-done = die ToDos wurden gelöscht – die «Katastrophe» ist eingetreten
check-disaster-wait-snapshot = warte zuerst, bis Snapshot { $snapshot } verfügbar ist, sonst sind die ToDos endgültig weg
check-disaster-remaining = noch { $count } ToDos vorhanden – lösche alle
check-restore-single-az = Single-AZ – das Lab stellt als Multi-AZ wieder her
check-restore-multi-az = Multi-AZ – die Konfiguration verlangt Single-AZ
check-restore-class = Klasse { $class } statt { $wanted }
check-restore-groups = Security Groups { $groups } weichen von der Quelle ab ({ $wanted }) – vermutlich mit der default Security Group wiederhergestellt
check-restore-subnet = Subnet Group { $subnet } statt { $wanted }
check-restore-storage = Speichertyp { $have } statt { $wanted } wie bei der Quelle – ohne Angabe wählt RDS gp3
check-restore-parameter-group = Parameter Group { $have } statt { $wanted } wie bei der Quelle – ohne Angabe nimmt RDS die Standardgruppe der Engine
check-restore-option-group = Option Group { $have } statt { $wanted } wie bei der Quelle – ohne Angabe nimmt RDS die Standardgruppe der Engine
check-restore-engine = Engine { $have } statt { $wanted } wie bei der Quelle – ein Restore ohne Extended Support wechselt auf eine neuere Hauptversion, mit der die App vielleicht nicht läuft
check-restore-missing = { $restored } gibt es noch nicht
check-restore-removed = { $restored } wurde wiederhergestellt und inzwischen gelöscht
check-restore-deleting = { $restored } wird gelöscht
check-restore-creating = Status { $status }, noch kein Endpoint ({ $elapsed })
check-restore-progress = Status { $status } ({ $elapsed })
check-restore-available = { $restored } ist verfügbar, mit den Einstellungen des Labs
check-switch-done = Backend läuft auf { $restored }
check-switch-rollout = Rollout: { $running }/{ $desired } neue Tasks laufen, insgesamt { $tasks } Tasks
check-switch-failed-so-far = { $failed ->
        [one] bisher ist 1 neuer Task nicht gestartet
       *[other] bisher sind { $failed } neue Tasks nicht gestartet
    }
check-switch-reverted = Backend wurde umgestellt und inzwischen zurückgestellt
check-switch-todo = Backend zeigt noch auf { $instance }
check-switch-wait = Backend zeigt noch auf { $instance }; { $restored } hat noch keinen Endpoint
check-switch-too-early = backend-service zeigt schon auf { $restored }, die noch { $status } ist und keine Verbindungen annimmt: die neuen Tasks fallen durch die Health Checks, und ECS ersetzt sie, bis die Datenbank bereit ist; so lange bedienen die alten Tasks weiter aus { $instance }
check-switch-no-host = die Task Definition hat in Container { $container } kein DB_HOST
check-switch-elsewhere = Backend zeigt auf { $host }, nicht auf { $restored }
check-switch-failed = der Rollout von Revision { $revision } ist fehlgeschlagen: { $failed } Tasks hintereinander sind nicht gestartet; { $back ->
        [0] ECS startet dafür keine neuen Tasks mehr
       *[other] ECS hat den Service auf Revision { $back } zurückgesetzt
    }
check-switch-tasks-failing = Tasks von Revision { $revision } starten immer wieder nicht ({ $failed } hintereinander); ECS ersetzt sie laufend, der Rollout wird nicht fertig
check-switch-rolled-back = der Rollout auf die wiederhergestellte Datenbank ist fehlgeschlagen; ECS hat den Service auf Revision { $back } zurückgesetzt
check-switch-reason = ECS meldet: { $reason }
check-switch-no-breaker = { $service } hat keinen Deployment Circuit Breaker eingeschaltet; ECS versucht es darum weiter, bis der Service erneut aktualisiert wird
check-switch-event = { $at } { $message }
check-switch-failed-advice = was du versuchen kannst: prüfe, ob { $restored } verfügbar ist und Verbindungen annimmt (DB_HOST, Security Group), lies die Ereignisse von { $service } in der ECS-Konsole und führe diesen Schritt dann nochmals aus
check-verify-done = die App zeigt wieder { $count } ToDos
check-verify-verified = überprüft: die App zeigte wieder { $count } ToDos
check-verify-titles = jetzt in der App: { $titles }
check-verify-wait = warte, bis das Backend auf der wiederhergestellten Datenbank läuft
check-verify-empty = die App zeigt keine ToDos – läuft das Backend auf der wiederhergestellten Datenbank?
check-pitr-available = { $pitr } ist verfügbar: auf den letzten wiederherstellbaren Zeitpunkt zurückgesetzt
check-pitr-rpo = sie enthält die Daten von { $rpo } vor dem Start des Restores: so klein ist das RPO mit automatischen Backups
check-pitr-missing = freiwillig: { $pitr } gibt es nicht
check-pitr-needs-backups = braucht automatische Backups (Schritt «Backups automatisieren»)
check-cleanup-nothing = noch nichts aufzuräumen
check-cleanup-kept = aufgeräumt; die wiederhergestellte Datenbank bleibt in Betrieb
check-cleanup-back = aufgeräumt; zurück auf der ursprünglichen Datenbank
check-summary-complete = Lab abgeschlossen: alle Schritte bis zur Kontrolle sind erledigt.
check-summary-incomplete = Lab noch nicht abgeschlossen.

leftover-snapshot = Snapshot { $snapshot } existiert noch (Speicherkosten)
leftover-instance = Instanz { $instance } existiert noch (sekundengenau verrechnet)
leftover-backend = { $service } nutzt noch die wiederhergestellte Datenbank, nicht { $instance }

## Aktionspläne

action-none = dieser Schritt hat keine Aktion – lies ihn und mach weiter
param-instance = DB-Instanz
param-retention = Backup retention period (Tage)
param-window-local = Backup window, Ortszeit
param-window-utc = Gesendetes Backup window (UTC)
param-apply-immediately = Apply immediately
param-value-yes = ja
param-todos-to-create = Zu erstellende ToDos
param-todos-to-delete = Zu löschende ToDos
param-snapshot = Snapshot
param-new-instance = Neue DB-Instanz
param-source = Quellinstanz
param-restore-time = Wiederherstellen auf (letzter wiederherstellbarer Zeitpunkt)
param-class = DB instance class
param-multi-az = Verfügbarkeit
param-security-groups = VPC Security Groups
param-subnet-group = DB Subnet Group
param-storage = Speicher
param-parameter-group = Parameter Group
param-option-group = Option Group
param-engine = Engine
param-tags = Tags
param-family = Task-Definition-Familie
param-base-revision = Basiert auf Revision
param-db-host = Neuer DB_HOST
param-cluster = Cluster
param-service = Service
param-cleanup-path = Weg
param-cleanup-keep = wiederhergestellte Datenbank behalten, Snapshot löschen
param-cleanup-back = zurück zur ursprünglichen Datenbank, Restore und Snapshot löschen

note-outage = Die Aufbewahrung geht von 0 auf einen positiven Wert: die Instanz ist kurz nicht erreichbar und macht sofort ein erstes Backup.
note-backup-storage = Backup-Speicher bis zur Grösse der Datenbank ist gratis; darüber wird pro GB und Monat verrechnet.
note-browser-alternative = Du kannst die ToDos auch im Browser erstellen; die Anzahl wird so oder so nachgeführt.
note-snapshot-cost = Manuelle Snapshots bleiben, bis du sie löschst, und kosten Speicher; das Aufräumen entfernt ihn.
note-disaster = Damit werden alle ToDos wirklich gelöscht: verloren ist, was der Snapshot nicht enthält.
note-restore-cost = Kosten: die neue Multi-AZ db.t3.micro wird sekundengenau verrechnet, sobald RDS sie erstellt, auch während «backing-up» oder «modifying» (mindestens 10 Minuten), etwa doppelt so viel wie Single-AZ; auch ihre 100 GiB Speicher zählen doppelt. Lösche sie beim Aufräumen.
note-restore-new-instance = Ein Restore erstellt immer eine neue Instanz mit neuem Endpoint; er überschreibt nie eine bestehende.
note-restore-unchanged = «Die restlichen Einstellungen bleiben gleich»: Security Groups, Subnet Group, Speicher, Parameter Group, Option Group, Engine-Lifecycle und Tags sind die der Quelle. Von selbst übernimmt RDS sie nicht (es nähme die default Security Group, gp3 und die Standardgruppen der Engine); darum sendet backup-lab sie mit und ergänzt die Tags created-by und restored-from.
note-extended-support = Extended Support: Für { $engine } endete der Standard-Support von RDS am { $ended }. Wie die Quelle bleibt die neue Instanz darauf, in RDS Extended Support, und das kostet etwa { $usd-per-hour } USD pro Stunde zusätzlich ({ $vcpus } vCPUs zu 0.10 USD). Schaltest du ihn aus, hebt RDS den Restore auf eine neuere Hauptversion, mit der die App vielleicht nicht läuft.
note-pitr-point = Der Wiederherstellungszeitpunkt wird direkt vor dem Auftrag nochmals gelesen: der letzte wiederherstellbare Zeitpunkt von AWS rückt etwa alle 5 Minuten nach.
note-pitr-cost = Kosten: eine weitere DB-Instanz mit eigenem Speicher, sekundengenau verrechnet, sobald RDS sie erstellt (mindestens 10 Minuten). Das Aufräumen löscht sie.
note-rollout = ECS startet 2 neue Tasks, bevor es die 2 alten stoppt: einige Minuten lang laufen bis zu 4 gleichzeitig.
note-source-untouched = { $instance } selbst wird nie verändert oder gelöscht.

confirm-prompt = Ausführen? [j/N]
confirm-type = Zur Bestätigung { $word } eintippen:

## Ergebnisse

already-backups = bereits erledigt: Aufbewahrung { $retention ->
        [one] 1 Tag
       *[other] { $retention } Tage
    }, Fenster { $window } UTC
already-todos = bereits erledigt: { $count } ToDos vorhanden
already-snapshot = bereits erledigt: Snapshot { $snapshot } existiert ({ $status }) und wird weiterverwendet
already-instance = bereits erledigt: { $instance } existiert ({ $status }) und wird weiterverwendet
already-switched = bereits erledigt: der Service läuft mit Revision { $revision }
already-clean = bereits erledigt: nichts mehr zu löschen
done-backups = ModifyDBInstance gesendet: Aufbewahrung { $retention ->
        [one] 1 Tag
       *[other] { $retention } Tage
    }, Fenster { $window } UTC (Status { $status })
done-todos = { $count } ToDos sind da
done-snapshot = Snapshot { $snapshot } wird erstellt
done-disaster = { $count } ToDos gelöscht
done-restore = Restore gestartet: { $restored } ({ $status })
done-revision-registered = neue Task-Definition-Revision { $revision } registriert
done-revision-reused = Revision { $revision } mit diesem DB_HOST gibt es schon; sie wird weiterverwendet
done-service-updated = { $service } auf Revision { $revision } umgestellt; der Rollout läuft
done-revision-deregistered = Revision { $revision } deregistriert
done-instance-deleted = { $instance } wird gelöscht (ohne finalen Snapshot)
done-snapshot-deleted = Snapshot { $snapshot } wird gelöscht
progress-todo-created = ToDo erstellt: { $title }
progress-todo-deleted = ToDo gelöscht: { $title }
progress-retry = { $code }: neuer Versuch in { $seconds } s (Versuch { $attempt } von { $attempts })
progress-untagged = AWS hat die Tags abgelehnt ({ $action } ist für diese Rolle nicht erlaubt); noch ein Versuch ohne Tags
todo-sample-titles = Milch kaufen|Pflanzen giessen|Zugbillett buchen|Lab vorbereiten|Grosi anrufen

blocked-instance-busy = { $instance } ist { $status }; warte, bis sie verfügbar ist
blocked-app-unreachable = die ToDo-App antwortet nicht ({ $code }); prüfe --app-url oder den Load Balancer
blocked-snapshot-not-ready = Snapshot { $snapshot } ist noch nicht verfügbar
blocked-snapshot-creating = { $snapshot } wird noch erstellt ({ $percent } %): RDS löscht einen Snapshot erst, wenn er verfügbar ist; darum wartet das Aufräumen und löscht noch nichts – starte es nochmals, sobald der Snapshot verfügbar ist
blocked-no-restore = { $restored } gibt es noch nicht – zuerst wiederherstellen
blocked-no-endpoint = { $restored } ist { $status } und nimmt noch keine Verbindungen an; dieser Schritt geht, sobald sie «available» oder «backing-up» ist (gleich nach «creating»), dann erreicht das Backend sie
blocked-protected = { $instance } wurde nicht vom Lab erstellt; backup-lab löscht sie nie
blocked-rollout-slow = der Rollout zurück wurde nicht rechtzeitig fertig; die wiederhergestellte Datenbank bleibt – räume später nochmals auf
blocked-rollout-failed = der Rollout von Revision { $revision } ist fehlgeschlagen ({ $failed } Tasks hintereinander sind nicht gestartet); die wiederhergestellte Datenbank bleibt – lies die Ereignisse von { $service } in der ECS-Konsole und räume dann nochmals auf

## Ohne Oberfläche

run-already-done = bereits erledigt: { $detail }
run-skipped = übersprungen
run-needs-yes = kein Terminal für die Bestätigung: mit --yes ohne Nachfrage ausführen
run-nothing = nenne die Schritte (z. B. run snapshot) oder verwende --all
run-timeout = zu lange auf diesen Schritt gewartet; nochmals ausführen, um weiterzumachen
status-instances = DB-Instanzen
status-snapshots = Snapshots
status-service = ECS-Deployments
status-events = ECS-Service-Ereignisse (neueste zuerst)
status-todos = ToDos
status-days = Tag(e)
status-manual = manuell
status-automated = automatisch
hint-try-sim = Ohne AWS-Konto: backup-lab --sim
log-action-started = Aktion gestartet: { $step }

## Fehler

error-access-denied = Zugriff verweigert ({ $code }) für { $operation }: { $permission ->
        [none] diese Zugangsdaten dürfen das nicht.
       *[other] der Rolle fehlt { $permission }.
    } In AWS Academy die Zugangsdaten der LabRole verwenden. ({ $message })
error-expired-token = Die Zugangsdaten sind abgelaufen ({ $code }). { $source ->
        [environment] Sie stammen aus Umgebungsvariablen (AWS_ACCESS_KEY_ID …), die ein laufendes Programm nicht neu lesen kann: beende backup-lab, setze die neuen Werte (AWS Academy: AWS Details → AWS CLI) und starte es neu. Dein Fortschritt bleibt erhalten.
        [profile-keys] Sie stammen aus dem Profil { $profile } in { $file }: füge dort neue ein (AWS Academy: AWS Details → AWS CLI); backup-lab übernimmt sie und macht weiter.
        [sso] Sie stammen aus dem SSO-Login des Profils { $profile }: führe aws sso login --profile { $profile } aus; backup-lab übernimmt die neue Sitzung und macht weiter.
        [login] Sie stammen aus dem Konsolen-Login des Profils { $profile }: führe aws login --profile { $profile } aus; backup-lab übernimmt die neue Sitzung und macht weiter.
        [process] Das Profil { $profile } holt sie über seinen credential_process, den backup-lab selbst erneut aufruft; liefert er weiter abgelaufene Zugangsdaten, erneuere, was dieser Befehl liest.
        [cloudshell] Die CloudShell-Sitzung ist beendet: öffne CloudShell in der AWS-Konsole neu und starte backup-lab dort. Dein Fortschritt bleibt erhalten.
        [container] Sie stammen vom Container-Credentials-Endpunkt, der sie selbst erneuert; bleiben sie abgelaufen, starte den Container neu oder prüfe seine Rolle.
        [web-identity] Sie stammen aus einem Web-Identity-Token, das ausserhalb von backup-lab erneuert wird; sobald das geschehen ist, macht backup-lab weiter.
       *[other] Kopiere neue Zugangsdaten aus AWS Academy (AWS Details → AWS CLI) nach ~/.aws/credentials; backup-lab übernimmt sie und macht weiter.
    }
error-no-credentials = { $source ->
        [environment] AWS akzeptiert die Zugangsdaten aus den Umgebungsvariablen AWS_ACCESS_KEY_ID … nicht ({ $code }: { $message }). Beende backup-lab, setze neue Werte (AWS Academy: AWS Details → AWS CLI) und starte es neu.
        [profile-keys] AWS akzeptiert die Zugangsdaten des Profils { $profile } in { $file } nicht ({ $code }: { $message }). Füge dort neue ein (AWS Academy: AWS Details → AWS CLI); backup-lab übernimmt sie.
        [sso] Der SSO-Login des Profils { $profile } liefert keine Zugangsdaten ({ $message }): führe aws sso login --profile { $profile } aus.
        [login] Der Konsolen-Login des Profils { $profile } liefert keine Zugangsdaten ({ $message }): führe aws login --profile { $profile } aus.
        [process] Der credential_process des Profils { $profile } liefert keine brauchbaren Zugangsdaten ({ $message }); führe diesen Befehl selbst aus, um den Grund zu sehen.
        [cloudshell] Der Credentials-Endpunkt von CloudShell liefert keine Zugangsdaten ({ $message }). Schliesse CloudShell, öffne es in der AWS-Konsole neu und starte backup-lab dort; setze AWS_CONTAINER_CREDENTIALS_FULL_URI und AWS_CONTAINER_AUTHORIZATION_TOKEN nicht selbst.
        [container] Der Container-Credentials-Endpunkt liefert keine Zugangsdaten ({ $message }). Prüfe AWS_CONTAINER_CREDENTIALS_FULL_URI und das Token in AWS_CONTAINER_AUTHORIZATION_TOKEN.
        [web-identity] Das Web-Identity-Token liefert keine Zugangsdaten ({ $message }); prüfe AWS_WEB_IDENTITY_TOKEN_FILE und AWS_ROLE_ARN.
       *[other] Keine AWS-Zugangsdaten gefunden. Am einfachsten in AWS Academy: öffne CloudShell in der AWS-Konsole und starte backup-lab dort. Oder: AWS Details → AWS CLI → nach ~/.aws/credentials kopieren. Ohne Konto: backup-lab --sim
    }
error-no-region = Keine AWS-Region gesetzt. Verwende --region us-east-1 (die Region des Kurses) oder setze AWS_REGION.
error-throttling = AWS bremst die Anfragen ({ $code }); backup-lab wartet und versucht es nochmals.
error-invalid-state = Die Ressource ist beschäftigt ({ $code }: { $message }); warte, bis sie verfügbar ist, und versuche es nochmals.
error-already-exists = Gibt es schon ({ $code }); backup-lab verwendet sie weiter.
error-not-found = Nicht gefunden ({ $code }: { $message }). Prüfe die früheren Schritte: der Snapshot entsteht bei «Snapshot erstellen», die wiederhergestellte Datenbank bei «Restore».
error-service-not-found = ECS-Service nicht gefunden ({ $code }); prüfe Cluster- und Service-Namen in der Konfiguration.
error-client = ECS hat die Anfrage abgelehnt ({ $code }: { $message }).
error-validation = AWS hat einen Parameter abgelehnt ({ $code }: { $message }).
error-server = Der Dienst hatte einen internen Fehler ({ $code }); versuche es gleich nochmals.
error-network = Netzwerkfehler ({ $message }); prüfe die Verbindung – backup-lab versucht es weiter.
error-timeout = Zeitüberschreitung ({ $operation }); backup-lab prüft den Zustand, bevor es nochmals versucht.
error-todo-answer = Die ToDo-App hat geantwortet, aber backup-lab kann die Antwort nicht verwenden: { $code ->
        [NotJson] sie ist kein JSON
        [NoList] sie enthält keine ToDo-Liste
       *[other] ein ToDo darin ist nicht lesbar
    } ({ $message }). Prüfe, ob diese Adresse das ToDo-Backend des Labs ist (GET /api/v1/todos); gib sie mit --app-url an, wenn der Load Balancer woanders hinführt.
error-other = Fehler { $code }: { $message }

invalid-identifier-empty = der Name ist leer
invalid-identifier-too-long = der Name ist länger als 63 Zeichen
invalid-identifier-first-char = der Name muss mit einem Buchstaben beginnen
invalid-identifier-chars = der Name darf nur Buchstaben, Ziffern und Bindestriche enthalten
invalid-identifier-hyphens = der Name darf keine zwei Bindestriche hintereinander haben und nicht mit einem enden
invalid-window-format = das Backup window muss die Form hh:mm-hh:mm haben, z. B. 03:00-03:30
invalid-window-too-short = das Backup window muss mindestens 30 Minuten lang sein
invalid-window-overlap = das Backup window überschneidet sich mit dem Wartungsfenster ({ $maintenance } UTC); wähle eine andere Zeit
invalid-retention = die Aufbewahrung muss zwischen 0 und 35 Tagen liegen
invalid-target = ein Ziel muss mindestens 1 Minute betragen
invalid-url = keine gültige http(s)-URL, z. B. http://todoapp-123.us-east-1.elb.amazonaws.com
invalid-timezone = unbekannte Zeitzone; verwende einen IANA-Namen wie Europe/Zurich
invalid-lang = unbekannte Sprache «{ $lang }»: verwende --lang de oder --lang en (auch de-CH, de_DE, en-US, en_GB …)
invalid-step = unbekannter Schritt «{ $step }»; Schritte mit Aktion: { $steps }
invalid-faults = ungültiges --faults: { $reason }
invalid-faults-unhealthy-needs-sim = ungültiges --faults: unhealthy lässt simulierte Tasks scheitern und geht nur mit --sim
invalid-speed = --speed muss eine Zahl von { $min } (Echtzeit) bis { $max } sein; Standard ist { $default }
invalid-speed-needs-sim = --speed gilt nur für die Simulation: ergänze --sim
config-read = { $path } kann nicht gelesen werden: { $reason }
config-parse = { $path } ist kein gültiges TOML: { $reason }
config-field = Konfiguration: { $field } = «{ $value }»: { $problem_id }
config-flag = { $flag } «{ $value }»: { $problem_id }
state-dir-unwritable = in { $dir } kann nicht geschrieben werden ({ $reason }); das Journal wird nur im Speicher geführt
output-failed = Die Ausgabe lässt sich nicht schreiben: { $reason }
man-dir-failed = Die Man-Pages lassen sich nicht nach { $dir } schreiben ({ $reason }); lege das Verzeichnis zuerst an oder gib ein anderes an
read-only-refused = Nur-Lesen-Modus: backup-lab beobachtet und prüft nur; ohne --read-only starten, um zu handeln

## Zustandsverzeichnis, Journal und Dateien

file-problem-not-regular = es ist keine gewöhnliche Datei (sondern ein Verzeichnis, ein Gerät oder eine Pipe)
file-problem-too-large = sie ist zu gross
file-problem-empty = sie ist leer
file-problem-damaged = ihr Inhalt ist beschädigt oder hat nicht das erwartete Format
file-problem-io = das System verweigert das Lesen
config-file = { $path } kann nicht als Konfiguration verwendet werden: { $problem }{ $detail }. --config erwartet eine gewöhnliche TOML-Datei von höchstens { $limit_mib } MiB.
world-unreadable = Die simulierte Welt in { $path } ist nicht verwendbar: { $problem }{ $detail }. Die Datei bleibt, wie sie ist. Mit --reset startest du eine neue Welt (die Datei wird dann beiseitegelegt, nicht gelöscht).
world-other-names = { $path } enthält die simulierte Welt der Instanz «{ $instance }», nicht «{ $expected }». Die Datei bleibt, wie sie ist. Verwende die --config, zu der sie gehört, oder starte mit --reset eine neue Welt (die Datei wird dann beiseitegelegt, nicht gelöscht).
journal-unreadable = Das Journal { $path } kann nicht gelesen werden: { $problem }{ $detail }. Die Datei bleibt, wie sie ist. Mit --reset beginnst du ein neues Journal (die Datei wird dann beiseitegelegt, nicht gelöscht).
journal-skipped = { $count } Zeile(n) des Journals { $path } waren unlesbar und wurden übersprungen; der übrige Verlauf wird verwendet. Die Datei bleibt, wie sie ist.
journal-unwritable = Das Journal kann nicht geschrieben werden ({ $reason }). Der Fortschritt bleibt nur erhalten, solange backup-lab läuft: schaffe Platz oder korrigiere die Berechtigungen des Zustandsverzeichnisses.
dialog-journal = Journal
reset-kept = --reset: die bisherige Datei { $path } ist aufbewahrt als { $kept }
reset-failed = --reset konnte { $path } nicht beiseitelegen ({ $reason }); nichts wurde geändert
reset-needs-owner = --reset beginnt von vorn; verwende es mit `run` oder der App, nicht mit status, check, report oder --read-only
state-held-tui = Das Zustandsverzeichnis { $dir } wird von { $command } benutzt (Prozess { $pid }, seit { $since }); es kann immer nur ein backup-lab darin arbeiten. Warte, bis es fertig ist, oder starte nochmals mit --read-only, um zuzuschauen (auch der Befehl status zeigt es).
state-held-run = Das Zustandsverzeichnis { $dir } wird von { $command } benutzt (Prozess { $pid }, seit { $since }); es kann immer nur ein backup-lab darin arbeiten. Warte, bis es fertig ist, ergänze --wait, um zu starten, sobald es frei ist, oder schau es mit dem Befehl status an.
state-waiting = Das Zustandsverzeichnis { $dir } wird von { $command } benutzt (Prozess { $pid }, seit { $since }); backup-lab wartet, bis es frei ist (Ctrl+C bricht ab).
state-watching = Zuschauen: { $dir } wird von { $command } bearbeitet (Prozess { $pid }, seit { $since }); diese App zeigt, was geschieht, und ändert nichts.
state-sim-paused = Die simulierte Zeit steht still: keine App und kein run arbeitet gerade darin.
state-lock-failed = Das Zustandsverzeichnis kann nicht gesperrt werden: { $path } ({ $reason }). Prüfe die Berechtigungen oder wähle mit --state-dir ein anderes.
owner-run = `backup-lab run`
owner-tui = der backup-lab-App
owner-unknown = einem anderen backup-lab
tui-needs-terminal = Die App braucht ein Terminal, und stdin oder stdout ist hier keines. Ohne Terminal verwendest du die Befehle: backup-lab status, backup-lab check, backup-lab run --all --yes, backup-lab report.
run-interrupted = Durch ein Signal beendet. Was bisher getan wurde, ist gespeichert; starte denselben Befehl nochmals, um weiterzumachen.
error-gave-up = AWS hat auch nach { $attempts } Versuchen abgelehnt ({ $code }: { $message }); backup-lab hat aufgegeben. Führe den Schritt nochmals aus.
faults-empty = die Angabe ist leer; z. B. throttle:0.2 oder CreateDBSnapshot=timeout@1
faults-calls = «{ $part }»: nach @ folgt N oder N-M, mit 1 ≤ N ≤ M
faults-rate = «{ $part }»: die Rate nach : muss eine Zahl von 0 bis 1 sein
faults-kind = «{ $part }»: die Art muss throttle, 5xx, timeout, denied, expired, tag-denied oder unhealthy sein
faults-unhealthy-operation = «{ $part }»: unhealthy gilt nur für UpdateService
faults-unhealthy-rate = «{ $part }»: unhealthy nimmt keine Rate, nur @N oder @N-M
faults-operation = «{ $part }»: unbekannte Operation «{ $operation }»; bekannt sind { $operations }


dialog-action-failed = Die Aktion ist fehlgeschlagen
dialog-already-done = Bereits erledigt
dialog-not-yet = Noch nicht möglich
dialog-invalid = Ungültige Eingabe
dialog-read-only = Nur lesen
dialog-busy = Beschäftigt
busy-running = «{ $step }» läuft noch; warte, bis es fertig ist

## Wiederherstellungsphasen

phase-until-restore = bis der Restore gestartet wurde
phase-restore = Restore
phase-switch = Umstellung und Rollout

## Bericht

report-title = Backup & Recovery – Lab-Bericht
report-mode = Konto
report-mode-sim = simuliertes Konto ×{ $speed }
report-mode-aws = AWS { $account } · { $region }
report-generated = Erstellt
report-steps = Schritte
report-step = Schritt
report-state = Zustand
report-state-done = erledigt
report-state-in-progress = läuft
report-state-todo = offen
report-state-failed = fehlgeschlagen
report-time = Zeit
report-detail = Detail
report-recovery = Wiederherstellung: RPO und RTO
report-target = Ziel
report-met = erreicht
report-missed = verfehlt
report-open = offen
report-lost = Verlorene ToDos (nach dem Snapshot erstellt)
report-pitr-hint = Mit automatischen Backups und Point-in-Time-Restore hätte das RPO etwa { $rpo } betragen.
report-pitr-already-small = Das RPO dieses Durchlaufs ({ $rpo }) ist schon so klein, weil der Snapshot kurz vor der Katastrophe erstellt wurde. Bei einem echten Ausfall weiss niemand im Voraus, wie lange der letzte Snapshot zurückliegt; mit automatischen Backups hält der Point-in-Time-Restore das RPO bei etwa { $pitr }, wann immer die Katastrophe eintritt.
report-calls = AWS-Aufrufe (Änderungen), als AWS CLI
report-reads = Abfragen beim Beobachten
report-leftovers = Kostet noch Geld
report-nothing-left = Vom Lab ist nichts mehr übrig.

## Kein Konto

welcome-title = kein AWS-Konto erreichbar
welcome-setup =
    So arbeitest du in deinem eigenen AWS-Konto:
    Am einfachsten, wo das AWS-Academy-Konto CloudShell erlaubt: öffne CloudShell in der AWS-Konsole (das Symbol >_ oben) und starte backup-lab dort. Nichts zu kopieren.
    Stattdessen auf diesem Computer:
    1. Starte in AWS Academy das Learner Lab und öffne «AWS Details».
    2. Klicke neben «AWS CLI» auf «Show» und kopiere die Zeilen.
    3. Füge sie in ~/.aws/credentials ein (ersetze den bisherigen Inhalt) und speichere.
    4. Starte backup-lab neu, mit --region us-east-1, falls keine Region gesetzt ist.
    Die Zugangsdaten laufen nach einigen Stunden ab; kopiere sie dann erneut.
    Oder mach in der Simulation weiter: dasselbe Lab, ganz ohne AWS.
welcome-key-sim = in der Simulation weitermachen
