# backup-lab: check results, action plans, outcomes, errors (English).

## Checks

check-not-read-yet = not read yet – waiting for the first answer from the account
check-unknown-error = could not read the account ({ $code }: { $message })
check-source-missing = instance { $instance } not found – is the region right, and was it created in the earlier chapters?
check-backups-off = automated backups are off (retention 0)
check-backups-pending = retention { $retention ->
        [one] 1 day
       *[other] { $retention } days
    } is waiting to be applied (status { $status })
check-backups-applying = backups on, the instance is { $status } – the first backup is running
check-backups-on = automated backups on: { $retention ->
        [one] 1 day
       *[other] { $retention } days
    }, window { $window } UTC
check-todos-created = { $count ->
        [one] 1 todo exists
       *[other] { $count } todos exist
    }
check-todos-none = no todos yet – add { $wanted } in the app (or let backup-lab do it)
check-todos-some = { $count } of { $wanted } todos
check-todos-unreachable = the todo app does not answer ({ $code })
check-snapshot-available = { $snapshot } is available (taken { $age } ago)
check-snapshot-creating = snapshot being created: { $percent }%, { $elapsed } so far
check-snapshot-deleting = { $snapshot } was used and is being deleted
check-snapshot-status = { $snapshot } has status { $status }
check-snapshot-gone = { $snapshot } was taken and has since been deleted
check-snapshot-missing = no snapshot { $snapshot } yet
check-disaster-done = the todos were deleted – the "disaster" has happened
check-snapshots-unread = cannot tell yet whether the snapshot { $snapshot } is available: reading the snapshots failed ({ $code }); looking again
check-disaster-no-snapshot = first take the snapshot { $snapshot } (step “{ $snapshot_step }”) – otherwise only a point-in-time restore can bring the todos back, and only with automated backups on
check-disaster-wait-snapshot = first wait until snapshot { $snapshot } is available – otherwise only a point-in-time restore can bring the todos back, and only with automated backups on
check-disaster-remaining = { $count ->
        [one] 1 todo still exists
       *[other] { $count } todos still exist
    } – delete all of them
check-restore-missing = { $restored } does not exist yet
check-restore-removed = { $restored } was restored and has since been deleted
check-restore-deleting = { $restored } is being deleted
check-restore-creating = status { $status }, no endpoint yet ({ $elapsed })
check-restore-progress = status { $status } ({ $elapsed })
check-restore-status-unknown = RDS reports status { $status } for { $restored }, which backup-lab does not know ({ $elapsed } since the restore began); backup-lab waits up to { $limit } for it to become available, then counts the restore as failed
check-restore-available = { $restored } is available with the lab's settings
check-restore-converting-multi-az = { $restored } is being converted to Multi-AZ (status { $status }): RDS builds a standby in a second Availability Zone, which usually takes 10 to 30 minutes; the database keeps serving meanwhile
check-restore-converting-single-az = { $restored } is being converted to Single-AZ (status { $status }); the database keeps serving meanwhile

check-switch-done = the backend runs on { $restored }
check-switch-rollout = rollout: { $running }/{ $desired } new tasks running, { $tasks } tasks in total
check-switch-failed-so-far = { $failed ->
        [one] 1 new task failed to start so far
       *[other] { $failed } new tasks failed to start so far
    }
check-switch-reverted = the backend was switched and has since been switched back
check-switch-todo = the backend still points at { $instance }
check-switch-wait = the backend still points at { $instance }; { $restored } has no endpoint yet
check-switch-reason = ECS says: { $reason }
check-switch-no-breaker = { $service } has no deployment circuit breaker turned on, so ECS keeps trying until you update the service again
check-switch-event = { $at } { $message }
check-verify-done = the app shows { $count ->
        [one] 1 todo
       *[other] { $count } todos
    } again
check-verify-verified = the app showed { $count ->
        [one] 1 todo
       *[other] { $count } todos
    } again, checked by backup-lab
check-verify-titles = in the app now: { $titles }
check-verify-seen = you saw your { $count ->
        [one] todo
       *[other] { $count } todos
    } in the browser: { $count ->
        [one] it is
       *[other] they are
    } back
check-verify-confirm = look in your browser: do you see them too? Confirm it (Enter in the app, or backup-lab run verify)
check-verify-wait = wait until the backend runs on the restored database
check-verify-empty = the app shows no todos – is the backend on the restored database?
check-pitr-available = { $pitr } is available
check-pitr-restored-before = { $pitr } is available: it holds the state of { $point }, { $before } before the todos were deleted
check-pitr-restored-unseen = { $pitr } is available: it holds the state of { $point }; the todos were deleted at some point before { $noticed }, while backup-lab was not watching
check-pitr-restored-latest = { $pitr } is available: it holds the state of { $point }, the latest restorable time when the restore started
check-pitr-restored-chosen = { $pitr } is available: it holds the state of { $point }, the moment you chose
check-pitr-rpo = it holds the state from { $rpo } before the restore started: that is how small an RPO automated backups achieve
check-pitr-holds = inside { $pitr }: { $count ->
        [one] 1 todo
       *[other] { $count } todos
    } again ({ $titles })
check-pitr-holds-none = inside { $pitr } there are no todos: the restore point lies after the deletion
check-pitr-holds-empty = inside { $pitr } there are no todos: at { $point } there were none yet
check-pitr-holds-none-early = inside { $pitr } there are no todos: the restore point lies before the todos existed – delete { $pitr } and restore again to a moment when they were there
check-pitr-expected = the app keeps reading { $restored }, so backup-lab cannot look inside { $pitr }; at { $point } the app showed { $count } todos, so that is what { $pitr } is expected to hold
check-pitr-holds-fewer = inside { $pitr } there are only { $count } todos, yet at { $point } the app showed { $expected }: data is missing – delete { $pitr } and restore again to another moment
check-pitr-compare = achieved RPO with the snapshot { $snapshot }: { $snapshot_rpo } · with point-in-time restore: { $pitr_rpo }
check-pitr-missing = optional: { $pitr } does not exist yet
check-pitr-aim = the restore goes to { $point }, just before the todos were deleted at { $disaster }
check-pitr-aim-unseen = the todos were deleted while backup-lab was not watching, at some point between { $seen } and { $noticed }; the restore goes to { $point }, the last moment backup-lab saw them all
check-pitr-needs-backups = needs automated backups (step "Enable automated backups")
check-cleanup-nothing = nothing to clean up yet
check-cleanup-kept = cleaned up; the restored database stays in use
check-cleanup-back = cleaned up; back on the original database
check-cleanup-copied = cleaned up; { $instance } holds the restored todos and is in use again
check-cleanup-copy-failed = the last copy back failed (ECS: { $reason }; exit code { $code }); nothing was deleted, the backend still uses { $restored } – fix the cause and run cleanup again
check-summary-complete = Lab complete: every step up to "Check the todos" is done.
check-summary-incomplete = Lab not complete yet.

leftover-snapshot = snapshot { $snapshot } still exists (storage costs)
leftover-instance = instance { $instance } still exists (billed per second)
leftover-maybe = instance { $instance } still exists (billed per second): it looks like a restore of { $snapshot } under another name; backup-lab did not make it and leaves it. If it is yours from this lab, delete it: RDS → Databases → { $instance } → Actions → Delete
leftover-backend = { $service } still uses the restored database, not { $instance }

## Diagnoses: the restore

problem-restore-other-name = { $other } ({ $status }) appeared after snapshot { $snapshot } was taken, but the lab looks for { $restored }. It is probably your restore under another name. Until backup-lab knows which database is the restored one, the next steps (switching the backend, checking the todos, cleaning up) cannot use it.
    .short = Restored as { $other }, not { $restored }?
problem-restore-other-name-fix = { $Enter } to choose: use { $other } as the restored database of this run (backup-lab remembers the choice), or restore again under { $restored }. In the console, restoring again is RDS → Snapshots → { $snapshot } → Actions → Restore snapshot with DB instance identifier { $restored }; then delete { $other } (Databases → { $other } → Actions → Delete) so that it stops costing money.
problem-restore-security-groups = { $restored } has the security groups { $groups }, { $instance } has { $wanted }. When a restore names no security group, RDS attaches the VPC's default group, which does not let the backend in: once the backend points at { $restored }, its tasks cannot reach the database and the app answers with errors.
    .short = Wrong security group: the backend cannot reach it
problem-restore-security-groups-fix = { $Enter } to give { $restored } the groups of { $instance } ({ $wanted }); it takes effect at once, without an outage. In the console: RDS → Databases → { $restored } → Modify → Connectivity → Existing VPC security groups: remove { $groups }, add { $wanted } (the groups of { $instance }, in the lab Workshop-RDS-SG) → Continue → Apply immediately → Modify DB instance.
problem-restore-subnet-group = { $restored } is in DB subnet group { $subnet }, { $instance } in { $wanted }: it lives in another network, which the backend's tasks cannot reach, so the app would answer with errors.
    .short = Other subnet group: the backend cannot reach it
problem-restore-subnet-group-fix = Restore again into the right network: delete { $restored } (RDS → Databases → { $restored } → Actions → Delete), then RDS → Snapshots → the snapshot → Actions → Restore snapshot with Connectivity → DB subnet group { $wanted } (or let backup-lab restore: Enter on this step once it is gone).
problem-restore-single-az = { $restored } runs in one Availability Zone only. If that zone fails, the todo app is down until the database is restored once more; { $instance } runs Multi-AZ, and so should its copy.
    .short = Single-AZ instead of Multi-AZ
problem-restore-single-az-fix = { $Enter } to convert { $restored } to Multi-AZ (applied at once; RDS builds a standby in another zone, the instance shows modifying for 10 to 30 minutes and keeps serving; it then costs about twice as much). In the console: RDS → Databases → { $restored } → Modify → Availability and durability → Create a standby instance → Continue → Apply immediately.
problem-restore-multi-az = { $restored } runs Multi-AZ, but the configuration asks for Single-AZ: it costs about twice as much as planned.
    .short = Multi-AZ, the configuration asks for Single-AZ
problem-restore-multi-az-fix = { $Enter } to convert { $restored } to Single-AZ (applied at once, no outage). In the console: RDS → Databases → { $restored } → Modify → Availability and durability → Do not create a standby instance → Continue → Apply immediately.
problem-restore-class = { $restored } runs as { $class } instead of { $wanted }. The app works, but the database has different CPU and memory than the lab intends: a larger class costs more every hour, a smaller one can make the app slow.
    .short = Class { $class } instead of { $wanted }
problem-restore-class-fix = RDS console → Databases → { $restored } → Modify → Instance configuration → DB instance class { $wanted } → Continue → Apply immediately. The instance restarts with the new class (a short outage, status modifying).
problem-restore-storage-type = { $restored } stores its data on { $have }, { $instance } on { $wanted } (a restore picks gp3 unless told otherwise). The app works, but storage performs and is billed differently from the original.
    .short = Storage type { $have } instead of { $wanted }
problem-restore-storage-type-fix = Nothing to do for the lab. To have it as on { $instance }: RDS console → Databases → { $restored } → Modify → Storage → Storage type { $wanted } → Continue → Apply immediately. RDS then optimizes the storage for a while (the database keeps serving); after that the storage cannot be changed again for 6 hours.
problem-restore-public = { $restored } is publicly accessible, { $instance } is not: it has a public address, and where its security groups let traffic in, the database with your data can be reached from the internet. (A restore without this setting is public when its VPC has an internet gateway.)
    .short = Publicly accessible
problem-restore-public-fix = Close it in the RDS console: Databases → { $restored } → Modify → Connectivity → Additional configuration → Public access: Not publicly accessible → Continue → Apply immediately → Modify DB instance.
problem-restore-parameter-group = { $restored } uses parameter group { $have }, { $instance } uses { $wanted } (a restore falls back to the engine's default). The database runs with other settings (character set, time zone, SQL mode …), so the app may store, sort or refuse todos differently than before.
    .short = Parameter group { $have } instead of { $wanted }
problem-restore-parameter-group-fix = Nothing to do for the lab. To have it as on { $instance }: RDS console → Databases → { $restored } → Modify → Additional configuration → DB parameter group { $wanted } → Continue → Apply immediately. A new parameter group takes effect only after a reboot (status pending-reboot): then Actions → Reboot.
problem-restore-option-group = { $restored } uses option group { $have }, { $instance } uses { $wanted } (a restore falls back to the engine's default): features the original gets from its options (audit logging, for example) are missing.
    .short = Option group { $have } instead of { $wanted }
problem-restore-option-group-fix = Nothing to do for the lab. To have it as on { $instance }: RDS console → Databases → { $restored } → Modify → Additional configuration → Option group { $wanted } → Continue → Apply immediately.
problem-restore-engine-version = { $restored } runs { $have }, { $instance } runs { $wanted }: without RDS Extended Support a restore moves to a newer major version, and the app now talks to a database that may behave differently.
    .short = Engine { $have } instead of { $wanted }
problem-restore-engine-version-fix = A version cannot be lowered: delete { $restored } (RDS → Databases → { $restored } → Actions → Delete) and restore the snapshot again with RDS Extended Support turned on (Restore snapshot → Engine options → Enable RDS Extended Support), or let backup-lab restore (Enter on this step once it is gone).
problem-restore-ended = { $restored } ended in the status { $status }, and RDS does not leave it by itself ({ $elapsed } since the restore began): waiting does not help. { $status ->
        [failed] The instance failed and RDS cannot recover it.
        [incompatible-parameters] RDS cannot start the database because settings in its parameter group { $parameter_group } do not fit the instance (often memory settings too large for { $class }).
        [incompatible-option-group] The option group { $option_group } does not fit the instance, so RDS could not apply it.
        [incompatible-network] RDS could not place the instance in the network: the subnets of { $subnet_group } have no free IP address left (or the VPC is in a state that does not allow it).
        [incompatible-restore] RDS could not restore { $pitr ->
            [yes] { $from } to that point in time
           *[no] { $from } into a working database
        } (typically because of MyISAM or temporary tables).
        [restore-error] RDS ran into an error while restoring from { $from }.
        [storage-full] The instance's storage ({ $storage }) is full: the database accepts no more writes.
        [insufficient-capacity] AWS has no free capacity for { $class } in this Availability Zone right now.
        [inaccessible-encryption-credentials] The KMS key that encrypts the data cannot be reached, and RDS cannot recover the instance.
        [inaccessible-encryption-credentials-recoverable] The KMS key that encrypts the data cannot be reached right now.
       *[other] RDS gave up on the instance.
    } { $status ->
        [failed] It is not billed, but it counts against your instance quota.
        [incompatible-network] It is not billed.
        [incompatible-restore] It is not billed.
        [insufficient-capacity] It is not billed.
        [inaccessible-encryption-credentials] It is not billed.
        [inaccessible-encryption-credentials-recoverable] Its storage is still billed.
       *[other] It is billed as long as it exists.
    }
    .short = { $restored } ended in { $status }
problem-restore-ended-fix = { $status ->
        [storage-full] Give it more storage: RDS → Databases → { $restored } → Modify → Storage → Allocated storage larger than { $storage } → Continue → Apply immediately. No need to restore again.
        [inaccessible-encryption-credentials-recoverable] Enable the KMS key again (KMS console → the key → Enable), then restart the instance: RDS → Databases → { $restored } → Actions → Reboot.
       *[other] Delete the broken instance: RDS → Databases → { $restored } → Actions → Delete (no final snapshot, it holds nothing new). Once it is gone, { $enter } to restore again{ $status ->
            [incompatible-parameters] { $parameter_default ->
                [yes] {" "}with a larger instance class than { $class } (restore.class in the configuration): the default parameter group sizes memory by the class
               *[no] , after fixing parameter group { $parameter_group } (Parameter groups → { $parameter_group } → Edit), or with the engine's default parameter group
            }
            [incompatible-option-group] { $option_default ->
                [yes] {" "}once the options the snapshot needs are in an option group you choose in the console's restore page (Additional configuration → Option group)
               *[no] , after fixing option group { $option_group }, or with the engine's default option group
            }
            [incompatible-network] , once the subnets of { $subnet_group } have free addresses (delete what no longer runs in them, or add a subnet to the group)
            [incompatible-restore] { $pitr ->
                [yes] , to another point in time or from the manual snapshot
               *[no] {" "}(the same snapshot may fail again: a point-in-time restore, the bonus step, is the other way back to the todos)
            }
            [insufficient-capacity] in a few hours, or now with another instance class (restore.class in the configuration)
            [inaccessible-encryption-credentials] , once the KMS key the snapshot is encrypted with is enabled again
           *[other] {""}
        }. backup-lab does not start a second restore by itself.
    }
problem-restore-status-unknown = { $restored } has shown the status { $status }, which backup-lab does not know, and is still not available { $elapsed } after the restore began (restores take 10 to 40 minutes). backup-lab no longer calls this "in progress".
    .short = { $restored }: unknown status { $status }
problem-restore-status-unknown-fix = Look at the instance in the RDS console: Databases → { $restored } → Logs & events → Recent events tell what RDS is doing. If it does not become available, delete it (Actions → Delete); then { $enter } to restore again.

## Action plans

action-none = this step has no action – read it and go on
param-instance = DB instance
param-retention = Retention (days)
param-window-local = Backup window, local time
param-window-utc = Backup window, sent (UTC)
param-window-local-zone = { $window } (your local time)
param-apply-immediately = Apply immediately
param-value-yes = yes
param-value-no = no
param-todos-to-create = Todos to add
param-todos-to-delete = Todos to delete
param-snapshot = Snapshot
param-new-instance = New DB instance
param-source = Source instance
param-restore-time = Restore to
param-todos-deleted-at = Todos deleted at
param-latest-restorable = Latest restorable time
value-restore-latest = { $time } (the latest restorable time)
value-restore-before = { $time } ({ $before } before the todos were deleted)
value-restore-chosen = { $time } (your choice)
value-deleted-between = between { $seen } and { $noticed } (backup-lab was not watching)
value-latest-restorable = { $time } (read at { $read })
param-class = DB instance class
param-multi-az = Availability
groups-related = { $kind ->
        [same] { $same } (as on { $instance })
        [other] { $other } (not on { $instance }; a restore without groups given gets the VPC's default group)
        [both] { $same } (as on { $instance }) and { $other } (not on { $instance }, such as the VPC's default group)
       *[none] none
    }
groups-change = { $have } → { $want }
availability-change = { $have } → { $want }
param-todos-served = The app serves now
param-todos-count = { $count ->
        [one] 1 todo
       *[other] { $count } todos
    }
param-todo-n = Todo { $n }
param-security-groups = VPC security groups
param-subnet-group = DB subnet group
param-storage = Storage
param-parameter-group = DB parameter group
param-option-group = Option group
param-engine = Engine
param-tags = Tags
param-storage-throughput = Storage throughput
param-public-access = Public access
param-copy-tags = Copy tags to snapshots
param-auto-minor-upgrade = Auto minor version upgrade
param-deletion-protection = Deletion protection
param-family = Task definition family
param-base-revision = Based on revision
param-db-host = New DB_HOST
param-revision = Revision
param-cluster = Cluster
param-service = Service
value-snapshot-kept = { $snapshot } stays (it holds your todos)
param-cleanup-path = Path
param-cleanup-keep = keep the restored database, delete the snapshot
param-cleanup-back = go back to the original database, delete the restored instance and the snapshot
param-adopt = Use as the restored database
param-status = Status
param-created = Created
param-cleanup-copy = copy the restored todos into the original database (dump & restore), go back to it, then delete the restored instance and the snapshot
param-copy-direction = Copy
param-copy-overwrites = Overwrites
param-copy-overwrites-value = the todo tables in { $instance }: anything written there after the disaster is lost
param-copy-database = Database
param-copy-task-definition = Dump task definition

note-outage = Retention goes from 0 to 1 day or more: the instance is briefly unavailable and takes a first backup right away.
note-backup-storage = Backup storage is free up to the total storage provisioned for your DB instances in this region (not just this database); beyond that it is billed per GB-month.
note-browser-alternative = You can also add the todos in the browser; the count updates either way.
note-snapshot-cost = A manual snapshot is kept until you delete it and costs storage; the "Clean up" step deletes it.
note-disaster = This really deletes every todo. What the snapshot does not hold is lost.
note-restore-cost = Cost: the new Multi-AZ db.t3.micro instance is billed per second from the moment RDS creates it, also while it is backing-up or modifying (10-minute minimum), at about twice the Single-AZ price; its 100 GiB of storage is billed twice too. Delete it in cleanup unless you keep it.
note-restore-new-instance = A restore always creates a new instance with a new endpoint; it never overwrites an existing one.
note-restore-unchanged = "The rest unchanged": security groups, subnet group, storage, parameter group, option group, engine lifecycle and tags are those of the source. RDS would not copy them by itself (it would pick the default security group, gp3 and the engine's default groups), so backup-lab sends them along and adds the tags created-by and restored-from.
note-adopt = backup-lab will use { $other } instead of { $restored } for this run: switching the backend, checking the todos, the recovery figures and cleanup. Nothing changes in your account; the choice is kept when you restart backup-lab.
note-adopt-checked = The restore step then checks { $other } like any restore: security groups, Multi-AZ, class and the rest, and says what to fix.
note-adopt-instead = To restore again under { $restored } instead, answer no and choose that after Enter (or run backup-lab run restore --restore-again, or restore { $snapshot } in the console: Snapshots → { $snapshot } → Actions → Restore snapshot).
note-mend-groups = The security groups take effect at once, without an outage: the backend can reach { $restored } from then on.
note-mend-multi-az = The conversion to Multi-AZ takes a while (usually 10 to 30 minutes): { $restored } shows modifying meanwhile and keeps serving, then costs about twice as much as Single-AZ.
note-mend-single-az = The conversion to Single-AZ takes a few minutes; { $restored } keeps serving.
note-mend-only-restored = Only { $restored } is changed; the original database stays untouched.
note-extended-support = Extended Support: RDS standard support for { $engine } ended on { $ended }. Like the source, the new instance stays on this version in RDS Extended Support, which costs about { $usd-per-hour } USD per hour extra ({ $vcpus } vCPUs of { $nodes ->
        [one] the instance
       *[other] each of the { $nodes } Multi-AZ instances
    } at 0.10 USD per vCPU-hour). Turning it off would make RDS upgrade the restore to a newer major version, which the app may not work with.
note-pitr-point = No deletion of the todos is noted yet, so the restore goes to the latest restorable time. It is read again right before the request, because AWS moves it forward about every 5 minutes.
note-pitr-point-before = The journal noted that the { $count } todos were deleted at { $disaster }. A restore to any later second would bring back the empty list, so backup-lab picks a moment shortly before it.
note-pitr-deletion-unseen = The todos were deleted while backup-lab was not watching: it last saw all { $count } at { $seen } and noticed they were gone at { $noticed }, so when exactly they went is unknown. The restore goes to { $point }, the last moment backup-lab knows they were all there. If you know a later moment before the deletion, choose it: in the app, Enter on this step asks for the moment; on the command line, backup-lab run pitr --restore-time HH:MM:SS (your local time).
note-pitr-point-chosen = You chose { $point }. At that moment the app showed { $count } todos, as far as backup-lab knows.
blocked-pitr-logs-behind = The todos were deleted at { $disaster }, but the latest restorable time of { $instance } is still { $latest }, { $behind } before the moment the restore needs ({ $point }). RDS ships the transaction logs about every 5 minutes: wait a few minutes and try again. backup-lab waits rather than restore to another moment.
blocked-pitr-before-backups = The todos were deleted at { $disaster }, before the earliest restorable time of { $instance } ({ $earliest }): the automated backups started too late to hold them. A point-in-time restore cannot bring them back.
blocked-pitr-chosen-outside = { $point } lies outside the restorable window of { $instance } ({ $earliest } to { $latest }): RDS can restore only to a moment between its first automated backup and the latest restorable time. Choose a moment inside the window.
note-pitr-cost = Cost: another DB instance with its own storage, billed per second from the moment RDS creates it (10-minute minimum). The "Clean up" step deletes it.
note-rollout = ECS starts 2 new tasks before it stops the 2 old ones: up to 4 run at once for a few minutes.
note-source-untouched = { $instance } itself is never modified or deleted.
note-source-data-only = In { $instance } only the todo tables change; the instance, its endpoint and its settings stay as they are.
note-copy-overwrites = What the dump does: a one-off task reads the database of { $restored } with mysqldump and writes it into { $instance } with mysql. It replaces the todo tables in { $instance } (DROP TABLE, then CREATE and INSERT): anything written to { $instance } after the disaster is lost.
note-snapshot-kept = { $snapshot } stays: it holds your todos, and they have not been brought back yet. Delete it once you no longer need it: RDS → Snapshots → { $snapshot } → Actions → Delete snapshot.
note-copy-cost = Cost: one Fargate task with 0.25 vCPU and 0.5 GB for about a minute, billed per second with a one-minute minimum: far less than one US cent.
note-copy-credentials = { $stored ->
        [environment] The dump needs the database user and password. The backend's task definition { $backend } keeps them in plain text in the environment of { $container } (DB_USER, DB_PASSWORD), so the dump task definition { $family } stores them the same way: as DB_USER and MYSQL_PWD in its environment. There anyone who may describe task definitions in this account can read them, as in { $backend }. backup-lab never shows or logs them, and at its end this cleanup deregisters every { $family } revision and deletes it (DeleteTaskDefinitions); until then the password is stored there too.
       *[secret] The dump needs the database user and password. { $container } in the backend's task definition { $backend } takes the password from a secret (secrets, valueFrom), so the dump task definition { $family } stores only that reference, as MYSQL_PWD; ECS fetches the value when the task starts. The password is stored nowhere new. At its end this cleanup deregisters every { $family } revision and deletes it (DeleteTaskDefinitions).
    }
note-copy-no-public-ip = Risk: the tasks of { $service } get no public IP (assignPublicIp DISABLED). The dump task runs in the same subnets and must pull { $image } from the public registry public.ecr.aws; that works only if the subnets' route table sends internet traffic (0.0.0.0/0) to a NAT gateway. Without one the task stops after about a minute with CannotPullContainerError, nothing is deleted, and { $service } stays on { $restored }. Check the route tables of the subnets in the VPC console before you confirm, or choose another way.
note-copy-order = Nothing is deleted before { $service } runs on { $instance } again and the app serves the restored todos from it. If a step fails, cleanup stops there and tells you where things stand.
note-cleanup-keep-cost = Two Multi-AZ instances then keep running, { $instance } and { $restored }: both are billed per second, storage included, until you delete one of them.
note-cleanup-unprotect = Deletion protection is on for { $instances } (a restore takes it over from { $instance }): backup-lab turns it off on these instances, which the lab made, right before deleting them. { $instance } keeps its own.

confirm-seen = Do you see them in your browser too? [y/N]
confirm-prompt = Go ahead? [y/N]
confirm-type = Type { $word } to confirm:

## Outcomes

already-backups = already done: retention { $retention ->
        [one] 1 day
       *[other] { $retention } days
    }, window { $window } UTC
check-backups-first-backup-running = Automated backups are on; { $instance } is { $status } and takes the first backup. Nothing to do: once the instance is available again, the step is done.
check-backups-change-running = The change is running: retention { $from } → { $to ->
        [one] 1 day
       *[other] { $to } days
    }, { $instance } is { $status }. Nothing to do: once the instance is available again, automated backups are on.
note-verify-browser = Now open your todo app in the browser ({ $url ->
        [none] http://<DNS name of { $lb }>
       *[other] { $url }
    }) and reload the page. You should see the same todos as here.
done-verify-seen = Your { $count } todos are back: the app serves them from the restored database, and you saw them in the browser.
already-todos = already done: { $count } todos exist
already-snapshot = already done: snapshot { $snapshot } exists ({ $status }) and is reused
already-instance = already done: { $instance } exists ({ $status }) and is reused
already-switched = already done: the service runs revision { $revision }
already-clean = already done: nothing left to delete
done-backups = ModifyDBInstance sent: retention { $retention ->
        [one] 1 day
       *[other] { $retention } days
    }, window { $window } UTC (status { $status })
done-todos = { $count } todos exist
done-snapshot = snapshot { $snapshot } is being created
done-disaster = { $count } todos deleted
done-restore = restore started: { $restored } ({ $status })
done-adopt = { $restored } is now the restored database of this run
done-mend-groups = security groups of { $restored } set to { $groups }
done-mend-multi-az = conversion of { $restored } to Multi-AZ started (status { $status }); it takes a while
done-mend-single-az = conversion of { $restored } to Single-AZ started (status { $status })
done-revision-registered = new task definition revision { $revision } registered
done-revision-reused = revision { $revision } already exists with this DB_HOST and is reused
done-service-updated = { $service } updated to revision { $revision }; the rollout is running
done-revision-deregistered = revision { $revision } deregistered
done-instance-deleted = { $instance } is being deleted (no final snapshot)
done-instance-unprotected = deletion protection turned off: { $instance }
done-snapshot-deleted = snapshot { $snapshot } is being deleted
done-dump-ready = dump task definition { $family }:{ $revision } is ready
done-copy-started = dump task { $task } started
done-copied = copy finished (exit code 0): { $instance } holds the todos of { $restored }
done-served-from-source = the app serves { $count } todos from { $instance }
done-dump-deregistered = dump task definition { $family }:{ $revision } deregistered
done-dump-deleted = dump task definitions { $family } ({ $count ->
        [one] revision
       *[other] revisions
    } { $revisions }) deleted: nothing of them stays in the account, their environment included
done-dump-delete-denied = dump task definitions { $family } ({ $count ->
        [one] revision
       *[other] revisions
    } { $revisions }) are deregistered but could not be deleted: this role may not call DeleteTaskDefinitions. A deregistered revision can still be described, with its environment; delete them where you may: { $cli }
progress-copy-status = dump task { $task }: { $status } ({ $elapsed })
copyback-logs = Task output: CloudWatch Logs, group { $group }, stream { $stream }; read it with: { $cli }
copyback-logs-never-started = The container never started, so it wrote no output; ECS shows the task and why it stopped with: { $cli }
copyback-logs-none = The task has no log configuration (the backend's task definition has none), so its output is not kept; ECS shows the task with: { $cli }
progress-todo-created = todo added: { $title }
progress-todo-deleted = todo deleted: { $title }
progress-retry = { $code }: trying again in { $seconds } s (attempt { $attempt } of { $attempts })
progress-untagged = AWS refused the tags ({ $action } is not allowed for this role); backup-lab tries once more without tags
todo-sample-titles = Buy milk|Water the plants|Book the train|Prepare the lab|Call grandma

blocked-snapshot-no-todos = the todos are deleted and the app shows none: a snapshot now would hold none, and the restore would bring none back. Add the todos first (step “{ $todos_step }”), then take the snapshot.
blocked-instance-busy = { $instance } is { $status }; wait until it is available
blocked-app-unreachable = the todo app does not answer ({ $code }); check --app-url or the load balancer
blocked-snapshot-not-ready = snapshot { $snapshot } is not available yet
blocked-snapshot-creating = { $snapshot } is still being created ({ $percent }%): RDS does not delete a snapshot before it is available, so cleanup waits and deletes nothing yet – run it again once the snapshot is available
action-ended-unexpectedly = the action ended without an answer (an internal error, written to the log file); look at the step's state and run it again
worker-ended = backup-lab stopped watching the account (an internal error, written to the log file); run the command again
blocked-no-restore = { $restored } does not exist yet – restore the snapshot first
blocked-no-endpoint = { $restored } is { $status } and takes no connections yet. This step is possible once its status leaves creating (backing-up or available), because then the backend can reach it
blocked-switch-groups = the backend cannot reach { $restored } through its security groups: give it the source's groups first (step "Restore the snapshot", Enter)
blocked-protected = the lab did not create { $instance }; backup-lab never deletes that instance
blocked-protected-modify = backup-lab changes only the lab's restored database, never { $instance }
blocked-mend-console = anything else to fix on { $restored } has to be done in the console; each diagnosis says how
blocked-restore-ended = { $restored } is { $status } and stays so; delete it in the RDS console (Databases → { $restored } → Actions → Delete) before restoring again – backup-lab does not start a second restore by itself
blocked-rollout-slow = the rollout back did not finish in time; the restored database was kept – run cleanup again later
blocked-rollout-failed = the rollout of revision { $revision } failed ({ $failed } tasks in a row did not start); the restored database was kept – read the events of { $service } in the ECS console and run cleanup again
blocked-rollout-rolled-back = ECS rolled the rollout of revision { $revision } back (deployment circuit breaker): { $service } runs the revision before it again, and the restored database was kept – read the events of { $service } in the ECS console and run cleanup again
blocked-instance-in-use = { $instance } was kept: { $service } still runs revision { $revision }, whose DB_HOST names it, and without it the app would answer with errors – run cleanup again, it switches the service back first
blocked-instance-still-used = { $instance } was kept: { $tasks } old tasks of revision { $revision } of { $service } still use it and did not stop in time – look at the deployments of { $service } in the ECS console and run cleanup again once they are gone
progress-old-tasks = waiting until the old tasks of revision { $revision } have stopped ({ $tasks ->
        [one] 1 still uses { $instance } and serves requests until then
       *[other] { $tasks } still use { $instance } and serve requests until then
    })
blocked-copy-no-restored = { $restored } does not exist (any more): there is nothing to copy back – choose another way to clean up
blocked-copy-not-ready = { $restored } is { $status } and takes no connections yet; the copy can run once it is available
blocked-copy-no-network = the network configuration of { $service } (subnets, security groups) has not been read yet; the dump task runs in it – try again in a moment
blocked-copy-no-database = { $instance } does not name its database (DBName), so the dump does not know what to copy
blocked-copy-engine = the dump needs the MySQL client tools, and { $engine } is not MySQL
blocked-copy-failed = The copy did not work: { $why } ECS says: { $reason } (exit code { $code }). { $logs }. { $stand }
copyback-why-no-registry = Fargate could not pull the image { $image }: the service's subnets have no route to the registry public.ecr.aws. A task gets there through a NAT gateway, or through an internet gateway with a public IP (the service's tasks have assignPublicIp { $public_ip }).
copyback-why-connect = the MySQL client exited with code { $code }, which usually means it could not connect: a security group of { $restored } or { $instance } does not let the service's group ({ $groups }) in on the database port, or a database does not take connections yet. The message of mysql itself is in the task's log.
copyback-why-other = the task stopped before the copy was done.
copyback-stand-restored = Nothing was deleted: { $service } still runs on { $restored }, which keeps the restored todos, and { $snapshot } is still there. Run cleanup again once the cause is fixed; the copy starts over.
copyback-stand-copying = Nothing was deleted: { $service } still runs on { $restored }, and { $snapshot } is still there. Run cleanup again: it follows the same task instead of starting another one.
copyback-stand-switched = Nothing was deleted: { $restored } and { $snapshot } are still there, and { $service } already runs on { $instance } again. Look at the todos in the app, then run cleanup again.
blocked-copy-slow = dump task { $task } is still { $status } after 20 minutes, so cleanup stops waiting. Follow it with: { $cli }. { $stand }
blocked-copy-unverified = the app could not be read after the switch back ({ $error }). { $stand }
blocked-copy-mismatch = the app serves { $served } todos from { $instance }, but { $restored } had { $expected }, so cleanup stops before deleting anything. { $stand }

## Headless

run-already-done = already done: { $detail }
run-seen-assumed = --yes: taken as seen; check that your browser shows them too.
run-not-seen-yet = not confirmed yet: the account serves the todos, your browser does not show them. Reload the page without the cache (Ctrl+Shift+R) and check that the address is the todo app’s; then run backup-lab run { $step } again.
run-skipped = skipped
run-needs-yes = no terminal to ask for confirmation: add --yes to run without asking
run-nothing = name the steps to run (e.g. run snapshot) or use --all
run-timeout = waited too long for this step; run the command again to carry on
run-credentials-waiting = waiting for fresh credentials: backup-lab tries again every few seconds and carries on by itself once they work (Ctrl+C ends the run; what is done stays done)
run-credentials-still-waiting = still waiting for fresh credentials ({ $elapsed })
run-credentials-back = the credentials work again: carrying on where the run stopped
run-credentials-gave-up = no working credentials after 2 hours; run the command again once you have fresh ones, and it carries on where it stopped
status-instances = DB instances
status-snapshots = Snapshots
status-service = ECS deployments
status-events = ECS service events (newest first)
status-todos = Todos
status-unknown = not known – it could not be read: { $reason }
status-problems = Diagnoses, and what to do
status-days = { $count ->
        [one] 1 day
       *[other] { $count } days
    }
status-manual = manual
status-automated = automated
hint-try-sim = Without an AWS account: backup-lab --sim
log-action-started = action started: { $step }

## Errors

error-access-denied = Access denied ({ $code }) for { $operation }: { $permission ->
        [none] the credentials may not do this.
       *[other] the role lacks { $permission }.
    } In AWS Academy, use the LabRole credentials. ({ $message })
error-app-denied = The todo app refused { $operation } ({ $code }: { $message }): the app says no, not AWS, so no IAM role is involved. Check that --app-url (or the load balancer) leads to your todo app and that nothing in front of it, such as a proxy or a login page, blocks the request.
error-expired-token = The credentials have expired ({ $code }). { $source ->
        [environment] They come from environment variables (AWS_ACCESS_KEY_ID …), which a running program cannot read again: quit backup-lab, set the fresh values (AWS Academy: AWS Details → AWS CLI) and start it again. Your progress is kept.
        [profile-keys] They come from profile { $profile } in { $file }: paste fresh ones there (AWS Academy: AWS Details → AWS CLI); backup-lab picks them up and carries on.
        [sso] They come from the SSO login of profile { $profile }: run aws sso login --profile { $profile }; backup-lab picks up the new session and carries on.
        [login] They come from the console login of profile { $profile }: run aws login --profile { $profile }; backup-lab picks up the new session and carries on.
        [process] Profile { $profile } gets them from its credential_process, which backup-lab runs again by itself; if it keeps giving expired credentials, renew what that command reads.
        [cloudshell] The CloudShell session has ended: open CloudShell again from the AWS console and start backup-lab there. Your progress is kept.
        [container] They come from the container credentials endpoint, which renews them by itself; if they stay expired, restart the container or check its role.
        [web-identity] They come from a web identity token, which is renewed outside backup-lab; once it is, backup-lab carries on.
       *[other] Copy fresh credentials from AWS Academy (AWS Details → AWS CLI) into ~/.aws/credentials; backup-lab picks them up and carries on.
    }
error-no-credentials = { $source ->
        [environment] AWS does not accept the credentials from the environment variables AWS_ACCESS_KEY_ID … ({ $code }: { $message }). Quit backup-lab, set fresh values (AWS Academy: AWS Details → AWS CLI) and start it again.
        [profile-keys] AWS does not accept the credentials of profile { $profile } in { $file } ({ $code }: { $message }). Paste fresh ones there (AWS Academy: AWS Details → AWS CLI); backup-lab picks them up.
        [sso] The SSO login of profile { $profile } gives no credentials ({ $message }): run aws sso login --profile { $profile }.
        [login] The console login of profile { $profile } gives no credentials ({ $message }): run aws login --profile { $profile }.
        [process] The credential_process of profile { $profile } gives no usable credentials ({ $message }); run that command yourself to see why.
        [cloudshell] CloudShell's credentials endpoint gives no credentials ({ $message }). Close CloudShell, open it again from the AWS console and start backup-lab there; do not set AWS_CONTAINER_CREDENTIALS_FULL_URI or AWS_CONTAINER_AUTHORIZATION_TOKEN yourself.
        [container] The container credentials endpoint gives no credentials ({ $message }). Check AWS_CONTAINER_CREDENTIALS_FULL_URI and the token in AWS_CONTAINER_AUTHORIZATION_TOKEN.
        [web-identity] The web identity token gives no credentials ({ $message }); check AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN.
       *[other] No AWS credentials found. In AWS Academy, open CloudShell in the AWS console and run backup-lab there; that is the easiest way. Or copy the lines under AWS Details → AWS CLI into ~/.aws/credentials. Without an account: backup-lab --sim
    }
error-no-region = No AWS region set. Use --region us-east-1 (the course's region) or set AWS_REGION.
error-throttling = AWS is throttling requests ({ $code }); backup-lab waits and tries again.
error-invalid-state = The resource is busy ({ $code }: { $message }); wait until it is available and try again.
error-pitr-not-enabled = RDS cannot restore to a point in time ({ $code }: { $message }): automated backups are off for the source (backup retention 0). Waiting does not help: turn them on first (step "Enable automated backups"), then wait for the first backup, a few minutes.
error-restore-time-invalid = RDS refused the restore time ({ $code }: { $message }): it lies outside the restorable window, which runs from the first automated backup to the latest restorable time (usually about 5 minutes ago). Waiting does not help for a time before the first backup: choose a time inside the window. A time a few minutes ago becomes restorable once the transaction logs reach the backup.
error-deletion-protected = RDS refused to delete the instance ({ $code }: { $message }): deletion protection is on. Turn it off (RDS → Databases → the instance → Modify → Deletion protection off → Apply immediately), then run the step again.
error-already-exists = The resource already exists ({ $code }); backup-lab reuses it.
error-not-found = Not found ({ $code }: { $message }). Check the earlier steps: the snapshot comes from "Take a manual snapshot", the restored database from "Restore the snapshot".
error-service-not-found = ECS service not found ({ $code }); check the cluster and service names in the configuration.
error-client = { $service ->
        [rds] RDS
        [todo] The todo app
        [sts] AWS STS
        [ecs] ECS
        [elasticloadbalancing] Elastic Load Balancing
       *[other] AWS
    } refused the request ({ $code }: { $message }).
error-validation = AWS refused a parameter ({ $code }: { $message }).
error-server = The service had an internal error ({ $code }); try again in a moment.
error-network = Network error ({ $message }); check the connection – backup-lab keeps trying.
error-timeout = The request timed out ({ $operation }); backup-lab checks the state before it tries again.
error-todo-answer = The todo app answered, but backup-lab cannot use the answer: { $code ->
        [NotJson] it is not JSON
        [NoList] it holds no todo list
       *[other] a todo in it cannot be read
    } ({ $message }). Check that this address is the lab's todo backend (GET /api/v1/todos); if it is not, give the right one with --app-url.
error-other = Error { $code }: { $message }
error-local-state = The simulated world could not be saved ({ $message }). backup-lab stops here and does nothing more: what it did last is not in the world file, so the next start shows the state from before. Free some space or fix the permissions of the state directory, then run again.

invalid-identifier-empty = the name is empty
invalid-identifier-too-long = the name is longer than 63 characters
invalid-identifier-first-char = the name must start with a letter
invalid-identifier-chars = the name may contain only letters, digits and hyphens
invalid-identifier-hyphens = the name must not contain two hyphens in a row or end with one
invalid-window-format = the backup window must look like hh:mm-hh:mm in 24-hour time (hours 00–23, minutes 00–59), e.g. 03:00-03:30
invalid-window-too-short = the backup window must be at least 30 minutes long
invalid-window-overlap = the backup window overlaps the maintenance window ({ $maintenance } UTC); choose another time
invalid-retention = the retention must be 0 to 35 days
invalid-target = a target must be at least 1 minute
invalid-order-rate = the example's orders per hour must be a whole number from 1 to 3600000
invalid-url = not a valid http(s) URL, e.g. http://todoapp-123.us-east-1.elb.amazonaws.com
invalid-url-credentials = the URL must not contain a user name or password (they would end up in logs and the report); give the app's address without them
invalid-url-port = port 0 cannot be reached; leave the port out or give the one the app listens on
invalid-url-too-long = the URL is longer than 2048 characters; give the app's base address, e.g. http://todoapp-123.us-east-1.elb.amazonaws.com
invalid-same-name = the name must differ from { $other }: every instance of the lab needs a name of its own (RDS restores into a new instance, never into an existing one)
invalid-lb-too-long = the name of a load balancer has at most 32 characters
invalid-lb-chars = the name of a load balancer may contain only letters, digits and hyphens (no underscore)
invalid-lb-edges = the name of a load balancer must not begin or end with a hyphen nor begin with "internal-"
invalid-name = the name must be 1 to 80 characters long, without line breaks, e.g. --name "Anna Muster"
invalid-timezone = unknown time zone; use an IANA name such as Europe/Zurich
cli-invalid-value = { $arg } cannot take "{ $value }": expected { $takes }.
cli-takes-speed = a number from { $min } (real time) to { $max }
cli-takes-minutes = a whole number of minutes, at least 1
cli-takes-one-of = one of { $values }
cli-takes-file = the path of a file
cli-takes-dir = the path of a directory
cli-takes-text = a value
cli-takes-other = another value (backup-lab --help says which)
cli-unknown-argument = unknown argument "{ $arg }"; { $suggestion }
cli-did-you-mean = did you mean { $suggested }?
cli-did-you-mean-command = {" "}(did you mean { $suggested }?)
cli-see-help = backup-lab --help lists the options and commands.
cli-unknown-command = unknown command "{ $command }"{ $suggestion }: the commands are status, check, run, report, completions and man (backup-lab --help).
cli-missing = { $arg } is missing; backup-lab --help shows what the command needs.
cli-needs-value = { $arg } needs a value: expected { $takes }.
cli-conflict = { $arg } cannot be used together with { $other }; choose one.
cli-not-utf8 = an argument is not valid UTF-8 text; type it again.
cli-other = the command line cannot be read ({ $detail }); backup-lab --help lists the options and commands.
invalid-lang = unknown language "{ $lang }": use --lang de or --lang en (also de-CH, de_DE, en-US, en_GB …)
invalid-step = unknown step "{ $step }"; steps with an action: { $steps }
invalid-faults = invalid --faults: { $reason }
invalid-faults-unhealthy-needs-sim = invalid --faults: unhealthy makes simulated tasks fail and works only with --sim
invalid-faults-dump-needs-sim = invalid --faults: no-registry and db-unreachable make the simulated copy task fail and work only with --sim
invalid-faults-restore-needs-sim = invalid --faults: a restore that ends in a status such as incompatible-parameters is a behaviour of the simulated account and works only with --sim
invalid-restore-time = "{ $time }" is no time: give HH:MM:SS in your local time (today; yesterday if it is still to come), or an RFC 3339 time such as 2026-11-25T09:12:00Z
invalid-faults-session-needs-sim = invalid --faults: session lets the simulated session expire and works only with --sim (for AWS there is expired: it injects ExpiredToken)
invalid-speed = --speed must be a number from { $min } (real time) to { $max }; the default is { $default }
invalid-speed-needs-sim = --speed only applies to the simulation: add --sim
config-read = cannot read { $path }: { $reason }
config-parse = { $path } is not valid TOML: { $reason }
config-field = configuration: { $field } = "{ $value }": { $problem_id }
config-value = { $path }, line { $line }: { $key } { $expected }
config-expect-number = takes a whole number (without quotes), e.g. 30
config-expect-bool = takes true or false (without quotes)
config-expect-text = takes a text in quotes
config-expect-table = is a table: write it as [{ $key }] with its keys below
config-unknown-key = { $path }, line { $line }: backup-lab knows no setting { $key } (it knows { $known }). Check the spelling; the README lists every setting.
config-expect-other = has a value it cannot take ({ $reason })
app-url-ignored-sim = --app-url is not used with --sim: the simulated account has its own todo app. Leave --sim out to use the URL with your AWS account.
config-flag = { $flag } "{ $value }": { $problem_id }
output-failed = cannot write the output: { $reason }
man-dir-failed = cannot write the man pages into { $dir } ({ $reason }); create the directory first or name another one
read-only-refused = read-only mode: backup-lab only observes and checks; start without --read-only to make changes

## State directory, journal and files

file-problem-not-regular = it is not a regular file (a directory, a device or a pipe)
file-problem-too-large = it is too large
file-problem-empty = it is empty
file-problem-damaged = its content is damaged or not in the expected format
file-problem-io = the system refused to read it
file-problem-symlink = it is a symbolic link (or lies in a directory that is one), and backup-lab follows no links in its state directory (another file could be written in its place). Remove the link, or point --state-dir at the directory it leads to
world-unwritable = The simulated world cannot be saved ({ $reason }); nothing was started. Free some space or fix the permissions of the state directory, or choose another one with --state-dir.
journal-unwritable-start = The journal { $path } cannot be written ({ $reason }); nothing was started, because progress that is not written down would be misjudged later. Free some space or fix the permissions of the state directory, or choose another one with --state-dir.
state-file-refused = cannot use { $path }: { $problem }{ $detail }. Nothing was changed.
log-unavailable = The log { $path } cannot be written: { $problem }{ $detail }. backup-lab goes on without a log.
config-file = cannot use { $path } as configuration: { $problem }{ $detail }. --config takes a regular TOML file of at most { $limit_mib } MiB.
world-unreadable = The simulated world in { $path } cannot be used: { $problem }{ $detail }. The file is kept as it is. Start a fresh world with --reset (the file is then kept in the archive folder of the state directory, not deleted).
world-other-names = { $path } holds the simulated world of the instance "{ $instance }", not "{ $expected }". The file is kept as it is. Use the --config it belongs to, or start a fresh world with --reset (the file is then kept in the archive folder of the state directory, not deleted).
journal-unreadable = The journal { $path } cannot be read: { $problem }{ $detail }. The file is kept as it is. Start a new journal with --reset (the file is then kept in the archive folder of the state directory, not deleted).
journal-skipped = { $count ->
        [one] 1 line of the journal { $path } could not be read and was skipped
       *[other] { $count } lines of the journal { $path } could not be read and were skipped
    }; the rest of the history is used. The file is kept as it is.
journal-unwritable = The journal cannot be written ({ $reason }). backup-lab does nothing more, so that nothing happens that the journal would not remember: free some space or fix the permissions of the state directory, then start it again.
dialog-journal = Journal
reset-archived = --reset: the previous state is kept in { $dir } ({ $count } { $count ->
        [one] file
       *[other] files
    }); the last { $kept } resets are kept there, older ones are deleted.
state-dir-not-dir = { $dir } is not a directory, but backup-lab keeps its state in a directory there. Move it away or choose another directory with --state-dir. --reset cannot help here: the path is yours.
state-subdir-not-dir = { $path } is a file where backup-lab keeps a directory. Start over with --reset (the file is then kept in { $archive }, not deleted), or move it away yourself (for example mv { $path } { $path }.old) to keep what the state directory holds.
reset-failed = --reset could not move { $path } into the archive ({ $reason }); nothing was changed. Check the permissions of the state directory, or choose another one with --state-dir.
reset-failed-stranded = --reset could not move { $path } into the archive ({ $reason }), and could not put back what it had already moved. These files are in the archive now; move each back to where it belongs before you start again: { $stranded }
reset-needs-owner = --reset starts over; use it with `run` or the app, not with status, check, report or --read-only
state-held-tui = The state directory { $dir } is in use by { $command } (process { $pid }, since { $since }); only one backup-lab at a time may work on it. Wait until it has finished, or start again with --read-only to watch it (the status command shows it too).
state-held-run = The state directory { $dir } is in use by { $command } (process { $pid }, since { $since }); only one backup-lab at a time may work on it. Wait until it has finished, add --wait to start as soon as it is free, or look at it with the status command.
state-waiting = The state directory { $dir } is in use by { $command } (process { $pid }, since { $since }); waiting until it is free (Ctrl+C stops).
state-watching = Watching: { $command } (process { $pid }, since { $since }) works on { $dir }; this app shows what it does and changes nothing.
state-sim-paused = Simulated time is standing still: no app or run is working on this world right now.
state-owner-ended = The run that held this state ended: { $command } (process { $pid }, since { $since }) no longer runs and did not let go of { $dir } (it was killed or crashed). What it last saved is shown; simulated time stands still there until the next app or run opens it.
state-lock-failed = cannot lock the state directory: { $path } ({ $reason }). Free some space or check its permissions (and that its file system is writable), or choose another one with --state-dir.
owner-run = `backup-lab run`
owner-tui = the backup-lab app
owner-unknown = another backup-lab
tui-needs-terminal = The app needs a terminal, and stdin or stdout is not one here. Without a terminal use the commands: backup-lab status, backup-lab check, backup-lab run --all --yes, backup-lab report.
run-interrupted = Stopped by a signal. What was done so far is saved; run the same command again to carry on.
error-gave-up = AWS still refused after { $attempts } attempts ({ $code }: { $message }); backup-lab gave up. Run the step again.
plan-changed = The account has changed since you confirmed, so the plan is no longer the same. Nothing has been changed. Check the new plan and confirm it again.
faults-empty = the spec is empty; e.g. throttle:0.2 or CreateDBSnapshot=timeout@1
faults-calls = "{ $part }": after @ comes N or N-M, with 1 ≤ N ≤ M
faults-rate = "{ $part }": the rate after : must be a number from 0 to 1
faults-kind = "{ $part }": the kind must be throttle, 5xx, timeout, denied, expired, tag-denied, unhealthy, no-registry, db-unreachable, session or a status a restore ends in (failed, incompatible-parameters, restore-error, storage-full, …)
faults-unhealthy-operation = "{ $part }": unhealthy applies to UpdateService only
faults-unhealthy-rate = "{ $part }": unhealthy takes no rate, only @N or @N-M
faults-dump-rule = "{ $part }": no-registry and db-unreachable apply to RunTask only and take no rate, only @N or @N-M
faults-restore-rule = "{ $part }": a status a restore ends in applies to RestoreDBInstanceFromDBSnapshot and RestoreDBInstanceToPointInTime only and takes no rate, only @N or @N-M
faults-stale-rule = "{ $part }": stale takes the seconds by which Describe calls lag behind (0 to 600, e.g. stale:2) and no @N; its operation is the write after which they lag: UpdateService, RegisterTaskDefinition, RunTask, CreateDBSnapshot, RestoreDBInstanceFromDBSnapshot or RestoreDBInstanceToPointInTime
faults-session-rule = "{ $part }": session applies to every call and takes no rate, only @N (the call from which the session has expired)
faults-operation = "{ $part }": unknown operation "{ $operation }"; known operations: { $operations }


dialog-action-failed = The action failed
dialog-already-done = Nothing to do
dialog-not-yet = Not possible now
dialog-running = Already running
dialog-invalid = Invalid input
dialog-read-only = Read-only
dialog-busy = Busy
busy-running = "{ $step }" is still running; wait until it finishes

## Recovery phases

phase-until-restore = until restore
phase-restore = restore
phase-until-switch = until switch
phase-rollout = rollout
phase-copy = copy back (dump task)
phase-back = back onto the original database

## Report

report-title = Backup & Recovery – lab report
report-learner = Name
report-learner-none = not given (use --name "First Last" or learner = "…" in the configuration)
report-not-written = The report could not be written ({ $error }): the file you sent it to is incomplete. Make room on the disk or choose another file, then run the command again.
stdout-not-written = The output could not be written ({ $error }): what you sent it to is incomplete. Make room on the disk or write it elsewhere, then run the command again.
report-mode = Account
report-mode-sim = simulated account ×{ $speed }
report-mode-aws = AWS { $account } · { $region }
report-generated = Generated
report-steps = Steps
report-step = Step
report-state = State
report-state-done = done
report-state-in-progress = in progress
report-state-todo = to do
report-state-unknown = not known (could not read)
report-state-failed = failed
report-time = Time
report-detail = Detail
report-recovery = Recovery: RPO and RTO
report-target = target
report-copy-back-rto = RTO via dump & restore (until the app serves the todos from the original database)
report-copy-back-counted = counts only what this path takes, not the time the app ran on the restored database in between
report-met = met
report-missed = missed
report-open = open
report-lost = Todos lost (added after the snapshot)
report-pitr-hint = With automated backups and point-in-time restore the RPO would have been about { $rpo }.
report-pitr-already-small = This run's achieved RPO ({ $rpo }) is only that small because the snapshot was taken just before the disaster. In a real incident nobody knows beforehand how long ago the last snapshot was; with automated backups, point-in-time restore keeps the RPO at about { $pitr } whenever disaster strikes.
report-calls = Changes in AWS and in the todo app, as shell commands
report-calls-may-miss = { $runs ->
        [one] One run
       *[other] { $runs } runs
    } ended without finishing (killed or crashed). A call is recorded when its answer comes, so the call such a run was making at that moment may be missing from these counts (one at most per run).
report-reads = Polling reads
report-leftovers = Still costing money
report-nothing-left = Nothing from the lab is left.
report-leftovers-unknown = backup-lab could not look at the whole account, so what is left and still costs money is not known (a restored instance or a snapshot may still be there). Look again once the account can be read, or in the RDS and ECS consoles:
report-journal-lost = { $count ->
        [one] 1 line
       *[other] { $count } lines
    } of the journal could not be read (backup-lab was ended in the middle of writing): the figures below are made from the rest of the history and may miss what those lines held.
report-problems = Diagnoses
report-fix = What to do:
severity-failure = failure
severity-warning = warning
severity-note = note

## No account

welcome-title = no AWS account reachable
welcome-setup =
    To work in your own AWS account:
    Where the AWS Academy account allows CloudShell, this is the easiest way: open CloudShell from the AWS console (the >_ icon at the top) and run backup-lab there. There is nothing to copy.
    Or on this computer:
    1. In AWS Academy, start the Learner Lab and open "AWS Details".
    2. Next to "AWS CLI", click "Show" and copy the lines.
    3. Paste them into ~/.aws/credentials (replace what is there) and save.
    4. Start backup-lab again, with --region us-east-1 if no region is set.
    The credentials expire after a few hours; then copy them again.
    Or continue in the simulation: the same lab, no AWS needed.
welcome-key-sim = continue in the simulation

## Diagnoses: what happened and why it matters (problem-<code>), a few words for lists
## (.short), and what to do now (problem-<code>-fix), with the console path

problem-backup-pending-maintenance = A retention of { $retention ->
        [one] 1 day
       *[other] { $retention } days
    } is saved for { $instance } but not applied: "Apply immediately" was not chosen, so RDS waits for the maintenance window ({ $when }, in { $in }). Until then the old setting stays.
    .short = Waits for maintenance window
problem-backup-pending-maintenance-fix = { $Enter } to apply it now, or in the console: RDS → Databases → { $instance } → Modify → Backup retention period { $retention } → Continue → Apply immediately → Modify DB instance.
problem-backup-retention-other = { $instance } keeps automated backups for { $retention ->
        [one] { $retention } day
       *[other] { $retention } days
    }; the lab asks for { $wanted ->
        [one] { $wanted } day
       *[other] { $wanted } days
    }. Backups cost storage beyond the free amount, and the lab's figures assume { $wanted }.
    .short = Retention { $retention } instead of { $wanted }
problem-backup-retention-other-fix = { $Enter } to set it, or: RDS → Databases → { $instance } → Modify → Backup retention period { $wanted } → Continue → Apply immediately → Modify DB instance.
problem-backup-window-as-local = The backup window is { $window } UTC, which is { $local } your time ({ $zone }): it was typed as if RDS took local time. RDS windows are always in UTC.
    .short = Window typed in local time
problem-backup-window-as-local-fix = For { $meant } your time, enter { $utc } (UTC): { $Enter }, or RDS → Databases → { $instance } → Modify → Backup window → Select window → start { $utc } → Continue → Apply immediately.
problem-snapshot-other-name = There is a manual snapshot { $found } of { $instance }, but none named { $snapshot }. The next steps look for { $snapshot }.
    .short = Snapshot named { $found }
problem-snapshot-other-name-fix = { $Enter } to take { $snapshot } now, or: RDS → Databases → { $instance } → Actions → Take snapshot → name { $snapshot }. Delete { $found } when it is no longer needed (RDS → Snapshots → Actions → Delete snapshot).
problem-snapshot-creating-todos-deleted = The todos were deleted while { $snapshot } was still being created. That is fine: a snapshot holds the data as it was when it began, so the { $count } todos are in it.
    .short = Todos deleted early: fine
problem-snapshot-creating-todos-deleted-fix = Nothing to do: wait until { $snapshot } is available, then go on with the restore.
problem-snapshot-after-deletion = { $snapshot } was taken at { $taken }, after the todos were deleted: the app showed { $count ->
        [one] 1 todo
       *[other] { $count } todos
    } before and none when the snapshot began. The snapshot holds no todos, and a restore from it brings none back.
    .short = Taken after the deletion
problem-snapshot-after-deletion-fix = Add the todos again (step “{ $todos_step }”), then take the snapshot again: RDS → Snapshots → { $snapshot } → Actions → Delete snapshot, then RDS → Databases → { $instance } → Actions → Take snapshot → name { $snapshot }. Delete the todos only after that.
problem-snapshot-before-todos = { $snapshot } was taken at { $taken }, when the app had { $held } todos; { $later } came later. A restore from it brings back only { $held }.
    .short = Taken before the todos
problem-snapshot-before-todos-fix = Take it again now that the todos are there: RDS → Snapshots → { $snapshot } → Actions → Delete snapshot, then RDS → Databases → { $instance } → Actions → Take snapshot → name { $snapshot }.
problem-snapshot-todos-untold = { $snapshot } was taken at { $taken }; whether all todos were there at that time is unknown: the journal lost a line from then (backup-lab was ended in the middle of writing it).
    .short = Todos in the snapshot unknown
problem-snapshot-todos-untold-fix = Look at the todos after the restore. If some are missing, take the snapshot again: RDS → Snapshots → { $snapshot } → Actions → Delete snapshot, then take it again under the same name.
problem-source-missing = { $instance } is not in this region. Either the console or backup-lab looks at another region, or the instance was deleted. Without it the lab cannot go on.
    .short = { $instance } not found
problem-source-missing-fix = Check the region at the top right of the console and in backup-lab's header. If { $instance } was deleted, it comes back only from a snapshot: restore one under the name { $instance } (RDS → Snapshots → Actions → Restore snapshot).
problem-source-missing-snapshot-kept = { $instance } is not in this region any more, but { $snapshot } is: a manual snapshot outlives its instance, so your data is safe. The app has no database until { $instance } is back.
    .short = { $instance } is gone
problem-source-missing-snapshot-kept-fix = Check the region first. If { $instance } was deleted: RDS → Snapshots → { $snapshot } → Actions → Restore snapshot → DB instance identifier { $instance }, with the settings it had.
problem-source-deleting = { $instance } is being deleted (status { $status }). The app loses its database, and the lab cannot use it any more.
    .short = { $instance } is being deleted
problem-source-deleting-fix = A deletion cannot be stopped. Keep { $snapshot } (it outlives the instance) and restore it under the name { $instance } once the deletion is finished: RDS → Snapshots → { $snapshot } → Actions → Restore snapshot.
problem-source-modified = { $instance } is being changed (status { $status }), and not its backup settings: someone modified it in the console. backup-lab never changes it beyond the backups; snapshots and restores wait until it is available again.
    .short = { $instance } is being modified
problem-source-modified-fix = Wait until { $instance } is available again (RDS → Databases). If the change was a mistake, look at RDS → Databases → { $instance } → Logs & events → Recent events, and undo it with Modify.
problem-source-stopped = { $instance } is { $status }: the app has no database and snapshots cannot be taken.
    .short = { $instance } is stopped
problem-source-stopped-fix = Start it again: RDS → Databases → { $instance } → Actions → Start. It takes a few minutes.
problem-restored-deleted-in-use = { $restored } was deleted, but { $service } still points at it. The app is down: its tasks cannot reach a database.
    .short = App down: database deleted
problem-restored-deleted-in-use-fix = Put the backend back first: a new revision of { $family } with DB_HOST = the endpoint of { $instance } (ECS → Task definitions → { $family } → Create new revision), then { $cluster } → { $service } → Update to it. The way back in the "Clean up" step (Enter there) does both.
problem-restored-deleting-in-use = { $restored } is being deleted while { $service } still points at it. The app goes down as soon as the instance is gone.
    .short = App going down: database deleted
problem-restored-deleting-in-use-fix = Put the backend back on { $instance } now: a new revision of { $family } with DB_HOST = the endpoint of { $instance }, then { $cluster } → { $service } → Update to it. The way back in the "Clean up" step (Enter there) does both.
problem-switch-too-early = { $restored } is still { $status } and takes no connections yet, but { $service } already points at it: the new tasks fail their health checks and ECS keeps replacing them until the database is ready. Until then the old tasks serve the app from { $instance }.
    .short = Switched before the database is ready
problem-switch-too-early-fix = Nothing to undo: once { $restored } is available, the new tasks start. If the rollout has failed by then, update { $service } again ({ $enter }).
problem-rollout-failed = The rollout of revision { $revision } failed: { $failed } tasks in a row did not start; { $back ->
        [0] ECS starts no new ones.
       *[other] ECS rolled the service back to revision { $back }.
    }
    .short = Rollout failed
problem-rollout-failed-fix = Check that { $restored } is available and reachable (DB_HOST, security group), read ECS → Clusters → { $cluster } → { $service } → Events, then { $enter } to update the service again.
problem-rollout-tasks-failing = Tasks of revision { $revision } keep failing to start ({ $failed } in a row); ECS keeps replacing them and the rollout does not finish.
    .short = Tasks keep failing
problem-rollout-tasks-failing-fix = Check that { $restored } is available and reachable (DB_HOST, security group), read ECS → Clusters → { $cluster } → { $service } → Events and the stopped tasks' reasons, then { $enter } to update the service again.
problem-rollout-rolled-back = The rollout onto the restored database failed; ECS rolled the service back to revision { $back }. The app serves the old database.
    .short = Rollout rolled back
problem-rollout-rolled-back-fix = Check that { $restored } is available and reachable (DB_HOST, security group), read ECS → Clusters → { $cluster } → { $service } → Events, then { $enter } to update the service again.
problem-rollout-stuck = The rollout of revision { $revision } has been running for { $waited } with { $running } of { $desired } new tasks: it is stuck.
    .short = Rollout stuck
problem-rollout-stuck-fix = Look at ECS → Clusters → { $cluster } → { $service } → Tasks (stopped tasks and their reasons) and Events; the usual cause is a database the tasks cannot reach.
problem-service-revision-not-deployed = Revision { $revision } of { $family } has the right DB_HOST, but { $service } still runs revision { $running }: the service has not been updated to it (if you just did, ECS can take a few seconds to show it), so the app still uses the old database.
    .short = Update to revision { $revision }
problem-service-revision-not-deployed-fix = Update { $service } to revision { $revision }: { $Enter }, or ECS → Clusters → { $cluster } → { $service } → Update → Revision { $revision } → Update.
problem-service-other-revision = { $service } was updated to revision { $running }, but the revision with the new DB_HOST is { $revision }. The app does not use { $restored }.
    .short = Update to revision { $revision }
problem-service-other-revision-fix = Update { $service } to revision { $revision }: { $Enter }, or ECS → Clusters → { $cluster } → { $service } → Update → Revision { $revision } → Update.
problem-db-host-old-endpoint = Revision { $revision } runs, but its DB_HOST is still the endpoint of { $instance }: the new revision was created without changing the value. The app does not use { $restored }.
    .short = DB_HOST still the old endpoint
problem-db-host-old-endpoint-fix = { $Enter }, or: ECS → Task definitions → { $family } → Create new revision → container { $container } → DB_HOST = the endpoint of { $restored } (RDS → Databases → { $restored } → Connectivity & security) → Create, then update { $service } to it.
problem-db-host-empty = DB_HOST in container { $container } of revision { $revision } is empty or missing: the backend does not know which database to use, and its tasks fail.
    .short = DB_HOST empty
problem-db-host-empty-fix = { $Enter }, or: ECS → Task definitions → { $family } → Create new revision → container { $container } → Environment variables → DB_HOST = { $endpoint } → Create, then update { $service } to it.
problem-db-host-elsewhere = DB_HOST is { $host }: that is not an endpoint of this lab, so the backend cannot reach { $restored }.
    .short = DB_HOST unknown
problem-db-host-elsewhere-fix = Copy the endpoint from RDS → Databases → { $restored } → Connectivity & security ({ $endpoint }) into DB_HOST of a new revision of { $family } (container { $container }), then update { $service } to it. Or { $enter }.
problem-db-host-scheme = DB_HOST is { $host }: the endpoint with { $scheme } in front. DB_HOST takes the bare host name; the backend adds the rest itself, so with it the tasks cannot connect.
    .short = DB_HOST with { $scheme }
problem-db-host-scheme-fix = Set DB_HOST to { $endpoint } exactly: { $Enter }, or ECS → Task definitions → { $family } → Create new revision → container { $container } → DB_HOST → Create, then update { $service } to it.
problem-db-host-port = DB_HOST is { $host }: the endpoint with the port :{ $port }. The port does not belong in DB_HOST (the backend uses 3306 itself), so the tasks cannot connect.
    .short = Port in DB_HOST
problem-db-host-port-fix = Set DB_HOST to { $endpoint } exactly, without :{ $port }: { $Enter }, or ECS → Task definitions → { $family } → Create new revision → container { $container } → DB_HOST → Create, then update { $service } to it.
problem-db-host-spaces = DB_HOST is { $host }: the endpoint with spaces around or in it, as often happens when copying from the console. The backend looks up the name as it is and finds nothing.
    .short = Spaces in DB_HOST
problem-db-host-spaces-fix = Set DB_HOST to { $endpoint } exactly, without spaces: { $Enter }, or ECS → Task definitions → { $family } → Create new revision → container { $container } → DB_HOST → Create, then update { $service } to it.
problem-db-host-trailing-dot = DB_HOST is { $host }: the endpoint with a dot at the end. Some database drivers do not take it.
    .short = DB_HOST ends with a dot
problem-db-host-trailing-dot-fix = Set DB_HOST to { $endpoint } exactly: { $Enter }, or ECS → Task definitions → { $family } → Create new revision → container { $container } → DB_HOST → Create, then update { $service } to it.
problem-db-host-case = DB_HOST is { $host }: the endpoint with different capitalization. DNS does not mind, but backup-lab cannot tell it apart from a typo.
    .short = DB_HOST capitalized differently
problem-db-host-case-fix = Set DB_HOST to { $endpoint } exactly as the console shows it: { $Enter }, or create a new revision of { $family } and update { $service } to it.
problem-db-host-snapshot-name = DB_HOST is { $host }: that is the snapshot's name. A snapshot is not a database and has no endpoint; the restored instance is { $restored }.
    .short = DB_HOST is the snapshot
problem-db-host-snapshot-name-fix = Copy the endpoint of { $restored } (RDS → Databases → { $restored } → Connectivity & security: { $endpoint }) into DB_HOST of a new revision of { $family }, then update { $service } to it. Or { $enter }.
problem-db-host-arn = DB_HOST is { $host }: an ARN, the resource's name in AWS. The backend needs the network address, the endpoint.
    .short = DB_HOST is an ARN
problem-db-host-arn-fix = Copy the endpoint instead (RDS → Databases → { $restored } → Connectivity & security: { $endpoint }) into DB_HOST of a new revision of { $family }, then update { $service } to it. Or { $enter }.
problem-db-host-identifier = DB_HOST is { $host }: the DB instance identifier { $identifier }, not its endpoint. The backend cannot look up an identifier on the network.
    .short = DB_HOST is the identifier
problem-db-host-identifier-fix = Copy the endpoint (RDS → Databases → { $restored } → Connectivity & security: { $endpoint }) into DB_HOST of a new revision of { $family }, then update { $service } to it. Or { $enter }.
problem-db-host-other-instance = DB_HOST is { $host }: the endpoint of { $instance }, not of { $restored }. The app shows that database's data.
    .short = DB_HOST names { $instance }
problem-db-host-other-instance-fix = Set DB_HOST to the endpoint of { $restored } ({ $endpoint }) in a new revision of { $family } (container { $container }), then update { $service } to it. Or { $enter }.
problem-db-host-other-variable = Revision { $revision } has the new endpoint in { $variable }, not in DB_HOST. The backend reads only DB_HOST, so it still uses the old database.
    .short = Endpoint in { $variable }
problem-db-host-other-variable-fix = In a new revision of { $family }, container { $container }: put { $endpoint } into DB_HOST (and remove { $variable }), then update { $service } to it. Or { $enter }.
problem-db-host-other-container = Revision { $revision } has the new endpoint in container { $other }, not in { $container }: the backend runs in { $container } and still uses the old database.
    .short = Endpoint in container { $other }
problem-db-host-other-container-fix = In a new revision of { $family }, set DB_HOST in container { $container } to { $endpoint } (and undo the change in { $other }), then update { $service } to it. Or { $enter }.
problem-snapshot-other-instance = { $snapshot } is a snapshot of { $other }, not of { $instance }: the wrong database was chosen before "Take snapshot". A restore from it does not bring back your todos, and the name is taken.
    .short = Snapshot of { $other }
problem-snapshot-other-instance-fix = Delete it (RDS → Snapshots → { $snapshot } → Actions → Delete snapshot), then take it again of the right database: RDS → Databases → { $instance } → Actions → Take snapshot → name { $snapshot }.

# A value shown exactly as typed, in quotation marks.
quoted = “{ $value }”

# What Enter does in a fix: on screen the key, on the command line the command.
enter-key-start = Press Enter
enter-key = press Enter
enter-cli-start = Run “backup-lab run { $step }”
enter-cli = run “backup-lab run { $step }”

## --at: starting a demo in the middle
invalid-at-needs-sim = --at only applies to the simulation: add --sim
invalid-at-tui-only = --at prepares a fresh world for the screen: use it without a command and without --read-only
invalid-at-step = unknown step "{ $step }"; steps: { $steps }
scene-preparing = Fresh world: doing the steps before "{ $step }" …
scene-failed = The world could not be prepared up to that step; the messages above say why.
## Command line: the help of backup-lab --help (completions and man pages stay in English)

cli-about = Guided Backup & Recovery lab: RDS snapshot, restore, ECS switch, RPO and RTO
cli-usage = Usage:
cli-heading-commands = Commands
cli-heading-options = Options
cli-heading-arguments = Arguments
cli-value-command = COMMAND
cli-arg-help = Print help
cli-arg-version = Print version
cli-arg-sim = Use the simulated AWS account (demo mode; no credentials needed).
cli-arg-speed = In the simulation AWS works N times faster, from 1 to 300 (default 15: a restore takes about a minute); otherwise the clock runs in real time.
cli-arg-lang = Language of all texts: de or en, also as de-CH, de_DE, en-US … (default: from LC_ALL/LANG, else en).
cli-arg-config = Names and settings (TOML); see the README.
cli-arg-profile = AWS profile (else AWS_PROFILE or the usual search for credentials).
cli-arg-region = AWS region (else AWS_REGION or the profile); the course uses us-east-1.
cli-arg-app_url = Base URL of the todo app (else the DNS name of the load balancer).
cli-arg-name = Your name, shown at the top of the report you hand in (else learner in the configuration).
cli-arg-json = Machine-readable output (status, check, run, report).
cli-arg-yes = Skip confirmations (run).
cli-arg-state_dir = Where the journal, logs and the simulated world live (else $BACKUP_LAB_STATE_DIR or the XDG state dir).
cli-arg-reset = Start a fresh simulated world.
cli-arg-present = Projector mode: large text, high contrast, no event log.
cli-arg-theme = Color theme: dark or light.
cli-arg-read_only = Observe and check only; never change anything.
cli-arg-faults = Inject faults into AWS calls, e.g. throttle:0.2 or CreateDBSnapshot=timeout@1.
cli-arg-rpo_target = RPO target in minutes (default 60): the run is measured against it.
cli-arg-rto_target = RTO target in minutes (default 30).
cli-arg-window = Backup window in local time (hh:mm-hh:mm), overriding the configuration.
cli-arg-at = Simulation only: start a demo at STEP (e.g. restore) in a fresh world in which every step before it is done.
cli-cmd-status = Show the observed state of the account.
cli-cmd-check = Check every step; exit 0 when the lab is complete (all steps through verify).
cli-cmd-run = Perform steps' actions and wait for them: run snapshot restore, run --all.
cli-cmd-report = Describe the latest run: steps, RPO/RTO, calls, resources left.
cli-cmd-completions = Print shell completions: backup-lab completions bash > ~/.local/share/bash-completion/completions/backup-lab
cli-cmd-man = Print the man page (roff), or write the pages of the program and of each command into a directory.
cli-cmd-help = Print the help of a command.
cli-help-arg-subcommand = The command to print the help of.
cli-run-arg-steps = Step ids to run, in order.
cli-run-arg-all = Every action through verify (not cleanup).
cli-run-arg-keep_restored = Cleanup keeps the restored database and deletes only the snapshot.
cli-run-arg-restore_again = Restore under the lab's name even when an instance restored under another name is there (instead of offering to use that one).
cli-run-arg-copy_back = Cleanup copies the restored todos back into the original database (dump & restore, a one-off Fargate task), switches the backend back to it, then deletes the restored instance and the snapshot. Without this or --keep-restored, cleanup goes back to the original database as it is.
cli-run-arg-wait = When the app or another run holds the state directory, wait until it is free.
cli-run-arg-restore_time = Bonus step point-in-time restore (pitr): restore to this moment instead of the one the journal calls for: HH:MM:SS in your local time (today; yesterday if it is still ahead), or an RFC 3339 time.
cli-report-arg-format = Report format: md (Markdown, the default; json with --json) or json.
cli-completions-arg-shell = The shell to complete in: bash, elvish, fish, powershell or zsh.
cli-man-arg-dir = Write backup-lab.1 and backup-lab-<command>.1 into this directory, e.g. ~/.local/share/man/man1.
