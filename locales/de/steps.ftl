# backup-lab: Schritt-Texte für Lernende (Deutsch, Schweizer Rechtschreibung: ss statt Eszett).
# Jede Schritt-Nachricht erhält diese Variablen:
#   $instance  $snapshot  $restored  $pitr  $cluster  $service
#   $family  $container  $lb  $retention  $window (in Lokalzeit)

## Bild: inkrementelle Snapshots (neben dem Schritt protection)

picture-title = Inkrementelle Snapshots
picture-volume = Volume
picture-snap = Snapshot { $n }
picture-new-block = geänderter Block
picture-ref-block = Verweis
picture-caption = Snapshot 2 speichert nur die Blöcke, die sich seit Snapshot 1 geändert haben, und verweist für den Rest auf Snapshot 1.

## Schritt concepts: Backup, Restore, RPO und RTO

step-concepts-title = Backup, Restore, RPO, RTO
step-concepts-short = Grundlagen
step-concepts-now = Lies, was Backup, Restore, RPO und RTO bedeuten; das Handy-Beispiel unten macht es greifbar.
step-concepts-body =
    Ein Backup ist eine Kopie deiner Daten an einem anderen Ort: Geht das Original verloren,
    bleibt dir ein Stand, auf den du zurückgreifen kannst. Mit einem Restore
    (Wiederherstellung) holst du diesen Stand aus dem Backup zurück und machst ihn wieder
    nutzbar.
    Zwei Ziele legen fest, wie gut dich eine Backup-Strategie schützen muss:
    • RPO (Recovery Point Objective): wie viele Daten du höchstens verlieren darfst,
    ausgedrückt als Zeitspanne; zwischen zwei Backups darf darum nie mehr Zeit vergehen als
    der RPO.
    • RTO (Recovery Time Objective): wie lange das System höchstens ausfallen darf, bis es
    wieder läuft.
    Was du bei einem Ausfall tatsächlich erreichst, misst du: Der erreichte RPO ist die Zeit
    vom letzten Wiederherstellungspunkt (dem letzten nutzbaren Backup) bis zum Ausfall, der
    erreichte RTO die Zeit vom Ausfall, bis alles wieder läuft.
    Ein Beispiel aus dem Alltag: Dein Handy fällt herunter und startet nicht mehr. Ohne
    Backup sind deine Fotos und Chats weg. Lief das letzte Backup vor einer Woche, fehlt dir
    eine Woche an Fotos – das ist dein erreichter RPO. Und wie lange hältst du es ohne Handy
    aus, bis das neue eingerichtet ist? Das ist dein RTO.
    Je kleiner der RPO und der RTO sein müssen, desto öfter musst du sichern und desto
    schneller wiederherstellen – und beides kostet Geld.
    In diesem Lab schützt du die ToDo-Datenbank auf { $instance }: Du erstellst einen
    Snapshot, löst eine kleine «Katastrophe» aus und holst die Daten zurück.

## Schritt protection: Datensicherung bei AWS

step-protection-title = Datensicherung bei AWS
step-protection-short = AWS-Backups
step-protection-now = Lies, welche Backup-Funktionen AWS bietet; das Bild zeigt, warum inkrementelle Snapshots Speicher sparen.
step-protection-body =
    AWS bietet je nach Dienst eigene Backup-Funktionen. Bei Amazon RDS kannst du Snapshots
    einer DB-Instanz erstellen, und diese sind inkrementell: Wie das Bild zeigt, enthält
    der erste Snapshot alle Blöcke des Volumes; jeder weitere speichert nur die Blöcke, die
    sich seither geändert haben, und verweist auf die unveränderten. So wird nichts doppelt
    abgelegt, was Speicherkosten spart, und trotzdem lässt sich jeder Snapshot für sich
    allein wiederherstellen.
    RDS kann auch automatisch sichern: jeden Tag ein Backup zu einer Zeit deiner
    Wahl, dazu laufend die Transaktionslogs, aufbewahrt 1 bis 35 Tage. Das richtest du
    direkt in der RDS-Konsole ein. Auch andere Dienste bieten Backups an, etwa Amazon EC2
    (virtuelle Maschinen), Amazon FSx for Windows File Server (SMB-Freigaben) und Amazon EFS
    (NFS-Freigaben).
    AWS Backup verwaltet solche Backups zentral:
    • In einem Backup-Plan legst du Zeitplan, Aufbewahrung und Kopien einmal fest, und er
    gilt für viele Dienste.
    • Die Backups vieler Konten verwaltest du an einem Ort; abgelegt werden sie in Backup
    Vaults.
    • Berichte zeigen dir, ob deine Vorgaben eingehalten werden.
    Dieses Lab arbeitet direkt mit RDS-Snapshots und automatischen Backups; AWS Backup
    lernst du hier nur kennen, vorgeführt wird es nicht.

## Schritt enable-backups: automatische Backups einschalten

step-enable-backups-title = Backups automatisieren
step-enable-backups-short = Auto-Backups
step-enable-backups-now = Schalte die automatischen Backups von { $instance } ein, mit einem Backup-Fenster deiner Wahl.
step-enable-backups-now-wait = { $instance } übernimmt die Änderung. Warte, bis sie wieder verfügbar ist.
step-enable-backups-enter = Fenster wählen, dann bestätigen
step-enable-backups-body =
    Zu Beginn sind die automatischen Backups von { $instance } ausgeschaltet (Backup
    retention period = 0). Du setzt die Aufbewahrung auf { $retention ->
        [one] 1 Tag
       *[other] { $retention } Tage
    } und wählst ein Backup-Fenster.
    • RDS sichert die Instanz dann jeden Tag in diesem Fenster, bewahrt jedes Backup
    { $retention ->
        [one] 1 Tag
       *[other] { $retention } Tage
    } auf und speichert laufend die Transaktionslogs: Das ermöglicht einen
    Point-in-Time-Restore (Bonus-Schritt).
    • Du wählst das Fenster in Lokalzeit (vorgeschlagen: { $window }); backup-lab rechnet es
    in UTC um, denn RDS speichert es in UTC. Weil UTC keine Sommerzeit kennt, verschiebt es
    sich in Lokalzeit um eine Stunde, wenn die Sommerzeit beginnt oder endet. Es dauert
    mindestens 30 Minuten und darf sich nicht mit dem Wartungsfenster überschneiden.
    • Wähle Apply immediately, sonst wartet die Änderung bis zum nächsten Wartungsfenster.
    • Der Wechsel von 0 auf mehr als 0 macht die Instanz kurz unerreichbar und startet sofort
    ein erstes Backup: Der Status zeigt modifying und backing-up, bis sie wieder available ist.
    Dieses erste Backup entsteht vor deinen ToDos, und bis zum nächsten können Stunden
    vergehen. Für den Restore erstellst du darum gleich einen manuellen Snapshot.
step-enable-backups-console =
    1. Öffne Services → RDS.
    2. Klicke im Menü links auf Databases.
    3. Wähle { $instance } aus und klicke auf Modify.
    4. Setze unter Additional configuration die Backup retention period auf
    { $retention ->
        [one] 1 Tag
       *[other] { $retention } Tage
    }.
    5. Lege unter Backup window das Fenster fest: Startzeit und Dauer in UTC (dein
    Fenster { $window } in Lokalzeit, umgerechnet in UTC, mindestens 30 Minuten).
    6. Klicke auf Continue.
    7. Wähle in der Übersicht Apply immediately.
    8. Bestätige mit Modify DB instance.
    9. Warte, bis der Status von { $instance } wieder Available ist.

## Schritt create-todos: Testdaten erfassen

step-create-todos-title = 5 ToDos erfassen
step-create-todos-short = Neue ToDos
step-create-todos-now = Erfasse 5 ToDos in der ToDo-App: Das sind die Daten, die du schützen wirst.
step-create-todos-enter = fehlende ToDos erfassen
step-create-todos-body =
    Vor der «Katastrophe» brauchst du Daten, deren Verlust dir auffallen würde. Erfasse in
    deiner ToDo-App 5 ToDos, am besten mit Titeln, die du später leicht wiedererkennst.
    Die App läuft hinter dem Load Balancer { $lb }: Anfragen an /api/* gehen an den
    Backend-Service { $service }, der jedes ToDo in die MySQL-Datenbank todo auf
    { $instance } schreibt. Die 5 ToDos landen also genau in der Instanz, die du gleich
    sicherst.
    Merke sie dir: Am Ende des Labs sollen genau diese 5 ToDos wieder auftauchen.
step-create-todos-console-heading = In der AWS-Konsole und im Browser
step-create-todos-console-enter = Enter zeigt zuerst die genauen Parameter und die curl-Befehle an die ToDo-App; erst wenn du bestätigst, passiert etwas.
step-create-todos-console =
    1. Öffne Services → EC2.
    2. Klicke im Menü links unter Load Balancing auf Load Balancers.
    3. Wähle { $lb } aus und kopiere seinen DNS-Namen (Feld DNS name).
    4. Öffne http://<DNS-Name> im Browser (dieselbe URL wie beim Test der
    ToDo-App).
    5. Erfasse 5 ToDos, zum Beispiel «ToDo 1» bis «ToDo 5».
    6. Lade die Seite neu und prüfe, ob alle 5 ToDos angezeigt werden.

## Schritt snapshot: manuellen Snapshot erstellen

step-snapshot-title = Manuellen Snapshot erstellen
step-snapshot-short = Snapshot
step-snapshot-now = Erstelle den manuellen Snapshot { $snapshot } von { $instance }: deinen benannten Wiederherstellungspunkt.
step-snapshot-now-wait = { $snapshot } wird erstellt. Warte, bis er verfügbar ist; erst dann kommt die Katastrophe.
step-snapshot-enter = Snapshot erstellen
step-snapshot-body =
    Jetzt hältst du den Stand von { $instance } samt deinen 5 ToDos im manuellen
    DB-Snapshot { $snapshot } fest.
    Warum von Hand? Das erste automatische Backup entstand beim Einschalten, also vor deinen
    ToDos, und das nächste folgt erst im Backup-Fenster. Vor allem willst du einen
    benannten Wiederherstellungspunkt, den du gezielt zurückspielen kannst. Ein manueller
    Snapshot entsteht sofort und bleibt, anders als automatische Backups, bis du ihn
    löschst, unabhängig von der Aufbewahrungsdauer.
    • Die Instanz muss den Status Available haben; steht sie noch auf modifying oder
    backing-up, warte kurz.
    • Solange der Status Creating lautet, ist der Fortschritt in Prozent nur eine Schätzung;
    die Dauer hängt von der Datenmenge ab. backup-lab zeigt dir die verstrichene Zeit.
    Spielst du den Snapshot zurück, verlierst du alles, was danach geschrieben wurde: Sein
    erreichter RPO ist die Zeit seit seiner Erstellung. (Das Kapitel nennt den Schritt
    «Point in time Backup»; ein Snapshot hält aber einen festen Moment fest. Einen echten
    Point-in-Time-Restore ermöglichen erst die automatischen Backups, siehe Bonus-Schritt.)
step-snapshot-console =
    1. Öffne Services → RDS.
    2. Klicke im Menü links auf Databases.
    3. Wähle { $instance } aus und klicke auf Actions → Take snapshot.
    4. Gib unter Snapshot name { $snapshot } ein.
    5. Klicke auf Take snapshot.
    6. Klicke im Menü links auf Snapshots und beobachte den Status von { $snapshot }.
    7. Warte, bis der Status Available ist.

## Schritt delete-todos: die Katastrophe

step-delete-todos-title = Alle ToDos löschen
step-delete-todos-short = Katastrophe
step-delete-todos-now = Lösche alle ToDos: Das ist die Katastrophe, von der du dich danach erholst.
step-delete-todos-enter = alle ToDos löschen
step-delete-todos-body =
    Zeit für die «Katastrophe»: Du löschst alle ToDos, als hätte ein fehlerhaftes Release
    oder ein falscher Klick die Tabelle geleert. Die Einträge verschwinden sofort aus
    { $instance }, und die App kennt kein Rückgängig.
    Stelle vorher sicher, dass { $snapshot } verfügbar ist: Vor dem Löschen erstellt,
    enthält er deine 5 ToDos. Auch die automatischen Backups halten das Löschen fest; ein
    Point-in-Time-Restore auf einen Moment kurz davor brächte die ToDos ebenfalls zurück.
    Was nach dem Snapshot geschrieben wird, ginge bei seinem Restore verloren – das ist
    der RPO in der Praxis. Hier geht nichts verloren, solange sich zwischen Snapshot und
    Löschen nichts ändert.
step-delete-todos-console-heading = Im Browser
step-delete-todos-console-enter = Enter zeigt zuerst die genauen Parameter und die curl-Befehle an die ToDo-App; erst wenn du bestätigst, passiert etwas.
step-delete-todos-console =
    1. Öffne deine ToDo-App im Browser (http://<DNS-Name von { $lb }>).
    2. Lösche die ToDos eines nach dem anderen, bis die Liste leer ist.
    3. Lade die Seite neu und prüfe, dass kein ToDo mehr übrig ist.

## Schritt restore: Snapshot in eine neue Instanz wiederherstellen

step-restore-title = Snapshot wiederherstellen
step-restore-short = Restore
step-restore-now = Stelle { $snapshot } in die neue Instanz { $restored } wieder her. Die RTO-Uhr läuft.
step-restore-now-wait = RDS erstellt { $restored }. Das dauert eine Weile; der Status zeigt, wie weit es ist.
step-restore-enter = Snapshot wiederherstellen
step-restore-body =
    Du stellst { $snapshot } in die neue DB-Instanz { $restored } wieder her. Ein Restore
    überschreibt nie eine bestehende Instanz, auch nicht { $instance }: RDS erstellt immer
    eine NEUE Instanz mit einem NEUEN Endpunkt.
    • Multi-AZ DB instance wie beim Original; ohne diese Wahl wäre der Restore Single-AZ.
    • Sicherheitsgruppe Workshop-RDS-SG statt default: Ohne Angabe hängt RDS die Gruppe
    default der VPC an, und die lässt das Backend nicht durch. backup-lab übernimmt die
    Sicherheitsgruppen und die Subnetzgruppe von { $instance }.
    • Klasse db.t3.micro; alles andere so, wie die Konsole es vorschlägt.
    Der Restore dauert etwa 10 bis 40 Minuten (creating, backing-up, modifying, available);
    einen Endpunkt hat die Instanz erst, wenn ihr Status creating verlässt.
    Kosten: RDS verrechnet die Instanz sekundengenau ab ihrer Erstellung, auch während
    backing-up und modifying, mindestens 10 Minuten. Multi-AZ kostet etwa das Doppelte,
    auch beim Speicher: Die 100 GiB werden zweimal verrechnet. Läuft { $instance } in RDS
    Extended Support, zahlt auch die neue Instanz dessen Zuschlag pro vCPU und Stunde.
    Danach nutzt du { $restored } als neue Datenbank (nächster Schritt) oder kopierst die
    Daten per Dump & Restore zurück: mysqldump exportiert die Datenbank todo aus
    { $restored }, und der Import überschreibt die Tabellen in { $instance } samt allem, was
    dort seit dem Snapshot dazugekommen ist.
step-restore-console =
    1. Öffne Services → RDS.
    2. Klicke im Menü links auf Databases und danach auf { $instance }.
    3. Wähle im Tab Maintenance & backup unter Snapshots { $snapshot } aus und klicke auf
    Restore.
    4. Wähle unter Availability and durability die Option Multi-AZ DB instance.
    5. Gib unter Settings bei DB instance identifier { $restored } ein.
    6. Wähle unter VPC security group Workshop-RDS-SG und entferne die Gruppe default.
    7. Wechsle unter DB instance class zu Burstable classes (includes t classes) und wähle
    db.t3.micro.
    8. Lass alle übrigen Einstellungen unverändert.
    9. Klicke auf Restore DB instance.
    10. Warte unter Databases, bis { $restored } den Status Available zeigt.

## Schritt switch-backend: Backend auf die wiederhergestellte Instanz umstellen

step-switch-backend-title = Backend umstellen
step-switch-backend-short = Umstellen
step-switch-backend-now = Stelle das Backend auf { $restored } um: neue Revision von { $family }, dann { $service } aktualisieren.
step-switch-backend-now-wait = ECS verteilt die neue Revision: Neue Tasks starten, alte stoppen. Warte, bis nur noch die neuen laufen.
step-switch-backend-enter = Backend umstellen
step-switch-backend-body =
    Das Backend nutzt noch { $instance }, wo keine ToDos mehr sind. Welche Datenbank es
    nutzt, steht in der Umgebungsvariable DB_HOST der Task Definition { $family }: DB_HOST
    muss den Endpunkt von { $restored } bekommen, und den hat die Instanz, sobald ihr Status
    creating verlässt.
    Eine Task Definition kannst du nicht bearbeiten, nur eine neue Revision erstellen:
    Image, Rollen, CPU, Arbeitsspeicher und die übrigen Variablen bleiben, nur DB_HOST
    ändert sich. (Dort steht auch DB_PASSWORD im Klartext; in echten Projekten gehört ein
    Passwort in AWS Secrets Manager oder einen ähnlichen Dienst.)
    Dann stellst du { $service } in { $cluster } auf die neue Revision um. ECS startet 2 neue
    Tasks und stoppt die alten erst, wenn die neuen laufen: Eine Weile laufen bis zu 4 Tasks
    (2 alte, 2 neue). Das neue Deployment ist PRIMARY, das alte bleibt ACTIVE, bis keine
    Tasks mehr darauf laufen. Fertig ist der Rollout, wenn nur noch ein Deployment mit 2
    Tasks übrig ist.
step-switch-backend-console =
    1. Öffne Services → RDS → Databases und klicke auf { $restored }.
    2. Kopiere im Tab Connectivity & security den Endpunkt (Feld Endpoint).
    3. Öffne Services → ECS.
    4. Klicke im Menü links auf Task definitions und wähle { $family }.
    5. Wähle die neueste Revision aus und klicke auf Create new revision.
    6. Ersetze im Container { $container } unter Environment variables den Wert von DB_HOST
    durch den kopierten Endpunkt.
    7. Klicke auf Create. Die neue Revision weist ECS an, die neue Datenbank zu nutzen.
    8. Klicke im Menü links auf Clusters und wähle { $cluster }.
    9. Wähle unter Services { $service } aus und klicke auf Update.
    10. Wähle unter Revision die neueste Revision von { $family }.
    11. Lass alle anderen Einstellungen unverändert und klicke auf Update.
    12. Beobachte im Tab Tasks, wie zeitweise bis zu 4 Tasks laufen, bis nur noch die 2
    neuen übrig sind.

## Schritt verify: prüfen, ob die ToDos zurück sind

step-verify-title = ToDos überprüfen
step-verify-short = ToDos prüfen
step-verify-now = Öffne die App und prüfe, ob deine 5 ToDos zurück sind.
step-verify-enter = ToDos zeigen und im Browser bestätigen
step-verify-now-look = Die App liefert deine ToDos wieder. Prüfe, ob du sie auch in deinem Browser siehst, und bestätige es dann.
step-verify-body =
    Jetzt prüfst du, ob die Wiederherstellung geklappt hat. Öffne die ToDo-App: Die 5 ToDos
    von vor dem Snapshot sollten wieder da sein, weil das Backend jetzt aus { $restored } liest.
    Ist die Liste noch leer, ist der Rollout wohl noch nicht fertig: Solange alte Tasks
    laufen, schickt { $lb } einen Teil der Anfragen an sie, und sie lesen noch aus
    { $instance }. Warte, bis nur noch die neuen Tasks laufen, und lade die Seite neu.
    Die API liefert dasselbe: GET /api/v1/todos gibt die Liste als JSON zurück.
    Die in { $instance } verlorenen Daten sind zurück. Die Zeit von der «Katastrophe» bis
    jetzt ist der RTO, den du in diesem Lab erreicht hast.
step-verify-console-heading = In der AWS-Konsole und im Browser
step-verify-console-enter = Enter zeigt, welche ToDos die App liefert, mit dem curl-Befehl dazu; dann bestätigst du, dass du sie auch im Browser siehst.
step-verify-console =
    1. Öffne Services → EC2 → Load Balancers und kopiere den DNS-Namen
    von { $lb } (Feld DNS name).
    2. Öffne http://<DNS-Name> im Browser und lade die Seite neu.
    3. Prüfe, ob deine 5 ToDos wieder angezeigt werden.
    4. Optional: Öffne http://<DNS-Name>/api/v1/todos, um dieselbe Liste als JSON zu sehen.

## Schritt pitr: Bonus, Point-in-Time-Restore

step-pitr-title = Point-in-Time-Restore
step-pitr-short = Bonus: PITR
step-pitr-now = Stelle { $instance } auf einen Moment kurz vor der Katastrophe in { $pitr } wieder her.
step-pitr-now-wait = RDS erstellt { $pitr }. Der Status zeigt, wie weit es ist.
step-pitr-enter = Point-in-Time-Restore starten
step-pitr-body =
    Seit du die automatischen Backups eingeschaltet hast, überträgt RDS die Transaktionslogs
    von { $instance } etwa alle 5 Minuten. Du kannst auf jede Sekunde der Aufbewahrungsdauer
    zurückgehen, bis zum letzten wiederherstellbaren Zeitpunkt (in der Konsole Latest
    restorable time), und der liegt meist weniger als 5 Minuten zurück: ein RPO von etwa
    5 Minuten, bei { $snapshot } dagegen die Zeit seit dem Snapshot.
    Du stellst { $instance } auf einen Moment kurz vor dem Löschen der ToDos wieder her; das
    Journal von backup-lab hat vermerkt, wann das war. Jede spätere Sekunde brächte die
    leere Liste zurück. Auch hier entsteht eine NEUE Instanz { $pitr } mit einem NEUEN
    Endpunkt, nichts wird überschrieben, und das Backend nutzt weiterhin { $restored }.
    Danach siehst du beide erreichten RPO nebeneinander: Mit dem Snapshot ging alles seit
    seiner Erstellung verloren, mit dem Point-in-Time-Restore nur die letzte Minute. Liegt
    das Löschen nach dem letzten wiederherstellbaren Zeitpunkt, warte ein paar Minuten, bis
    die Logs da sind.
    { $pitr } kostet wie jede Instanz: sekundengenau ab ihrer Erstellung, mindestens
    10 Minuten, dazu ihr eigener Speicher. Der Schritt «Aufräumen» löscht sie wieder.
step-pitr-console =
    1. Öffne Services → RDS → Databases und wähle { $instance } aus.
    2. Klicke auf Actions → Restore to point in time.
    3. Wähle unter Restore time die Option Custom date and time und gib einen Moment eine
    Minute vor dem Löschen der ToDos ein (die Prüfung dieses Schritts zeigt ihn in deiner
    Lokalzeit).
    4. Gib unter Settings bei DB instance identifier { $pitr } ein.
    5. Wähle unter Availability and durability Single DB instance: Dieser Test braucht
    keine Hochverfügbarkeit, und eine einzelne Instanz kostet etwa die Hälfte.
    6. Wähle unter VPC security group Workshop-RDS-SG und entferne die Gruppe default.
    7. Wechsle unter DB instance class zu Burstable classes (includes t classes) und wähle
    db.t3.micro.
    8. Lass alle übrigen Einstellungen unverändert und klicke auf Restore to point in time.
    9. Warte unter Databases, bis { $pitr } den Status Available zeigt.

## Schritt summary: was du gemacht und gelernt hast

step-summary-title = Rückblick
step-summary-short = Rückblick
step-summary-now = Dein RPO und RTO im Rückblick, mit deinen Zahlen.
step-summary-body =
    Du hast den ganzen Zyklus durchgespielt, von den automatischen Backups ({ $retention ->
        [one] 1 Tag
       *[other] { $retention } Tage
    }, Fenster { $window } Lokalzeit) bis zu den 5 ToDos, die { $service } aus
    { $restored } wieder lieferte. Ein Restore erstellt immer eine neue Instanz mit neuem Endpunkt:
    Du stellst die Anwendung um oder kopierst die Daten zurück.
    Multi-AZ und Lesereplikate verkürzen den RTO, wenn eine Instanz oder eine Availability
    Zone ausfällt. Vor gelöschten Daten schützen sie nicht: Sie übernehmen das Löschen
    sofort; dagegen hilft nur ein Backup von vorher.

## Schritt cleanup: entfernen, was das Lab erstellt hat

step-cleanup-title = Aufräumen
step-cleanup-short = Aufräumen
step-cleanup-now = Wähle, welche Datenbank bleibt, und entferne dann, was das Lab erstellt hat, damit nichts weiter kostet.
step-cleanup-now-wait = Das Aufräumen läuft. Warte, bis alles weg ist, was es entfernt.
step-cleanup-enter = wählen und aufräumen
step-cleanup-body =
    Snapshots und DB-Instanzen kosten Geld, auch ungenutzt, und dein Budget im Learner Lab
    ist klein. Lösche den manuellen Snapshot { $snapshot } (manuelle Snapshots bleiben, bis
    du sie löschst) und nach dem Bonus-Schritt { $pitr } ohne Final Snapshot. Dann
    entscheidest du, welche Datenbank bleibt:
    • { $restored } behalten: Das Backend nutzt sie schon, aber dann kosten zwei
    Multi-AZ-Instanzen laufend Geld, { $instance } und { $restored }.
    • Zurück zu { $instance }: Stelle zuerst { $service } auf die ursprüngliche Revision von
    { $family } zurück und warte den Rollout ab; dann deregistrierst du die neue Revision
    und löschst { $restored } ohne Final Snapshot. Die wiederhergestellten ToDos sind dann weg.
    • Dump & Restore, dann zurück: Ein einmaliger Task liest { $restored } mit mysqldump aus
    und schreibt das Ergebnis mit mysql in { $instance }; dort ersetzt es die ToDo-Tabellen,
    und was nach der Katastrophe in { $instance } geschrieben wurde, geht verloren. Kopiere,
    bevor du das Backend zurückstellst.
    Behalten geht schnell, doch dann muss jede Konfiguration, die die Datenbank nennt, den
    neuen Endpunkt bekommen. Dump & Restore dauert länger (eine Kopie mehr, je grösser die
    Datenbank, desto länger), behält aber den ursprünglichen Endpunkt, seine Einstellungen
    und alles, was darauf zeigt.
    Die Reihenfolge zählt: Löschst du { $restored }, solange das Backend darauf zeigt,
    funktioniert die App nicht mehr.
    Die automatischen Backups von { $instance } dürfen eingeschaltet bleiben: Jedes läuft
    nach { $retention ->
        [one] 1 Tag
       *[other] { $retention } Tagen
    } ab, und Backup-Speicher bis zur Grösse des gesamten Speichers
    deiner Instanzen in der Region ist gratis.
step-cleanup-console =
    1. Öffne Services → RDS und klicke im Menü links auf Snapshots.
    2. Wähle im Tab Manual { $snapshot } aus.
    3. Klicke auf Actions → Delete snapshot und bestätige mit Delete.
    4. Nur nach dem Bonus-Schritt: Wähle unter Databases { $pitr }, klicke auf Actions →
    Delete, entferne die Haken bei Create final snapshot und Retain automated backups,
    bestätige den Hinweis, tippe delete me ein und klicke auf Delete.
    5. Nur für die Rückkehr zu { $instance }: Öffne Services → ECS → Clusters → { $cluster },
    wähle { $service } aus und klicke auf Update.
    6. Wähle unter Revision die ursprüngliche Revision von { $family } (die vor deiner) und
    klicke auf Update; warte, bis nur noch die 2 Tasks dieser Revision laufen.
    7. Wähle unter Task definitions → { $family } deine neue Revision und klicke auf
    Actions → Deregister.
    8. Öffne Services → RDS → Databases, wähle { $restored } und klicke auf Actions → Delete.
    9. Entferne die Haken bei Create final snapshot und Retain automated backups, bestätige
    den Hinweis, tippe delete me ein und klicke auf Delete.
    Für Dump & Restore gibt es in der Konsole kein eigenes Formular: Es ist ein Task, der
    einmal läuft (ECS → Clusters → { $cluster } → Tasks → Run new task, mit dem Netzwerk
    von { $service }). backup-lab registriert seine Task Definition und zeigt die Zeilen
    für die AWS CLI in der Bestätigung. Kopiere die Daten vor Punkt 5 dieser Liste, also
    bevor du das Backend auf { $instance } zurückstellst.
