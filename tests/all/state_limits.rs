//! Limits of the machine and of the state directory with the real binary: a file size limit,
//! an owner that was killed, and what readers then show.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const PATIENCE: Duration = Duration::from_secs(60);

fn bin(state: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_backup-lab"));
    c.env("BACKUP_LAB_STATE_DIR", state)
        .env_remove("LC_ALL")
        .env_remove("LANG")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
        .stdin(Stdio::null());
    c
}

fn run(state: &Path, args: &[&str]) -> Output {
    bin(state).args(args).output().expect("binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[cfg(unix)]
#[test]
fn a_file_size_limit_is_a_failed_write_with_a_message_not_a_silent_death() {
    use std::os::unix::process::ExitStatusExt;
    let state = tempfile::tempdir().expect("temp dir");
    // 16 blocks: the world fits, the calls journal soon does not.
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 16; exec \"$0\" --sim --speed 300 --lang en run --all --yes")
        .arg(env!("CARGO_BIN_EXE_backup-lab"))
        .env("BACKUP_LAB_STATE_DIR", state.path())
        .env_remove("LC_ALL")
        .env_remove("LANG")
        .stdin(Stdio::null())
        .output()
        .expect("sh runs");
    let err = stderr(&out);
    assert_eq!(
        out.status.signal(),
        None,
        "not killed by SIGXFSZ: {:?}\n{err}",
        out.status
    );
    assert!(
        err.contains("File too large") || err.contains("too large"),
        "the failed write is told: {err}"
    );
}

/// The simulated status of the snapshot `name` in `status --json`.
fn snapshot_status(json: &serde_json::Value, name: &str) -> Option<String> {
    match json {
        serde_json::Value::Object(map) => {
            if map.values().any(|v| v.as_str() == Some(name))
                && let Some(status) = map.get("status").and_then(|s| s.as_str())
            {
                return Some(status.to_owned());
            }
            map.values().find_map(|v| snapshot_status(v, name))
        }
        serde_json::Value::Array(items) => items.iter().find_map(|v| snapshot_status(v, name)),
        _ => None,
    }
}

#[test]
fn after_the_owner_was_killed_readers_stand_still_where_it_saved_and_say_it_ended() {
    let state = tempfile::tempdir().expect("temp dir");
    let world = state.path().join("sim").join("world.json");
    let mut owner = bin(state.path())
        .args(["--sim", "--speed", "1", "run", "snapshot", "--yes"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run starts");
    let deadline = Instant::now() + PATIENCE;
    while !std::fs::read_to_string(&world).is_ok_and(|w| w.contains("ondemandbackup")) {
        assert!(Instant::now() < deadline, "the snapshot was requested");
        std::thread::sleep(Duration::from_millis(50));
    }
    owner.kill().expect("kill -9");
    owner.wait().expect("reaped");
    // The owner was killed an hour ago: its published clock would have the snapshot long done.
    let mut saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&world).expect("world")).expect("json");
    let hour_ago = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(1);
    saved["published"]["wall"] = serde_json::Value::String(hour_ago.to_string());
    std::fs::write(&world, saved.to_string()).expect("world written");

    let out = run(state.path(), &["--sim", "--lang", "en", "status", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("status json");
    assert_eq!(
        snapshot_status(&json, "ondemandbackup").as_deref(),
        Some("creating"),
        "a reader does not move the dead owner's clock on: {json}"
    );
    assert!(
        stderr(&out).contains("The run that held this state ended"),
        "{}",
        stderr(&out)
    );
    let out = run(state.path(), &["--sim", "--lang", "de", "check"]);
    assert!(
        stderr(&out).contains("ist beendet"),
        "in German too: {}",
        stderr(&out)
    );
    // The killed run's call in flight may be missing from the report's count: it says so.
    let out = run(state.path(), &["--sim", "--lang", "en", "report"]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("One run ended without finishing (killed or crashed)"),
        "{report}"
    );
    let json = run(state.path(), &["--sim", "report", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).expect("report json");
    assert_eq!(json["calls_may_miss"], 1, "{json}");
}

/// The report's count of reads and its list of writes, from `report --format json`.
fn counted(state: &Path) -> (u64, usize) {
    let out = run(state, &["--sim", "report", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("report json");
    let reads = json["reads"]
        .as_array()
        .expect("reads")
        .iter()
        .map(|r| r["count"].as_u64().expect("count"))
        .sum();
    (reads, json["calls"].as_array().expect("calls").len())
}

#[test]
fn the_calls_journal_is_compacted_keeping_what_the_report_counts() {
    let state = tempfile::tempdir().expect("temp dir");
    let out = run(
        state.path(),
        &["--sim", "--speed", "300", "run", "--all", "--yes"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let journal = state.path().join("journal");
    let calls = std::fs::read_dir(&journal)
        .expect("journal dir")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with(".calls.jsonl"))
        .expect("calls file");
    // Days of polling: 100 000 more reads.
    let line = r#"{"seq":1,"at":"2026-11-25T09:00:00Z","operation":"DescribeDBInstances","cli":"aws rds describe-db-instances","error":null,"millis":4,"writes":false}"#;
    let mut text = std::fs::read_to_string(&calls).expect("calls");
    for _ in 0..100_000 {
        text.push_str(line);
        text.push('\n');
    }
    std::fs::write(&calls, &text).expect("calls written");
    let big = std::fs::metadata(&calls).expect("calls").len();
    assert!(big > 10 * 1024 * 1024);
    let (reads, writes) = counted(state.path());
    assert!(reads >= 100_000);

    // The next owner compacts what the report does not need before it adds to it.
    let out = run(
        state.path(),
        &["--sim", "--speed", "300", "run", "verify", "--yes"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let small = std::fs::metadata(&calls).expect("calls").len();
    assert!(small < 256 * 1024, "{big} bytes became {small}");
    let (reads_after, writes_after) = counted(state.path());
    assert!(
        reads_after >= reads,
        "no read lost: {reads} before, {reads_after} after"
    );
    assert_eq!(writes_after, writes, "every write call is kept");
}
