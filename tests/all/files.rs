//! File faults in the state directory: a full disk, files that cannot be written, symbolic
//! links, a directory where a file belongs, and a read-only state directory. Nothing is lost,
//! nothing is claimed that is not so, the program never panics, and the learner is told.
//!
//! Permissions mean nothing to root, so the tests that need a refused write run the binary as
//! `nobody` through `setpriv`; a full disk is a small tmpfs. Where the machine does not allow
//! either (not root, no `setpriv`, no `mount`), the test says so on stderr and is skipped.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};

use backup_lab::cloud::recorder::{CallLog, Recorded};
use backup_lab::cloud::sim::{SimCloud, WorldNames};
use backup_lab::cloud::{Cloud, ErrorKind, SnapshotRequest};
use backup_lab::config::Config;
use backup_lab::headless::Runtime;
use backup_lab::i18n::Lang;
use backup_lab::lab::StepId;
use backup_lab::lab::journal::Journal;
use backup_lab::lab::plan::Options;
use serde_json::Value;

const NOBODY: u32 = 65534;

fn bin_path() -> &'static str {
    env!("CARGO_BIN_EXE_backup-lab")
}

fn env(c: &mut Command, state: &Path) {
    c.env("BACKUP_LAB_STATE_DIR", state)
        .env_remove("LC_ALL")
        .env_remove("LANG")
        .env_remove("BACKUP_LAB_LOG")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_REGION", "us-east-1")
        .stdin(Stdio::null());
}

fn run(state: &Path, args: &[&str]) -> Output {
    let mut c = Command::new(bin_path());
    env(&mut c, state);
    c.args(args).output().expect("binary runs")
}

/// Runs the binary as `nobody`, or `None` (with a note) where that is not possible.
fn run_as_nobody(state: &Path, args: &[&str]) -> Option<Output> {
    let mut c = Command::new("setpriv");
    c.args([
        "--reuid",
        &NOBODY.to_string(),
        "--regid",
        &NOBODY.to_string(),
        "--clear-groups",
        bin_path(),
    ]);
    env(&mut c, state);
    c.args(args).output().ok()
}

/// Whether this test may switch to `nobody`: root with `setpriv`. Says so when not.
fn can_drop_privileges() -> bool {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let setpriv = Command::new("setpriv")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !(root && setpriv) {
        eprintln!("skipping: needs root and setpriv to run the binary as an unprivileged user");
    }
    root && setpriv
}

/// Hands `dir` and everything in it to `nobody`.
fn give_to_nobody(dir: &Path) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        std::os::unix::fs::chown(&path, Some(NOBODY), Some(NOBODY)).expect("chown");
        if path.is_dir() && !path.is_symlink() {
            for entry in std::fs::read_dir(&path).expect("read dir").flatten() {
                stack.push(entry.path());
            }
        }
    }
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A private state directory that `nobody` may enter (the temporary directory is root's).
fn state_dir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    chmod(dir.path(), 0o755);
    let state = dir.path().join("state");
    (dir, state)
}

fn world(state: &Path) -> PathBuf {
    state.join("sim").join("world.json")
}

fn journal_files(state: &Path) -> Vec<PathBuf> {
    // The journal's files, not the space it keeps free (`.reserve`).
    let mut files: Vec<PathBuf> = std::fs::read_dir(state.join("journal"))
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Neither a panic (exit 101 with a backtrace) nor a signal.
fn no_panic(out: &Output) {
    assert!(
        out.status.code().is_some_and(|c| c != 101),
        "exit {:?}: {}",
        out.status,
        stderr(out)
    );
    assert!(!stderr(out).contains("panicked"), "{}", stderr(out));
}

/// A tmpfs of `size` mounted inside a temporary directory, unmounted when dropped.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Option<Self> {
        let dir = tempfile::tempdir().expect("tempdir");
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !mounted {
            eprintln!("skipping: a tmpfs cannot be mounted here (needs root and mount)");
            return None;
        }
        Some(Self { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn resize(&self, size: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,size={size}")])
            .arg(self.dir.path())
            .status()
            .expect("mount");
        assert!(status.success(), "remount {size}");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

/// Item 1: a full disk. The run stops with a message and exit 1 instead of "Lab complete";
/// once there is space, the next run finds the lab as the files hold it and finishes it.
#[test]
fn a_full_disk_stops_the_run_and_the_next_start_sees_what_was_saved() {
    let Some(disk) = Tmpfs::mount("24k") else {
        return;
    };
    let state = disk.path().join("st");
    let out = run(
        &state,
        &["--sim", "--speed", "300", "run", "--all", "--yes"],
    );
    no_panic(&out);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("could not be saved")
            || err.contains("journal cannot be written")
            || err.contains("cannot be written"),
        "the learner is told why: {err}"
    );
    assert!(!stdout(&out).contains("Lab complete"), "{}", stdout(&out));

    disk.resize("4m");
    let again = run(
        &state,
        &["--sim", "--speed", "300", "run", "--all", "--yes"],
    );
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    // What the run claims is there, really is.
    let status = run(&state, &["--sim", "status", "--json"]);
    let status: Value = serde_json::from_slice(&status.stdout).expect("json");
    let instances = status["instances"].as_array().expect("instances");
    assert!(
        instances
            .iter()
            .any(|i| i["id"] == "workshop-db-restore" && i["status"] == "available"),
        "{status}"
    );
    let snapshots = status["snapshots"].as_array().expect("snapshots");
    assert!(
        snapshots.iter().any(|s| s["id"] == "ondemandbackup"),
        "{status}"
    );
    assert_eq!(status["todos"], 5, "{status}");
}

/// Item 1, the same code path in the program: a world that cannot be saved fails the call
/// that changed it and every call after it, and saves nothing more, also not when it ends.
#[tokio::test(start_paused = true)]
async fn a_change_that_cannot_be_saved_fails_and_the_file_keeps_the_world_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sim_dir = dir.path().join("sim");
    let path = sim_dir.join("world.json");
    let sim = SimCloud::open(path.clone(), 15.0, WorldNames::default()).expect("open");
    let before = std::fs::read(&path).expect("saved at open");
    // A file where the world's directory was: its temporary file cannot be made.
    let aside = dir.path().join("sim-aside");
    std::fs::rename(&sim_dir, &aside).expect("move");
    std::fs::write(&sim_dir, "not a directory").expect("file");
    let e = sim
        .create_snapshot(&SnapshotRequest {
            instance_id: "workshop-db".into(),
            snapshot_id: "ondemandbackup".into(),
            tags: Vec::new(),
        })
        .await
        .expect_err("a change that is not saved is no change");
    assert_eq!(e.kind, ErrorKind::LocalState);
    assert!(e.message.contains("world.json"), "{e}");
    let text = backup_lab::ui_text::error_text(&e);
    assert!(text.render(Lang::En).contains("could not be saved"));
    assert!(
        text.render(Lang::De)
            .contains("konnte nicht gespeichert werden")
    );
    // Every call after it fails the same way: nothing goes on from the unsaved world.
    let read = sim.describe_instances().await.expect_err("stopped");
    assert_eq!(read.kind, ErrorKind::LocalState);
    // The directory is back; ending the program must not save the unsaved change now.
    std::fs::remove_file(&sim_dir).expect("remove");
    std::fs::rename(&aside, &sim_dir).expect("back");
    drop(sim);
    assert_eq!(std::fs::read(&path).expect("world"), before);
    let reopened = SimCloud::open(path, 15.0, WorldNames::default()).expect("reopen");
    assert!(
        reopened
            .find_snapshot("ondemandbackup")
            .await
            .expect("read")
            .is_none(),
        "the next start shows the world as it was saved"
    );
}

/// Item 1 as a learner meets it: an unwritable `sim` directory stops `run` before anything.
#[test]
fn an_unwritable_world_stops_before_anything_is_done() {
    if !can_drop_privileges() {
        return;
    }
    let (_keep, state) = state_dir();
    let first = run(
        &state,
        &["--sim", "--speed", "300", "run", "enable-backups", "--yes"],
    );
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    give_to_nobody(&state);
    let before = std::fs::read(world(&state)).expect("world");
    chmod(&state.join("sim"), 0o555);
    let out = run_as_nobody(
        &state,
        &["--sim", "--speed", "300", "run", "--all", "--yes"],
    )
    .expect("setpriv runs");
    chmod(&state.join("sim"), 0o755);
    no_panic(&out);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("simulated world cannot be saved")
            && stderr(&out).contains("nothing was started"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(world(&state)).expect("world"), before);
    let check = run(&state, &["--sim", "check", "--json"]);
    let check: Value = serde_json::from_slice(&check.stdout).expect("json");
    let create = check["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .find(|s| s["id"] == "create-todos")
        .expect("create-todos");
    assert_ne!(create["state"], "done", "{check}");
}

/// Item 2: a journal that cannot be written at the start stops `run` before it acts.
#[test]
fn an_unwritable_journal_stops_before_anything_is_done() {
    if !can_drop_privileges() {
        return;
    }
    let (_keep, state) = state_dir();
    let first = run(
        &state,
        &["--sim", "--speed", "300", "run", "enable-backups", "--yes"],
    );
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    give_to_nobody(&state);
    let before = std::fs::read(world(&state)).expect("world");
    let events = journal_files(&state)
        .into_iter()
        .find(|p| !p.to_string_lossy().ends_with(".calls.jsonl"))
        .expect("events file");
    chmod(&events, 0o444);
    let out = run_as_nobody(
        &state,
        &["--sim", "--speed", "300", "run", "--all", "--yes"],
    )
    .expect("setpriv runs");
    no_panic(&out);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot be written") && stderr(&out).contains("nothing was started"),
        "{}",
        stderr(&out)
    );
    let world_after: Value =
        serde_json::from_slice(&std::fs::read(world(&state)).expect("world")).expect("json");
    let world_before: Value = serde_json::from_slice(&before).expect("json");
    assert_eq!(
        world_after["todos"], world_before["todos"],
        "no todo was added"
    );
}

/// Item 2: on a full disk the journal's line is still written, from the space the journal
/// keeps free, and the failure is told: the command stops with nothing missing from the
/// history it leaves.
#[test]
fn a_full_disk_loses_no_journal_line() {
    use std::io::Write as _;
    let Some(disk) = Tmpfs::mount("64k") else {
        return;
    };
    let mut journal = Journal::open(disk.path(), "sim-full").expect("journal");
    let mut filler = std::fs::File::create(disk.path().join("filler")).expect("filler");
    while filler.write_all(&[7u8; 4096]).is_ok() {}
    drop(filler);
    let at: jiff::Timestamp = "2026-11-25T09:00:00Z".parse().expect("time");
    journal.record(
        at,
        at,
        backup_lab::lab::journal::EventKind::TodosVerified { count: 5 },
    );
    let reason = journal.write_error().expect("the full disk is told");
    assert!(reason.contains("No space left"), "{reason}");
    let read = Journal::read(disk.path(), "sim-full").expect("read");
    assert_eq!(read.skipped(), 0);
    assert_eq!(
        read.events()
            .iter()
            .map(|e| e.kind.name())
            .collect::<Vec<_>>(),
        ["todos-verified"],
        "the line that met the full disk is in the journal"
    );
    // The next start, still without space, refuses before it does anything.
    assert!(Journal::open(disk.path(), "sim-full").is_err());
    std::fs::remove_file(disk.path().join("filler")).expect("free");
    assert!(Journal::open(disk.path(), "sim-full").is_ok());
}

/// Item 2, the same code path in the program: a journal that fails while `run` works stops
/// the command; no action runs that the journal could not remember.
#[tokio::test(start_paused = true)]
async fn a_journal_that_fails_during_a_run_stops_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = Journal::open(dir.path(), "sim-test").expect("journal");
    // The journal's directory becomes a file: every append fails from now on.
    let journal_dir = dir.path().join("journal");
    std::fs::remove_dir_all(&journal_dir).expect("remove");
    std::fs::write(&journal_dir, "in the way").expect("file");
    let sim = Arc::new(SimCloud::paced(
        "2026-11-25T09:00:00Z".parse().expect("time"),
        15.0,
        WorldNames::default(),
    ));
    let reached = Arc::new(CallLog::default());
    let cloud: Arc<dyn Cloud> = Arc::new(Recorded::new(sim.clone(), reached.clone(), None));
    let config = Config::default();
    let rt = Runtime {
        cloud,
        config: config.clone(),
        journal: Arc::new(Mutex::new(journal)),
        log: Arc::new(CallLog::default()),
        lang: Lang::En,
        read_only: false,
        json: true,
    };
    let code = rt
        .run(&StepId::CORE, &Options::from_config(&config), true)
        .await;
    assert_eq!(code, 1, "the run stops");
    let writes: Vec<String> = reached
        .recent(10_000)
        .into_iter()
        .filter(|c| c.writes)
        .map(|c| c.operation)
        .collect();
    assert!(writes.is_empty(), "nothing was done: {writes:?}");
}

/// Item 3: an account that cannot be read is not an empty one, in `status` and `report`.
#[test]
fn an_unreadable_account_is_unknown_not_empty() {
    let (_keep, state) = state_dir();
    let done = run(
        &state,
        &["--sim", "--speed", "300", "run", "--all", "--yes"],
    );
    assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));

    let status = run(&state, &["--sim", "--faults", "*=5xx", "status", "--json"]);
    no_panic(&status);
    assert_eq!(status.status.code(), Some(1), "{}", stderr(&status));
    let json: Value = serde_json::from_slice(&status.stdout).expect("json");
    assert!(json["instances"].is_null(), "{json}");
    assert!(json["snapshots"].is_null(), "{json}");
    let unknown = json["unknown"].as_array().expect("unknown");
    assert!(
        unknown
            .iter()
            .any(|u| u["part"] == "instances" && u["code"] == "InternalFailure"),
        "{json}"
    );

    let status_de = run(
        &state,
        &["--sim", "--faults", "*=5xx", "--lang", "de", "status"],
    );
    assert_eq!(status_de.status.code(), Some(1));
    assert!(
        stdout(&status_de).contains("nicht bekannt"),
        "{}",
        stdout(&status_de)
    );

    for lang in ["en", "de"] {
        let report = run(
            &state,
            &["--sim", "--faults", "expired", "--lang", lang, "report"],
        );
        no_panic(&report);
        assert_eq!(report.status.code(), Some(1), "{}", stderr(&report));
        let md = stdout(&report);
        assert!(!md.contains("Nothing from the lab is left"), "{md}");
        assert!(!md.contains("Vom Lab ist nichts mehr übrig"), "{md}");
        let said = if lang == "en" {
            "could not look at the whole account"
        } else {
            "konnte nicht das ganze Konto ansehen"
        };
        assert!(md.contains(said), "{md}");
    }
    let report = run(
        &state,
        &["--sim", "--faults", "expired", "report", "--format", "json"],
    );
    let json: Value = serde_json::from_slice(&report.stdout).expect("json");
    assert!(json["leftovers"].is_null(), "{}", json["leftovers"]);
    assert!(
        json["unknown"]
            .as_array()
            .is_some_and(|u| u.iter().any(|u| u["code"] == "ExpiredToken")),
        "{}",
        json["unknown"]
    );
    // Snapshots that cannot be listed are not deleted: neither the snapshot step nor the
    // cleanup is called done.
    let check = run(
        &state,
        &[
            "--sim",
            "--faults",
            "DescribeDBSnapshots=5xx",
            "check",
            "--json",
        ],
    );
    assert_eq!(check.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&check.stdout).expect("json");
    for id in ["snapshot", "cleanup"] {
        let step = json["steps"]
            .as_array()
            .expect("steps")
            .iter()
            .find(|s| s["id"] == id)
            .expect("step");
        assert_ne!(step["state"], "done", "{step}");
        assert!(
            step["detail"]
                .as_str()
                .is_some_and(|d| d.contains("could not read")),
            "{step}"
        );
    }
    // Read, the same account still costs money.
    let report = run(&state, &["--sim", "report", "--format", "json"]);
    let json: Value = serde_json::from_slice(&report.stdout).expect("json");
    assert!(
        json["leftovers"].as_array().is_some_and(|l| l
            .iter()
            .any(|l| l.as_str().is_some_and(|l| l.contains("ondemandbackup")))),
        "{}",
        json["leftovers"]
    );
}

/// Item 4: the log is optional. A directory in its place, a log that cannot be written and
/// a state directory the process cannot write end in a message, never in a panic.
#[test]
fn a_log_that_cannot_be_written_is_said_once_and_the_run_goes_on() {
    let (_keep, state) = state_dir();
    std::fs::create_dir_all(state.join("backup-lab.log")).expect("dir in the log's place");
    let out = run(
        &state,
        &["--sim", "--speed", "300", "run", "enable-backups", "--yes"],
    );
    no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out).matches("backup-lab.log").count(),
        1,
        "said once: {}",
        stderr(&out)
    );
    for args in [
        &["--sim", "status"][..],
        &["--sim", "check"],
        &["--sim", "report"],
        &[
            "--sim",
            "--speed",
            "300",
            "--reset",
            "run",
            "enable-backups",
            "--yes",
        ],
    ] {
        no_panic(&run(&state, args));
    }
    let de = run(
        &state,
        &[
            "--sim",
            "--lang",
            "de",
            "--speed",
            "300",
            "run",
            "enable-backups",
            "--yes",
        ],
    );
    assert!(stderr(&de).contains("Logdatei"), "{}", stderr(&de));

    // /proc/self: a directory nobody can create files in.
    for args in [
        &["--sim", "status"][..],
        &["--sim", "--speed", "300", "run", "enable-backups", "--yes"],
        &[
            "--sim",
            "--speed",
            "300",
            "--reset",
            "run",
            "enable-backups",
            "--yes",
        ],
    ] {
        let mut c = Command::new(bin_path());
        env(&mut c, Path::new("/proc/self"));
        let out = c.args(args).output().expect("runs");
        no_panic(&out);
    }

    if !can_drop_privileges() {
        return;
    }
    let (_keep, state) = state_dir();
    let first = run(
        &state,
        &["--sim", "--speed", "300", "run", "enable-backups", "--yes"],
    );
    assert_eq!(first.status.code(), Some(0));
    give_to_nobody(&state);
    chmod(&state.join("backup-lab.log"), 0o444);
    let out = run_as_nobody(
        &state,
        &["--sim", "--speed", "300", "run", "create-todos", "--yes"],
    )
    .expect("setpriv");
    no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("without a log"), "{}", stderr(&out));
    // A state directory that cannot be written at all: readers still read, owners are told.
    chmod(&state.join("backup-lab.log"), 0o644);
    for sub in ["sim", "journal"] {
        chmod(&state.join(sub), 0o555);
    }
    chmod(&state, 0o555);
    for args in [
        &["--sim", "status"][..],
        &["--sim", "check"],
        &["--sim", "report"],
    ] {
        let out = run_as_nobody(&state, args).expect("setpriv");
        no_panic(&out);
        assert!(!stderr(&out).contains("backup-lab.log"), "{}", stderr(&out));
    }
    for args in [
        &["--sim", "--speed", "300", "run", "snapshot", "--yes"][..],
        &[
            "--sim", "--speed", "300", "--reset", "run", "snapshot", "--yes",
        ],
    ] {
        let out = run_as_nobody(&state, args).expect("setpriv");
        no_panic(&out);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    }
    chmod(&state, 0o755);
    for sub in ["sim", "journal"] {
        chmod(&state.join(sub), 0o755);
    }
}

/// Item 4: `status` on a state directory that does not exist creates nothing.
#[test]
fn status_creates_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("not-yet");
    for args in [
        &["--sim", "status"][..],
        &["--sim", "check"],
        &["--sim", "report"],
    ] {
        no_panic(&run(&state, args));
        assert!(!state.exists(), "{args:?} created {}", state.display());
    }
}

/// Item 5: no symbolic link in the state directory is followed; the file it points at stays
/// as it was, and the learner is told which link is in the way.
#[test]
fn symbolic_links_in_the_state_directory_are_refused_not_followed() {
    let (keep, state) = state_dir();
    let first = run(
        &state,
        &["--sim", "--speed", "300", "run", "enable-backups", "--yes"],
    );
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let precious = keep.path().join("precious.txt");
    // The log last: with it the run goes on and changes the world.
    let mut links: Vec<PathBuf> = vec![state.join("lock"), world(&state)];
    links.extend(journal_files(&state));
    links.push(state.join("backup-lab.log"));
    for link in links {
        std::fs::write(&precious, "the learner's own file\n").expect("write");
        let real = link.with_extension("real");
        std::fs::rename(&link, &real).expect("move the file aside");
        std::os::unix::fs::symlink(&precious, &link).expect("symlink");
        let out = run(
            &state,
            &["--sim", "--speed", "300", "run", "create-todos", "--yes"],
        );
        no_panic(&out);
        let err = stderr(&out);
        assert!(err.contains("symbolic link"), "{}: {err}", link.display());
        assert!(err.contains(&link.display().to_string()), "{err}");
        let is_log = link.ends_with("backup-lab.log");
        assert_eq!(
            out.status.code(),
            Some(i32::from(!is_log)),
            "{}: {err}",
            link.display()
        );
        assert_eq!(
            std::fs::read_to_string(&precious).expect("read"),
            "the learner's own file\n",
            "{} was followed",
            link.display()
        );
        // A reader refuses the world too (a journal it cannot read it reports and goes on).
        if link == world(&state) {
            let status = run(&state, &["--sim", "status"]);
            no_panic(&status);
            assert_eq!(status.status.code(), Some(1), "{}", stderr(&status));
        }
        std::fs::remove_file(&link).expect("remove link");
        std::fs::rename(&real, &link).expect("back");
    }
    // A link in place of the journal's or the world's directory is refused as well.
    for sub in ["journal", "sim"] {
        let dir = state.join(sub);
        let elsewhere = keep.path().join(format!("{sub}-elsewhere"));
        std::fs::rename(&dir, &elsewhere).expect("move the directory");
        std::os::unix::fs::symlink(&elsewhere, &dir).expect("symlink");
        let before = std::fs::read_dir(&elsewhere).expect("dir").count();
        let out = run(
            &state,
            &["--sim", "--speed", "300", "run", "create-todos", "--yes"],
        );
        no_panic(&out);
        assert_eq!(out.status.code(), Some(1), "{sub}: {}", stderr(&out));
        assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
        assert_eq!(std::fs::read_dir(&elsewhere).expect("dir").count(), before);
        std::fs::remove_file(&dir).expect("remove link");
        std::fs::rename(&elsewhere, &dir).expect("back");
    }
    let de = {
        std::os::unix::fs::symlink(&precious, state.join("lock.tmp-link")).expect("symlink");
        std::fs::rename(state.join("lock"), state.join("lock.real")).expect("aside");
        std::fs::rename(state.join("lock.tmp-link"), state.join("lock")).expect("link");
        run(
            &state,
            &["--sim", "--lang", "de", "run", "create-todos", "--yes"],
        )
    };
    assert!(stderr(&de).contains("symbolischer Link"), "{}", stderr(&de));
}

/// Item 5: the state directory and every file in it are the learner's alone.
#[test]
fn the_state_directory_is_private() {
    let (_keep, state) = state_dir();
    let out = run(
        &state,
        &["--sim", "--speed", "300", "run", "enable-backups", "--yes"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode(&state), 0o700);
    for dir in [state.join("sim"), state.join("journal")] {
        assert_eq!(mode(&dir), 0o700, "{}", dir.display());
    }
    let mut files = vec![
        state.join("lock"),
        state.join("backup-lab.log"),
        world(&state),
        state.join("sim").join("run-speed.json"),
    ];
    files.extend(journal_files(&state));
    for file in files {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
}

/// Item 6: the log never holds credentials, whatever `BACKUP_LAB_LOG` asks for. A run against
/// moto signs its calls with marker credentials; none of them may be found in the log.
#[test]
fn trace_logs_hold_no_credentials() {
    const KEY_ID: &str = "AKIAMARKERKEYID4711X";
    const SECRET: &str = "MarkerSecretKey0815abcdefghijklmnopqrstu";
    const TOKEN: &str = "MarkerSessionTokenFQoGZXIvYXdzEJr4711";
    let Some(moto) = crate::support::moto::Moto::start() else {
        return;
    };
    moto.world();
    let app = moto.todo_app();
    for filter in [
        "trace",
        "aws_sigv4=trace,aws_smithy_runtime::client=trace,trace",
    ] {
        let (_keep, state) = state_dir();
        let home = tempfile::tempdir().expect("home");
        let out = Command::new(bin_path())
            .env_clear()
            .env("HOME", home.path())
            .env("BACKUP_LAB_STATE_DIR", &state)
            .env("BACKUP_LAB_LOG", filter)
            .env("AWS_ENDPOINT_URL", &moto.endpoint)
            .env("AWS_ACCESS_KEY_ID", KEY_ID)
            .env("AWS_SECRET_ACCESS_KEY", SECRET)
            .env("AWS_SESSION_TOKEN", TOKEN)
            .env("AWS_REGION", crate::support::moto::REGION)
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .args(["--app-url", &app.url, "run", "enable-backups", "--yes"])
            .stdin(Stdio::null())
            .output()
            .expect("binary runs");
        no_panic(&out);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let log = std::fs::read_to_string(state.join("backup-lab.log")).expect("log");
        assert!(
            log.contains("TRACE") || log.contains("DEBUG"),
            "{filter}: the log is at trace level: {log}"
        );
        for marker in [KEY_ID, SECRET, TOKEN] {
            assert_eq!(
                log.matches(marker).count(),
                0,
                "{filter}: {marker} is in the log"
            );
        }
    }
}

/// Item 2: a journal line torn by a crash is a gap the report tells about, in both languages,
/// beside the figures made from the rest of the history.
#[test]
fn the_report_tells_about_journal_lines_a_crash_tore() {
    let (_keep, state) = state_dir();
    let done = run(
        &state,
        &["--sim", "--speed", "300", "run", "--all", "--yes"],
    );
    assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
    let clean = run(&state, &["--sim", "report", "--format", "json"]);
    let json: Value = serde_json::from_slice(&clean.stdout).expect("json");
    assert_eq!(json["journal_lines_lost"], 0);
    let events = journal_files(&state)
        .into_iter()
        .find(|p| !p.to_string_lossy().ends_with(".calls.jsonl"))
        .expect("events file");
    let text = std::fs::read_to_string(&events).expect("journal");
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(lines.len() / 2, "{\"at\":\"2026-");
    std::fs::write(&events, lines.join("\n") + "\n").expect("write");
    let json = run(&state, &["--sim", "report", "--format", "json"]);
    let json: Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(json["journal_lines_lost"], 1);
    let en = stdout(&run(&state, &["--sim", "report"]));
    assert!(
        en.contains("1 line of the journal could not be read"),
        "{en}"
    );
    let de = stdout(&run(&state, &["--sim", "--lang", "de", "report"]));
    assert!(de.contains("1 Zeile des Journals"), "{de}");
}

/// The file that remembers the speed a world runs at sits beside the world: when it cannot be
/// written (here a directory stands in its place) the command stops before anything is
/// started and names it, instead of going on with a report that would name another speed.
#[test]
fn a_speed_file_that_cannot_be_written_stops_the_command_before_anything_starts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = dir.path().join("state");
    let blocker = state.join("sim").join("run-speed.json");
    std::fs::create_dir_all(&blocker).expect("a directory where the file belongs");
    let out = run(
        &state,
        &["--sim", "--speed", "300", "run", "create-todos", "--yes"],
    );
    no_panic(&out);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("run-speed.json"), "{err}");
    assert!(err.contains("nothing was started"), "{err}");
    assert!(!err.contains("Create"), "no step was begun: {err}");
}
