# backup-lab: labels of the terminal interface (English).
# Same message ids as locales/de/ui.ftl.

## Header

ui-product = backup-lab
ui-mode-sim = SIMULATION ×{ $speed }
ui-mode-aws = AWS { $account } · { $region }
ui-cloudshell = CloudShell
ui-read-only = READ-ONLY
ui-too-small = The terminal is too small ({ $width }×{ $height }). Please make it at least { $min_width }×{ $min_height }.

## Steps list

ui-steps-title = Steps
ui-steps-required = ✔ { $done }/{ $total } required
ui-optional = optional
ui-state-done = done
ui-state-progress = in progress
ui-state-todo = to do
ui-state-failed = needs attention
ui-state-no-check = nothing to check
ui-state-current = next step to do (the highlighted line is the step shown)

## Instructions

ui-step-of = Step { $n } of { $total }
ui-now-title = Now
ui-now-running = The action is running; the live status shows how far along it is.
ui-now-wait = Something is still changing. Wait until the check says done.
ui-now-done = Done.
ui-now-failed = Something needs your attention: the check below says what is wrong and how to fix it.
ui-now-problem = { $short }{ $more ->
        [0] .
       *[other] {" "}(and { $more } more).
    } Below: what happened and the fix.
ui-now-enter-mend = show the fix backup-lab makes, then confirm it
ui-now-enter-console = see why backup-lab cannot mend this; do the fix below in the console
ui-now-first = Not yet: step { $n }, "{ $name }", has to be done first.
ui-now-blocked = Not yet: { $reason }
ui-now-next = next: { $step }
ui-now-next-todo = next to do: { $step }
ui-now-complete = The lab is complete.
ui-now-read-only = read-only: do it in the console (steps below)
ui-check-label = Check:
ui-running = The action is running …
ui-console-heading = In the AWS console
ui-console-folded = shows the { $n } steps
ui-console-unfolded = folds the steps
ui-action-heading = What Enter does
ui-action-enter = Enter shows the exact parameters and the AWS CLI command first; nothing happens until you confirm.
ui-action-read-only = Read-only mode: backup-lab changes nothing. Follow the console steps above.
ui-action-read-only-look = Read-only mode: confirm what your browser shows with backup-lab run { $step } (without --read-only) in another terminal.
ui-action-none = This step has no action. Read it, then go on with →.
ui-action-enable-backups = Sets the backup retention period of { $instance } to { $retention ->
        [one] 1 day
       *[other] { $retention } days
    }, with the backup window you enter in local time, and applies the change immediately.
ui-action-create-todos = Adds todos through the app's API until there are 5.
ui-action-snapshot = Takes the manual snapshot { $snapshot } of { $instance }.
ui-action-delete-todos = Deletes every todo through the app's API: the disaster. Only possible once { $snapshot } is available.
ui-action-restore = Restores { $snapshot } into the new instance { $restored } with the security groups and subnet group of { $instance }.
ui-action-switch-backend = Registers a new revision of { $family } with DB_HOST pointing at { $restored } and updates { $service } to it.
ui-action-verify = Reads the todos through the app, shows them and asks whether you see them in your browser too.
ui-action-pitr = Restores { $instance } into the new instance { $pitr } as it was just before the todos were deleted, then compares both achieved RPOs.
ui-action-cleanup = Asks which database stays, then removes what the lab created on that path.
ui-scroll-more = ↓ more
ui-scroll-end = end
ui-figures-heading = Your recovery figures

## Drawing: RPO and RTO on a timeline

ui-diagram-title = RPO and RTO on a timeline
ui-diagram-last-backup = last backup
ui-diagram-disaster = disaster
ui-diagram-back-online = running again
ui-diagram-rpo = RPO
ui-diagram-rto = RTO
ui-diagram-rpo-short = data lost
ui-diagram-rto-short = downtime
ui-diagram-rpo-means = RPO: everything written between the last backup and the disaster is gone.
ui-diagram-rto-means = RTO: the time from the disaster until the application works again.

## Status

ui-status-title = Live status
ui-updated-ago = { $ago } ago
ui-not-read-yet = not read yet
ui-none = none
ui-more = … { $count } more
ui-instances = DB instances
ui-multi-az = Multi-AZ
ui-single-az = Single-AZ
ui-retention-off = backups off
ui-retention-days = backups { $days } { $days ->
    [one] day
   *[other] days
}
ui-retention-pending = backups { $from } → { $to } { $to ->
    [one] day
   *[other] days
}
ui-no-endpoint = no endpoint yet
ui-snapshots = Snapshots
ui-snapshot-manual = manual
ui-snapshot-automated = automated
ui-service = ECS service
ui-revision = revision { $revision }
ui-tasks = { $running } running (target { $desired })
ui-deployment-draining = old, tasks stopping
ui-failed-tasks = { $count } failed
ui-todos = Todos: { $count }
ui-todos-unknown = Todos: ?

## RPO and RTO

ui-recovery-title = RPO / RTO
ui-rpo-live = RPO now
ui-rpo-achieved = achieved RPO
ui-rpo-achieved-short = RPO
ui-rpo-no-point = no backup: everything since the start would be lost
ui-rpo-no-point-short = all (no backup yet)
ui-rpo-between = recovery point { $point }, disaster { $disaster }
ui-rpo-pitr = With automated backups you can go back to any second up to a few minutes ago (RPO about { $rpo }).
ui-lost = lost: { $todos }
ui-lost-none = no todo was lost
ui-rto = RTO
ui-rto-not-started = starts with the disaster
ui-rto-aws = AWS time
ui-rto-you = your time
ui-sim-clock = One clock: ×{ $speed } while AWS works, else real time.
ui-rto-copy-back = RTO dump & restore
ui-target = target ≤ { $target }
ui-point-snapshot = snapshot
ui-point-pitr = automated backups
ui-point-automated = automated snapshot

## Timeline

ui-timeline-title = Timeline
ui-tl-empty = Nothing has happened yet. Recovery points, the disaster and the recovery appear here.
ui-tl-backups = backups on
ui-tl-snapshot = snapshot
ui-tl-disaster = disaster
ui-tl-restore-requested = restore started
ui-tl-restore-available = restored
ui-tl-switched = backend switched
ui-tl-rollout = rollout done
ui-tl-verified = todos back
ui-tl-copied = todos copied back

## Event log

ui-log-title = Event log · { $calls } AWS { $calls ->
        [one] call
       *[other] calls
    } · { $app } app { $app ->
        [one] call
       *[other] calls
    }
ui-log-empty = Changes backup-lab makes, failed calls and the results of actions appear here.

## Key hints and help

ui-hint-steps = step
ui-hint-scroll = scroll
ui-hint-action = action
ui-hint-lang = Deutsch
ui-hint-help = help
ui-hint-present = projector
ui-hint-present-off = normal view
ui-hint-quit = quit
ui-help-title = Keys
ui-help-steps = previous / next step
ui-help-scroll = scroll the instructions
ui-help-page = scroll the instructions a page up / down
ui-help-ends = to the start / end of the instructions
ui-help-action = run the step's action (you see the plan first and confirm it)
ui-help-lang = switch language (Deutsch / English)
ui-help-help = show or hide this help
ui-help-present = projector mode: large text, high contrast, no event log
ui-help-quit = quit (the account keeps its state; restart to continue)
ui-help-confirm = in a plan: yes / no
ui-help-cancel = close a dialog without doing anything
ui-help-cleanup = cleanup: switch option, keep the restored database, copy the todos back (dump & restore), go back
ui-help-dialog-scroll = in a long dialog: scroll its text
ui-help-symbols = Symbols
ui-help-required = ✔ { $done }/{ $total } required: steps { $first }–{ $last } are the lab; the others explain or are optional.
ui-help-figures = RPO and RTO
ui-help-rpo-live = RPO now: what you would lose if the database failed now (time since the newest recovery point).
ui-help-rpo-achieved = achieved RPO: what the disaster of this run lost (from the recovery point used to the disaster).
ui-help-rto = RTO: from the disaster until the app serves the todos again, AWS time (restore, rollout) plus your time (reading, deciding).
ui-help-timeline = Timeline
ui-help-close = ? or Esc closes this help.

## Dialogs

ui-dialog-omitted = … more in a larger terminal
ui-dialog-scroll = ↑↓ PgUp PgDn: lines { $first }–{ $last } of { $total }
ui-figure-unit-ms = min:s
ui-figure-unit-hms = h:min:s
ui-confirm-cli = The same on the command line:
ui-confirm-seen = Do you see the same todos in your browser?
ui-key-seen-yes = yes, they are back
ui-key-seen-no = not yet
ui-confirm-question = Run it now?
ui-confirm-type = Type { $word } and press Enter to confirm.
ui-confirm-mismatch = That is not { $word }. Check the spelling or press Esc.
ui-key-yes = yes
ui-key-no = no
ui-key-confirm = confirm
ui-key-cancel = cancel
ui-key-continue = continue
ui-key-delete = delete
ui-key-switch = switch
ui-key-choose = choose
ui-notice-close = Press any key to close.
ui-window-title = Backup window
ui-window-intro = Enter the daily backup window in your local time ({ $zone }) as hh:mm-hh:mm, at least 30 minutes long. Backups are kept for { $retention ->
        [one] 1 day
       *[other] { $retention } days
    }. RDS stores the window in UTC{ $dst ->
        [yes] : when daylight saving time starts or ends in { $zone }, it moves by one hour in your local time.
       *[no] ; { $zone } has no daylight saving time, so the window stays where you put it.
    }
ui-window-utc = { $utc } UTC, as RDS stores it
ui-restore-time-title = Restore point
ui-restore-time-intro = Enter the moment whose state the new instance should hold: hh:mm:ss in your local time ({ $zone }). { $watched ->
        [yes] { $proposed } is shortly before the todos were deleted; backup-lab still saw them all then.
       *[no] The todos were deleted while backup-lab was not watching; { $proposed } is the last moment it saw them all. If you know a later moment before the deletion, type it.
    }
ui-cleanup-title = Clean up: which database stays?
ui-cleanup-intro = Decide which database the app uses from now on. Only what the lab created is deleted.
ui-cleanup-keep = Keep { $restored }
ui-cleanup-keep-detail = The backend stays on { $restored }; only { $snapshot } (and the point-in-time copy, if there is one) is deleted. Fast, but two Multi-AZ instances keep costing money.
ui-cleanup-back = Go back to { $instance }
ui-cleanup-back-detail = { $service } goes back to { $instance }, then { $restored } and { $snapshot } are deleted – and with them the restored todos.
ui-cleanup-copy = Copy the todos back into { $instance } (dump & restore)
ui-cleanup-copy-detail = A Fargate task (about a minute, under one US cent) copies the todos into { $instance }, replacing its todo tables: anything written there after the disaster is lost. Then { $service } goes back; the original endpoint stays.
ui-cleanup-none-chosen = Nothing chosen yet: press { $keys } or { $last }, or choose with Tab/↑↓ and Enter.
ui-restore-choice-title = Restore: which database?
ui-restore-choice-intro = { $other } was restored after snapshot { $snapshot } was taken, but the lab looks for { $restored }. Which one should the lab continue with?
ui-restore-adopt = Use { $other }
ui-restore-adopt-detail = backup-lab remembers { $other } as the restored database of this run (also after a restart) and checks its settings. Nothing is created or deleted.
ui-restore-again = Restore again as { $restored }
ui-restore-again-detail = A new instance from { $snapshot }, with the lab's settings. { $other } stays and keeps costing money until you delete it in the console.

## The simulation's clock, jumps, a fresh world (keys for a live demo)
ui-mode-sim-idle = SIMULATION real time · AWS ×{ $speed }
ui-mode-sim-paused = SIMULATION ⏸ paused · AWS ×{ $speed }
ui-help-goto = jump to step 1–9; g and the number for any step, also from 10 on (two digits jump at once, one with Enter)
ui-help-clock-pause = pause / resume the simulation's clock
ui-help-clock-speed = simulation: AWS works faster / slower (×1 to ×300)
ui-help-fresh = simulation: start over in a fresh world (you type a word to confirm)
ui-help-console = show or fold the steps in the AWS console (or the browser)
ui-goto-prompt = Go to step: { $number }_   (Enter jumps, Esc cancels)
ui-goto-no-step = There is no step { $number }, only 1–{ $last }; for 10–{ $last } press g and the number.
ui-clock-sim-only = Only the simulation's clock can be paused or sped up.
ui-clock-read-only = Read-only mode: the program that works on this world controls its clock.
ui-clock-paused = ⏸ Clock paused: AWS makes no progress until you press z.
ui-clock-resumed = ▶ Clock running again.
ui-clock-speed = Speed ×{ $speed } while AWS works on something; else the clock runs in real time.
ui-clock-speed-limit = Already at ×{ $speed }: it goes no further that way.
ui-fresh-title = Fresh world
ui-fresh-intro = The simulated world starts over: workshop-db without backups, no snapshots, nothing restored, an empty journal. The current world and its journal go into the archive folder of the state directory, which keeps the last 3 resets.
ui-fresh-sim-only = A fresh world exists only in the simulation; your AWS account stays as it is.
ui-fresh-read-only = Read-only mode: only the program that works on this world can start afresh.
ui-quiz-none = No questions here; steps { $steps } have some (key s).
ui-no-action = This step has no action; Enter does nothing here. → moves on.
ui-present-legend = Legend
ui-not-seen-title = Not in the browser yet
ui-not-seen-yet = The account serves the todos, but your browser does not show them yet. Reload the page without the cache (Ctrl+Shift+R) and check that the address is your todo app’s (the load balancer’s DNS name). Then press Enter on this step again.
ui-result-done = ✔ Done
ui-result-started = ◐ Started: AWS is at work on it
ui-result-failed = ✘ Did not work
