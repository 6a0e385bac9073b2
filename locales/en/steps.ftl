# backup-lab: learner-facing step texts (English).
# Every step message receives these variables:
#   $instance  $snapshot  $restored  $pitr  $cluster  $service
#   $family  $container  $lb  $retention  $window (local time)

## Picture: incremental snapshots (shown beside the protection step)

picture-title = Incremental snapshots
picture-volume = Volume
picture-snap = Snapshot { $n }
picture-new-block = changed block
picture-ref-block = reference
picture-caption = Snapshot 2 stores only the blocks that changed since snapshot 1 and points to snapshot 1 for the rest.

## Step concepts: backup, restore, RPO and RTO

step-concepts-title = Backup, restore, RPO, RTO
step-concepts-short = Concepts
step-concepts-now = Read what backup, restore, RPO and RTO mean; the phone example below makes it concrete.
step-concepts-body =
    A backup is a copy of your data kept somewhere else: if the original is lost, you still
    have a state you can fall back on. A restore brings that state back into use.
    Two objectives set how well a backup strategy must protect you:
    • RPO (Recovery Point Objective): how much data you may lose at most, expressed as a
    span of time, so the time between two backups must never exceed the RPO.
    • RTO (Recovery Time Objective): how long the system may be down until it works again.
    What you actually achieve in an outage is measured: the achieved RPO is the time from
    the last recovery point (the last backup you can restore from) to the outage, and the
    achieved RTO is the time from the outage until everything works again.
    An everyday example: you drop your phone and it won't start anymore. Without a backup, your
    photos and chats are gone. If the last backup ran a week ago, you lose a week of
    photos: that is your achieved RPO. And how long can you live without a phone until the
    new one is set up? That is your RTO.
    The smaller the RPO and RTO have to be, the more often you must back up and the faster
    you must restore – and both cost money.
    In this lab you protect the todo database on { $instance }: you take a snapshot, cause
    a small "disaster" and bring the data back.

## Step protection: data protection on AWS

step-protection-title = Data protection on AWS
step-protection-short = AWS backups
step-protection-now = Read which backup features AWS offers; the picture shows why incremental snapshots save storage.
step-protection-body =
    AWS offers backup features per service. In Amazon RDS you can take snapshots of a DB
    instance, and they are incremental: as the picture shows, the first snapshot holds all
    blocks of the volume, while each later one stores only the blocks that changed since
    the previous snapshot and references the unchanged ones. Nothing is stored twice, which
    keeps storage costs down, and yet every snapshot can be restored on its own.
    RDS can also back up automatically: a daily backup in a window you choose, plus the
    transaction logs, saved continuously; both are kept for 1 to 35 days. You set this up
    right in the RDS console. Other services offer backups too, such as Amazon EC2
    (virtual machines), Amazon FSx for Windows File Server (SMB shares) and Amazon EFS
    (NFS shares).
    AWS Backup manages such backups centrally:
    • In a backup plan you define the schedule, retention and copies once, and it applies
    to many services.
    • You manage the backups of many accounts in one place; they are stored in backup
    vaults.
    • Reports show whether your policies are met.
    This lab works with RDS snapshots and automated backups directly; AWS Backup is only
    introduced here, not demonstrated.

## Step enable-backups: turn on automated backups

step-enable-backups-title = Enable automated backups
step-enable-backups-short = Auto backups
step-enable-backups-now = Turn on automated backups of { $instance } with a backup window you choose.
step-enable-backups-now-wait = { $instance } is applying the change. Wait until its status is available again.
step-enable-backups-enter = choose a window, then confirm
step-enable-backups-body =
    At the start of the lab, automated backups of { $instance } are off (Backup retention
    period = 0). You set the retention to { $retention ->
        [one] 1 day
       *[other] { $retention } days
    } and choose a backup window.
    • RDS then backs up the instance every day in that window, keeps each backup for
    { $retention ->
        [one] 1 day
       *[other] { $retention } days
    } and saves the transaction logs continuously: that makes point-in-time
    restore possible (bonus step).
    • You choose the window in local time ({ $window } is suggested); backup-lab converts it
    to UTC, because RDS stores it in UTC. UTC has no daylight saving time, so in local time
    the window moves by one hour when daylight saving time starts or ends. It lasts at
    least 30 minutes and must not overlap the maintenance window.
    • Choose Apply immediately; otherwise the change waits for the next maintenance window.
    • Going from 0 to more than 0 makes the instance briefly unreachable and starts a first
    backup at once: the status shows modifying and backing-up until it is available again.
    That first backup predates your todos, and the next scheduled one may be hours away,
    so for the restore you take a manual snapshot next.
step-enable-backups-console =
    1. Open Services → RDS.
    2. In the menu on the left, click Databases.
    3. Select { $instance } and click Modify.
    4. Under Additional configuration, set Backup retention period to { $retention ->
        [one] 1 day
       *[other] { $retention } days
    }.
    5. Under Backup window, choose a window: start time and duration in UTC (your local
    window { $window } converted to UTC, at least 30 minutes).
    6. Click Continue.
    7. In the summary, select Apply immediately.
    8. Confirm with Modify DB instance.
    9. Wait until the status of { $instance } is Available again.

## Step create-todos: create test data

step-create-todos-title = Add 5 todos
step-create-todos-short = Add todos
step-create-todos-now = Add 5 todos in the todo app: the data you are going to protect.
step-create-todos-enter = add the missing todos
step-create-todos-body =
    Before the "disaster" you need data whose loss you would notice. Add 5 todos to your
    todo app, ideally with titles you will easily recognize later.
    The app runs behind the load balancer { $lb }: requests to /api/* go to the backend
    service { $service }, which writes every todo into the MySQL database todo on
    { $instance }. So these 5 todos end up in exactly the instance you are going to back up.
    Remember them: at the end of the lab, these same 5 todos should come back.
step-create-todos-console-heading = In the AWS console and the browser
step-create-todos-console-enter = Enter shows the exact parameters and the curl commands to the todo app first; nothing happens until you confirm.
step-create-todos-console =
    1. Open Services → EC2.
    2. In the menu on the left, under Load Balancing, click Load Balancers.
    3. Select { $lb } and copy its DNS name.
    4. Open http://<DNS name> in your browser (the same URL you used when you tested
    the todo app).
    5. Add 5 todos, for example "Todo 1" to "Todo 5".
    6. Reload the page and check that all 5 todos are listed.

## Step snapshot: take a manual snapshot

step-snapshot-title = Take a manual snapshot
step-snapshot-short = Snapshot
step-snapshot-now = Take the manual snapshot { $snapshot } of { $instance }: your named recovery point.
step-snapshot-now-wait = { $snapshot } is being created. Wait until it is available; the disaster comes only after that.
step-snapshot-enter = take the snapshot
step-snapshot-body =
    Now you freeze the state of { $instance }, including your 5 todos, in the manual DB
    snapshot { $snapshot }.
    Why by hand? The first automated backup was taken when you turned them on, before your
    todos existed, and the next one comes only in the backup window. Above all, you want a
    named recovery point you can restore on purpose. A manual snapshot is taken right away
    and, unlike automated backups, kept until you delete it, regardless of the retention
    period.
    • The instance must have the status Available; if it is still modifying or backing-up,
    wait a little.
    • While the status is Creating, the progress in percent is only an estimate; the
    duration depends on the amount of data. backup-lab shows the elapsed time.
    Restoring the snapshot loses everything written after it: its achieved RPO is the time
    since you took it. (The chapter calls this step a "point in time backup", but a
    snapshot captures one fixed moment; real point-in-time restore comes from the automated
    backups, see the bonus step.)
step-snapshot-console =
    1. Open Services → RDS.
    2. In the menu on the left, click Databases.
    3. Select { $instance } and click Actions → Take snapshot.
    4. Under Snapshot name, enter { $snapshot }.
    5. Click Take snapshot.
    6. In the menu on the left, click Snapshots and watch the Status of { $snapshot }.
    7. Wait until the status is Available.

## Step delete-todos: the disaster

step-delete-todos-title = Delete all todos
step-delete-todos-short = Disaster
step-delete-todos-now = Delete all todos: this is the disaster you are going to recover from.
step-delete-todos-enter = delete all todos
step-delete-todos-body =
    Time for the "disaster": you delete all todos, as if a faulty release or a slip of the
    hand had emptied the table. The rows disappear from { $instance } at once, and the app
    has no undo.
    Make sure { $snapshot } is available first: taken before the deletion, it holds your 5
    todos. The automated backups record the deletion too; a point-in-time restore to a
    moment just before it would also bring the todos back.
    Everything written after the snapshot would be lost by restoring it – that is the RPO
    in practice. Here nothing is lost, as long as nothing changes between the snapshot and
    the deletion.
step-delete-todos-console-heading = In the browser
step-delete-todos-console-enter = Enter shows the exact parameters and the curl commands to the todo app first; nothing happens until you confirm.
step-delete-todos-console =
    1. Open your todo app in the browser (http://<DNS name of { $lb }>).
    2. Delete the todos one by one until the list is empty.
    3. Reload the page and check that no todo is left.

## Step restore: restore the snapshot into a new instance

step-restore-title = Restore the snapshot
step-restore-short = Restore
step-restore-now = Restore { $snapshot } into the new instance { $restored }. The RTO clock is running.
step-restore-now-wait = RDS is creating { $restored }. This takes a while; its status shows how far along it is.
step-restore-enter = restore the snapshot
step-restore-body =
    You restore { $snapshot } into the new DB instance { $restored }. A restore never
    overwrites an existing instance, not even { $instance }: RDS always creates a NEW
    instance with a NEW endpoint.
    • Multi-AZ DB instance, like the original; without it the restore would be Single-AZ.
    • Security group Workshop-RDS-SG instead of default: without an explicit group, RDS
    attaches the VPC's default group, which does not let the backend in. backup-lab copies
    the security groups and the subnet group of { $instance }.
    • Class db.t3.micro; everything else as the console proposes.
    The restore takes about 10 to 40 minutes (creating, backing-up, modifying, available);
    the instance gets an endpoint only once its status leaves creating.
    Cost: RDS bills the instance per second from the moment it creates it, also while it is
    backing-up or modifying, with a 10-minute minimum. Multi-AZ costs about twice as much,
    storage included: the 100 GiB are billed twice. If { $instance } runs on RDS Extended
    Support, the new instance pays its surcharge per vCPU-hour too.
    Afterwards you either use { $restored } as the new database (next step) or copy the data
    back with a dump & restore: mysqldump exports the todo database from { $restored }, and
    loading it into { $instance } overwrites its tables, including anything written there
    since the snapshot.
step-restore-console =
    1. Open Services → RDS.
    2. In the menu on the left, click Databases, then click { $instance }.
    3. In the Maintenance & backup tab, under Snapshots, select { $snapshot } and click
    Restore.
    4. Under Availability and durability, choose Multi-AZ DB instance.
    5. Under Settings, enter { $restored } as DB instance identifier.
    6. Under VPC security group, choose Workshop-RDS-SG and remove the default group.
    7. Under DB instance class, switch to Burstable classes (includes t classes) and choose
    db.t3.micro.
    8. Leave all other settings unchanged.
    9. Click Restore DB instance.
    10. Under Databases, wait until { $restored } shows the status Available.

## Step switch-backend: point the backend at the restored instance

step-switch-backend-title = Switch the backend
step-switch-backend-short = Switch
step-switch-backend-now = Point the backend at { $restored }: a new revision of { $family }, then update { $service }.
step-switch-backend-now-wait = ECS is rolling out the new revision: new tasks start, old ones stop. Wait until only the new ones run.
step-switch-backend-enter = switch the backend
step-switch-backend-body =
    The backend still uses { $instance }, where no todos are left. The database it uses is
    set by the environment variable DB_HOST in the task definition { $family }, so DB_HOST
    must get the endpoint of { $restored }, which the instance has once its status leaves
    creating.
    A task definition cannot be edited, only given a new revision: image, roles, CPU,
    memory and the other variables stay, only DB_HOST changes. (DB_PASSWORD sits there in
    plain text too; in real projects a password belongs in AWS Secrets Manager or a similar
    service.)
    Then you update { $service } in { $cluster } to the new revision. ECS starts 2 new tasks
    and stops the old ones only once the new ones run, so for a while up to 4 tasks run
    (2 old, 2 new). The new deployment is PRIMARY; the old one stays ACTIVE until none of
    its tasks are left. The rollout is complete when only one deployment with 2 running
    tasks remains.
step-switch-backend-console =
    1. Open Services → RDS → Databases and click { $restored }.
    2. In the Connectivity & security tab, copy the endpoint (field Endpoint).
    3. Open Services → ECS.
    4. In the menu on the left, click Task definitions and choose { $family }.
    5. Select the latest revision and click Create new revision.
    6. In the container { $container }, under Environment variables, replace the value
    of DB_HOST with the endpoint you copied.
    7. Click Create. The new revision tells ECS to use the new database.
    8. In the menu on the left, click Clusters and choose { $cluster }.
    9. Under Services, select { $service } and click Update.
    10. Under Revision, choose the newest revision of { $family }.
    11. Leave all other settings unchanged and click Update.
    12. In the Tasks tab, watch up to 4 tasks run for a while until only the 2 new ones
    are left.

## Step verify: check that the todos are back

step-verify-title = Check the todos
step-verify-short = Check todos
step-verify-now = Open the app and check that your 5 todos are back.
step-verify-enter = show the todos and confirm them in the browser
step-verify-now-look = The app serves your todos again. Check that you see them in your browser too, then confirm.
step-verify-body =
    Now you check whether the recovery worked. Open the todo app: the 5 todos you added
    before the snapshot should be back, because the backend now reads from { $restored }.
    If the list is still empty, the rollout is probably not finished: as long as old tasks
    run, { $lb } sends some requests to them, and they still read from { $instance }. Wait
    until only the new tasks run, then reload the page.
    The API gives the same answer: GET /api/v1/todos returns the list as JSON.
    The data lost in { $instance } is back. The time from the "disaster" until now is the
    RTO you achieved in this lab.
step-verify-console-heading = In the AWS console and the browser
step-verify-console-enter = Enter shows the todos the app serves, with the curl command; then you confirm that you see them in your browser too.
step-verify-console =
    1. Open Services → EC2 → Load Balancers and copy the DNS name of { $lb }.
    2. Open http://<DNS name> in your browser and reload the page.
    3. Check that your 5 todos are listed again.
    4. Optional: open http://<DNS name>/api/v1/todos to see the same list as JSON.

## Step pitr: bonus, point-in-time restore

step-pitr-title = Point-in-time restore
step-pitr-short = Bonus: PITR
step-pitr-now = Restore { $instance } into { $pitr } as it was just before the disaster.
step-pitr-now-wait = RDS is creating { $pitr }. Its status shows how far along it is.
step-pitr-enter = start the point-in-time restore
step-pitr-body =
    Since you enabled automated backups, RDS ships the transaction logs of { $instance }
    about every 5 minutes. You can restore to any second within the retention period up to
    the latest restorable time, which is usually less than 5 minutes ago: an RPO of about
    5 minutes, against the time since the snapshot with { $snapshot }.
    You restore { $instance } to a moment shortly before the todos were deleted;
    backup-lab's journal noted when that was. Any later second would bring back the empty
    list. Again a NEW instance { $pitr } with a NEW endpoint is created, nothing is
    overwritten, and the backend keeps using { $restored }.
    Afterwards you see both achieved RPOs side by side: the snapshot lost everything since
    it was taken, the point-in-time restore only the last minute. If the deletion happened
    after the latest restorable time, wait a few minutes until the logs have arrived.
    { $pitr } costs money like any instance: per second from the moment RDS creates it,
    with a 10-minute minimum, plus its own storage. The "Clean up" step deletes it.
step-pitr-console =
    1. Open Services → RDS → Databases and select { $instance }.
    2. Click Actions → Restore to point in time.
    3. Under Restore time, choose Custom date and time and enter a moment one minute
    before the todos were deleted (the check of this step shows it, in your local time).
    4. Under Settings, enter { $pitr } as DB instance identifier.
    5. Under Availability and durability, choose Single DB instance: this test needs no
    high availability, and a single instance costs about half.
    6. Under VPC security group, choose Workshop-RDS-SG and remove the default group.
    7. Under DB instance class, switch to Burstable classes (includes t classes) and choose
    db.t3.micro.
    8. Leave all other settings unchanged and click Restore to point in time.
    9. Under Databases, wait until { $pitr } shows the status Available.

## Step summary: what you did and learned

step-summary-title = Summary
step-summary-short = Summary
step-summary-now = Your RPO and RTO in review, with your own figures.
step-summary-body =
    You have gone through the whole cycle, from the automated backups ({ $retention ->
        [one] 1 day
       *[other] { $retention } days
    }, window { $window } local time) to the 5 todos that { $service } served again from
    { $restored }. A restore always creates a new instance with a new endpoint; afterwards
    you switch the application over or copy the data back.
    Multi-AZ and read replicas shorten the RTO when an instance or an Availability Zone
    fails. They do not protect against deleted data: they copy the deletion at once, and
    only a backup from before brings it back.

## Step cleanup: remove what the lab created

step-cleanup-title = Clean up
step-cleanup-short = Clean up
step-cleanup-now = Choose which database stays, then remove what the lab created so nothing keeps costing money.
step-cleanup-now-wait = The cleanup is running. Wait until everything it removes is gone.
step-cleanup-enter = choose and clean up
step-cleanup-body =
    Snapshots and DB instances cost money even when nobody uses them, and your Learner Lab
    budget is small. Delete the manual snapshot { $snapshot } (manual snapshots stay until
    you delete them) and, after the bonus step, { $pitr } without a final snapshot. Then
    decide which database stays:
    • Keep { $restored }: the backend already uses it, but then two Multi-AZ instances keep
    costing money, { $instance } and { $restored }.
    • Go back to { $instance }: first update { $service } to the original revision of
    { $family } and wait for the rollout; then deregister the new revision and delete
    { $restored } without a final snapshot. The restored todos are then gone.
    • Dump & restore, then go back: a one-off task runs mysqldump against { $restored } and
    pipes it into mysql on { $instance }, which replaces the todo tables there; anything
    written to { $instance } after the disaster is lost. Copy before you switch the
    backend back.
    Keeping is fast, but the new endpoint has to go into every configuration that names the
    database. Dump & restore takes longer (one more copy, the longer the larger the
    database), but keeps the original endpoint, its settings and everything that points to
    it.
    The order matters: deleting { $restored } while the backend still points to it breaks
    the app.
    The automated backups of { $instance } may stay on: each expires after { $retention ->
        [one] 1 day
       *[other] { $retention } days
    }, and backup storage up to the total storage of your instances in the region is free.
step-cleanup-console =
    1. Open Services → RDS and click Snapshots in the menu on the left.
    2. In the Manual tab, select { $snapshot }.
    3. Click Actions → Delete snapshot and confirm with Delete.
    4. Only after the bonus step: under Databases, select { $pitr }, click Actions → Delete,
    clear Create final snapshot and Retain automated backups, confirm the notice, type
    delete me and click Delete.
    5. Only to go back to { $instance }: open Services → ECS → Clusters → { $cluster },
    select { $service } and click Update.
    6. Under Revision, choose the original revision of { $family } (the one before yours)
    and click Update; wait until only the 2 tasks of that revision run.
    7. Under Task definitions → { $family }, select your new revision and click
    Actions → Deregister.
    8. Open Services → RDS → Databases, select { $restored } and click Actions → Delete.
    9. Clear Create final snapshot and Retain automated backups, confirm the notice, type
    delete me and click Delete.
    Dump & restore has no form of its own in the console: it is a task that runs once
    (ECS → Clusters → { $cluster } → Tasks → Run new task, with the networking of
    { $service }). backup-lab registers its task definition and shows the AWS CLI lines in
    the confirmation. Copy the data before item 5 of this list, that is, before you
    switch the backend back to { $instance }.
