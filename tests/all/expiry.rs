//! Sessions that expire while `run` works, as AWS Academy's do after a few hours. Where fresh
//! credentials can appear (here: keys pasted into the credentials file), `run` says what
//! happened and what to do, waits, and carries on by itself once they work, with nothing done
//! twice. Credentials from environment variables end the run with the advice to restart.
//!
//! On the simulated account (paused clock) with its `session` fault, and with the real binary
//! against moto behind a loopback proxy that answers `ExpiredToken` to the first key once its
//! session is over (moto itself checks no keys).

use crate::support;

use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use backup_lab::cloud::credentials::CredentialSource;
use backup_lab::cloud::faults::{Faulty, Spec};
use backup_lab::cloud::recorder::{CallLog, Recorded};
use backup_lab::cloud::refresh::{Detect, Reconnect, Refreshing};
use backup_lab::cloud::sim::{SimCloud, SimSession, WorldNames};
use backup_lab::cloud::{Cloud, CloudError, ErrorKind};
use backup_lab::config::Config;
use backup_lab::headless::{EXIT_INCOMPLETE, EXIT_OK, Runtime};
use backup_lab::i18n::Lang;
use backup_lab::lab::StepId;
use backup_lab::lab::journal::Journal;
use backup_lab::lab::observe::Observed;
use backup_lab::lab::plan::Options;
use backup_lab::lab::steps::{self, Ctx};
use support::moto::{Moto, REGION};

const START: &str = "2026-11-25T09:00:00Z";

fn runtime(cloud: Arc<dyn Cloud>, log: Arc<CallLog>) -> Runtime {
    Runtime {
        cloud,
        config: Config::default(),
        journal: Arc::new(Mutex::new(Journal::in_memory())),
        log,
        lang: Lang::En,
        read_only: false,
        json: true,
    }
}

fn sim() -> Arc<SimCloud> {
    Arc::new(SimCloud::paced(
        START.parse().expect("time"),
        15.0,
        WorldNames::default(),
    ))
}

/// Calls of `operation` that went through, and all calls that met an expired session.
fn through(log: &CallLog, operation: &str) -> usize {
    log.recent(10_000)
        .iter()
        .filter(|c| c.operation == operation && c.error.is_none())
        .count()
}

fn expired(log: &CallLog) -> usize {
    log.recent(10_000)
        .iter()
        .filter(|c| c.error.as_deref() == Some("ExpiredToken"))
        .count()
}

async fn complete(rt: &Runtime) -> bool {
    let mut o = Observed::default();
    rt.observe(&mut o).await;
    let journal = rt.journal.lock().unwrap();
    steps::lab_complete(&Ctx {
        observed: &o,
        journal: &journal,
        config: &rt.config,
        now: rt.cloud.now(),
    })
}

/// The session expires at different points of the lab (while waiting, before and inside
/// actions); three minutes later the learner pastes fresh keys. Each time the run finishes
/// the lab, and every resource and todo exists once.
#[tokio::test(start_paused = true)]
async fn an_expired_file_based_session_carries_on_after_fresh_keys_are_pasted() {
    for expires_at in [2, 20, 35, 50, 65] {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("credentials");
        std::fs::write(&file, "[default]\naws_access_key_id = ASIAFIRST\n").expect("keys");
        let log = Arc::new(CallLog::default());
        let session: Arc<dyn Cloud> = Arc::new(SimSession::new(sim(), expires_at, file.clone()));
        let cloud: Arc<dyn Cloud> = Arc::new(Recorded::new(session, log.clone(), None));
        let rt = runtime(cloud, log.clone());
        let pasted = Arc::new(Mutex::new(None));
        let paste = {
            let pasted = pasted.clone();
            let log = log.clone();
            let file = file.clone();
            tokio::spawn(async move {
                while expired(&log) == 0 {
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
                tokio::time::sleep(Duration::from_secs(180)).await;
                *pasted.lock().unwrap() = Some(log.count());
                std::fs::write(&file, "[default]\naws_access_key_id = ASIASECOND\n")
                    .expect("fresh keys");
            })
        };
        let options = Options::from_config(&rt.config);
        let code = rt.run(&StepId::CORE, &options, true).await;
        assert_eq!(code, EXIT_OK, "session expired at call {expires_at}");
        assert!(expired(&log) > 0, "the session did expire ({expires_at})");
        assert!(
            pasted.lock().unwrap().is_some(),
            "the run carried on only after the keys were pasted ({expires_at})"
        );
        paste.abort();
        assert!(complete(&rt).await, "{expires_at}");
        for (operation, once) in [
            ("ModifyDBInstance", 1),
            ("CreateDBSnapshot", 1),
            ("RestoreDBInstanceFromDBSnapshot", 1),
            ("RegisterTaskDefinition", 1),
            ("UpdateService", 1),
            ("TodoCreate", 5),
            ("TodoDelete", 5),
        ] {
            assert_eq!(
                through(&log, operation),
                once,
                "{operation} after an expiry at call {expires_at}"
            );
        }
    }
}

/// While nothing is pasted, `run` keeps waiting (and keeps the account alone): no write goes
/// out, and the wait ends only at its limit of two hours.
#[tokio::test(start_paused = true)]
async fn without_fresh_keys_the_run_waits_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("credentials");
    let log = Arc::new(CallLog::default());
    let session: Arc<dyn Cloud> = Arc::new(SimSession::new(sim(), 1, file));
    let cloud: Arc<dyn Cloud> = Arc::new(Recorded::new(session, log.clone(), None));
    let rt = runtime(cloud, log.clone());
    let started = tokio::time::Instant::now();
    let code = rt
        .run(
            &[StepId::EnableBackups],
            &Options::from_config(&rt.config),
            true,
        )
        .await;
    assert_eq!(code, EXIT_INCOMPLETE);
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(2 * 3600) && waited < Duration::from_secs(2 * 3600 + 60),
        "{waited:?}"
    );
    assert_eq!(log.recent(10_000).iter().filter(|c| c.writes).count(), 0);
    // About one look every 5 s for two hours, the worker's own slow looks besides.
    let calls = log.count();
    assert!((1400..2200).contains(&calls), "{calls}");
}

/// Credentials from environment variables cannot be read again by a running program: the run
/// ends at once with the advice to restart, instead of waiting.
#[tokio::test(start_paused = true)]
async fn environment_credentials_end_the_run_at_once() {
    let log = Arc::new(CallLog::default());
    let expired: Arc<dyn Cloud> = Arc::new(Faulty::new(
        sim(),
        Spec::parse("DescribeDBInstances=expired").expect("spec"),
    ));
    let reconnect: Reconnect = Arc::new(|| {
        Box::pin(async {
            Err(CloudError::new(
                ErrorKind::ExpiredToken,
                "ExpiredToken",
                "still the same keys",
            ))
        })
    });
    let detect: Detect = Arc::new(|| Box::pin(async { CredentialSource::Environment }));
    let refreshing: Arc<dyn Cloud> =
        Arc::new(Refreshing::new(expired, reconnect).with_detect(detect));
    let rt = runtime(
        Arc::new(Recorded::new(refreshing, log.clone(), None)),
        log.clone(),
    );
    let started = tokio::time::Instant::now();
    let code = rt
        .run(&StepId::CORE, &Options::from_config(&rt.config), true)
        .await;
    assert_eq!(code, EXIT_INCOMPLETE);
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "no wait: {:?}",
        started.elapsed()
    );
    let advice = backup_lab::ui_text::error_text(
        &CloudError::new(ErrorKind::ExpiredToken, "ExpiredToken", "expired")
            .with_credentials(Some(&CredentialSource::Environment)),
    );
    for lang in [Lang::En, Lang::De] {
        let text = advice.render(lang);
        assert!(text.contains("AWS_ACCESS_KEY_ID"), "{text}");
    }
    assert!(advice.render(Lang::En).contains("start it again"));
}

#[test]
fn the_session_fault_takes_the_call_it_expires_at() {
    assert_eq!(
        Spec::parse("session@40").expect("spec").session_expiry(),
        Some(40)
    );
    assert_eq!(
        Spec::parse("session").expect("spec").session_expiry(),
        Some(1)
    );
    assert!(
        !Spec::parse("session@3").expect("spec").has_call_faults(),
        "a world fault"
    );
    for wrong in ["RunTask=session@3", "session:0.5", "session@2-5"] {
        assert!(Spec::parse(wrong).is_err(), "{wrong}");
    }
}

/// Runs the binary until it ends (killed by its pid after `limit`); `on_stderr` sees the
/// error output as it grows and may act on it once.
fn run_watching(
    mut command: Command,
    limit: Duration,
    mut on_stderr: impl FnMut(&str) -> bool,
) -> (Option<i32>, String, String) {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(Stdio::null())
        .spawn()
        .expect("start backup-lab");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let err = Arc::new(Mutex::new(String::new()));
    let reading = {
        let err = err.clone();
        std::thread::spawn(move || {
            let mut buffer = [0_u8; 4096];
            while let Ok(n) = stderr.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                err.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buffer[..n]));
            }
        })
    };
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let started = Instant::now();
    let mut acted = false;
    let status = loop {
        if !acted {
            acted = on_stderr(&err.lock().unwrap());
        }
        if let Some(status) = child.try_wait().expect("wait") {
            break Some(status);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let _ = reading.join();
    let stdout = out.join().unwrap_or_default();
    let stderr = err.lock().unwrap().clone();
    assert!(status.is_some(), "backup-lab did not end:\n{stderr}");
    (status.and_then(|s| s.code()), stdout, stderr)
}

/// The real binary with keys in a credentials file (AWS_SHARED_CREDENTIALS_FILE), against
/// moto behind a proxy that ends the first key's session after some requests. `run --all`
/// says what happened and waits; once fresh keys are in the file it reconnects by itself and
/// finishes the lab, with one snapshot, one restore and one new revision.
#[test]
fn an_expired_file_based_session_against_moto_carries_on_after_fresh_keys_are_pasted() {
    let Some(moto) = Moto::start() else { return };
    moto.world();
    let app = moto.todo_app();
    let (proxy, refused) = support::fake::expiring_proxy(moto.port, "ASIAFIRSTSESSION", 10);
    let home = tempfile::tempdir().expect("home");
    let file = home.path().join("lab-credentials");
    let keys = |id: &str| {
        format!(
            "[default]\naws_access_key_id = {id}\naws_secret_access_key = secret-of-{id}\naws_session_token = token-of-{id}\n"
        )
    };
    std::fs::write(&file, keys("ASIAFIRSTSESSION")).expect("keys");
    let mut command = Command::new(env!("CARGO_BIN_EXE_backup-lab"));
    command
        .env_clear()
        .env("HOME", home.path())
        .env("AWS_SHARED_CREDENTIALS_FILE", &file)
        .env("AWS_CONFIG_FILE", home.path().join("no-config"))
        .env("AWS_REGION", REGION)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ENDPOINT_URL", format!("http://127.0.0.1:{proxy}"))
        .env("BACKUP_LAB_STATE_DIR", home.path().join("state"))
        .args([
            "--lang",
            "en",
            "--app-url",
            &app.url,
            "run",
            "--all",
            "--yes",
        ]);
    let file_shown = file.display().to_string();
    let (code, stdout, stderr) = run_watching(command, Duration::from_secs(150), |err| {
        if err.contains("waiting for fresh credentials") {
            std::fs::write(&file, keys("ASIASECONDSESSION")).expect("fresh keys");
            true
        } else {
            false
        }
    });
    assert_eq!(code, Some(0), "{stderr}");
    assert!(refused.load(Ordering::SeqCst) > 0, "the session expired");
    assert!(
        stderr.contains(&format!(
            "They come from profile default in {file_shown}: paste fresh ones there"
        )),
        "the TUI's words, with the file: {stderr}"
    );
    assert!(stderr.contains("the credentials work again"), "{stderr}");
    assert!(stdout.contains("Lab complete"), "{stdout}");
    for secret in ["secret-of-", "token-of-"] {
        assert!(!stderr.contains(secret) && !stdout.contains(secret));
    }
    let account = moto.boto(
        "rds = c('rds'); ecs = c('ecs')\n\
         out({'snapshots': [s['DBSnapshotIdentifier'] for s in rds.describe_db_snapshots(SnapshotType='manual')['DBSnapshots']],\n\
              'instances': [i['DBInstanceIdentifier'] for i in rds.describe_db_instances()['DBInstances']],\n\
              'revisions': ecs.list_task_definitions(familyPrefix='workshop-backend')['taskDefinitionArns']})",
    );
    assert_eq!(account["snapshots"], serde_json::json!(["ondemandbackup"]));
    assert_eq!(
        account["instances"],
        serde_json::json!(["workshop-db", "workshop-db-restore"])
    );
    assert_eq!(
        account["revisions"].as_array().map(Vec::len),
        Some(2),
        "{account}"
    );
}
