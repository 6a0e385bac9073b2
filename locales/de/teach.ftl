# Lernhilfen: was RPO und RTO fürs Geschäft bedeuten, und die Fragen zur Selbstkontrolle.

## Bedeutung fürs Geschäft (Rückblick und Bericht)

business-heading = Was dieser Durchgang für ein Geschäft bedeutet
business-rate = Beispiel: ein Webshop mit { $rate ->
        [one] 1 Bestellung
       *[other] { $rate } Bestellungen
    } pro Stunde, gleichmässig verteilt (deine eigene Rate: business.orders_per_hour in der Konfiguration).
business-none = Sobald du die ToDos gelöscht und zurückgeholt hast, zeigt dieser Teil, was dein RPO und dein RTO den Shop kosten würden.
business-rpo = Erreichter RPO { $rpo }: Was in dieser Zeit geschrieben wurde, ist weg, im Beispiel { $orders ->
        [0] weniger als eine Bestellung
        [one] etwa 1 Bestellung
       *[other] etwa { $orders } Bestellungen
    }, die der Shop nicht mehr kennt.
business-rpo-pitr = Mit dem Point-in-Time-Restore betrug der erreichte RPO { $rpo }, das sind { $orders ->
        [0] weniger als eine Bestellung
        [one] etwa 1 Bestellung
       *[other] etwa { $orders } Bestellungen
    }.
business-rto = Erreichter RTO { $rto }: So lange gab es keinen Umsatz; { $orders ->
        [0] weniger als eine Bestellung
        [one] etwa 1 Bestellung
       *[other] etwa { $orders } Bestellungen
    } blieben aus; manche dieser Kundinnen und Kunden kaufen nun anderswo.
business-rto-running = Der Shop ist seit { $rto } ohne Umsatz; { $orders ->
        [0] weniger als eine Bestellung
        [one] etwa 1 Bestellung
       *[other] etwa { $orders } Bestellungen
    } blieben aus.
business-rpo-missed = RPO-Ziel von { $target } verfehlt: häufiger sichern (Point-in-Time-Restore erreicht wenige Minuten) oder mit dem Geschäft ein grösseres Ziel vereinbaren.
business-rto-missed = RTO-Ziel von { $target } verfehlt: die langsamste Phase der Aufschlüsselung verkürzen (etwa ein Skript statt Klicks in der Konsole) oder ein grösseres Ziel vereinbaren; dann die Wiederherstellung üben.
business-met = Beide Ziele erreicht. Damit das so bleibt, übt ein Team den Restore regelmässig: Nur eine erprobte Wiederherstellung hat einen bekannten RTO.

## Selbstkontrolle (Fenster über dem Schritt, Taste s)

quiz-title = Selbstkontrolle · { $step }
quiz-progress = Frage { $n } von { $total }
quiz-right = Richtig.
quiz-wrong = Nicht ganz: Richtig ist { $answer }.
quiz-your-answer = deine Antwort
quiz-prompt = Selbstkontrolle: { $total ->
        [one] 1 Frage
       *[other] { $total } Fragen
    }, { $answered } beantwortet. Drücke s.
quiz-prompt-done = Selbstkontrolle: { $right } von { $total } richtig. Mit s liest du die Erklärungen nochmals.
quiz-overall = Im ganzen Lab: { $right } von { $answered } beantworteten Fragen richtig ({ $total } Fragen).
quiz-keys-answer = antworten
quiz-keys-move = vorherige / nächste Frage
quiz-keys-close = schliessen
ui-help-quiz = Fragen zur Selbstkontrolle beim Schritt
report-quiz = Selbstkontrolle
report-quiz-score = { $right } von { $answered } beantworteten Fragen richtig ({ $total } Fragen im Lab).
report-quiz-none = Keine Frage zur Selbstkontrolle beantwortet.
report-quiz-right = richtig
report-quiz-wrong = falsch (richtig: { $right })

quiz-concepts-rpo = Dein Shop hat einen RPO von 1 Stunde. Was verspricht das?
quiz-concepts-rpo-a = Ein Ausfall kostet höchstens die Daten der letzten Stunde.
quiz-concepts-rpo-b = Der Shop ist innert einer Stunde wieder online.
quiz-concepts-rpo-c = Ein Backup dauert höchstens eine Stunde.
quiz-concepts-rpo-why = Der RPO betrifft die Daten: wie weit der letzte Wiederherstellungspunkt zurückliegen darf. Wie lange es dauert, bis der Shop wieder läuft, sagt der RTO.

quiz-concepts-rto = Die wiederhergestellte Datenbank ist bereit, aber die App nutzt sie erst 10 Minuten später. Zählen diese 10 Minuten zum RTO?
quiz-concepts-rto-a = Nein: Der RTO endet, sobald die wiederhergestellte Instanz verfügbar ist.
quiz-concepts-rto-b = Ja: Der RTO endet erst, wenn die Leute wieder arbeiten können.
quiz-concepts-rto-c = Nur wenn schon der Restore das Ziel verfehlt hat.
quiz-concepts-rto-why = Der RTO misst den Ausfall so, wie ihn die Leute erleben: vom Ausfall, bis der Dienst wieder funktioniert. Das Umstellen der App gehört dazu.

quiz-concepts-interval = Ein Backup läuft alle 24 Stunden. Welchen RPO kannst du bestenfalls versprechen?
quiz-concepts-interval-a = 5 Minuten
quiz-concepts-interval-b = 1 Stunde
quiz-concepts-interval-c = 24 Stunden
quiz-concepts-interval-why = Ein Ausfall kurz vor dem nächsten Backup kostet fast das ganze Intervall. Deshalb darf die Zeit zwischen zwei Backups höchstens so lang sein wie der RPO.

quiz-protection-incremental = Du erstellst einen zweiten Snapshot einer 100-GiB-Datenbank, in der sich ein paar Zeilen geändert haben. Was speichert er?
quiz-protection-incremental-a = Nochmals alle 100 GiB.
quiz-protection-incremental-b = Nur die Blöcke, die sich seit dem ersten Snapshot geändert haben.
quiz-protection-incremental-c = Nichts Eigenes, deshalb lässt er sich ohne den ersten nicht wiederherstellen.
quiz-protection-incremental-why = RDS-Snapshots sind inkrementell: Ein späterer speichert nur geänderte Blöcke und verweist auf die übrigen. Trotzdem lässt sich jeder für sich wiederherstellen, auch wenn der ältere gelöscht ist.

quiz-protection-aws-backup = Was bringt AWS Backup zu den Backups hinzu, die RDS selbst macht?
quiz-protection-aws-backup-a = Einen Restore, der die ursprüngliche Instanz an Ort und Stelle überschreibt.
quiz-protection-aws-backup-b = Transaktionslogs, die RDS ohne AWS Backup nicht aufbewahrt.
quiz-protection-aws-backup-c = Einen Backup-Plan für viele Dienste und Konten, mit Backup Vaults und Berichten.
quiz-protection-aws-backup-why = AWS Backup verwaltet Backups zentral: Backup-Pläne, Backup Vaults und Berichte über Dienste und Konten hinweg. Ein Restore erstellt weiterhin neue Ressourcen, und RDS bewahrt seine Logs selbst auf.

quiz-backups-retention-zero = Was geschieht, wenn du die Aufbewahrung der Backups einer Instanz auf 0 Tage setzt?
quiz-backups-retention-zero-a = Die automatischen Backups hören auf, und ein Point-in-Time-Restore ist nicht mehr möglich.
quiz-backups-retention-zero-b = Die automatischen Backups bleiben für immer.
quiz-backups-retention-zero-c = Nur die manuellen Snapshots werden gelöscht.
quiz-backups-retention-zero-why = Mit Aufbewahrung 0 sind die automatischen Backups aus, und RDS entfernt die bestehenden. Manuelle Snapshots betrifft das nicht; sie bleiben, bis du sie löschst.

quiz-snapshot-later-todos = Du erstellst den Snapshot um 10:00 und erfasst um 10:05 ein weiteres ToDo. Um 10:10 werden alle ToDos gelöscht, und du stellst den Snapshot wieder her. Was ist mit dem ToDo von 10:05?
quiz-snapshot-later-todos-a = Es ist wieder da: Ein Snapshot folgt späteren Änderungen.
quiz-snapshot-later-todos-b = Es ist verloren: Der Snapshot enthält den Stand von 10:00.
quiz-snapshot-later-todos-c = Es ist wieder da, aber nur in der ursprünglichen Instanz.
quiz-snapshot-later-todos-why = Ein Snapshot hält einen einzigen Moment fest. Was danach geschrieben wurde, geht beim Restore verloren: hier 10 Minuten, dein erreichter RPO.

quiz-snapshot-kept = Wie lange bewahrt RDS einen manuellen Snapshot auf?
quiz-snapshot-kept-a = Bis du ihn löschst, auch wenn die Instanz nicht mehr existiert.
quiz-snapshot-kept-b = So lange wie die Aufbewahrung der Backups der Instanz.
quiz-snapshot-kept-c = 24 Stunden.
quiz-snapshot-kept-why = Manuelle Snapshots fallen nicht unter die Aufbewahrung; sie bleiben und kosten Speicher, bis sie jemand löscht. Deshalb räumst du am Schluss auf.

quiz-delete-todos-multi-az = Hätte Multi-AZ die ToDos gerettet?
quiz-delete-todos-multi-az-a = Ja: RDS schaltet auf die Standby-Instanz um, und dort sind die ToDos noch.
quiz-delete-todos-multi-az-b = Nein: Die Standby-Instanz übernimmt jede Änderung sofort, auch das Löschen.
quiz-delete-todos-multi-az-c = Ja, wenn du das Lesereplikat schnell genug hochstufst.
quiz-delete-todos-multi-az-why = Multi-AZ schreibt jede Änderung synchron in eine Standby-Instanz in einer zweiten Availability Zone. Das schützt vor dem Ausfall der Instanz, ihres Speichers oder einer Zone, aber ein Löschen geschieht im selben Augenblick auch in der Standby-Instanz. Ein Lesereplikat erhält die Änderungen asynchron, meist innert Sekunden, und verliert die ToDos ebenso. Gegen gelöschte oder falsch geschriebene Daten hilft nur ein Backup von vorher: ein Snapshot oder ein Point-in-Time-Restore.

quiz-restore-app-empty = { $restored } ist verfügbar, und trotzdem zeigt die App keine ToDos. Warum?
quiz-restore-app-empty-a = RDS kopiert die Daten noch im Hintergrund.
quiz-restore-app-empty-b = Das Backend liest weiterhin aus { $instance }: Der Restore ist eine neue Instanz mit eigenem Endpunkt.
quiz-restore-app-empty-c = Ein Restore lässt die Daten der Tabellen weg.
quiz-restore-app-empty-why = Ein Restore ersetzt nie die Datenbank, die die App nutzt. Bis das Backend auf den neuen Endpunkt umgestellt ist (der nächste Schritt), liest es weiterhin aus dem geleerten { $instance }.

quiz-restore-new-instance = Was macht der Restore von { $snapshot } mit { $instance }?
quiz-restore-new-instance-a = Er überschreibt { $instance } mit dem Stand des Snapshots.
quiz-restore-new-instance-b = Er löscht { $instance }, sobald die wiederhergestellte Instanz verfügbar ist.
quiz-restore-new-instance-c = Nichts: Der Restore erstellt die neue Instanz { $restored }.
quiz-restore-new-instance-why = RDS stellt immer in eine neue Instanz mit neuem Endpunkt wieder her. Die ursprüngliche bleibt, wie sie ist, und das heisst auch: Was dort gelöscht wurde, bleibt gelöscht.

quiz-pitr-smaller = Warum verliert der Point-in-Time-Restore so viel weniger als der Snapshot?
quiz-pitr-smaller-a = RDS spielt die Transaktionslogs bis zu jeder Sekunde im wiederherstellbaren Bereich nach.
quiz-pitr-smaller-b = Er erstellt die neue Instanz schneller.
quiz-pitr-smaller-c = Er schreibt die verlorenen ToDos in { $instance } zurück.
quiz-pitr-smaller-why = Automatische Backups bewahren die Transaktionslogs auf, deshalb kann der Wiederherstellungszeitpunkt kurz vor dem Ausfall liegen. Das Tempo des Restores betrifft den RTO, und in die ursprüngliche Instanz wird nichts geschrieben.

quiz-summary-rpo-missed = Dein erreichter RPO war 2 Stunden, das Ziel 1 Stunde. Was hilft am meisten?
quiz-summary-rpo-missed-a = Ein schnellerer Restore.
quiz-summary-rpo-missed-b = Häufiger sichern, zum Beispiel mit automatischen Backups und Point-in-Time-Restore.
quiz-summary-rpo-missed-c = Eine grössere DB-Instanzklasse.
quiz-summary-rpo-missed-why = Der RPO hängt davon ab, wie oft ein Wiederherstellungspunkt entsteht. Ein schnellerer Restore verkürzt den RTO, nicht den Datenverlust.

quiz-summary-rto-missed = Das RTO-Ziel ist 30 Minuten, aber allein der Restore dauert 40. Was kann das Team tun?
quiz-summary-rto-missed-a = Häufiger Snapshots erstellen.
quiz-summary-rto-missed-b = Alte Snapshots löschen.
quiz-summary-rto-missed-c = Eine Standby-Instanz bereithalten und die Umstellung mit einem Skript erledigen.
quiz-summary-rto-missed-why = Häufigere Backups verbessern den RPO, nicht den RTO. Um schneller zurück zu sein, muss die Zeit bis zu einer funktionierenden Datenbank schrumpfen: eine Standby-Instanz (Multi-AZ, ein Lesereplikat zum Hochstufen) und eine geübte Umstellung per Skript. Eine Standby-Instanz hilft aber nur, wenn die Hardware oder eine Availability Zone ausfällt: Eine Löschung übernimmt sie sofort.

quiz-summary-practice = Warum üben Teams den Restore regelmässig?
quiz-summary-practice-a = Nur ein erprobter Restore zeigt den echten RTO und dass das Backup brauchbar ist.
quiz-summary-practice-b = AWS löscht Backups, die nie wiederhergestellt wurden.
quiz-summary-practice-c = Üben macht das nächste Backup kleiner.
quiz-summary-practice-why = Ein Backup ist nur so gut wie der Restore daraus. Eine Übung wie dieses Lab deckt fehlende Schritte auf und misst den RTO, bevor es darauf ankommt.
