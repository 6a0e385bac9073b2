//! The journal and the RPO/RTO arithmetic on the test clock, including restarts mid-lab, and
//! the report after a simulated run.

use crate::support;

use std::sync::Arc;
use std::time::Duration;

use backup_lab::cloud::sim::{self, SimCloud};
use backup_lab::headless::Runtime;
use backup_lab::i18n::Lang;
use backup_lab::lab::journal::{self, Journal};
use backup_lab::lab::observe::Observed;
use backup_lab::lab::plan::Options;
use backup_lab::lab::recovery;
use backup_lab::lab::steps::{self, Ctx};
use backup_lab::lab::{StepId, StepState};
use backup_lab::report;
use support::lab::{self, SPEED, SimLab};

/// The runtime of the shared lab fixture on `sim` whose journal lives in `dir` (reopened like
/// after a restart).
fn runtime(sim: &Arc<SimCloud>, dir: &std::path::Path) -> Runtime {
    SimLab::on_disk(sim.clone(), dir).rt
}

async fn observe(rt: &Runtime) -> Observed {
    let mut o = Observed::default();
    rt.observe(&mut o).await;
    o
}

async fn act(rt: &Runtime, step: StepId) {
    let options = Options::from_config(&rt.config);
    backup_lab::lab::runner::perform(
        step,
        rt.cloud.as_ref(),
        &rt.config,
        &rt.journal,
        &options,
        &|_| {},
    )
    .await
    .expect("action");
    observe(rt).await;
}

fn minutes(sim: &SimCloud, m: u64) {
    sim.advance(Duration::from_secs(m * 60));
}

#[tokio::test(start_paused = true)]
async fn rpo_names_the_todos_created_after_the_snapshot_and_rto_has_four_phases() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sim = lab::paced(SPEED);
    let rt = runtime(&sim, dir.path());
    for title in ["one", "two", "three"] {
        rt.cloud.create_todo(title).await.expect("todo");
    }
    observe(&rt).await;
    act(&rt, StepId::Snapshot).await; // 09:00, holds three todos
    minutes(&sim, 10);
    observe(&rt).await; // snapshot available
    for title in ["four", "five"] {
        rt.cloud.create_todo(title).await.expect("todo");
    }
    observe(&rt).await;
    minutes(&sim, 10);
    act(&rt, StepId::DeleteTodos).await; // 09:20: the disaster

    let o = observe(&rt).await;
    let r = {
        let j = rt.journal.lock().expect("journal");
        recovery::measure(&j, &o, &rt.config, rt.cloud.now())
    };
    let achieved = r.achieved_rpo.clone().expect("achieved rpo");
    assert_eq!(achieved.seconds, 20 * 60, "snapshot 09:00, disaster 09:20");
    assert_eq!(achieved.lost, ["four", "five"]);
    assert_eq!(
        r.rpo_met(),
        Some(true),
        "20 min is within the default 1 h target"
    );

    // Restart mid-lab: a new runtime reads the journal back from disk.
    drop(rt);
    minutes(&sim, 2);
    let rt = runtime(&sim, dir.path());
    assert_eq!(
        checks_state(&rt, StepId::DeleteTodos).await,
        StepState::Done,
        "the disaster is remembered"
    );
    act(&rt, StepId::Restore).await; // 09:22
    minutes(&sim, 15);
    observe(&rt).await; // 09:37 available
    act(&rt, StepId::SwitchBackend).await;
    minutes(&sim, 4);
    observe(&rt).await; // rollout complete
    let o = observe(&rt).await;
    let r = {
        let j = rt.journal.lock().expect("journal");
        recovery::measure(&j, &o, &rt.config, rt.cloud.now())
    };
    let rto = r.rto.clone().expect("rto");
    assert!(rto.complete);
    let phases: Vec<(&str, i64)> = rto
        .phases
        .iter()
        .map(|p| (p.id.as_str(), p.seconds))
        .collect();
    assert_eq!(phases[0], ("phase-until-restore", 2 * 60));
    assert_eq!(phases[1], ("phase-restore", 15 * 60));
    assert_eq!(phases[2].0, "phase-until-switch");
    assert_eq!(phases[3].0, "phase-rollout");
    assert!(
        (3 * 60..=5 * 60).contains(&(phases[2].1 + phases[3].1)),
        "switch and rollout took {phases:?}"
    );
    assert_eq!(rto.seconds, phases.iter().map(|p| p.1).sum::<i64>());
    assert_eq!(
        rto.seconds,
        rto.seconds_of(recovery::Actor::Aws) + rto.seconds_of(recovery::Actor::You),
        "AWS time plus your time is the RTO"
    );
    assert_eq!(r.rto_met(), Some(true), "about 21 minutes is within 30");
    assert_eq!(
        o.todo_count(),
        Some(3),
        "the snapshot's three todos are back"
    );

    // Going back to workshop-db empties the app again: that is the cleanup, not a second
    // disaster, and the run's figures stay as they were.
    assert!(
        Options::from_config(&rt.config).cleanup == backup_lab::lab::plan::CleanupPath::GoBack,
        "the go-back path"
    );
    act(&rt, StepId::Cleanup).await;
    minutes(&sim, 5);
    let o = observe(&rt).await;
    assert_eq!(o.todo_count(), Some(0), "back on workshop-db");
    let j = rt.journal.lock().expect("journal");
    let after = recovery::measure(&j, &o, &rt.config, rt.cloud.now());
    let disasters = j
        .events()
        .iter()
        .filter(|e| e.kind.name() == "disaster")
        .count();
    assert_eq!(disasters, 1, "one disaster: {:#?}", j.events());
    assert_eq!(after.achieved_rpo.map(|a| a.seconds), Some(20 * 60));
    assert_eq!(
        after.rto.map(|r| (r.seconds, r.complete)),
        Some((rto.seconds, true))
    );
}

async fn checks_state(rt: &Runtime, step: StepId) -> StepState {
    let o = observe(rt).await;
    let j = rt.journal.lock().expect("journal");
    steps::check(
        step,
        &Ctx {
            observed: &o,
            journal: &j,
            config: &rt.config,
            now: rt.cloud.now(),
        },
    )
    .expect("check")
    .state
}

#[tokio::test(start_paused = true)]
async fn live_rpo_drops_to_minutes_with_automated_backups() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sim = lab::paced(SPEED);
    let rt = runtime(&sim, dir.path());
    act(&rt, StepId::Snapshot).await;
    minutes(&sim, 60);
    let o = observe(&rt).await;
    let live = |o: &Observed, rt: &Runtime| {
        let j = rt.journal.lock().expect("journal");
        recovery::measure(&j, o, &rt.config, rt.cloud.now())
            .live_rpo
            .expect("live rpo")
    };
    assert_eq!(
        live(&o, &rt).seconds,
        3600,
        "an hour since the only snapshot"
    );
    act(&rt, StepId::EnableBackups).await;
    minutes(&sim, 30);
    let o = observe(&rt).await;
    let l = live(&o, &rt);
    assert_eq!(l.kind, recovery::PointKind::PointInTime);
    assert!(
        l.seconds < 5 * 60,
        "point-in-time recovery keeps the RPO under five minutes: {}",
        l.seconds
    );
    // Twenty minutes without a new look (a slow poll at high speed): still minutes, not 20.
    minutes(&sim, 20);
    let stale = {
        let j = rt.journal.lock().expect("journal");
        recovery::measure(&j, &o, &rt.config, rt.cloud.now())
            .live_rpo
            .expect("live rpo")
    };
    assert_eq!(stale.kind, recovery::PointKind::PointInTime);
    assert_eq!(stale.seconds, l.seconds, "the lag the last look showed");
}

#[tokio::test(start_paused = true)]
async fn the_journal_survives_restarts_and_a_clock_that_jumps_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sim = lab::paced(SPEED);
    {
        let rt = runtime(&sim, dir.path());
        act(&rt, StepId::CreateTodos).await;
    }
    let rt = runtime(&sim, dir.path());
    let events = rt.journal.lock().expect("journal").events().len();
    assert!(events >= 2, "todos and the action were journaled");
    // An event stamped earlier than the ones before it (a skewed clock) never yields a
    // negative duration.
    {
        let mut j = rt.journal.lock().expect("journal");
        let early: jiff::Timestamp = "2026-11-25T08:00:00Z".parse().expect("time");
        j.record(
            early,
            early,
            journal::EventKind::Disaster {
                lost: vec![],
                full_until: None,
            },
        );
    }
    let o = observe(&rt).await;
    let j = rt.journal.lock().expect("journal");
    let r = recovery::measure(&j, &o, &rt.config, rt.cloud.now());
    assert!(
        r.rto
            .as_ref()
            .is_none_or(|x| x.seconds >= 0 && x.phases.iter().all(|p| p.seconds >= 0))
    );
    assert!(
        j.calls().iter().any(|c| c.operation == "TodoCreate"),
        "calls are journaled too"
    );
}

#[tokio::test(start_paused = true)]
async fn the_report_after_a_simulated_run_has_figures_calls_and_no_secrets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sim = lab::paced(SPEED);
    let rt = runtime(&sim, dir.path());
    assert_eq!(
        rt.run(&StepId::CORE, &Options::from_config(&rt.config), true)
            .await,
        0
    );
    let o = observe(&rt).await;
    let r = {
        let j = rt.journal.lock().expect("journal");
        report::build(
            Lang::De,
            "simulation".into(),
            &j,
            &o,
            &rt.config,
            rt.cloud.now(),
        )
    };
    assert!(r.rpo_seconds.is_some_and(|s| s > 0));
    assert!(r.rto_seconds.is_some_and(|s| s > 0));
    assert!(r.rto_complete);
    assert!(r.phases.len() >= 3, "{:?}", r.phases);
    assert!(
        r.steps
            .iter()
            .filter(|s| StepId::CORE.iter().any(|c| c.id() == s.id))
            .all(|s| s.state == StepState::Done)
    );
    let clis: Vec<&str> = r.calls.iter().map(|c| c.cli.as_str()).collect();
    assert!(
        clis.iter()
            .any(|c| c.starts_with("aws rds create-db-snapshot") && c.contains("ondemandbackup"))
    );
    assert!(clis.iter().any(
        |c| c.starts_with("aws rds restore-db-instance-from-db-snapshot")
            && c.contains("--multi-az")
    ));
    assert!(clis.iter().any(|c| c.starts_with("aws ecs update-service")));
    assert!(
        r.leftovers
            .iter()
            .flatten()
            .any(|l| l.contains("workshop-db-restore")),
        "the restored instance still costs money"
    );
    let json = serde_json::to_string(&r).expect("json");
    assert!(
        !json.contains("Workshop-Pa55word"),
        "no secret in the report"
    );
    let md = report::markdown(&r, Lang::De);
    assert!(md.contains("Wiederherstellung: RPO und RTO"));
    assert!(!md.contains('ß'));
}

#[tokio::test(start_paused = true)]
async fn point_in_time_restore_shows_an_rpo_of_minutes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sim = lab::paced(SPEED);
    let rt = runtime(&sim, dir.path());
    act(&rt, StepId::EnableBackups).await;
    minutes(&sim, 47);
    act(&rt, StepId::Pitr).await;
    minutes(&sim, 16);
    let o = observe(&rt).await;
    let j = rt.journal.lock().expect("journal");
    let rpo = steps::pitr_rpo(&j).expect("pitr rpo");
    assert!(rpo < 5 * 60, "{rpo}");
    let check = steps::check(
        StepId::Pitr,
        &Ctx {
            observed: &o,
            journal: &j,
            config: &rt.config,
            now: rt.cloud.now(),
        },
    )
    .expect("check");
    assert_eq!(check.state, StepState::Done);
    assert!(
        check
            .render(Lang::En)
            .contains("RPO automated backups achieve"),
        "{}",
        check.render(Lang::En)
    );
}

/// RPO, RTO and the phases of a whole `run --all` on the simulated clock at `speed`.
async fn timings_at(speed: f64) -> (i64, i64, Vec<i64>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let sim = lab::paced(speed);
    let rt = runtime(&sim, dir.path());
    assert_eq!(
        rt.run(&StepId::CORE, &Options::from_config(&rt.config), true)
            .await,
        0,
        "the lab completes at ×{speed}"
    );
    let o = observe(&rt).await;
    let j = rt.journal.lock().expect("journal");
    let r = report::build(
        Lang::En,
        "simulation".into(),
        &j,
        &o,
        &rt.config,
        rt.cloud.now(),
    );
    (
        r.rpo_seconds.expect("rpo"),
        r.rto_seconds.expect("rto"),
        r.phases.iter().map(|p| p.seconds).collect(),
    )
}

#[tokio::test(start_paused = true)]
async fn the_fastest_clock_reports_the_timings_of_the_default_speed() {
    let (rpo, rto, phases) = timings_at(sim::DEFAULT_SPEED).await;
    let (fast_rpo, fast_rto, fast_phases) = timings_at(sim::MAX_SPEED).await;
    let within = |fast: i64, default: i64| (fast - default).abs() * 10 <= default;
    assert!(
        rto > 600,
        "a restore and a rollout take many minutes: {rto} s"
    );
    assert!(
        within(fast_rto, rto),
        "RTO ×max {fast_rto} s, ×default {rto} s"
    );
    assert!(
        within(fast_rpo, rpo),
        "RPO ×max {fast_rpo} s, ×default {rpo} s"
    );
    assert_eq!(fast_phases.len(), phases.len());
    for (fast, default) in fast_phases.iter().zip(&phases) {
        assert!(
            within(*fast, *default),
            "phases {fast_phases:?} vs {phases:?}"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn every_operation_of_the_lab_can_be_named_in_a_fault_spec() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sim = lab::paced(SPEED);
    let rt = runtime(&sim, dir.path());
    let mut steps = StepId::CORE.to_vec();
    steps.extend([StepId::Pitr, StepId::Cleanup]);
    rt.run(&steps, &Options::from_config(&rt.config), true)
        .await;
    let calls = rt.journal.lock().expect("journal").calls();
    assert!(calls.len() > 20, "{}", calls.len());
    for call in calls {
        assert!(
            backup_lab::cloud::faults::OPERATIONS.contains(&call.operation.as_str()),
            "{} is missing from the operations a fault spec accepts",
            call.operation
        );
    }
}

/// One story of time: the simulated clock runs ×30 only while AWS works on something, so a
/// learner's long reading pauses count as long as they were. The clock, the journal's
/// moments (the timeline's marks and the report's step times), the RTO on screen and the
/// report's RTO agree with each other and with the wall clock.
#[tokio::test(start_paused = true)]
async fn clock_timeline_report_and_rto_agree_after_long_reading_pauses() {
    use backup_lab::app::App;
    use backup_lab::lab::journal::Kind;
    use backup_lab::protocol::{Msg, Snapshot};
    let dir = tempfile::tempdir().expect("tempdir");
    let sim = lab::paced(30.0);
    let rt = runtime(&sim, dir.path());
    let options = Options::from_config(&rt.config);
    let before = [
        StepId::EnableBackups,
        StepId::CreateTodos,
        StepId::Snapshot,
        StepId::DeleteTodos,
    ];
    assert_eq!(rt.run(&before, &options, true).await, 0);
    // The learner reads the restore step for twelve minutes: nothing is in flight, so the
    // simulated clock moves as the wall clock does.
    let (wall, cloud) = (tokio::time::Instant::now(), rt.cloud.now());
    tokio::time::sleep(Duration::from_secs(12 * 60)).await;
    assert_eq!(wall.elapsed().as_secs(), 12 * 60);
    assert_eq!(
        rt.cloud.now().duration_since(cloud).as_secs(),
        12 * 60,
        "reading time is real time on the simulated clock"
    );
    // The restore is AWS's work: fifteen simulated minutes in well under a real minute.
    let (wall, cloud) = (tokio::time::Instant::now(), rt.cloud.now());
    assert_eq!(rt.run(&[StepId::Restore], &options, true).await, 0);
    let restore_wall = wall.elapsed().as_secs();
    let restore_cloud = rt.cloud.now().duration_since(cloud).as_secs();
    assert!(restore_cloud >= 15 * 60, "{restore_cloud}");
    assert!(restore_wall < 60, "×30 while AWS works: {restore_wall} s");
    // Five more minutes of reading before the switch.
    tokio::time::sleep(Duration::from_secs(5 * 60)).await;
    let after = [StepId::SwitchBackend, StepId::Verify];
    assert_eq!(rt.run(&after, &options, true).await, 0);

    let o = observe(&rt).await;
    let j = Journal::from_events(rt.journal.lock().expect("journal").events().to_vec());
    let now = rt.cloud.now();
    let r = report::build(Lang::En, String::new(), &j, &o, &rt.config, now);
    // The screen: the app fed the same state, its clock read from the cloud.
    let mut app = App::new(Lang::En, rt.config.clone(), rt.cloud.mode(), now);
    app.update(Msg::State(Box::new(Snapshot {
        observed: o.clone(),
        journal: j.events().to_vec(),
        calls: Vec::new(),
        call_count: 0,
        app_call_count: 0,
        now,
        actions_ended: 0,
        looks_asked: 0,
    })));
    app.update(Msg::Tick(now));
    assert_eq!(app.now, now, "the header's clock is the cloud's");
    let screen = app.recovery();
    let rto = screen.rto.as_ref().expect("rto");
    assert!(rto.complete);
    assert_eq!(
        r.rto_seconds,
        Some(rto.seconds),
        "screen and report give one RTO"
    );
    // The timeline spans ✖ (the disaster) to ★ (verified) on the journal's moments: that
    // span is the RTO, phase by phase.
    let disaster = j.last(Kind::Disaster).expect("disaster").at;
    let verified = j.last(Kind::TodosVerified).expect("verified").at;
    assert_eq!(verified.duration_since(disaster).as_secs(), rto.seconds);
    let phase = |id: &str| {
        r.phases
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.seconds)
            .expect(id)
    };
    // The learner's phases are the reading pauses (plus the moments `run` took around them).
    let until_restore = phase("phase-until-restore");
    assert!(
        (12 * 60..12 * 60 + 60).contains(&until_restore),
        "{until_restore}"
    );
    let until_switch = phase("phase-until-switch");
    assert!(
        (5 * 60..5 * 60 + 60).contains(&until_switch),
        "{until_switch}"
    );
    assert!(phase("phase-restore") >= 15 * 60);
    // The report's step times are the same moments: the restore was asked for after the
    // twelve minutes of reading, on the same clock.
    let at = |id: &str| {
        r.steps
            .iter()
            .find(|s| s.id == id)
            .and_then(|s| s.at)
            .expect(id)
    };
    let gap = at("restore").duration_since(at("delete-todos")).as_secs();
    assert!((12 * 60..12 * 60 + 60).contains(&gap), "{gap}");
}
