# Teaching aids: the business meaning of RPO and RTO, and the self-check questions.

## Business meaning (summary and report)

business-heading = What this run means for a business
business-rate = Example: a web shop that takes { $rate ->
        [one] 1 order
       *[other] { $rate } orders
    } per hour, evenly spread (your own rate: business.orders_per_hour in the configuration).
business-none = Once you have deleted the todos and brought them back, this part shows what your RPO and RTO would cost the shop.
business-rpo = Achieved RPO { $rpo }: what was written in that span is gone; at the example rate, { $orders ->
        [0] less than one order
        [one] about 1 order
       *[other] about { $orders } orders
    } the shop no longer knows of.
business-rpo-pitr = With point-in-time restore the achieved RPO was { $rpo }, which is { $orders ->
        [0] less than one order
        [one] about 1 order
       *[other] about { $orders } orders
    }.
business-rto = Achieved RTO { $rto }: that long without sales, { $orders ->
        [0] less than one order
        [one] about 1 order
       *[other] about { $orders } orders
    } not taken; some of those customers now buy elsewhere.
business-rto-running = The shop has been without sales for { $rto } so far: { $orders ->
        [0] less than one order
        [one] about 1 order
       *[other] about { $orders } orders
    } not taken.
business-rpo-missed = RPO target of { $target } missed: back up more often (point-in-time restore gets to minutes) or agree on a larger target with the business.
business-rto-missed = RTO target of { $target } missed: shorten the slowest phase of the breakdown (say, a script instead of clicks in the console) or agree on a larger target; then practice the recovery.
business-met = Both targets met. A team keeps it that way by practicing the restore regularly: only a recovery that has been tried has a known RTO.

## Self-check (the overlay on the step, key s)

quiz-title = Self-check · { $step }
quiz-progress = Question { $n } of { $total }
quiz-right = Right.
quiz-wrong = Not quite: the right answer is { $answer }.
quiz-your-answer = your answer
quiz-prompt = Self-check: { $total ->
        [one] 1 question
       *[other] { $total } questions
    }, { $answered } answered. Press s.
quiz-prompt-done = Self-check: { $right } of { $total } right. Press s to read the explanations again.
quiz-overall = In the whole lab: { $right } of { $answered } answered questions right ({ $total } questions).
quiz-keys-answer = answer
quiz-keys-move = previous / next question
quiz-keys-close = close
ui-help-quiz = self-check questions on the step
report-quiz = Self-check
report-quiz-score = { $right } of { $answered } answered questions right ({ $total } questions in the lab).
report-quiz-none = No self-check question answered.
report-quiz-right = right
report-quiz-wrong = wrong (right: { $right })

quiz-concepts-rpo = Your shop has an RPO of 1 hour. What does that promise?
quiz-concepts-rpo-a = An outage loses at most the data of the last hour.
quiz-concepts-rpo-b = The shop is back online within one hour.
quiz-concepts-rpo-c = A backup takes at most one hour.
quiz-concepts-rpo-why = The RPO is about data: how far back the last recovery point may lie. How long until the shop works again is the RTO.

quiz-concepts-rto = The restored database is ready, but the app uses it only 10 minutes later. Do those 10 minutes count toward the RTO?
quiz-concepts-rto-a = No: the RTO ends when the restore is available.
quiz-concepts-rto-b = Yes: the RTO ends when users can work again.
quiz-concepts-rto-c = Only if the restore itself missed the target.
quiz-concepts-rto-why = The RTO measures the outage as users feel it, from the failure until the service works again. Switching the app over is part of it.

quiz-concepts-interval = A backup runs once every 24 hours. What is the smallest RPO you can promise?
quiz-concepts-interval-a = 5 minutes
quiz-concepts-interval-b = 1 hour
quiz-concepts-interval-c = 24 hours
quiz-concepts-interval-why = A failure just before the next backup loses almost the whole interval. That is why the time between two backups must be at most the RPO.

quiz-protection-incremental = You take a second snapshot of a 100 GiB database in which a few rows changed. What does it store?
quiz-protection-incremental-a = All 100 GiB again.
quiz-protection-incremental-b = Only the blocks that changed since the first snapshot.
quiz-protection-incremental-c = Nothing of its own, so it cannot be restored without the first one.
quiz-protection-incremental-why = RDS snapshots are incremental: a later one stores only changed blocks and refers to the others. Each one can still be restored on its own, even after the older one is deleted.

quiz-protection-aws-backup = What does AWS Backup add to the backups RDS makes itself?
quiz-protection-aws-backup-a = A restore that overwrites the original instance in place.
quiz-protection-aws-backup-b = Transaction logs, which RDS does not keep without it.
quiz-protection-aws-backup-c = One backup plan for many services and accounts, with backup vaults and reports.
quiz-protection-aws-backup-why = AWS Backup manages backups centrally: backup plans, backup vaults and reports across services and accounts. Restores still create new resources, and RDS keeps its logs on its own.

quiz-backups-retention-zero = What happens when you set the backup retention of an instance to 0 days?
quiz-backups-retention-zero-a = Automated backups stop, and point-in-time restore is no longer possible.
quiz-backups-retention-zero-b = Automated backups are kept forever.
quiz-backups-retention-zero-c = Only the manual snapshots are deleted.
quiz-backups-retention-zero-why = Retention 0 turns automated backups off, and RDS removes the existing ones. Manual snapshots are not affected: they stay until you delete them.

quiz-snapshot-later-todos = You take the snapshot at 10:00 and add a todo at 10:05. At 10:10 all todos are deleted and you restore the snapshot. What about the todo from 10:05?
quiz-snapshot-later-todos-a = It is back: a snapshot follows later changes.
quiz-snapshot-later-todos-b = It is lost: the snapshot holds the state of 10:00.
quiz-snapshot-later-todos-c = It is back, but only in the original instance.
quiz-snapshot-later-todos-why = A snapshot captures one moment. Everything written after it is lost when you restore it: here 10 minutes, your achieved RPO.

quiz-snapshot-kept = How long does RDS keep a manual snapshot?
quiz-snapshot-kept-a = Until you delete it, even after the instance is gone.
quiz-snapshot-kept-b = As long as the backup retention of the instance.
quiz-snapshot-kept-c = 24 hours.
quiz-snapshot-kept-why = Manual snapshots are outside the retention: they stay, and cost storage, until someone deletes them. That is why the lab cleans up.

quiz-delete-todos-multi-az = Would Multi-AZ have saved the todos?
quiz-delete-todos-multi-az-a = Yes: RDS fails over to the standby, and the todos are still there.
quiz-delete-todos-multi-az-b = No: the standby takes every change at once, the deletion too.
quiz-delete-todos-multi-az-c = Yes, if you promote the read replica fast enough.
quiz-delete-todos-multi-az-why = Multi-AZ writes every change synchronously to a standby in a second Availability Zone. That protects against a failure of the instance, its storage or a zone, but a deletion happens on the standby in the same moment. A read replica receives the changes asynchronously, usually within seconds, and loses the todos just the same. Against data that was deleted or written wrongly, only a backup from before helps: a snapshot or a point-in-time restore.

quiz-restore-app-empty = { $restored } is available, yet the app still shows no todos. Why?
quiz-restore-app-empty-a = RDS is still copying the data in the background.
quiz-restore-app-empty-b = The backend still reads { $instance }: the restore is a new instance with its own endpoint.
quiz-restore-app-empty-c = A restore leaves out the table data.
quiz-restore-app-empty-why = A restore never replaces the database the app uses. Until the backend is switched to the new endpoint (the next step), it keeps reading the emptied { $instance }.

quiz-restore-new-instance = What does restoring { $snapshot } do to { $instance }?
quiz-restore-new-instance-a = It overwrites { $instance } with the state of the snapshot.
quiz-restore-new-instance-b = It deletes { $instance } once the restore is available.
quiz-restore-new-instance-c = Nothing: the restore creates the new instance { $restored }.
quiz-restore-new-instance-why = RDS always restores into a new instance with a new endpoint. The original stays as it is, which also means: what was deleted there stays deleted.

quiz-pitr-smaller = Why does the point-in-time restore lose so much less than the snapshot?
quiz-pitr-smaller-a = RDS replays the transaction logs up to any second in the restorable window.
quiz-pitr-smaller-b = It creates the new instance faster.
quiz-pitr-smaller-c = It writes the lost todos back into { $instance }.
quiz-pitr-smaller-why = Automated backups keep the transaction logs, so the restore point can lie just before the failure. Speed is a matter of the RTO, and nothing is written into the original.

quiz-summary-rpo-missed = Your achieved RPO was 2 hours, the target 1 hour. What helps most?
quiz-summary-rpo-missed-a = A faster restore.
quiz-summary-rpo-missed-b = Backing up more often, for example with automated backups and point-in-time restore.
quiz-summary-rpo-missed-c = A larger DB instance class.
quiz-summary-rpo-missed-why = The RPO depends on how often a recovery point is made. A faster restore shortens the RTO, not the data lost.

quiz-summary-rto-missed = The RTO target is 30 minutes, but the restore alone takes 40. What can the team do?
quiz-summary-rto-missed-a = Take snapshots more often.
quiz-summary-rto-missed-b = Delete old snapshots.
quiz-summary-rto-missed-c = Keep a standby instance ready to take over and script the switch-over.
quiz-summary-rto-missed-why = More frequent backups improve the RPO, not the RTO. To be back sooner, the time to a working database must shrink: a standby instance (Multi-AZ, a read replica to promote) and a practiced, scripted switch-over. A standby only helps when hardware or an Availability Zone fails, though: it copies a deletion at once.

quiz-summary-practice = Why do teams practice restores regularly?
quiz-summary-practice-a = Only a restore that was tried shows the real RTO and that the backup can be used.
quiz-summary-practice-b = AWS deletes backups that were never restored.
quiz-summary-practice-c = Practicing makes the next backup smaller.
quiz-summary-practice-why = A backup is only as good as the restore from it. A drill like this lab finds missing steps and measures the RTO before it counts.
