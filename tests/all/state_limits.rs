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
}
