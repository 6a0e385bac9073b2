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
check-backups-applying = Backups eingeschaltet, die Instanz ist { $status } – das erste Backup läuft
check-backups-on = automatische Backups an: { $retention ->
        [one] 1 Tag
       *[other] { $retention } Tage
    }, Fenster { $window } UTC
check-todos-created = { $count ->
        [one] 1 ToDo
       *[other] { $count } ToDos
    } vorhanden
check-todos-none = noch keine ToDos – erfasse { $wanted } in der App (oder lass backup-lab das tun)
check-todos-some = { $count } von { $wanted } ToDos
check-todos-unreachable = die ToDo-App antwortet nicht ({ $code })
check-snapshot-available = { $snapshot } ist verfügbar (vor { $age } erstellt)
check-snapshot-creating = Snapshot wird erstellt: { $percent } %, bisher { $elapsed }
check-snapshot-deleting = { $snapshot } wurde verwendet und wird gelöscht
check-snapshot-status = { $snapshot } hat den Status { $status }
check-snapshot-gone = { $snapshot } wurde erstellt und inzwischen gelöscht
check-snapshot-missing = noch kein Snapshot { $snapshot }
check-disaster-done = die ToDos wurden gelöscht – die «Katastrophe» ist eingetreten
check-snapshots-unread = noch nicht zu sagen, ob der Snapshot { $snapshot } verfügbar ist: Die Snapshots liessen sich nicht lesen ({ $code }); es wird erneut nachgesehen
check-disaster-no-snapshot = erstelle zuerst den Snapshot { $snapshot } (Schritt «{ $snapshot_step }») – sonst kann nur noch ein Point-in-Time-Restore die ToDos zurückholen, und das nur mit eingeschalteten automatischen Backups
check-disaster-wait-snapshot = warte zuerst, bis Snapshot { $snapshot } verfügbar ist – sonst kann nur noch ein Point-in-Time-Restore die ToDos zurückholen, und das nur mit eingeschalteten automatischen Backups
check-disaster-remaining = noch { $count ->
        [one] 1 ToDo
       *[other] { $count } ToDos
    } vorhanden – lösche alle
check-restore-missing = { $restored } gibt es noch nicht
check-restore-removed = { $restored } wurde wiederhergestellt und inzwischen gelöscht
check-restore-deleting = { $restored } wird gelöscht
check-restore-creating = Status { $status }, noch kein Endpunkt ({ $elapsed })
check-restore-progress = Status { $status } ({ $elapsed })
check-restore-status-unknown = RDS meldet für { $restored } den Status { $status }, den backup-lab nicht kennt ({ $elapsed } seit Beginn des Restores); backup-lab wartet bis zu { $limit } darauf, dass sie verfügbar wird, danach gilt der Restore als gescheitert
check-restore-available = { $restored } ist verfügbar, mit den Einstellungen des Labs
check-restore-converting-multi-az = { $restored } wird zu Multi-AZ umgebaut (Status { $status }): RDS richtet eine Standby-Instanz in einer zweiten Availability Zone ein, das dauert meist 10 bis 30 Minuten; die Datenbank bleibt währenddessen erreichbar
check-restore-converting-single-az = { $restored } wird zu Single-AZ umgebaut (Status { $status }); die Datenbank bleibt währenddessen erreichbar

check-switch-done = das Backend läuft auf { $restored }
check-switch-rollout = Rollout: { $running }/{ $desired } neue Tasks laufen, insgesamt { $tasks } Tasks
check-switch-failed-so-far = { $failed ->
        [one] bisher ist 1 neuer Task nicht gestartet
       *[other] bisher sind { $failed } neue Tasks nicht gestartet
    }
check-switch-reverted = das Backend wurde umgestellt und inzwischen zurückgestellt
check-switch-todo = das Backend zeigt noch auf { $instance }
check-switch-wait = das Backend zeigt noch auf { $instance }; { $restored } hat noch keinen Endpunkt
check-switch-reason = ECS meldet: { $reason }
check-switch-no-breaker = { $service } hat keinen Deployment Circuit Breaker eingeschaltet; ECS versucht es darum weiter, bis du den Service erneut aktualisierst
check-switch-event = { $at } { $message }
check-verify-done = die App zeigt wieder { $count ->
        [one] 1 ToDo
       *[other] { $count } ToDos
    }
check-verify-verified = die App zeigte wieder { $count ->
        [one] 1 ToDo
       *[other] { $count } ToDos
    }, von backup-lab überprüft
check-verify-titles = jetzt in der App: { $titles }
check-verify-seen = du hast { $count ->
        [one] dein ToDo im Browser gesehen – es ist zurück
       *[other] deine { $count } ToDos im Browser gesehen – sie sind zurück
    }
check-verify-confirm = schau in deinem Browser nach: Siehst du sie auch? Bestätige es (Enter in der App oder backup-lab run verify)
check-verify-wait = warte, bis das Backend auf der wiederhergestellten Datenbank läuft
check-verify-empty = die App zeigt keine ToDos – läuft das Backend auf der wiederhergestellten Datenbank?
check-pitr-available = { $pitr } ist verfügbar
check-pitr-restored-before = { $pitr } ist verfügbar und enthält den Stand von { $point }, { $before } bevor die ToDos gelöscht wurden
check-pitr-restored-unseen = { $pitr } ist verfügbar und enthält den Stand von { $point }; die ToDos wurden irgendwann vor { $noticed } gelöscht, während backup-lab nicht hinschaute
check-pitr-restored-latest = { $pitr } ist verfügbar und enthält den Stand von { $point }, dem letzten wiederherstellbaren Zeitpunkt beim Start des Restores
check-pitr-restored-chosen = { $pitr } ist verfügbar und enthält den Stand von { $point }, dem Zeitpunkt, den du gewählt hast
check-pitr-rpo = sie enthält den Stand von { $rpo } vor dem Start des Restores: So klein ist der RPO, den automatische Backups erreichen
check-pitr-holds = in { $pitr }: wieder { $count ->
        [one] 1 ToDo
       *[other] { $count } ToDos
    } ({ $titles })
check-pitr-holds-none = in { $pitr } gibt es keine ToDos: Der Wiederherstellungszeitpunkt liegt nach dem Löschen
check-pitr-holds-empty = in { $pitr } gibt es keine ToDos: Um { $point } gab es noch keine
check-pitr-holds-none-early = in { $pitr } gibt es keine ToDos: Der Wiederherstellungszeitpunkt liegt vor der Zeit, als es die ToDos gab – lösche { $pitr } und stelle nochmals auf einen Moment wieder her, in dem sie da waren
check-pitr-expected = die App liest weiterhin aus { $restored }, deshalb kann backup-lab nicht in { $pitr } hineinschauen; um { $point } zeigte die App { $count } ToDos, also sollte { $pitr } diesen Stand enthalten
check-pitr-holds-fewer = in { $pitr } sind nur { $count } ToDos, doch um { $point } zeigte die App { $expected }: Es fehlen Daten – lösche { $pitr } und stelle nochmals auf einen anderen Moment wieder her
check-pitr-compare = erreichter RPO mit dem Snapshot { $snapshot }: { $snapshot_rpo } · mit Point-in-Time-Restore: { $pitr_rpo }
check-pitr-missing = freiwillig: { $pitr } gibt es noch nicht
check-pitr-aim = der Restore geht auf { $point }, kurz bevor die ToDos um { $disaster } gelöscht wurden
check-pitr-aim-unseen = die ToDos wurden gelöscht, während backup-lab nicht hinschaute, irgendwann zwischen { $seen } und { $noticed }; der Restore geht auf { $point }, den letzten Moment, in dem backup-lab sie alle sah
check-pitr-needs-backups = braucht automatische Backups (Schritt «Backups automatisieren»)
check-cleanup-nothing = noch nichts aufzuräumen
check-cleanup-kept = aufgeräumt; die wiederhergestellte Datenbank bleibt in Betrieb
check-cleanup-back = aufgeräumt; zurück auf der ursprünglichen Datenbank
check-cleanup-copied = aufgeräumt; { $instance } enthält die wiederhergestellten ToDos und ist wieder in Betrieb
check-cleanup-copy-failed = das letzte Zurückkopieren ist gescheitert (ECS: { $reason }; Exit-Code { $code }); gelöscht wurde nichts, das Backend nutzt weiter { $restored } – behebe die Ursache und räume nochmals auf
check-summary-complete = Lab abgeschlossen: Alle Schritte bis «ToDos überprüfen» sind erledigt.
check-summary-incomplete = Lab noch nicht abgeschlossen.

leftover-snapshot = Snapshot { $snapshot } existiert noch (Speicherkosten)
leftover-instance = Instanz { $instance } existiert noch (sekundengenau verrechnet)
leftover-maybe = Instanz { $instance } existiert noch (sekundengenau verrechnet): Sie sieht aus wie ein Restore von { $snapshot } unter anderem Namen; backup-lab hat sie nicht erstellt und lässt sie stehen. Stammt sie aus diesem Lab, lösche sie: RDS → Databases → { $instance } → Actions → Delete
leftover-backend = { $service } nutzt noch die wiederhergestellte Datenbank, nicht { $instance }

## Diagnosen: der Restore

problem-restore-other-name = { $other } ({ $status }) ist entstanden, nachdem Snapshot { $snapshot } erstellt wurde, doch das Lab sucht { $restored }. Vermutlich ist das dein Restore unter einem anderen Namen. Solange backup-lab nicht weiss, welche Datenbank die wiederhergestellte ist, können die nächsten Schritte (Backend umstellen, ToDos prüfen, aufräumen) sie nicht verwenden.
    .short = Als { $other } wiederhergestellt statt als { $restored }?
problem-restore-other-name-fix = { $Enter } und wähle: { $other } in diesem Durchgang als wiederhergestellte Datenbank verwenden (backup-lab merkt sich die Wahl), oder nochmals als { $restored } wiederherstellen. In der Konsole geht das nochmalige Wiederherstellen über RDS → Snapshots → { $snapshot } → Actions → Restore snapshot mit DB instance identifier { $restored }; lösche danach { $other } (Databases → { $other } → Actions → Delete), damit sie nichts mehr kostet.
problem-restore-security-groups = { $restored } hat die Sicherheitsgruppen { $groups }, { $instance } hat { $wanted }. Nennt ein Restore keine Sicherheitsgruppe, hängt RDS die Sicherheitsgruppe default der VPC an, und die lässt das Backend nicht durch: Sobald das Backend auf { $restored } zeigt, erreichen seine Tasks die Datenbank nicht, und die App antwortet mit Fehlern.
    .short = Falsche Sicherheitsgruppe: Das Backend erreicht sie nicht
problem-restore-security-groups-fix = { $Enter }, um { $restored } die Sicherheitsgruppen von { $instance } zu geben ({ $wanted }); das wirkt sofort, ohne Unterbruch. In der Konsole: RDS → Databases → { $restored } → Modify → Connectivity → Existing VPC security groups: { $groups } entfernen, { $wanted } hinzufügen (die Sicherheitsgruppen von { $instance }, im Lab Workshop-RDS-SG) → Continue → Apply immediately → Modify DB instance.
problem-restore-subnet-group = { $restored } liegt in der DB-Subnetzgruppe { $subnet }, { $instance } in { $wanted }. Dieses andere Netz erreichen die Tasks des Backends nicht, und die App würde mit Fehlern antworten.
    .short = Andere Subnetzgruppe: Das Backend erreicht sie nicht
problem-restore-subnet-group-fix = Stelle nochmals im richtigen Netz wieder her: Lösche { $restored } (RDS → Databases → { $restored } → Actions → Delete), dann RDS → Snapshots → den Snapshot → Actions → Restore snapshot mit Connectivity → DB subnet group { $wanted } (oder lass backup-lab wiederherstellen: Enter bei diesem Schritt, sobald sie weg ist).
problem-restore-single-az = { $restored } läuft nur in einer Availability Zone. Fällt diese aus, ist die ToDo-App nicht erreichbar, bis die Datenbank nochmals wiederhergestellt ist; { $instance } läuft als Multi-AZ, und ihre Kopie sollte das auch.
    .short = Single-AZ statt Multi-AZ
problem-restore-single-az-fix = { $Enter }, um { $restored } zu Multi-AZ umzubauen (sofort angewendet; RDS richtet eine Standby-Instanz in einer anderen Zone ein, die Instanz zeigt 10 bis 30 Minuten lang modifying und bleibt erreichbar; danach kostet sie etwa doppelt so viel). In der Konsole: RDS → Databases → { $restored } → Modify → Availability and durability → Create a standby instance → Continue → Apply immediately.
problem-restore-multi-az = { $restored } läuft als Multi-AZ, die Konfiguration verlangt aber Single-AZ. So kostet die Instanz etwa doppelt so viel wie vorgesehen.
    .short = Multi-AZ, die Konfiguration verlangt Single-AZ
problem-restore-multi-az-fix = { $Enter }, um { $restored } zu Single-AZ umzubauen (sofort angewendet, ohne Unterbruch). In der Konsole: RDS → Databases → { $restored } → Modify → Availability and durability → Do not create a standby instance → Continue → Apply immediately.
problem-restore-class = { $restored } läuft als { $class } statt als { $wanted }. Die App funktioniert, doch die Datenbank hat andere CPU und anderen Arbeitsspeicher als im Lab vorgesehen: Eine grössere Klasse kostet jede Stunde mehr, eine kleinere kann die App langsam machen.
    .short = Klasse { $class } statt { $wanted }
problem-restore-class-fix = RDS-Konsole → Databases → { $restored } → Modify → Instance configuration → DB instance class { $wanted } → Continue → Apply immediately. Die Instanz startet mit der neuen Klasse neu (ein kurzer Unterbruch, Status modifying).
problem-restore-storage-type = { $restored } speichert ihre Daten auf { $have }, { $instance } auf { $wanted } (ohne Angabe wählt ein Restore gp3). Die App funktioniert, doch der Speicher verhält sich anders als beim Original und wird anders verrechnet.
    .short = Speichertyp { $have } statt { $wanted }
problem-restore-storage-type-fix = Für das Lab ist nichts zu tun. Soll es wie bei { $instance } sein: RDS-Konsole → Databases → { $restored } → Modify → Storage → Storage type { $wanted } → Continue → Apply immediately. RDS optimiert danach eine Weile den Speicher (die Datenbank bleibt erreichbar); anschliessend lässt sich der Speicher 6 Stunden lang nicht mehr ändern.
problem-restore-public = { $restored } ist öffentlich zugänglich, { $instance } nicht: Sie hat eine öffentliche Adresse, und wo ihre Sicherheitsgruppen Verkehr hereinlassen, ist die Datenbank mit deinen Daten aus dem Internet erreichbar. (Ein Restore ohne diese Angabe ist öffentlich, wenn seine VPC ein Internet Gateway hat.)
    .short = Öffentlich zugänglich
problem-restore-public-fix = Schliesse sie in der RDS-Konsole: Databases → { $restored } → Modify → Connectivity → Additional configuration → Public access: Not publicly accessible → Continue → Apply immediately → Modify DB instance.
problem-restore-parameter-group = { $restored } verwendet die Parametergruppe { $have }, { $instance } verwendet { $wanted } (ohne Angabe nimmt ein Restore die Standardgruppe der Engine). Die Datenbank läuft mit anderen Einstellungen (Zeichensatz, Zeitzone, SQL-Modus …), darum speichert, sortiert oder verweigert die App ToDos vielleicht anders als bisher.
    .short = Parametergruppe { $have } statt { $wanted }
problem-restore-parameter-group-fix = Für das Lab ist nichts zu tun. Soll es wie bei { $instance } sein: RDS-Konsole → Databases → { $restored } → Modify → Additional configuration → DB parameter group { $wanted } → Continue → Apply immediately. Eine neue Parametergruppe wirkt erst nach einem Neustart (Status pending-reboot): dann Actions → Reboot.
problem-restore-option-group = { $restored } verwendet die Optionsgruppe { $have }, { $instance } verwendet { $wanted } (ohne Angabe nimmt ein Restore die Standardgruppe der Engine): Funktionen, die das Original über seine Optionen hat (zum Beispiel Audit-Logs), fehlen.
    .short = Optionsgruppe { $have } statt { $wanted }
problem-restore-option-group-fix = Für das Lab ist nichts zu tun. Soll es wie bei { $instance } sein: RDS-Konsole → Databases → { $restored } → Modify → Additional configuration → Option group { $wanted } → Continue → Apply immediately.
problem-restore-engine-version = { $restored } läuft mit { $have }, { $instance } mit { $wanted }: Ohne RDS Extended Support hebt ein Restore die Engine auf eine neuere Hauptversion, und die App spricht jetzt mit einer Datenbank, die sich vielleicht anders verhält.
    .short = Engine { $have } statt { $wanted }
problem-restore-engine-version-fix = Eine Version lässt sich nicht zurückstufen: Lösche { $restored } (RDS → Databases → { $restored } → Actions → Delete) und stelle den Snapshot nochmals mit eingeschaltetem RDS Extended Support wieder her (Restore snapshot → Engine options → Enable RDS Extended Support), oder lass backup-lab wiederherstellen (Enter bei diesem Schritt, sobald sie weg ist).
problem-restore-ended = { $restored } ist im Status { $status } stehen geblieben, und RDS verlässt diesen Status nicht von selbst ({ $elapsed } seit Beginn des Restores): Warten hilft nicht. { $status ->
        [failed] Die Instanz ist ausgefallen, und RDS kann sie nicht wiederbeleben.
        [incompatible-parameters] RDS kann die Datenbank nicht starten, weil Einstellungen ihrer Parametergruppe { $parameter_group } nicht zur Instanz passen (oft Speichereinstellungen, die für { $class } zu gross sind).
        [incompatible-option-group] Die Optionsgruppe { $option_group } passt nicht zur Instanz, darum konnte RDS sie nicht anwenden.
        [incompatible-network] RDS konnte die Instanz nicht ins Netz setzen: In den Subnetzen von { $subnet_group } ist keine IP-Adresse mehr frei (oder die VPC lässt es gerade nicht zu).
        [incompatible-restore] RDS konnte { $pitr ->
            [yes] { $from } nicht auf diesen Zeitpunkt wiederherstellen
           *[no] aus { $from } keine lauffähige Datenbank wiederherstellen
        } (meist wegen MyISAM- oder temporärer Tabellen).
        [restore-error] RDS ist beim Wiederherstellen aus { $from } auf einen Fehler gestossen.
        [storage-full] Der Speicher der Instanz ({ $storage }) ist voll: Die Datenbank nimmt nichts mehr an.
        [insufficient-capacity] AWS hat in dieser Availability Zone gerade keine freie Kapazität für { $class }.
        [inaccessible-encryption-credentials] Der KMS-Schlüssel, mit dem die Daten verschlüsselt sind, ist nicht erreichbar, und RDS kann die Instanz nicht wiederbeleben.
        [inaccessible-encryption-credentials-recoverable] Der KMS-Schlüssel, mit dem die Daten verschlüsselt sind, ist gerade nicht erreichbar.
       *[other] RDS hat die Instanz aufgegeben.
    } { $status ->
        [failed] Sie kostet nichts, zählt aber zu deinem Kontingent an Instanzen.
        [incompatible-network] Sie kostet nichts.
        [incompatible-restore] Sie kostet nichts.
        [insufficient-capacity] Sie kostet nichts.
        [inaccessible-encryption-credentials] Sie kostet nichts.
        [inaccessible-encryption-credentials-recoverable] Ihr Speicher kostet weiterhin.
       *[other] Sie kostet, solange es sie gibt.
    }
    .short = { $restored } steht in { $status }
problem-restore-ended-fix = { $status ->
        [storage-full] Gib ihr mehr Speicher: RDS → Databases → { $restored } → Modify → Storage → Allocated storage grösser als { $storage } → Continue → Apply immediately. Ein neuer Restore ist nicht nötig.
        [inaccessible-encryption-credentials-recoverable] Schalte den KMS-Schlüssel wieder ein (KMS-Konsole → der Schlüssel → Enable) und starte die Instanz neu: RDS → Databases → { $restored } → Actions → Reboot.
       *[other] Lösche die kaputte Instanz: RDS → Databases → { $restored } → Actions → Delete (ohne Final Snapshot, sie enthält nichts Neues). Sobald sie weg ist, { $enter }, um nochmals wiederherzustellen{ $status ->
            [incompatible-parameters] { $parameter_default ->
                [yes] , mit einer grösseren Instanzklasse als { $class } (restore.class in der Konfiguration): Die Standard-Parametergruppe bemisst den Arbeitsspeicher nach der Klasse
               *[no] , nachdem du die Parametergruppe { $parameter_group } korrigiert hast (Parameter groups → { $parameter_group } → Edit), oder mit der Standard-Parametergruppe der Engine
            }
            [incompatible-option-group] { $option_default ->
                [yes] , sobald die Optionen, die der Snapshot braucht, in einer Optionsgruppe sind, die du auf der Restore-Seite der Konsole wählst (Additional configuration → Option group)
               *[no] , nachdem du die Optionsgruppe { $option_group } korrigiert hast, oder mit der Standard-Optionsgruppe der Engine
            }
            [incompatible-network] , sobald in den Subnetzen von { $subnet_group } Adressen frei sind (lösche, was dort nicht mehr läuft, oder füge der Gruppe ein Subnetz hinzu)
            [incompatible-restore] { $pitr ->
                [yes] , auf einen anderen Zeitpunkt oder aus dem manuellen Snapshot
               *[no] {" "}(derselbe Snapshot kann wieder scheitern: Ein Point-in-Time-Restore, der Bonus-Schritt, ist der andere Weg zurück zu den ToDos)
            }
            [insufficient-capacity] in ein paar Stunden, oder sofort mit einer anderen Instanzklasse (restore.class in der Konfiguration)
            [inaccessible-encryption-credentials] , sobald der KMS-Schlüssel, mit dem der Snapshot verschlüsselt ist, wieder eingeschaltet ist
           *[other] {""}
        }. backup-lab startet keinen zweiten Restore von selbst.
    }
problem-restore-status-unknown = { $restored } zeigt den Status { $status }, den backup-lab nicht kennt, und ist { $elapsed } nach Beginn des Restores noch immer nicht verfügbar (ein Restore dauert 10 bis 40 Minuten). backup-lab zeigt den Restore darum nicht mehr als «läuft».
    .short = { $restored }: unbekannter Status { $status }
problem-restore-status-unknown-fix = Schau dir die Instanz in der RDS-Konsole an: Databases → { $restored } → Logs & events → Recent events sagt, was RDS gerade tut. Wird sie nicht verfügbar, lösche sie (Actions → Delete); dann { $enter }, um nochmals wiederherzustellen.

## Aktionspläne

action-none = dieser Schritt hat keine Aktion – lies ihn und mach weiter
param-instance = DB-Instanz
param-retention = Aufbewahrung (Tage)
param-window-local = Backup-Fenster, Lokalzeit
param-window-utc = Backup-Fenster, gesendet (UTC)
param-window-local-zone = { $window } (deine Lokalzeit)
param-apply-immediately = Apply immediately
param-value-yes = ja
param-value-no = nein
param-todos-to-create = Zu erfassende ToDos
param-todos-to-delete = Zu löschende ToDos
param-snapshot = Snapshot
param-new-instance = Neue DB-Instanz
param-source = Quellinstanz
param-restore-time = Wiederherstellen auf
param-todos-deleted-at = ToDos gelöscht um
param-latest-restorable = Letzter wiederherstellbarer Zeitpunkt
value-restore-latest = { $time } (der letzte wiederherstellbare Zeitpunkt)
value-restore-before = { $time } ({ $before } bevor die ToDos gelöscht wurden)
value-restore-chosen = { $time } (deine Wahl)
value-deleted-between = zwischen { $seen } und { $noticed } (backup-lab schaute nicht hin)
value-latest-restorable = { $time } (gelesen um { $read })
param-class = DB-Instanzklasse
param-multi-az = Verfügbarkeit
groups-related = { $kind ->
        [same] { $same } (wie bei { $instance })
        [other] { $other } (nicht bei { $instance }; ohne Angabe hängt RDS beim Restore die Gruppe default der VPC an)
        [both] { $same } (wie bei { $instance }) und { $other } (nicht bei { $instance }, etwa die Gruppe default der VPC)
       *[none] keine
    }
groups-change = { $have } → { $want }
availability-change = { $have } → { $want }
param-todos-served = Die App liefert jetzt
param-todos-count = { $count ->
        [one] 1 ToDo
       *[other] { $count } ToDos
    }
param-todo-n = ToDo { $n }
param-security-groups = VPC security groups
param-subnet-group = DB subnet group
param-storage = Speicher
param-parameter-group = DB parameter group
param-option-group = Option group
param-engine = Engine
param-tags = Tags
param-storage-throughput = Storage throughput
param-public-access = Public access
param-copy-tags = Copy tags to snapshots
param-auto-minor-upgrade = Auto minor version upgrade
param-deletion-protection = Deletion protection
param-family = Task-Definition-Familie
param-base-revision = Basiert auf Revision
param-db-host = Neuer DB_HOST
param-revision = Revision
param-cluster = Cluster
param-service = Service
value-snapshot-kept = { $snapshot } bleibt (er enthält deine ToDos)
param-cleanup-path = Weg
param-cleanup-keep = wiederhergestellte Datenbank behalten, Snapshot löschen
param-cleanup-back = zurück zur ursprünglichen Datenbank, wiederhergestellte Instanz und Snapshot löschen
param-adopt = Als wiederhergestellte Datenbank verwenden
param-status = Status
param-created = Erstellt
param-cleanup-copy = wiederhergestellte ToDos in die ursprüngliche Datenbank kopieren (Dump & Restore), zu ihr zurückkehren, danach wiederhergestellte Instanz und Snapshot löschen
param-copy-direction = Kopie
param-copy-overwrites = Überschreibt
param-copy-overwrites-value = die ToDo-Tabellen in { $instance }: Was dort nach der Katastrophe geschrieben wurde, geht verloren
param-copy-database = Datenbank
param-copy-task-definition = Task Definition für den Dump

note-outage = Die Aufbewahrung wechselt von 0 auf mindestens 1 Tag: Die Instanz ist kurz nicht erreichbar und erstellt sofort ein erstes Backup.
note-backup-storage = Backup-Speicher ist gratis, solange er nicht grösser ist als der gesamte Speicher, den deine DB-Instanzen in dieser Region belegen (nicht nur diese Datenbank); darüber hinaus wird er pro GB und Monat verrechnet.
note-browser-alternative = Du kannst die ToDos auch im Browser erfassen; die Anzahl wird so oder so nachgeführt.
note-snapshot-cost = Ein manueller Snapshot bleibt, bis du ihn löschst, und kostet Speicher; der Schritt «Aufräumen» löscht ihn.
note-disaster = Damit löschst du wirklich alle ToDos. Verloren ist, was der Snapshot nicht enthält.
note-restore-cost = Kosten: Die neue Multi-AZ-Instanz db.t3.micro wird sekundengenau verrechnet, sobald RDS sie erstellt, auch während backing-up und modifying (mindestens 10 Minuten), etwa doppelt so teuer wie Single-AZ; auch ihre 100 GiB Speicher werden doppelt verrechnet. Lösche sie beim Aufräumen, wenn du sie nicht behältst.
note-restore-new-instance = Ein Restore erstellt immer eine neue Instanz mit einem neuen Endpunkt; eine bestehende überschreibt er nie.
note-restore-unchanged = «Die restlichen Einstellungen bleiben gleich»: Sicherheitsgruppen, Subnetzgruppe, Speicher, Parametergruppe, Optionsgruppe, Engine-Lifecycle und Tags sind die der Quelle. Von selbst übernimmt RDS sie nicht (es nähme die Sicherheitsgruppe default, gp3 und die Standardgruppen der Engine); darum sendet backup-lab sie mit und ergänzt die Tags created-by und restored-from.
note-adopt = backup-lab verwendet in diesem Durchgang { $other } statt { $restored }: beim Umstellen des Backends, beim Prüfen der ToDos, für RPO und RTO und beim Aufräumen. In deinem Konto ändert sich nichts; die Wahl bleibt auch nach einem Neustart von backup-lab.
note-adopt-checked = Der Restore-Schritt prüft { $other } danach wie jeden Restore: Sicherheitsgruppen, Multi-AZ, Klasse und den Rest, und sagt, was zu beheben ist.
note-adopt-instead = Willst du stattdessen nochmals unter { $restored } wiederherstellen, antworte mit Nein und wähle das nach Enter (oder starte backup-lab run restore --restore-again, oder stelle { $snapshot } in der Konsole wieder her: Snapshots → { $snapshot } → Actions → Restore snapshot).
note-mend-groups = Die Sicherheitsgruppen wirken sofort, ohne Unterbruch: Ab dann erreicht das Backend { $restored }.
note-mend-multi-az = Der Umbau zu Multi-AZ dauert eine Weile (meist 10 bis 30 Minuten): { $restored } zeigt so lange modifying und bleibt erreichbar, danach kostet sie etwa doppelt so viel wie Single-AZ.
note-mend-single-az = Der Umbau zu Single-AZ dauert einige Minuten; { $restored } bleibt erreichbar.
note-mend-only-restored = Geändert wird nur { $restored }; die ursprüngliche Datenbank bleibt unberührt.
note-extended-support = Extended Support: Der Standard-Support von RDS für { $engine } endete am { $ended }. Wie die Quelle bleibt die neue Instanz auf dieser Version, in RDS Extended Support, und das kostet etwa { $usd-per-hour } USD pro Stunde zusätzlich ({ $vcpus } vCPUs { $nodes ->
        [one] der Instanz
       *[other] je Instanz, bei Multi-AZ { $nodes } Instanzen
    }, zu 0.10 USD pro vCPU-Stunde). Schaltest du ihn aus, hebt RDS den Restore auf eine neuere Hauptversion, mit der die App vielleicht nicht läuft.
note-pitr-point = Noch ist kein Löschen der ToDos vermerkt, deshalb geht der Restore auf den letzten wiederherstellbaren Zeitpunkt. Er wird direkt vor dem Auftrag nochmals gelesen, denn AWS rückt ihn etwa alle 5 Minuten nach.
note-pitr-point-before = Das Journal hat vermerkt, dass die { $count } ToDos um { $disaster } gelöscht wurden. Jede spätere Sekunde brächte die leere Liste zurück, deshalb wählt backup-lab einen Moment kurz davor.
note-pitr-deletion-unseen = Die ToDos wurden gelöscht, während backup-lab nicht hinschaute: Es sah alle { $count } zuletzt um { $seen } und bemerkte um { $noticed }, dass sie fehlen; wann genau sie verschwanden, ist unbekannt. Der Restore geht auf { $point }, den letzten Moment, in dem backup-lab sicher weiss, dass alle da waren. Kennst du einen späteren Moment vor dem Löschen, wähle ihn: In der App fragt Enter bei diesem Schritt nach dem Moment; auf der Kommandozeile backup-lab run pitr --restore-time HH:MM:SS (deine Lokalzeit).
note-pitr-point-chosen = Du hast { $point } gewählt. In diesem Moment zeigte die App { $count } ToDos, soweit backup-lab es weiss.
blocked-pitr-logs-behind = Die ToDos wurden um { $disaster } gelöscht, doch der letzte wiederherstellbare Zeitpunkt von { $instance } ist noch { $latest }, also { $behind } vor dem Moment, den der Restore braucht ({ $point }). RDS überträgt die Transaktionslogs etwa alle 5 Minuten: Warte ein paar Minuten und versuche es dann nochmals. backup-lab wartet lieber, als auf einen anderen Moment wiederherzustellen.
blocked-pitr-before-backups = Die ToDos wurden um { $disaster } gelöscht, also vor dem frühesten wiederherstellbaren Zeitpunkt von { $instance } ({ $earliest }): Die automatischen Backups begannen zu spät, um sie zu enthalten. Ein Point-in-Time-Restore kann sie nicht zurückholen.
blocked-pitr-chosen-outside = { $point } liegt ausserhalb des Zeitfensters von { $instance } ({ $earliest } bis { $latest }): RDS kann nur auf einen Moment zwischen dem ersten automatischen Backup und dem letzten wiederherstellbaren Zeitpunkt wiederherstellen. Wähle einen Moment im Fenster.
note-pitr-cost = Kosten: eine weitere DB-Instanz mit eigenem Speicher, sekundengenau verrechnet, sobald RDS sie erstellt (mindestens 10 Minuten). Der Schritt «Aufräumen» löscht sie.
note-rollout = ECS startet 2 neue Tasks, bevor es die 2 alten stoppt: Einige Minuten lang laufen bis zu 4 gleichzeitig.
note-source-untouched = { $instance } selbst wird nie verändert oder gelöscht.
note-source-data-only = An { $instance } ändern nur die ToDo-Tabellen; die Instanz, ihr Endpunkt und ihre Einstellungen bleiben, wie sie sind.
note-copy-overwrites = Das macht der Dump: Ein einmaliger Task liest die Datenbank von { $restored } mit mysqldump aus und schreibt sie mit mysql in { $instance }. Er ersetzt die ToDo-Tabellen in { $instance } (DROP TABLE, danach CREATE und INSERT): Was nach der Katastrophe in { $instance } geschrieben wurde, geht verloren.
note-snapshot-kept = { $snapshot } bleibt: Er enthält deine ToDos, und sie sind noch nicht zurückgeholt. Lösche ihn, sobald du ihn nicht mehr brauchst: RDS → Snapshots → { $snapshot } → Actions → Delete snapshot.
note-copy-cost = Kosten: ein Fargate-Task mit 0.25 vCPU und 0.5 GB für etwa eine Minute, sekundengenau verrechnet, mindestens eine Minute: weit weniger als ein US-Cent.
note-copy-credentials = { $stored ->
        [environment] Der Dump braucht Benutzer und Passwort der Datenbank. Die Task Definition { $backend } des Backends hält sie im Klartext in der Umgebung von { $container } (DB_USER, DB_PASSWORD), also speichert die Task Definition { $family } für den Dump sie ebenso: als DB_USER und MYSQL_PWD in ihrer Umgebung. Dort kann sie lesen, wer in diesem Konto Task Definitions ansehen darf, wie in { $backend }. backup-lab zeigt und protokolliert sie nie, und am Ende deregistriert dieses Aufräumen jede Revision von { $family } und löscht sie (DeleteTaskDefinitions); bis dahin liegt das Passwort auch dort.
       *[secret] Der Dump braucht Benutzer und Passwort der Datenbank. { $container } in der Task Definition { $backend } des Backends holt das Passwort aus einem Secret (secrets, valueFrom), also speichert die Task Definition { $family } für den Dump nur diesen Verweis, als MYSQL_PWD; ECS holt den Wert, wenn der Task startet. Das Passwort liegt nirgends neu. Am Ende deregistriert dieses Aufräumen jede Revision von { $family } und löscht sie (DeleteTaskDefinitions).
    }
note-copy-no-public-ip = Risiko: Die Tasks von { $service } bekommen keine öffentliche IP (assignPublicIp DISABLED). Der Dump-Task läuft in denselben Subnetzen und muss { $image } aus der öffentlichen Registry public.ecr.aws laden; das geht nur, wenn die Routentabelle der Subnetze Verkehr ins Internet (0.0.0.0/0) an ein NAT-Gateway schickt. Ohne eines bricht der Task nach etwa einer Minute mit CannotPullContainerError ab, nichts wird gelöscht, und { $service } bleibt auf { $restored }. Prüfe die Routentabellen der Subnetze in der VPC-Konsole, bevor du bestätigst, oder wähle einen anderen Weg.
note-copy-order = Gelöscht wird erst, wenn { $service } wieder auf { $instance } läuft und die App die wiederhergestellten ToDos von dort liefert. Scheitert ein Schritt, hört das Aufräumen dort auf und sagt dir, wie es steht.
note-cleanup-keep-cost = Danach laufen zwei Multi-AZ-Instanzen weiter, { $instance } und { $restored }: Beide werden sekundengenau verrechnet, samt Speicher, bis du eine davon löschst.
note-cleanup-unprotect = Der Löschschutz (Deletion protection) ist bei { $instances } eingeschaltet (ein Restore übernimmt ihn von { $instance }): backup-lab schaltet ihn bei diesen Instanzen, die das Lab gemacht hat, direkt vor dem Löschen aus. { $instance } behält den eigenen.

confirm-seen = Siehst du sie auch in deinem Browser? [j/N]
confirm-prompt = Ausführen? [j/N]
confirm-type = Tippe zur Bestätigung { $word } ein:

## Ergebnisse

already-backups = bereits erledigt: Aufbewahrung { $retention ->
        [one] 1 Tag
       *[other] { $retention } Tage
    }, Fenster { $window } UTC
check-backups-first-backup-running = Die automatischen Backups sind eingeschaltet; { $instance } ist { $status } und erstellt das erste Backup. Du musst nichts tun: Sobald die Instanz wieder available ist, ist der Schritt erledigt.
check-backups-change-running = Die Änderung läuft: Aufbewahrung { $from } → { $to ->
        [one] 1 Tag
       *[other] { $to } Tage
    }, { $instance } ist { $status }. Du musst nichts tun: Sobald die Instanz wieder available ist, sind die automatischen Backups an.
note-verify-browser = Öffne jetzt deine ToDo-App im Browser ({ $url ->
        [none] http://<DNS-Name von { $lb }>
       *[other] { $url }
    }) und lade die Seite neu. Dort solltest du dieselben ToDos sehen wie hier.
done-verify-seen = Deine { $count } ToDos sind zurück: Die App liefert sie aus der wiederhergestellten Datenbank, und du hast sie im Browser gesehen.
already-todos = bereits erledigt: { $count } ToDos vorhanden
already-snapshot = bereits erledigt: Snapshot { $snapshot } gibt es schon ({ $status }); er wird weiterverwendet
already-instance = bereits erledigt: { $instance } gibt es schon ({ $status }); sie wird weiterverwendet
already-switched = bereits erledigt: der Service läuft mit Revision { $revision }
already-clean = bereits erledigt: nichts mehr zu löschen
done-backups = ModifyDBInstance gesendet: Aufbewahrung { $retention ->
        [one] 1 Tag
       *[other] { $retention } Tage
    }, Fenster { $window } UTC (Status { $status })
done-todos = { $count } ToDos vorhanden
done-snapshot = Snapshot { $snapshot } wird erstellt
done-disaster = { $count } ToDos gelöscht
done-restore = Restore gestartet: { $restored } ({ $status })
done-adopt = { $restored } ist jetzt die wiederhergestellte Datenbank dieses Durchgangs
done-mend-groups = Sicherheitsgruppen von { $restored } auf { $groups } gesetzt
done-mend-multi-az = Umbau von { $restored } zu Multi-AZ gestartet (Status { $status }); das dauert eine Weile
done-mend-single-az = Umbau von { $restored } zu Single-AZ gestartet (Status { $status })
done-revision-registered = neue Revision { $revision } der Task Definition registriert
done-revision-reused = Revision { $revision } mit diesem DB_HOST gibt es schon; sie wird weiterverwendet
done-service-updated = { $service } auf Revision { $revision } umgestellt; der Rollout läuft
done-revision-deregistered = Revision { $revision } deregistriert
done-instance-deleted = { $instance } wird gelöscht (ohne Final Snapshot)
done-instance-unprotected = Löschschutz ausgeschaltet: { $instance }
done-snapshot-deleted = Snapshot { $snapshot } wird gelöscht
done-dump-ready = Task Definition { $family }:{ $revision } für den Dump ist bereit
done-copy-started = Dump-Task { $task } gestartet
done-copied = Kopie fertig (Exit-Code 0): { $instance } enthält die ToDos von { $restored }
done-served-from-source = die App liefert { $count } ToDos aus { $instance }
done-dump-deregistered = Task Definition { $family }:{ $revision } für den Dump deregistriert
done-dump-deleted = Task Definitions { $family } ({ $count ->
        [one] Revision
       *[other] Revisionen
    } { $revisions }) für den Dump gelöscht: Nichts davon bleibt im Konto, auch nicht ihre Umgebung
done-dump-delete-denied = Task Definitions { $family } ({ $count ->
        [one] Revision
       *[other] Revisionen
    } { $revisions }) sind deregistriert, liessen sich aber nicht löschen: Diese Rolle darf DeleteTaskDefinitions nicht aufrufen. Eine deregistrierte Revision lässt sich weiter ansehen, mit ihrer Umgebung; lösche sie, wo du es darfst: { $cli }
progress-copy-status = Dump-Task { $task }: { $status } ({ $elapsed })
copyback-logs = Ausgabe des Tasks: CloudWatch Logs, Gruppe { $group }, Stream { $stream }; lesen kannst du sie mit: { $cli }
copyback-logs-never-started = Der Container ist nie gestartet und hat darum nichts ausgegeben; ECS zeigt den Task und warum er angehalten hat mit: { $cli }
copyback-logs-none = Der Task hat keine Log-Konfiguration (die Task Definition des Backends hat keine), darum wird seine Ausgabe nicht aufbewahrt; ECS zeigt den Task mit: { $cli }
progress-todo-created = ToDo erfasst: { $title }
progress-todo-deleted = ToDo gelöscht: { $title }
progress-retry = { $code }: neuer Versuch in { $seconds } s (Versuch { $attempt } von { $attempts })
progress-untagged = AWS hat die Tags abgelehnt ({ $action } ist für diese Rolle nicht erlaubt); backup-lab versucht es noch einmal ohne Tags
todo-sample-titles = Milch kaufen|Pflanzen giessen|Zugbillett buchen|Lab vorbereiten|Grosi anrufen

blocked-snapshot-no-todos = die ToDos sind gelöscht, die App zeigt keine: Ein Snapshot enthielte jetzt keine, und der Restore brächte keine zurück. Erfasse zuerst die ToDos (Schritt «{ $todos_step }») und erstelle dann den Snapshot.
blocked-instance-busy = { $instance } ist { $status }; warte, bis die Instanz verfügbar ist
blocked-app-unreachable = die ToDo-App antwortet nicht ({ $code }); prüfe --app-url oder den Load Balancer
blocked-snapshot-not-ready = Snapshot { $snapshot } ist noch nicht verfügbar
blocked-snapshot-creating = { $snapshot } wird noch erstellt ({ $percent } %): RDS löscht einen Snapshot erst, wenn er verfügbar ist; darum wartet das Aufräumen und löscht noch nichts – starte es nochmals, sobald der Snapshot verfügbar ist
action-ended-unexpectedly = die Aktion endete ohne Antwort (ein interner Fehler, steht in der Logdatei); schau dir den Stand des Schritts an und starte sie nochmals
worker-ended = backup-lab beobachtet das Konto nicht mehr (ein interner Fehler, steht in der Logdatei); führe den Befehl nochmals aus
blocked-no-restore = { $restored } gibt es noch nicht – stelle zuerst den Snapshot wieder her
blocked-no-endpoint = { $restored } ist { $status } und nimmt noch keine Verbindungen an. Dieser Schritt ist möglich, sobald ihr Status creating verlässt (backing-up oder available), denn dann erreicht das Backend sie
blocked-switch-groups = das Backend erreicht { $restored } mit ihren Sicherheitsgruppen nicht: gib ihr zuerst die Sicherheitsgruppen der Quelle (Schritt «Snapshot wiederherstellen», Enter)
blocked-protected = das Lab hat { $instance } nicht erstellt; backup-lab löscht diese Instanz nie
blocked-protected-modify = backup-lab ändert nur die wiederhergestellte Datenbank des Labs, nie { $instance }
blocked-mend-console = was an { $restored } sonst noch zu beheben ist, erledigst du in der Konsole; jede Diagnose sagt, wie
blocked-restore-ended = { $restored } ist { $status } und bleibt es; lösche sie in der RDS-Konsole (Databases → { $restored } → Actions → Delete), bevor du nochmals wiederherstellst – backup-lab startet keinen zweiten Restore von selbst
blocked-rollout-slow = der Rollout zurück ist nicht rechtzeitig fertig geworden; die wiederhergestellte Datenbank bleibt – räume später nochmals auf
blocked-rollout-failed = der Rollout von Revision { $revision } ist fehlgeschlagen ({ $failed } Tasks hintereinander sind nicht gestartet); die wiederhergestellte Datenbank bleibt – lies die Ereignisse von { $service } in der ECS-Konsole und räume dann nochmals auf
blocked-rollout-rolled-back = ECS hat den Rollout von Revision { $revision } zurückgesetzt (Deployment Circuit Breaker): { $service } führt wieder die Revision davor aus, und die wiederhergestellte Datenbank bleibt – lies die Ereignisse von { $service } in der ECS-Konsole und räume dann nochmals auf
blocked-instance-in-use = { $instance } bleibt: { $service } führt noch Revision { $revision } aus, deren DB_HOST darauf zeigt, und ohne die Datenbank würde die App mit Fehlern antworten – räume nochmals auf; dabei wird der Service zuerst zurückgestellt
blocked-instance-still-used = { $instance } bleibt: { $tasks } alte Tasks von Revision { $revision } von { $service } verwenden sie noch und haben nicht rechtzeitig gestoppt – schau dir die Deployments von { $service } in der ECS-Konsole an und räume nochmals auf, sobald sie weg sind
progress-old-tasks = warte, bis die alten Tasks von Revision { $revision } gestoppt sind ({ $tasks ->
        [one] 1 Task verwendet noch { $instance } und beantwortet bis dahin Anfragen
       *[other] { $tasks } Tasks verwenden noch { $instance } und beantworten bis dahin Anfragen
    })
blocked-copy-no-restored = { $restored } gibt es nicht (mehr): Es gibt nichts zurückzukopieren – wähle einen anderen Weg zum Aufräumen
blocked-copy-not-ready = { $restored } ist { $status } und nimmt noch keine Verbindungen an; kopieren lässt sich, sobald sie verfügbar ist
blocked-copy-no-network = die Netzwerkkonfiguration von { $service } (Subnetze, Sicherheitsgruppen) ist noch nicht gelesen; der Dump-Task läuft darin – versuche es gleich nochmals
blocked-copy-no-database = { $instance } nennt ihre Datenbank nicht (DBName), darum weiss der Dump nicht, was er kopieren soll
blocked-copy-engine = der Dump braucht die MySQL-Clients, und { $engine } ist nicht MySQL
blocked-copy-failed = Die Kopie hat nicht geklappt: { $why } ECS meldet: { $reason } (Exit-Code { $code }). { $logs }. { $stand }
copyback-why-no-registry = Fargate konnte das Image { $image } nicht laden: Die Subnetze des Service haben keinen Weg zur Registry public.ecr.aws. Ein Task kommt über ein NAT-Gateway dorthin oder über ein Internet-Gateway mit öffentlicher IP (die Tasks des Service haben assignPublicIp { $public_ip }).
copyback-why-connect = Der MySQL-Client hat sich mit Exit-Code { $code } beendet; meist heisst das, dass er keine Verbindung bekam: Eine Sicherheitsgruppe von { $restored } oder { $instance } lässt die Gruppe des Service ({ $groups }) nicht auf den Port der Datenbank, oder eine Datenbank nimmt noch keine Verbindungen an. Die Meldung von mysql selbst steht im Log des Tasks.
copyback-why-other = Der Task wurde beendet, bevor die Kopie fertig war.
copyback-stand-restored = Gelöscht wurde nichts: { $service } läuft weiter auf { $restored } mit den wiederhergestellten ToDos, und { $snapshot } gibt es noch. Räume nochmals auf, sobald die Ursache behoben ist; die Kopie beginnt dann von vorn.
copyback-stand-copying = Gelöscht wurde nichts: { $service } läuft weiter auf { $restored }, und { $snapshot } gibt es noch. Räume nochmals auf: Das Aufräumen verfolgt dann denselben Task, statt einen weiteren zu starten.
copyback-stand-switched = Gelöscht wurde nichts: { $restored } und { $snapshot } gibt es noch, und { $service } läuft schon wieder auf { $instance }. Schau dir die ToDos in der App an und räume dann nochmals auf.
blocked-copy-slow = Dump-Task { $task } ist nach 20 Minuten noch { $status }, darum wartet das Aufräumen nicht länger. Verfolge ihn mit: { $cli }. { $stand }
blocked-copy-unverified = die App liess sich nach dem Zurückstellen nicht lesen ({ $error }). { $stand }
blocked-copy-mismatch = die App liefert { $served } ToDos aus { $instance }, { $restored } hatte aber { $expected }; darum hört das Aufräumen auf, bevor es etwas löscht. { $stand }

## Ohne Oberfläche

run-already-done = bereits erledigt: { $detail }
run-seen-assumed = --yes: als gesehen angenommen; prüfe, ob dein Browser sie auch zeigt.
run-not-seen-yet = noch nicht bestätigt: Das Konto liefert die ToDos, dein Browser zeigt sie noch nicht. Lade die Seite ohne Cache neu (Ctrl+Shift+R) und prüfe, ob die Adresse zu deiner ToDo-App gehört; dann führe backup-lab run { $step } noch einmal aus.
run-skipped = übersprungen
run-needs-yes = kein Terminal für die Bestätigung: Ergänze --yes, um ohne Nachfrage auszuführen
run-nothing = nenne die Schritte (z. B. run snapshot) oder verwende --all
run-timeout = zu lange auf diesen Schritt gewartet; führe den Befehl nochmals aus, um weiterzumachen
run-credentials-waiting = warte auf neue Zugangsdaten: backup-lab versucht es alle paar Sekunden wieder und macht von selbst weiter, sobald sie gelten (Ctrl+C beendet den Lauf; was erledigt ist, bleibt erledigt)
run-credentials-still-waiting = warte weiter auf neue Zugangsdaten ({ $elapsed })
run-credentials-back = die Zugangsdaten gelten wieder: weiter, wo der Lauf stehen blieb
run-credentials-gave-up = nach 2 Stunden noch keine gültigen Zugangsdaten; führe den Befehl nochmals aus, sobald du neue hast, er macht weiter, wo er stehen blieb
status-instances = DB-Instanzen
status-snapshots = Snapshots
status-service = ECS-Deployments
status-events = ECS-Service-Ereignisse (neueste zuerst)
status-todos = ToDos
status-unknown = nicht bekannt – konnte nicht gelesen werden: { $reason }
status-problems = Diagnosen und was zu tun ist
status-days = { $count ->
        [one] 1 Tag
       *[other] { $count } Tage
    }
status-manual = manuell
status-automated = automatisch
hint-try-sim = Ohne AWS-Konto: backup-lab --sim
log-action-started = Aktion gestartet: { $step }

## Fehler

error-access-denied = Zugriff verweigert ({ $code }) für { $operation }: { $permission ->
        [none] diese Zugangsdaten dürfen das nicht.
       *[other] der Rolle fehlt { $permission }.
    } Verwende in AWS Academy die Zugangsdaten der LabRole. ({ $message })
error-app-denied = Die ToDo-App hat { $operation } abgelehnt ({ $code }: { $message }): Die App sagt nein, nicht AWS, also geht es um keine IAM-Rolle. Prüfe, ob --app-url (oder der Load Balancer) zu deiner ToDo-App führt und ob nichts davor, etwa ein Proxy oder eine Anmeldeseite, die Anfrage abblockt.
error-expired-token = Die Zugangsdaten sind abgelaufen ({ $code }). { $source ->
        [environment] Sie stammen aus Umgebungsvariablen (AWS_ACCESS_KEY_ID …), die ein laufendes Programm nicht neu lesen kann: Beende backup-lab, setze die neuen Werte (AWS Academy: AWS Details → AWS CLI) und starte es neu. Dein Fortschritt bleibt erhalten.
        [profile-keys] Sie stammen aus dem Profil { $profile } in { $file }: Füge dort neue ein (AWS Academy: AWS Details → AWS CLI); backup-lab übernimmt sie und macht weiter.
        [sso] Sie stammen aus dem SSO-Login des Profils { $profile }: Führe aws sso login --profile { $profile } aus; backup-lab übernimmt die neue Sitzung und macht weiter.
        [login] Sie stammen aus dem Konsolen-Login des Profils { $profile }: Führe aws login --profile { $profile } aus; backup-lab übernimmt die neue Sitzung und macht weiter.
        [process] Das Profil { $profile } holt sie über seinen credential_process, den backup-lab selbst erneut aufruft; liefert er weiter abgelaufene Zugangsdaten, erneuere, was dieser Befehl liest.
        [cloudshell] Die CloudShell-Sitzung ist beendet: Öffne CloudShell in der AWS-Konsole neu und starte backup-lab dort. Dein Fortschritt bleibt erhalten.
        [container] Sie stammen vom Container-Credentials-Endpunkt, der sie selbst erneuert; bleiben sie abgelaufen, starte den Container neu oder prüfe seine Rolle.
        [web-identity] Sie stammen aus einem Web-Identity-Token, das ausserhalb von backup-lab erneuert wird; sobald das geschehen ist, macht backup-lab weiter.
       *[other] Kopiere neue Zugangsdaten aus AWS Academy (AWS Details → AWS CLI) nach ~/.aws/credentials; backup-lab übernimmt sie und macht weiter.
    }
error-no-credentials = { $source ->
        [environment] AWS akzeptiert die Zugangsdaten aus den Umgebungsvariablen AWS_ACCESS_KEY_ID … nicht ({ $code }: { $message }). Beende backup-lab, setze neue Werte (AWS Academy: AWS Details → AWS CLI) und starte es neu.
        [profile-keys] AWS akzeptiert die Zugangsdaten des Profils { $profile } in { $file } nicht ({ $code }: { $message }). Füge dort neue ein (AWS Academy: AWS Details → AWS CLI); backup-lab übernimmt sie.
        [sso] Der SSO-Login des Profils { $profile } liefert keine Zugangsdaten ({ $message }): Führe aws sso login --profile { $profile } aus.
        [login] Der Konsolen-Login des Profils { $profile } liefert keine Zugangsdaten ({ $message }): Führe aws login --profile { $profile } aus.
        [process] Der credential_process des Profils { $profile } liefert keine brauchbaren Zugangsdaten ({ $message }); führe diesen Befehl selbst aus, um den Grund zu sehen.
        [cloudshell] Der Credentials-Endpunkt von CloudShell liefert keine Zugangsdaten ({ $message }). Schliesse CloudShell, öffne es in der AWS-Konsole neu und starte backup-lab dort; setze AWS_CONTAINER_CREDENTIALS_FULL_URI und AWS_CONTAINER_AUTHORIZATION_TOKEN nicht selbst.
        [container] Der Container-Credentials-Endpunkt liefert keine Zugangsdaten ({ $message }). Prüfe AWS_CONTAINER_CREDENTIALS_FULL_URI und das Token in AWS_CONTAINER_AUTHORIZATION_TOKEN.
        [web-identity] Das Web-Identity-Token liefert keine Zugangsdaten ({ $message }); prüfe AWS_WEB_IDENTITY_TOKEN_FILE und AWS_ROLE_ARN.
       *[other] Keine AWS-Zugangsdaten gefunden. Am einfachsten in AWS Academy: Öffne CloudShell in der AWS-Konsole und starte backup-lab dort. Oder kopiere die Zeilen unter AWS Details → AWS CLI nach ~/.aws/credentials. Ohne Konto: backup-lab --sim
    }
error-no-region = Keine AWS-Region gesetzt. Verwende --region us-east-1 (die Region des Kurses) oder setze AWS_REGION.
error-throttling = AWS bremst die Anfragen ({ $code }); backup-lab wartet und versucht es nochmals.
error-invalid-state = Die Ressource ist beschäftigt ({ $code }: { $message }); warte, bis sie verfügbar ist, und versuche es nochmals.
error-pitr-not-enabled = RDS kann nicht auf einen Zeitpunkt wiederherstellen ({ $code }: { $message }): Die automatischen Backups der Quelle sind aus (Aufbewahrung 0). Warten hilft nicht: Schalte sie zuerst ein (Schritt «Backups automatisieren») und warte das erste Backup ab, ein paar Minuten.
error-restore-time-invalid = RDS hat den Zeitpunkt abgelehnt ({ $code }: { $message }): Er liegt ausserhalb des Zeitfensters, auf das RDS wiederherstellen kann – vom ersten automatischen Backup bis zum letzten wiederherstellbaren Zeitpunkt (meist etwa 5 Minuten vor jetzt). Für einen Zeitpunkt vor dem ersten Backup hilft Warten nicht: Wähle einen Zeitpunkt im Fenster. Ein Zeitpunkt vor wenigen Minuten wird wiederherstellbar, sobald die Transaktionslogs im Backup sind.
error-deletion-protected = RDS hat das Löschen abgelehnt ({ $code }: { $message }): Der Löschschutz ist eingeschaltet. Schalte ihn aus (RDS → Databases → die Instanz → Modify → Deletion protection aus → Apply immediately) und führe den Schritt nochmals aus.
error-already-exists = Die Ressource gibt es schon ({ $code }); backup-lab verwendet sie weiter.
error-not-found = Nicht gefunden ({ $code }: { $message }). Prüfe die früheren Schritte: Der Snapshot entsteht bei «Manuellen Snapshot erstellen», die wiederhergestellte Datenbank bei «Snapshot wiederherstellen».
error-service-not-found = ECS-Service nicht gefunden ({ $code }); prüfe Cluster- und Service-Namen in der Konfiguration.
error-client = { $service ->
        [rds] RDS hat
        [todo] Die ToDo-App hat
        [sts] AWS STS hat
        [ecs] ECS hat
        [elasticloadbalancing] Elastic Load Balancing hat
       *[other] AWS hat
    } die Anfrage abgelehnt ({ $code }: { $message }).
error-validation = AWS hat einen Parameter abgelehnt ({ $code }: { $message }).
error-server = Der Dienst hatte einen internen Fehler ({ $code }); versuche es gleich nochmals.
error-network = Netzwerkfehler ({ $message }); prüfe die Verbindung – backup-lab versucht es weiter.
error-timeout = Zeitüberschreitung ({ $operation }); backup-lab prüft den Zustand, bevor es einen neuen Versuch startet.
error-todo-answer = Die ToDo-App hat geantwortet, aber backup-lab kann die Antwort nicht verwenden: { $code ->
        [NotJson] sie ist kein JSON
        [NoList] sie enthält keine ToDo-Liste
       *[other] ein ToDo darin ist nicht lesbar
    } ({ $message }). Prüfe, ob diese Adresse das ToDo-Backend des Labs ist (GET /api/v1/todos); ist sie es nicht, gib die richtige mit --app-url an.
error-other = Fehler { $code }: { $message }
error-local-state = Die simulierte Welt konnte nicht gespeichert werden ({ $message }). backup-lab hält hier an und tut nichts mehr: Was es zuletzt getan hat, steht nicht in der Weltdatei, der nächste Start zeigt also den Zustand von vorher. Schaffe Platz oder korrigiere die Berechtigungen des Zustandsverzeichnisses und starte dann nochmals.

invalid-identifier-empty = der Name ist leer
invalid-identifier-too-long = der Name ist länger als 63 Zeichen
invalid-identifier-first-char = der Name muss mit einem Buchstaben beginnen
invalid-identifier-chars = der Name darf nur Buchstaben, Ziffern und Bindestriche enthalten
invalid-identifier-hyphens = der Name darf keine zwei Bindestriche hintereinander haben und nicht mit einem enden
invalid-window-format = das Backup-Fenster muss die Form hh:mm-hh:mm haben, im 24-Stunden-Format (Stunden 00–23, Minuten 00–59), z. B. 03:00-03:30
invalid-window-too-short = das Backup-Fenster muss mindestens 30 Minuten lang sein
invalid-window-overlap = das Backup-Fenster überschneidet sich mit dem Wartungsfenster ({ $maintenance } UTC); wähle eine andere Zeit
invalid-retention = die Aufbewahrung muss zwischen 0 und 35 Tagen liegen
invalid-target = ein Ziel muss mindestens 1 Minute betragen
invalid-order-rate = die Bestellungen pro Stunde des Beispiels müssen eine ganze Zahl von 1 bis 3600000 sein
invalid-url = keine gültige http(s)-URL, z. B. http://todoapp-123.us-east-1.elb.amazonaws.com
invalid-url-credentials = die URL darf weder Benutzernamen noch Passwort enthalten (sie landeten sonst in Logs und im Bericht); gib die Adresse der App ohne sie an
invalid-url-port = Port 0 ist nicht erreichbar; lass den Port weg oder gib den an, auf dem die App hört
invalid-url-too-long = die URL ist länger als 2048 Zeichen; gib die Basisadresse der App an, z. B. http://todoapp-123.us-east-1.elb.amazonaws.com
invalid-same-name = der Name muss sich von { $other } unterscheiden: Jede Instanz des Labs braucht einen eigenen Namen (RDS stellt immer in eine neue Instanz wieder her, nie in eine bestehende)
invalid-lb-too-long = der Name eines Load Balancers hat höchstens 32 Zeichen
invalid-lb-chars = der Name eines Load Balancers darf nur Buchstaben, Ziffern und Bindestriche enthalten (keinen Unterstrich)
invalid-lb-edges = der Name eines Load Balancers darf nicht mit einem Bindestrich beginnen oder enden und nicht mit «internal-» beginnen
invalid-name = der Name muss 1 bis 80 Zeichen lang sein, ohne Zeilenumbrüche, z. B. --name "Anna Muster"
invalid-timezone = unbekannte Zeitzone; verwende einen IANA-Namen wie Europe/Zurich
cli-invalid-value = { $arg } kann «{ $value }» nicht nehmen: erwartet wird { $takes }.
cli-takes-speed = eine Zahl von { $min } (Echtzeit) bis { $max }
cli-takes-minutes = eine ganze Zahl von Minuten, mindestens 1
cli-takes-one-of = einer dieser Werte: { $values }
cli-takes-file = der Pfad einer Datei
cli-takes-dir = der Pfad eines Verzeichnisses
cli-takes-text = ein Wert
cli-takes-other = ein anderer Wert (backup-lab --help sagt, welcher)
cli-unknown-argument = unbekanntes Argument «{ $arg }»; { $suggestion }
cli-did-you-mean = meintest du { $suggested }?
cli-did-you-mean-command = {" "}(meintest du { $suggested }?)
cli-see-help = backup-lab --help zeigt die Optionen und Befehle.
cli-unknown-command = unbekannter Befehl «{ $command }»{ $suggestion }: Die Befehle sind status, check, run, report, completions und man (backup-lab --help).
cli-missing = { $arg } fehlt; backup-lab --help zeigt, was der Befehl braucht.
cli-needs-value = { $arg } braucht einen Wert: erwartet wird { $takes }.
cli-conflict = { $arg } geht nicht zusammen mit { $other }; wähle eines.
cli-not-utf8 = ein Argument ist kein gültiger UTF-8-Text; gib es noch einmal ein.
cli-other = die Befehlszeile lässt sich nicht lesen ({ $detail }); backup-lab --help zeigt die Optionen und Befehle.
invalid-lang = unbekannte Sprache «{ $lang }»: Verwende --lang de oder --lang en (auch de-CH, de_DE, en-US, en_GB …)
invalid-step = unbekannter Schritt «{ $step }»; Schritte mit Aktion: { $steps }
invalid-faults = ungültiges --faults: { $reason }
invalid-faults-unhealthy-needs-sim = ungültiges --faults: unhealthy lässt simulierte Tasks scheitern und geht nur mit --sim
invalid-faults-dump-needs-sim = ungültiges --faults: no-registry und db-unreachable lassen den simulierten Kopier-Task scheitern und gehen nur mit --sim
invalid-faults-restore-needs-sim = ungültiges --faults: Ein Restore, der in einem Status wie incompatible-parameters endet, ist ein Verhalten des simulierten Kontos und geht nur mit --sim
invalid-restore-time = «{ $time }» ist keine Zeit: Gib HH:MM:SS in deiner Lokalzeit an (heute; gestern, wenn sie noch bevorsteht) oder eine RFC-3339-Zeit wie 2026-11-25T09:12:00Z
invalid-faults-session-needs-sim = ungültiges --faults: session lässt die simulierte Sitzung ablaufen und geht nur mit --sim (für AWS gibt es expired: Es liefert ExpiredToken)
invalid-speed = --speed muss eine Zahl von { $min } (Echtzeit) bis { $max } sein; Standard ist { $default }
invalid-speed-needs-sim = --speed gilt nur für die Simulation: Ergänze --sim
config-read = { $path } kann nicht gelesen werden: { $reason }
config-parse = { $path } ist kein gültiges TOML: { $reason }
config-field = Konfiguration: { $field } = «{ $value }»: { $problem_id }
config-value = { $path }, Zeile { $line }: { $key } { $expected }
config-expect-number = nimmt eine ganze Zahl (ohne Anführungszeichen), z. B. 30
config-expect-bool = nimmt true oder false (ohne Anführungszeichen)
config-expect-text = nimmt einen Text in Anführungszeichen
config-expect-table = ist eine Tabelle: Schreibe sie als [{ $key }] mit ihren Schlüsseln darunter
config-unknown-key = { $path }, Zeile { $line }: backup-lab kennt keine Einstellung { $key } (es kennt { $known }). Prüfe die Schreibweise; das README nennt alle Einstellungen.
config-expect-other = hat einen Wert, den es nicht nehmen kann ({ $reason })
app-url-ignored-sim = --app-url wird mit --sim nicht verwendet: Das simulierte Konto hat seine eigene ToDo-App. Lass --sim weg, um die URL mit deinem AWS-Konto zu verwenden.
config-flag = { $flag } «{ $value }»: { $problem_id }
output-failed = Die Ausgabe lässt sich nicht schreiben: { $reason }
man-dir-failed = Die Man-Pages lassen sich nicht nach { $dir } schreiben ({ $reason }); lege das Verzeichnis zuerst an oder gib ein anderes an
read-only-refused = Nur-Lesen-Modus: backup-lab beobachtet und prüft nur; starte ohne --read-only, um etwas zu ändern

## Zustandsverzeichnis, Journal und Dateien

file-problem-not-regular = es ist keine gewöhnliche Datei (sondern ein Verzeichnis, ein Gerät oder eine Pipe)
file-problem-too-large = sie ist zu gross
file-problem-empty = sie ist leer
file-problem-damaged = ihr Inhalt ist beschädigt oder hat nicht das erwartete Format
file-problem-io = das System verweigert das Lesen
file-problem-symlink = es ist ein symbolischer Link (oder liegt in einem Verzeichnis, das einer ist), und backup-lab folgt in seinem Zustandsverzeichnis keinen Links (sonst würde womöglich eine andere Datei überschrieben). Entferne den Link oder gib mit --state-dir das Verzeichnis an, auf das er zeigt
world-unwritable = Die simulierte Welt kann nicht gespeichert werden ({ $reason }); es wurde nichts gestartet. Schaffe Platz oder korrigiere die Berechtigungen des Zustandsverzeichnisses, oder wähle mit --state-dir ein anderes.
journal-unwritable-start = Das Journal { $path } kann nicht geschrieben werden ({ $reason }); es wurde nichts gestartet, denn Fortschritt, der nicht festgehalten wird, würde später falsch beurteilt. Schaffe Platz oder korrigiere die Berechtigungen des Zustandsverzeichnisses, oder wähle mit --state-dir ein anderes.
state-file-refused = { $path } ist nicht verwendbar: { $problem }{ $detail }. Es wurde nichts verändert.
log-unavailable = Die Logdatei { $path } kann nicht geschrieben werden: { $problem }{ $detail }. backup-lab macht ohne Logdatei weiter.
config-file = { $path } kann nicht als Konfiguration verwendet werden: { $problem }{ $detail }. --config erwartet eine gewöhnliche TOML-Datei von höchstens { $limit_mib } MiB.
world-unreadable = Die simulierte Welt in { $path } ist nicht verwendbar: { $problem }{ $detail }. Die Datei bleibt, wie sie ist. Mit --reset startest du eine neue Welt (die Datei wird dann im Ordner archive des Zustandsverzeichnisses aufbewahrt, nicht gelöscht).
world-other-names = { $path } enthält die simulierte Welt der Instanz «{ $instance }», nicht «{ $expected }». Die Datei bleibt, wie sie ist. Verwende die --config, zu der sie gehört, oder starte mit --reset eine neue Welt (die Datei wird dann im Ordner archive des Zustandsverzeichnisses aufbewahrt, nicht gelöscht).
journal-unreadable = Das Journal { $path } kann nicht gelesen werden: { $problem }{ $detail }. Die Datei bleibt, wie sie ist. Mit --reset beginnst du ein neues Journal (die Datei wird dann im Ordner archive des Zustandsverzeichnisses aufbewahrt, nicht gelöscht).
journal-skipped = { $count ->
        [one] 1 Zeile
       *[other] { $count } Zeilen
    } des Journals { $path } { $count ->
        [one] war unlesbar und wurde
       *[other] waren unlesbar und wurden
    } übersprungen; der übrige Verlauf wird verwendet. Die Datei bleibt, wie sie ist.
journal-unwritable = Das Journal kann nicht geschrieben werden ({ $reason }). backup-lab tut nichts mehr, damit nichts geschieht, was das Journal nicht festhält: Schaffe Platz oder korrigiere die Berechtigungen des Zustandsverzeichnisses und starte es dann nochmals.
dialog-journal = Journal
reset-archived = --reset: Der bisherige Stand liegt jetzt in { $dir } ({ $count } { $count ->
        [one] Datei
       *[other] Dateien
    }); die letzten { $kept } Resets bleiben dort, ältere werden gelöscht.
state-dir-not-dir = { $dir } ist kein Verzeichnis, backup-lab legt dort aber seinen Stand in einem Verzeichnis ab. Verschiebe es oder wähle mit --state-dir ein anderes Verzeichnis. --reset hilft hier nicht: Der Pfad gehört dir.
state-subdir-not-dir = { $path } ist eine Datei, wo backup-lab ein Verzeichnis führt. Beginne mit --reset von vorn (die Datei wird dann in { $archive } aufbewahrt, nicht gelöscht), oder verschiebe sie selbst (zum Beispiel mv { $path } { $path }.old), um zu behalten, was im Zustandsverzeichnis liegt.
reset-failed = --reset konnte { $path } nicht ins Archiv verschieben ({ $reason }); nichts wurde geändert. Prüfe die Berechtigungen des Zustandsverzeichnisses oder wähle mit --state-dir ein anderes.
reset-failed-stranded = --reset konnte { $path } nicht ins Archiv verschieben ({ $reason }) und auch nicht zurücklegen, was schon verschoben war. Diese Dateien liegen jetzt im Archiv; verschiebe jede an ihren Platz zurück, bevor du neu startest: { $stranded }
reset-needs-owner = --reset beginnt von vorn; verwende es mit `run` oder der App, nicht mit status, check, report oder --read-only
state-held-tui = Das Zustandsverzeichnis { $dir } wird von { $command } benutzt (Prozess { $pid }, seit { $since }); es kann immer nur ein backup-lab darin arbeiten. Warte, bis es fertig ist, oder starte nochmals mit --read-only, um zuzuschauen (auch der Befehl status zeigt es).
state-held-run = Das Zustandsverzeichnis { $dir } wird von { $command } benutzt (Prozess { $pid }, seit { $since }); es kann immer nur ein backup-lab darin arbeiten. Warte, bis es fertig ist, ergänze --wait, um zu starten, sobald es frei ist, oder schau es mit dem Befehl status an.
state-waiting = Das Zustandsverzeichnis { $dir } wird von { $command } benutzt (Prozess { $pid }, seit { $since }); backup-lab wartet, bis es frei ist (Ctrl+C bricht ab).
state-watching = Zuschauen: { $dir } wird von { $command } bearbeitet (Prozess { $pid }, seit { $since }); diese App zeigt, was geschieht, und ändert nichts.
state-sim-paused = Die simulierte Zeit steht still: keine App und kein run arbeitet gerade darin.
state-owner-ended = Der Lauf, der diesen Stand hielt, ist beendet: Prozess { $pid } von { $command } (seit { $since }) läuft nicht mehr und hat { $dir } nicht freigegeben (abgebrochen oder abgestürzt). Gezeigt wird, was zuletzt gespeichert wurde; die simulierte Zeit steht dort still, bis die nächste App oder der nächste run es öffnet.
state-lock-failed = Das Zustandsverzeichnis kann nicht gesperrt werden: { $path } ({ $reason }). Schaffe Platz oder prüfe die Berechtigungen (und ob sein Dateisystem beschreibbar ist), oder wähle mit --state-dir ein anderes.
owner-run = `backup-lab run`
owner-tui = der backup-lab-App
owner-unknown = einem anderen backup-lab
tui-needs-terminal = Die App braucht ein Terminal, und stdin oder stdout ist hier keines. Ohne Terminal verwendest du die Befehle: backup-lab status, backup-lab check, backup-lab run --all --yes, backup-lab report.
run-interrupted = Durch ein Signal beendet. Was bisher getan wurde, ist gespeichert; starte denselben Befehl nochmals, um weiterzumachen.
error-gave-up = AWS hat auch nach { $attempts } Versuchen abgelehnt ({ $code }: { $message }); backup-lab hat aufgegeben. Führe den Schritt nochmals aus.
plan-changed = Das Konto hat sich seit deiner Bestätigung verändert, der Plan ist nicht mehr derselbe. Es ist nichts geändert worden. Prüfe den neuen Plan und bestätige ihn nochmals.
faults-empty = die Angabe ist leer; z. B. throttle:0.2 oder CreateDBSnapshot=timeout@1
faults-calls = «{ $part }»: nach @ folgt N oder N-M, mit 1 ≤ N ≤ M
faults-rate = «{ $part }»: die Rate nach : muss eine Zahl von 0 bis 1 sein
faults-kind = «{ $part }»: die Art muss throttle, 5xx, timeout, denied, expired, tag-denied, unhealthy, no-registry, db-unreachable, session oder ein Status sein, in dem ein Restore endet (failed, incompatible-parameters, restore-error, storage-full, …)
faults-unhealthy-operation = «{ $part }»: unhealthy gilt nur für UpdateService
faults-unhealthy-rate = «{ $part }»: unhealthy nimmt keine Rate, nur @N oder @N-M
faults-dump-rule = «{ $part }»: no-registry und db-unreachable gelten nur für RunTask und nehmen keine Rate, nur @N oder @N-M
faults-restore-rule = «{ $part }»: Ein Status, in dem ein Restore endet, gilt nur für RestoreDBInstanceFromDBSnapshot und RestoreDBInstanceToPointInTime und nimmt keine Rate, nur @N oder @N-M
faults-stale-rule = «{ $part }»: stale nimmt die Sekunden, um die Describe-Aufrufe nachhinken (0 bis 600, z. B. stale:2), und kein @N; als Operation nennt es den schreibenden Aufruf, nach dem sie nachhinken: UpdateService, RegisterTaskDefinition, RunTask, CreateDBSnapshot, RestoreDBInstanceFromDBSnapshot oder RestoreDBInstanceToPointInTime
faults-session-rule = «{ $part }»: session gilt für jeden Aufruf und nimmt keine Rate, nur @N (der Aufruf, ab dem die Sitzung abgelaufen ist)
faults-operation = «{ $part }»: unbekannte Operation «{ $operation }»; bekannt sind { $operations }


dialog-action-failed = Die Aktion ist fehlgeschlagen
dialog-already-done = Nichts zu tun
dialog-not-yet = Jetzt nicht möglich
dialog-running = Läuft bereits
dialog-invalid = Ungültige Eingabe
dialog-read-only = Nur lesen
dialog-busy = Beschäftigt
busy-running = «{ $step }» läuft noch; warte, bis der Schritt fertig ist

## Wiederherstellungsphasen

phase-until-restore = bis Restore
phase-restore = Restore
phase-until-switch = bis Umstellung
phase-rollout = Rollout
phase-copy = Kopie zurück (Dump-Task)
phase-back = zurück auf die ursprüngliche Datenbank

## Bericht

report-title = Backup & Recovery – Lab-Bericht
report-learner = Name
report-learner-none = nicht angegeben (mit --name "Vorname Nachname" oder learner = "…" in der Konfiguration)
report-not-written = Der Bericht konnte nicht geschrieben werden ({ $error }): Die Datei, in die du ihn schreibst, ist unvollständig. Schaffe Platz auf dem Datenträger oder wähle eine andere Datei und führe den Befehl nochmals aus.
stdout-not-written = Die Ausgabe konnte nicht geschrieben werden ({ $error }): Wohin du sie schreibst, ist sie unvollständig. Schaffe Platz auf dem Datenträger oder schreibe sie an einen anderen Ort und führe den Befehl nochmals aus.
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
report-state-unknown = unbekannt (nicht lesbar)
report-state-failed = fehlgeschlagen
report-time = Zeit
report-detail = Detail
report-recovery = Wiederherstellung: RPO und RTO
report-target = Ziel
report-copy-back-rto = RTO über Dump & Restore (bis die App die ToDos aus der ursprünglichen Datenbank liefert)
report-copy-back-counted = gezählt wird nur, was dieser Weg braucht, nicht die Zeit, in der die App dazwischen auf der wiederhergestellten Datenbank lief
report-met = erreicht
report-missed = verfehlt
report-open = offen
report-lost = Verlorene ToDos (nach dem Snapshot erstellt)
report-pitr-hint = Mit automatischen Backups und Point-in-Time-Restore hätte der RPO etwa { $rpo } betragen.
report-pitr-already-small = Der erreichte RPO dieses Durchgangs ({ $rpo }) ist nur deshalb so klein, weil der Snapshot kurz vor der Katastrophe entstand. Bei einem echten Ausfall weiss niemand im Voraus, wie lange der letzte Snapshot zurückliegt; mit automatischen Backups hält der Point-in-Time-Restore den RPO bei etwa { $pitr }, wann immer die Katastrophe eintritt.
report-calls = Änderungen bei AWS und in der ToDo-App, als Befehle für die Shell
report-calls-may-miss = { $runs ->
        [one] Ein Lauf endete
       *[other] { $runs } Läufe endeten
    } vorzeitig (abgebrochen oder abgestürzt). Ein Aufruf wird festgehalten, wenn seine Antwort kommt; der Aufruf, den ein solcher Lauf gerade machte, kann daher in diesen Zahlen fehlen (höchstens einer pro Lauf).
report-reads = Abfragen beim Beobachten
report-leftovers = Kostet noch Geld
report-nothing-left = Vom Lab ist nichts mehr übrig.
report-leftovers-unknown = backup-lab konnte nicht das ganze Konto ansehen; was übrig ist und noch Kosten verursacht, ist deshalb nicht bekannt (eine wiederhergestellte Instanz oder ein Snapshot kann noch da sein). Schau nochmals nach, sobald das Konto lesbar ist, oder in den Konsolen von RDS und ECS:
report-journal-lost = { $count ->
        [one] 1 Zeile
       *[other] { $count } Zeilen
    } des Journals konnten nicht gelesen werden (backup-lab wurde mitten beim Schreiben beendet): Die Werte unten stammen aus dem Rest des Verlaufs; was in diesen Zeilen stand, fehlt ihnen womöglich.
report-problems = Diagnosen
report-fix = Was zu tun ist:
severity-failure = Fehler
severity-warning = Warnung
severity-note = Hinweis

## Kein Konto

welcome-title = kein AWS-Konto erreichbar
welcome-setup =
    So arbeitest du in deinem eigenen AWS-Konto:
    Wo das AWS-Academy-Konto CloudShell erlaubt, geht es am einfachsten so: Öffne CloudShell in der AWS-Konsole (das Symbol >_ oben) und starte backup-lab dort. Du musst nichts kopieren.
    Oder auf diesem Computer:
    1. Starte in AWS Academy das Learner Lab und öffne «AWS Details».
    2. Klicke neben «AWS CLI» auf «Show» und kopiere die Zeilen.
    3. Füge sie in ~/.aws/credentials ein (ersetze den bisherigen Inhalt) und speichere.
    4. Starte backup-lab neu, mit --region us-east-1, falls keine Region gesetzt ist.
    Die Zugangsdaten laufen nach einigen Stunden ab; kopiere sie dann erneut.
    Oder mach in der Simulation weiter: dasselbe Lab, ganz ohne AWS.
welcome-key-sim = in der Simulation weitermachen

## Diagnosen: was passiert ist und warum es zählt (problem-<code>), ein paar Wörter für
## Listen (.short) und was jetzt zu tun ist (problem-<code>-fix), mit dem Weg in der Konsole

problem-backup-pending-maintenance = Die Aufbewahrung von { $retention ->
        [one] 1 Tag
       *[other] { $retention } Tagen
    } ist für { $instance } gespeichert, aber nicht angewendet: «Apply immediately» wurde nicht gewählt, darum wartet RDS auf das Wartungsfenster ({ $when }, in { $in }). Bis dahin gilt die alte Einstellung.
    .short = Wartet auf Wartungsfenster
problem-backup-pending-maintenance-fix = { $Enter }, um sie jetzt anzuwenden, oder in der Konsole: RDS → Databases → { $instance } → Modify → Backup retention period { $retention } → Continue → Apply immediately → Modify DB instance.
problem-backup-retention-other = { $instance } bewahrt automatische Backups { $retention ->
        [one] { $retention } Tag
       *[other] { $retention } Tage
    } auf; das Lab verlangt { $wanted ->
        [one] { $wanted } Tag
       *[other] { $wanted } Tage
    }. Backups kosten Speicher über die Gratismenge hinaus, und die Zahlen des Labs gehen von { $wanted } aus.
    .short = Aufbewahrung { $retention } statt { $wanted }
problem-backup-retention-other-fix = { $Enter }, um sie zu setzen, oder: RDS → Databases → { $instance } → Modify → Backup retention period { $wanted } → Continue → Apply immediately → Modify DB instance.
problem-backup-window-as-local = Das Backup-Fenster ist { $window } UTC, bei dir also { $local } ({ $zone }): Es wurde eingegeben, als nähme RDS Lokalzeit. RDS-Fenster sind immer in UTC.
    .short = Fenster in Lokalzeit eingegeben
problem-backup-window-as-local-fix = Für { $meant } bei dir gib { $utc } (UTC) ein: { $Enter }, oder RDS → Databases → { $instance } → Modify → Backup window → Select window → Start { $utc } → Continue → Apply immediately.
problem-snapshot-other-name = Es gibt einen manuellen Snapshot { $found } von { $instance }, aber keinen namens { $snapshot }. Die nächsten Schritte suchen { $snapshot }.
    .short = Snapshot heisst { $found }
problem-snapshot-other-name-fix = { $Enter }, um { $snapshot } jetzt zu erstellen, oder: RDS → Databases → { $instance } → Actions → Take snapshot → Name { $snapshot }. Lösche { $found }, wenn du ihn nicht mehr brauchst (RDS → Snapshots → Actions → Delete snapshot).
problem-snapshot-creating-todos-deleted = Die ToDos wurden gelöscht, während { $snapshot } noch erstellt wurde. Das ist in Ordnung: Ein Snapshot enthält die Daten so, wie sie bei seinem Beginn waren, die { $count } ToDos sind also drin.
    .short = ToDos früh gelöscht: in Ordnung
problem-snapshot-creating-todos-deleted-fix = Nichts zu tun: Warte, bis { $snapshot } verfügbar ist, dann geht es mit dem Restore weiter.
problem-snapshot-after-deletion = { $snapshot } wurde um { $taken } erstellt, nachdem die ToDos gelöscht waren: Die App zeigte vorher { $count ->
        [one] 1 ToDo
       *[other] { $count } ToDos
    } und beim Start des Snapshots keine. Der Snapshot enthält keine ToDos, und ein Restore daraus bringt keine zurück.
    .short = Nach dem Löschen erstellt
problem-snapshot-after-deletion-fix = Erfasse die ToDos nochmals (Schritt «{ $todos_step }») und erstelle den Snapshot neu: RDS → Snapshots → { $snapshot } → Actions → Delete snapshot, dann RDS → Databases → { $instance } → Actions → Take snapshot → Name { $snapshot }. Lösche die ToDos erst danach.
problem-snapshot-before-todos = { $snapshot } wurde um { $taken } erstellt, als die App { $held } ToDos hatte; { $later } kamen erst danach. Ein Restore daraus bringt nur { $held } zurück.
    .short = Vor den ToDos erstellt
problem-snapshot-before-todos-fix = Erstelle ihn nochmals, jetzt wo die ToDos da sind: RDS → Snapshots → { $snapshot } → Actions → Delete snapshot, dann RDS → Databases → { $instance } → Actions → Take snapshot → Name { $snapshot }.
problem-snapshot-todos-untold = { $snapshot } wurde um { $taken } erstellt; ob da alle ToDos schon vorhanden waren, lässt sich nicht sagen: Dem Journal fehlt eine Zeile aus dieser Zeit (backup-lab wurde mitten beim Schreiben beendet).
    .short = ToDos im Snapshot unbekannt
problem-snapshot-todos-untold-fix = Schau dir die ToDos nach dem Restore an. Fehlen welche, erstelle den Snapshot nochmals: RDS → Snapshots → { $snapshot } → Actions → Delete snapshot, dann unter demselben Namen neu erstellen.
problem-source-missing = { $instance } gibt es in dieser Region nicht. Entweder schaut die Konsole oder backup-lab in eine andere Region, oder die Instanz wurde gelöscht. Ohne sie kann das Lab nicht weitergehen.
    .short = { $instance } nicht gefunden
problem-source-missing-fix = Prüfe die Region oben rechts in der Konsole und in der Kopfzeile von backup-lab. Wurde { $instance } gelöscht, kommt sie nur aus einem Snapshot zurück: Stelle einen unter dem Namen { $instance } wieder her (RDS → Snapshots → Actions → Restore snapshot).
problem-source-missing-snapshot-kept = { $instance } gibt es in dieser Region nicht mehr, { $snapshot } aber schon: Ein manueller Snapshot überlebt seine Instanz, deine Daten sind also sicher. Die App hat keine Datenbank, bis { $instance } zurück ist.
    .short = { $instance } ist weg
problem-source-missing-snapshot-kept-fix = Prüfe zuerst die Region. Wurde { $instance } gelöscht: RDS → Snapshots → { $snapshot } → Actions → Restore snapshot → DB instance identifier { $instance }, mit den Einstellungen, die sie hatte.
problem-source-deleting = { $instance } wird gelöscht (Status { $status }). Die App verliert ihre Datenbank, und das Lab kann nicht mehr mit ihr arbeiten.
    .short = { $instance } wird gelöscht
problem-source-deleting-fix = Ein Löschen lässt sich nicht aufhalten. Behalte { $snapshot } (er überlebt die Instanz) und stelle ihn nach dem Löschen unter dem Namen { $instance } wieder her: RDS → Snapshots → { $snapshot } → Actions → Restore snapshot.
problem-source-modified = { $instance } wird geändert (Status { $status }), und zwar nicht an den Backup-Einstellungen: Jemand hat sie in der Konsole geändert. backup-lab ändert an ihr nie mehr als die Backups; Snapshots und Restores warten, bis sie wieder verfügbar ist.
    .short = { $instance } wird geändert
problem-source-modified-fix = Warte, bis { $instance } wieder verfügbar ist (RDS → Databases). War die Änderung ein Versehen, schau unter RDS → Databases → { $instance } → Logs & events → Recent events nach und mach sie mit Modify rückgängig.
problem-source-stopped = { $instance } ist { $status }: Die App hat keine Datenbank, und Snapshots sind nicht möglich.
    .short = { $instance } ist gestoppt
problem-source-stopped-fix = Starte sie wieder: RDS → Databases → { $instance } → Actions → Start. Das dauert ein paar Minuten.
problem-restored-deleted-in-use = { $restored } wurde gelöscht, aber { $service } zeigt noch darauf. Die App ist ausgefallen, weil ihre Tasks keine Datenbank erreichen.
    .short = App aus: Datenbank gelöscht
problem-restored-deleted-in-use-fix = Stelle zuerst das Backend zurück: eine neue Revision von { $family } mit DB_HOST = Endpunkt von { $instance } (ECS → Task definitions → { $family } → Create new revision), dann { $cluster } → { $service } → Update darauf. Der Rückweg im Schritt «Aufräumen» (dort Enter) macht beides.
problem-restored-deleting-in-use = { $restored } wird gelöscht, während { $service } noch darauf zeigt. Die App fällt aus, sobald die Instanz weg ist.
    .short = App fällt aus: Datenbank gelöscht
problem-restored-deleting-in-use-fix = Stelle das Backend jetzt auf { $instance } zurück: eine neue Revision von { $family } mit DB_HOST = Endpunkt von { $instance }, dann { $cluster } → { $service } → Update darauf. Der Rückweg im Schritt «Aufräumen» (dort Enter) macht beides.
problem-switch-too-early = { $restored } ist noch { $status } und nimmt keine Verbindungen an, doch { $service } zeigt schon darauf: Die neuen Tasks bestehen die Health Checks nicht, und ECS ersetzt sie laufend, bis die Datenbank bereit ist. Bis dahin bedienen die alten Tasks die App aus { $instance }.
    .short = Zu früh umgestellt
problem-switch-too-early-fix = Nichts rückgängig zu machen: Sobald { $restored } verfügbar ist, starten die neuen Tasks. Ist der Rollout bis dahin fehlgeschlagen, aktualisiere { $service } nochmals ({ $enter }).
problem-rollout-failed = Der Rollout von Revision { $revision } ist fehlgeschlagen: { $failed } Tasks hintereinander sind nicht gestartet; { $back ->
        [0] ECS startet keine neuen mehr.
       *[other] ECS hat den Service auf Revision { $back } zurückgesetzt.
    }
    .short = Rollout fehlgeschlagen
problem-rollout-failed-fix = Prüfe, ob { $restored } verfügbar und erreichbar ist (DB_HOST, Sicherheitsgruppe), lies ECS → Clusters → { $cluster } → { $service } → Events und dann { $enter }, um den Service nochmals zu aktualisieren.
problem-rollout-tasks-failing = Tasks von Revision { $revision } starten immer wieder nicht ({ $failed } hintereinander); ECS ersetzt sie laufend, und der Rollout wird nicht fertig.
    .short = Tasks scheitern laufend
problem-rollout-tasks-failing-fix = Prüfe, ob { $restored } verfügbar und erreichbar ist (DB_HOST, Sicherheitsgruppe), lies ECS → Clusters → { $cluster } → { $service } → Events und die Gründe der gestoppten Tasks und dann { $enter }, um den Service nochmals zu aktualisieren.
problem-rollout-rolled-back = Der Rollout auf die wiederhergestellte Datenbank ist fehlgeschlagen; ECS hat den Service auf Revision { $back } zurückgesetzt. Die App bedient die alte Datenbank.
    .short = Rollout zurückgesetzt
problem-rollout-rolled-back-fix = Prüfe, ob { $restored } verfügbar und erreichbar ist (DB_HOST, Sicherheitsgruppe), lies ECS → Clusters → { $cluster } → { $service } → Events und dann { $enter }, um den Service nochmals zu aktualisieren.
problem-rollout-stuck = Der Rollout von Revision { $revision } läuft seit { $waited } mit { $running } von { $desired } neuen Tasks: Er steckt fest.
    .short = Rollout steckt fest
problem-rollout-stuck-fix = Schau unter ECS → Clusters → { $cluster } → { $service } → Tasks (gestoppte Tasks und ihre Gründe) und Events nach; meist erreichen die Tasks die Datenbank nicht.
problem-service-revision-not-deployed = Revision { $revision } von { $family } hat den richtigen DB_HOST, aber { $service } läuft noch mit Revision { $running }: Der Service wurde noch nicht darauf aktualisiert (hast du das eben getan, kann ECS ein paar Sekunden brauchen, bis es sichtbar ist); die App arbeitet also noch mit der alten Datenbank.
    .short = Auf Revision { $revision } umstellen
problem-service-revision-not-deployed-fix = Stelle { $service } auf Revision { $revision } um: { $Enter }, oder ECS → Clusters → { $cluster } → { $service } → Update → Revision { $revision } → Update.
problem-service-other-revision = { $service } wurde auf Revision { $running } aktualisiert, aber die Revision mit dem neuen DB_HOST ist { $revision }. Die App arbeitet nicht mit { $restored }.
    .short = Auf Revision { $revision } umstellen
problem-service-other-revision-fix = Stelle { $service } auf Revision { $revision } um: { $Enter }, oder ECS → Clusters → { $cluster } → { $service } → Update → Revision { $revision } → Update.
problem-db-host-old-endpoint = Revision { $revision } läuft, aber ihr DB_HOST ist noch der Endpunkt von { $instance }: Die neue Revision wurde erstellt, ohne den Wert zu ändern. Die App arbeitet nicht mit { $restored }.
    .short = DB_HOST noch der alte Endpunkt
problem-db-host-old-endpoint-fix = { $Enter }, oder: ECS → Task definitions → { $family } → Create new revision → Container { $container } → DB_HOST = Endpunkt von { $restored } (RDS → Databases → { $restored } → Connectivity & security) → Create, dann { $service } darauf umstellen.
problem-db-host-empty = DB_HOST im Container { $container } von Revision { $revision } ist leer oder fehlt: Das Backend weiss nicht, welche Datenbank es nehmen soll, und seine Tasks scheitern.
    .short = DB_HOST leer
problem-db-host-empty-fix = { $Enter }, oder: ECS → Task definitions → { $family } → Create new revision → Container { $container } → Environment variables → DB_HOST = { $endpoint } → Create, dann { $service } darauf umstellen.
problem-db-host-elsewhere = DB_HOST ist { $host }: Das ist kein Endpunkt dieses Labs, das Backend erreicht { $restored } also nicht.
    .short = DB_HOST unbekannt
problem-db-host-elsewhere-fix = Kopiere den Endpunkt aus RDS → Databases → { $restored } → Connectivity & security ({ $endpoint }) in DB_HOST einer neuen Revision von { $family } (Container { $container }) und stelle { $service } darauf um. Oder { $enter }.
problem-db-host-scheme = DB_HOST ist { $host }: der Endpunkt mit { $scheme } davor. DB_HOST nimmt nur den Hostnamen; den Rest ergänzt das Backend selbst, so kommen die Tasks nicht durch.
    .short = DB_HOST mit { $scheme }
problem-db-host-scheme-fix = Setze DB_HOST genau auf { $endpoint }: { $Enter }, oder ECS → Task definitions → { $family } → Create new revision → Container { $container } → DB_HOST → Create, dann { $service } darauf umstellen.
problem-db-host-port = DB_HOST ist { $host }: der Endpunkt mit dem Port :{ $port }. Der Port gehört nicht in DB_HOST (das Backend nimmt 3306 selbst), so kommen die Tasks nicht durch.
    .short = Port in DB_HOST
problem-db-host-port-fix = Setze DB_HOST genau auf { $endpoint }, ohne :{ $port }: { $Enter }, oder ECS → Task definitions → { $family } → Create new revision → Container { $container } → DB_HOST → Create, dann { $service } darauf umstellen.
problem-db-host-spaces = DB_HOST ist { $host }: der Endpunkt mit Leerzeichen davor, danach oder darin, wie sie beim Kopieren aus der Konsole oft mitkommen. Das Backend sucht den Namen so, wie er ist, und findet nichts.
    .short = Leerzeichen in DB_HOST
problem-db-host-spaces-fix = Setze DB_HOST genau auf { $endpoint }, ohne Leerzeichen: { $Enter }, oder ECS → Task definitions → { $family } → Create new revision → Container { $container } → DB_HOST → Create, dann { $service } darauf umstellen.
problem-db-host-trailing-dot = DB_HOST ist { $host }: der Endpunkt mit einem Punkt am Ende. Manche Datenbanktreiber nehmen ihn so nicht an.
    .short = DB_HOST endet mit Punkt
problem-db-host-trailing-dot-fix = Setze DB_HOST genau auf { $endpoint }: { $Enter }, oder ECS → Task definitions → { $family } → Create new revision → Container { $container } → DB_HOST → Create, dann { $service } darauf umstellen.
problem-db-host-case = DB_HOST ist { $host }: der Endpunkt mit anderer Gross- und Kleinschreibung. DNS stört das nicht, aber backup-lab kann es nicht von einem Tippfehler unterscheiden.
    .short = DB_HOST anders geschrieben
problem-db-host-case-fix = Setze DB_HOST genau auf { $endpoint }, wie die Konsole ihn zeigt: { $Enter }, oder erstelle eine neue Revision von { $family } und stelle { $service } darauf um.
problem-db-host-snapshot-name = DB_HOST ist { $host }: Das ist der Name des Snapshots. Ein Snapshot ist keine Datenbank und hat keinen Endpunkt; die wiederhergestellte Instanz ist { $restored }.
    .short = DB_HOST ist der Snapshot
problem-db-host-snapshot-name-fix = Kopiere den Endpunkt von { $restored } (RDS → Databases → { $restored } → Connectivity & security: { $endpoint }) in DB_HOST einer neuen Revision von { $family } und stelle { $service } darauf um. Oder { $enter }.
problem-db-host-arn = DB_HOST ist { $host }: ein ARN, der Name der Ressource bei AWS. Das Backend braucht die Netzwerkadresse, den Endpunkt.
    .short = DB_HOST ist ein ARN
problem-db-host-arn-fix = Kopiere stattdessen den Endpunkt (RDS → Databases → { $restored } → Connectivity & security: { $endpoint }) in DB_HOST einer neuen Revision von { $family } und stelle { $service } darauf um. Oder { $enter }.
problem-db-host-identifier = DB_HOST ist { $host }: der DB instance identifier { $identifier }, nicht sein Endpunkt. Einen Identifier findet das Backend im Netz nicht.
    .short = DB_HOST ist der Identifier
problem-db-host-identifier-fix = Kopiere den Endpunkt (RDS → Databases → { $restored } → Connectivity & security: { $endpoint }) in DB_HOST einer neuen Revision von { $family } und stelle { $service } darauf um. Oder { $enter }.
problem-db-host-other-instance = DB_HOST ist { $host }: der Endpunkt von { $instance }, nicht von { $restored }. Die App zeigt die Daten jener Datenbank.
    .short = DB_HOST zeigt auf { $instance }
problem-db-host-other-instance-fix = Setze DB_HOST in einer neuen Revision von { $family } (Container { $container }) auf den Endpunkt von { $restored } ({ $endpoint }) und stelle { $service } darauf um. Oder { $enter }.
problem-db-host-other-variable = Revision { $revision } hat den neuen Endpunkt in { $variable }, nicht in DB_HOST. Das Backend liest nur DB_HOST und arbeitet darum noch mit der alten Datenbank.
    .short = Endpunkt in { $variable }
problem-db-host-other-variable-fix = In einer neuen Revision von { $family }, Container { $container }: Setze { $endpoint } in DB_HOST (und entferne { $variable }), dann stelle { $service } darauf um. Oder { $enter }.
problem-db-host-other-container = Revision { $revision } hat den neuen Endpunkt im Container { $other }, nicht in { $container }: Das Backend läuft in { $container } und arbeitet noch mit der alten Datenbank.
    .short = Endpunkt im Container { $other }
problem-db-host-other-container-fix = Setze in einer neuen Revision von { $family } DB_HOST im Container { $container } auf { $endpoint } (und mach die Änderung in { $other } rückgängig), dann stelle { $service } darauf um. Oder { $enter }.
problem-snapshot-other-instance = { $snapshot } ist ein Snapshot von { $other }, nicht von { $instance }: Vor «Take snapshot» wurde die falsche Datenbank gewählt. Ein Restore daraus bringt deine ToDos nicht zurück, und der Name ist besetzt.
    .short = Snapshot von { $other }
problem-snapshot-other-instance-fix = Lösche ihn (RDS → Snapshots → { $snapshot } → Actions → Delete snapshot) und erstelle ihn nochmals von der richtigen Datenbank: RDS → Databases → { $instance } → Actions → Take snapshot → Name { $snapshot }.

# A value shown exactly as typed, in quotation marks.
quoted = «{ $value }»

# Was Enter in einer Behebung macht: auf dem Bildschirm die Taste, auf der Befehlszeile der Befehl.
enter-key-start = Drücke Enter
enter-key = drücke Enter
enter-cli-start = Führe «backup-lab run { $step }» aus
enter-cli = führe «backup-lab run { $step }» aus

## --at: eine Vorführung mittendrin beginnen
invalid-at-needs-sim = --at gilt nur für die Simulation: Ergänze --sim
invalid-at-tui-only = --at bereitet eine neue Welt für die Oberfläche vor: ohne Befehl und ohne --read-only verwenden
invalid-at-step = unbekannter Schritt «{ $step }»; Schritte: { $steps }
scene-preparing = Neue Welt: Die Schritte vor «{ $step }» werden erledigt …
scene-failed = Die Welt liess sich nicht bis zu diesem Schritt vorbereiten; die Meldungen darüber sagen, woran es lag.
## Kommandozeile: die Hilfe von backup-lab --help (Vervollständigungen und Manpages bleiben englisch)

cli-about = Geführtes Lab Backup & Recovery: RDS-Snapshot, Restore, Umstellung in ECS, RPO und RTO
cli-usage = Aufruf:
cli-heading-commands = Befehle
cli-heading-options = Optionen
cli-heading-arguments = Argumente
cli-value-command = BEFEHL
cli-arg-help = Hilfe zeigen
cli-arg-version = Version zeigen
cli-arg-sim = Das simulierte AWS-Konto verwenden (Demo, keine Zugangsdaten nötig).
cli-arg-speed = In der Simulation arbeitet AWS N-mal schneller, 1 bis 300 (Standard 15: ein Restore dauert etwa eine Minute); sonst läuft die Uhr in Echtzeit.
cli-arg-lang = Sprache aller Texte: de oder en, auch als de-CH, de_DE, en-US … (Standard: aus LC_ALL/LANG, sonst en).
cli-arg-config = Namen und Einstellungen (TOML), siehe README.
cli-arg-profile = AWS-Profil (sonst AWS_PROFILE oder die übliche Suche nach Zugangsdaten).
cli-arg-region = AWS-Region (sonst AWS_REGION oder das Profil); der Kurs verwendet us-east-1.
cli-arg-app_url = Basis-URL der ToDo-App (sonst der DNS-Name des Load Balancers).
cli-arg-name = Dein Name; er steht oben im Bericht, den du abgibst (sonst learner in der Konfiguration).
cli-arg-json = Maschinenlesbare Ausgabe (status, check, run, report).
cli-arg-yes = Ohne Rückfrage ausführen (run).
cli-arg-state_dir = Wo Journal, Logs und die simulierte Welt liegen (sonst $BACKUP_LAB_STATE_DIR oder das XDG-Verzeichnis für Zustände).
cli-arg-reset = Mit einer frischen simulierten Welt beginnen.
cli-arg-present = Beamer-Modus: grosse Schrift, hoher Kontrast, kein Ereignisprotokoll.
cli-arg-theme = Farbschema: dark oder light.
cli-arg-read_only = Nur beobachten und prüfen, nie etwas ändern.
cli-arg-faults = Fehler in AWS-Aufrufe einbauen, z. B. throttle:0.2 oder CreateDBSnapshot=timeout@1.
cli-arg-rpo_target = RPO-Ziel in Minuten (Standard 60), an dem der Durchgang gemessen wird.
cli-arg-rto_target = RTO-Ziel in Minuten (Standard 30).
cli-arg-window = Backup-Fenster in Lokalzeit (hh:mm-hh:mm), statt des Fensters aus der Konfiguration.
cli-arg-at = Nur Simulation: eine Vorführung bei STEP beginnen (z. B. restore), in einer neuen Welt, in der jeder Schritt davor erledigt ist.
cli-cmd-status = Den beobachteten Zustand des Kontos zeigen.
cli-cmd-check = Jeden Schritt prüfen; Exit-Code 0, wenn das Lab fertig ist (alle Schritte bis «ToDos überprüfen»).
cli-cmd-run = Aktionen von Schritten ausführen und auf sie warten: run snapshot restore, run --all.
cli-cmd-report = Den letzten Durchgang beschreiben: Schritte, RPO/RTO, Aufrufe, was noch übrig ist.
cli-cmd-completions = Vervollständigungen für die Shell ausgeben: backup-lab completions bash > ~/.local/share/bash-completion/completions/backup-lab
cli-cmd-man = Die Manpage (roff) ausgeben oder die Seiten des Programms und jedes Befehls in ein Verzeichnis schreiben.
cli-cmd-help = Die Hilfe zu einem Befehl zeigen.
cli-help-arg-subcommand = Der Befehl, zu dem die Hilfe gezeigt wird.
cli-run-arg-steps = IDs der Schritte, die ausgeführt werden, in dieser Reihenfolge.
cli-run-arg-all = Jede Aktion bis verify (ohne Aufräumen).
cli-run-arg-keep_restored = Beim Aufräumen die wiederhergestellte Datenbank behalten und nur den Snapshot löschen.
cli-run-arg-restore_again = Unter dem Namen des Labs wiederherstellen, auch wenn es eine unter anderem Namen wiederhergestellte Instanz gibt (statt anzubieten, diese zu verwenden).
cli-run-arg-copy_back = Beim Aufräumen die wiederhergestellten ToDos in die ursprüngliche Datenbank zurückkopieren (Dump & Restore, ein einmaliger Fargate-Task), das Backend auf sie zurückstellen und dann die wiederhergestellte Instanz und den Snapshot löschen. Ohne diese Option und ohne --keep-restored kehrt das Aufräumen zur ursprünglichen Datenbank zurück, so wie sie ist.
cli-run-arg-wait = Wenn die App oder ein anderer Lauf das Zustandsverzeichnis hält: warten, bis es frei ist.
cli-run-arg-restore_time = Bonus-Schritt Point-in-Time-Restore (pitr): auf diesen Zeitpunkt wiederherstellen statt auf den, den das Journal nennt: HH:MM:SS in deiner Lokalzeit (heute; gestern, wenn sie noch bevorsteht) oder eine Zeit nach RFC 3339.
cli-report-arg-format = Format des Berichts: md (Markdown, Standard; mit --json json) oder json.
cli-completions-arg-shell = Die Shell, für die vervollständigt wird: bash, elvish, fish, powershell oder zsh.
cli-man-arg-dir = backup-lab.1 und backup-lab-<Befehl>.1 in dieses Verzeichnis schreiben, z. B. ~/.local/share/man/man1.
