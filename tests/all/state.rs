//! The state directory with the real binary: one owner at a time (a second `run` is refused
//! or waits), readers that never write, damaged files that are reported and kept, a world per
//! configuration, and limits on what is read from the command line.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use backup_lab::state::StateLock;

/// How long any one expectation may take (the build machine may be busy).
const PATIENCE: Duration = Duration::from_secs(60);

fn bin(state: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_backup-lab"));
    c.env("BACKUP_LAB_STATE_DIR", state)
        .env_remove("LC_ALL")
        .env_remove("LANG")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_REGION", "us-east-1")
        .stdin(Stdio::null());
    c
}

fn run(state: &Path, args: &[&str]) -> Output {
    bin(state).args(args).output().expect("binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A finished lab in `state` (every step through verify), at the fastest clock.
fn completed(state: &Path) {
    let out = run(state, &["--sim", "--speed", "300", "run", "--all", "--yes"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

fn world(state: &Path) -> PathBuf {
    state.join("sim").join("world.json")
}

/// Every file under `dir` with its bytes, sorted by path (the log file left out).
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n != "backup-lab.log") {
                let bytes = std::fs::read(&path).expect("read");
                out.push((path, bytes));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_second_run_is_refused_while_the_state_directory_is_held_and_waits_with_wait() {
    let dir = tempfile::tempdir().expect("tempdir");
    let held = StateLock::acquire(dir.path(), "run").expect("lock");
    let pid = std::process::id().to_string();
    for (lang, says) in [("en", "is in use by"), ("de", "wird von")] {
        let out = run(
            dir.path(),
            &["--sim", "--lang", lang, "run", "snapshot", "--yes"],
        );
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains(says) && err.contains(&pid), "{lang}: {err}");
        assert!(err.contains("--wait"), "says what to do: {err}");
    }
    assert!(!world(dir.path()).exists(), "the refused run did nothing");

    // With --wait it starts as soon as the holder lets go.
    let mut waiting = bin(dir.path())
        .args([
            "--sim", "--speed", "300", "--lang", "en", "run", "snapshot", "--yes", "--wait",
        ])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn");
    let err = waiting.stderr.take().expect("stderr");
    let (lines_tx, lines) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(err).lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    let said = lines.recv_timeout(PATIENCE).expect("a first line");
    assert!(said.contains("waiting until it is free"), "{said}");
    assert!(waiting.try_wait().expect("wait").is_none(), "it waits");
    drop(held);
    let status = waiting.wait().expect("wait");
    reader.join().expect("reader");
    let rest: Vec<String> = lines.try_iter().collect();
    assert!(status.success(), "{rest:?}");
    let out = run(dir.path(), &["--sim", "--json", "check"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let snapshot = doc["steps"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["id"] == "snapshot"))
        .cloned()
        .expect("snapshot step");
    assert_eq!(snapshot["state"], "done", "the waiting run did its work");
}

#[test]
fn readers_in_parallel_loops_never_change_the_world_even_beside_an_owner() {
    let dir = tempfile::tempdir().expect("tempdir");
    completed(dir.path());
    let before = files(dir.path());
    // An owner holds the directory the whole time: the readers work beside it.
    let held = StateLock::acquire(dir.path(), "run").expect("lock");
    let loops: Vec<_> = ["status", "check", "status", "check", "report"]
        .into_iter()
        .map(|command| {
            let state = dir.path().to_path_buf();
            std::thread::spawn(move || {
                (0..4)
                    .map(|_| run(&state, &["--sim", "--json", command]))
                    .map(|out| (command, out.status.code(), stderr(&out)))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    for handle in loops {
        for (command, code, err) in handle.join().expect("loop") {
            assert_eq!(
                code,
                Some(0),
                "{command} while the directory is held: {err}"
            );
        }
    }
    drop(held);
    let after = files(dir.path());
    let changed: Vec<_> = before
        .iter()
        .zip(&after)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.0.display().to_string())
        .collect();
    assert_eq!(
        before.iter().map(|f| &f.0).collect::<Vec<_>>(),
        after.iter().map(|f| &f.0).collect::<Vec<_>>(),
        "no file appeared or vanished"
    );
    // The lock file is the owner's (emptied when it let go); everything else is untouched.
    assert!(
        changed.iter().all(|p| p.ends_with("lock")),
        "readers changed {changed:?}"
    );
    let out = run(dir.path(), &["--sim", "check"]);
    assert_eq!(out.status.code(), Some(0), "still complete");
}

#[test]
fn a_damaged_world_is_reported_and_kept_until_reset_moves_it_aside() {
    let dir = tempfile::tempdir().expect("tempdir");
    completed(dir.path());
    let good = std::fs::read(world(dir.path())).expect("world");
    let cases: [(&str, Vec<u8>, &str, &str); 4] = [
        (
            "truncated",
            good[..good.len() / 2].to_vec(),
            "damaged",
            "beschädigt",
        ),
        (
            "garbage",
            b"\x00\xffnot json".to_vec(),
            "damaged",
            "beschädigt",
        ),
        ("empty", Vec::new(), "it is empty", "sie ist leer"),
        ("wrong type", b"[1, 2, 3]".to_vec(), "damaged", "beschädigt"),
    ];
    for (what, bytes, en, de) in cases {
        std::fs::write(world(dir.path()), &bytes).expect("damage");
        for (lang, says, reset) in [("en", en, "--reset"), ("de", de, "--reset")] {
            for command in ["check", "status", "run"] {
                let mut args = vec!["--sim", "--lang", lang, command];
                if command == "run" {
                    args.extend(["snapshot", "--yes"]);
                }
                let out = run(dir.path(), &args);
                let err = stderr(&out);
                assert_eq!(out.status.code(), Some(1), "{what} {command}: {err}");
                assert!(
                    err.contains("world.json") && err.contains(says) && err.contains(reset),
                    "{what} {lang} {command}: {err}"
                );
            }
        }
        assert_eq!(
            std::fs::read(world(dir.path())).expect("kept"),
            bytes,
            "{what}: the file is kept as it is"
        );
    }
    // A directory where the world should be.
    std::fs::remove_file(world(dir.path())).expect("remove");
    std::fs::create_dir(world(dir.path())).expect("dir");
    let out = run(dir.path(), &["--sim", "check"]);
    assert!(
        stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );
    assert!(world(dir.path()).is_dir(), "kept");
    std::fs::remove_dir(world(dir.path())).expect("rmdir");

    // --reset moves the damaged file aside with a timestamp and starts afresh.
    std::fs::write(world(dir.path()), b"{broken").expect("damage");
    let out = run(
        dir.path(),
        &[
            "--sim",
            "--speed",
            "300",
            "--reset",
            "run",
            "enable-backups",
            "--yes",
        ],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("the previous state is kept in"), "{err}");
    let kept: Vec<_> = std::fs::read_dir(dir.path().join("archive"))
        .expect("archive dir")
        .flatten()
        .map(|e| e.path().join("sim").join("world.json"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(std::fs::read(&kept[0]).expect("kept"), b"{broken");
    // A reader never resets.
    let out = run(dir.path(), &["--sim", "--reset", "status"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn each_configuration_keeps_its_own_world() {
    let dir = tempfile::tempdir().expect("tempdir");
    completed(dir.path());
    let default_world = std::fs::read(world(dir.path())).expect("world");
    let config = dir.path().join("other.toml");
    std::fs::write(&config, "[names]\ninstance = \"other-db\"\n").expect("config");
    let config = config.display().to_string();
    let out = run(
        dir.path(),
        &[
            "--sim", "--config", &config, "--speed", "300", "run", "snapshot", "--yes",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(world(dir.path())).expect("world"),
        default_world,
        "the other configuration left the lab's world alone"
    );
    let out = run(dir.path(), &["--sim", "check"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "the lab's world is still complete"
    );
    let out = run(
        dir.path(),
        &["--sim", "--config", &config, "--json", "status"],
    );
    let status: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(status["instances"][0]["id"], "other-db");
    assert_eq!(status["snapshots"][0]["id"], "ondemandbackup");

    // A world file of other names (left by an older version) is not taken over.
    let foreign = std::fs::read_dir(dir.path().join("sim"))
        .expect("sim")
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("world-"))
        })
        .expect("the other world");
    std::fs::copy(&foreign, world(dir.path())).expect("copy");
    let out = run(dir.path(), &["--sim", "--lang", "de", "check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("other-db") && err.contains("--config") && err.contains("--reset"),
        "{err}"
    );
}

#[test]
fn a_damaged_journal_is_read_as_far_as_it_goes_and_an_unreadable_one_is_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    completed(dir.path());
    let journal_dir = dir.path().join("journal");
    let events = std::fs::read_dir(&journal_dir)
        .expect("journal dir")
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            name.is_some_and(|n| n.ends_with(".jsonl") && !n.ends_with(".calls.jsonl"))
        })
        .expect("events file");
    let mut text = std::fs::read(&events).expect("events");
    text.extend_from_slice(b"garbage line\n{\"at\":\"2026-");
    std::fs::write(&events, &text).expect("damage");
    let calls = events.with_extension("calls.jsonl");
    let mut calls_text = std::fs::read(&calls).expect("calls");
    calls_text.extend_from_slice(b"\xff\xfe\n");
    std::fs::write(&calls, &calls_text).expect("damage");
    for (lang, says, says_calls) in [
        ("en", "2 lines of the journal", "1 line of the journal"),
        ("de", "2 Zeilen des Journals", "1 Zeile des Journals"),
    ] {
        let out = run(dir.path(), &["--sim", "--lang", lang, "check"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(0), "progress is not lost: {err}");
        let line_of = |file: &Path| {
            let name = file.display().to_string();
            err.lines()
                .find(|l| l.contains(&format!("{name} ")))
                .map(str::to_owned)
        };
        let on_events = line_of(&events).unwrap_or_default();
        let on_calls = line_of(&calls).unwrap_or_default();
        assert!(on_events.contains(says), "{err}");
        assert!(on_calls.contains(says_calls), "{err}");
    }
    assert_eq!(
        std::fs::read(&calls).expect("kept"),
        calls_text,
        "kept as it is"
    );
    assert_eq!(std::fs::read(&events).expect("kept"), text, "kept as it is");

    // An owner appends after the torn line on a line of its own.
    let out = run(
        dir.path(),
        &["--sim", "--speed", "300", "run", "cleanup", "--yes"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after = std::fs::read_to_string(&events).expect("events");
    assert!(after.starts_with(&String::from_utf8_lossy(&text).into_owned()));
    let appended = &after[text.len()..];
    assert!(appended.starts_with('\n'), "a new line first: {appended:?}");
    assert!(
        appended
            .lines()
            .filter(|l| !l.is_empty())
            .all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()),
        "every appended line reads: {appended}"
    );

    // A journal that cannot be read at all is reported, and kept.
    std::fs::remove_file(&events).expect("remove");
    std::fs::create_dir(&events).expect("a directory in its place");
    let out = run(dir.path(), &["--sim", "--lang", "de", "check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("Journal") && err.contains("--reset"), "{err}");
    assert!(events.is_dir());
}

#[test]
fn configuration_files_are_regular_and_small() {
    let dir = tempfile::tempdir().expect("tempdir");
    let big = dir.path().join("big.toml");
    std::fs::write(&big, "# padding\n".repeat(2 * 1024 * 1024 / 10)).expect("big");
    let big = big.display().to_string();
    let folder = dir.path().display().to_string();
    for (path, en, de) in [
        ("/dev/zero", "not a regular file", "keine gewöhnliche Datei"),
        (
            folder.as_str(),
            "not a regular file",
            "keine gewöhnliche Datei",
        ),
        (big.as_str(), "too large", "zu gross"),
    ] {
        for (lang, says) in [("en", en), ("de", de)] {
            let started = Instant::now();
            let out = run(
                dir.path(),
                &["--sim", "--lang", lang, "--config", path, "check"],
            );
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{path}: {err}");
            assert!(
                err.contains(says) && err.contains("1 MiB"),
                "{path} {lang}: {err}"
            );
            assert!(started.elapsed() < PATIENCE, "refused at once");
        }
    }
}

#[test]
fn speed_language_and_echoed_values_are_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    for speed in ["0.0001", "0.5", "301", "10000", "NaN"] {
        let out = run(dir.path(), &["--sim", "--speed", speed, "check"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{speed}: {err}");
        assert!(err.contains("from 1 (real time) to 300"), "{speed}: {err}");
    }
    for speed in ["1", "300"] {
        let out = run(dir.path(), &["--sim", "--speed", speed, "status"]);
        assert_eq!(out.status.code(), Some(0), "{speed}: {}", stderr(&out));
    }
    for (lang, says) in [
        ("de", "Lab noch nicht abgeschlossen"),
        ("de-CH", "Lab noch nicht abgeschlossen"),
        ("de_DE", "Lab noch nicht abgeschlossen"),
        ("de-AT", "Lab noch nicht abgeschlossen"),
        ("DE_ch.UTF-8", "Lab noch nicht abgeschlossen"),
        ("en-US", "Lab not complete yet"),
        ("en_GB", "Lab not complete yet"),
    ] {
        let out = run(dir.path(), &["--sim", "--lang", lang, "check"]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(says), "{lang}: {text}");
    }
    for lang in ["fr", "de-", "english", "d"] {
        let out = run(dir.path(), &["--sim", "--lang", lang, "check"]);
        assert_eq!(out.status.code(), Some(2), "{lang}");
    }
    // Control characters in values echoed back are escaped, never sent to the terminal.
    for args in [
        vec!["--sim", "--app-url", "http://x\u{1b}[2J\nevil", "check"],
        vec![
            "--sim",
            "--app-url",
            "http://todo.example/\u{1b}[2J",
            "check",
        ],
        vec!["--sim", "run", "snap\u{1b}]0;title\u{7}", "--yes"],
    ] {
        let out = run(dir.path(), &args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
        assert!(err.contains("\\u{1b}"), "{err:?}");
    }
}

#[test]
fn fault_specs_are_checked_and_giving_up_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (lang, says) in [
        ("en", "unknown operation \"CreateSnapshot\""),
        ("de", "unbekannte Operation «CreateSnapshot»"),
    ] {
        let out = run(
            dir.path(),
            &[
                "--sim",
                "--lang",
                lang,
                "--faults",
                "CreateSnapshot=timeout@1",
                "check",
            ],
        );
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains(says) && err.contains("CreateDBSnapshot"),
            "{err}"
        );
    }
    let out = run(
        dir.path(),
        &["--sim", "--lang", "de", "--faults", "throttle:2", "check"],
    );
    assert!(
        stderr(&out).contains("Zahl von 0 bis 1"),
        "{}",
        stderr(&out)
    );
    let out = run(
        dir.path(),
        &[
            "--sim",
            "--lang",
            "de",
            "--faults",
            "unhealthy:0.5",
            "check",
        ],
    );
    assert!(
        stderr(&out).contains("unhealthy nimmt keine Rate"),
        "{}",
        stderr(&out)
    );

    let out = run(
        dir.path(),
        &[
            "--sim",
            "--speed",
            "300",
            "--faults",
            "CreateDBSnapshot=throttle@1-9",
            "run",
            "snapshot",
            "--yes",
        ],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("gave up") && err.contains("5 attempts"),
        "{err}"
    );
    let last = err
        .lines()
        .rev()
        .find(|l| l.starts_with('✘'))
        .unwrap_or_default();
    assert!(!last.contains("tries again"), "{last}");
}

#[test]
fn the_app_without_a_terminal_points_at_the_commands() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (lang, says) in [("en", "needs a terminal"), ("de", "braucht ein Terminal")] {
        let out = run(dir.path(), &["--sim", "--lang", lang]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains(says) && err.contains("backup-lab status"),
            "{err}"
        );
    }
    assert!(!world(dir.path()).exists(), "nothing was started");
}

#[test]
fn a_journal_that_cannot_be_written_is_shown_in_the_app() {
    use backup_lab::app::{App, Dialog};
    use backup_lab::lab::journal::{EventKind, Journal};
    use backup_lab::protocol::Msg;

    let dir = tempfile::tempdir().expect("tempdir");
    let mut journal = Journal::open(dir.path(), "sim-test").expect("journal");
    let now: jiff::Timestamp = "2026-11-25T09:00:00Z".parse().expect("time");
    journal.record(now, now, EventKind::CleanupDone);
    assert!(journal.write_error().is_none());
    // The events file turns into a directory: the next append fails.
    let events = journal.path().expect("path").to_path_buf();
    std::fs::remove_file(&events).expect("remove");
    std::fs::create_dir(&events).expect("dir");
    journal.record(now, now, EventKind::CleanupDone);
    let reason = journal.write_error().expect("the failure is kept");
    assert!(reason.contains("sim-test.jsonl"), "{reason}");
    assert_eq!(
        journal.events().len(),
        2,
        "the event is still known in memory"
    );

    let mut app = App::new(
        backup_lab::i18n::Lang::De,
        backup_lab::config::Config::default(),
        backup_lab::cloud::Mode::Simulation { speed: 15.0 },
        now,
    );
    app.update(Msg::JournalUnwritable(reason.clone()));
    let Some(Dialog::Notice {
        lines, is_error, ..
    }) = &app.dialog
    else {
        panic!("a dialog tells the learner");
    };
    assert!(is_error);
    let text = lines[0].render(backup_lab::i18n::Lang::De);
    assert!(
        text.contains("Journal kann nicht geschrieben") && text.contains(&reason),
        "{text}"
    );
    assert!(
        app.notes.iter().any(|n| n.is_error),
        "and the event log keeps it"
    );
    // The same failure again is not a new dialog.
    app.dialog = None;
    app.update(Msg::JournalUnwritable(reason));
    assert!(app.dialog.is_none());
}

#[test]
fn a_signal_stops_a_headless_run_with_its_exit_status_and_lets_the_directory_go() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (signal, code) in [("INT", 130), ("TERM", 143), ("HUP", 129)] {
        let mut child = bin(dir.path())
            .args(["--sim", "--lang", "en", "run", "--all", "--yes"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let err = child.stderr.take().expect("stderr");
        let (lines_tx, lines) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(err).lines().map_while(Result::ok) {
                let _ = lines_tx.send(line);
            }
        });
        // Working: the first step has begun.
        let first = lines.recv_timeout(PATIENCE).expect("a first line");
        assert!(first.starts_with('▶'), "{first}");
        let sent = Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .expect("kill");
        assert!(sent.success());
        let status = child.wait().expect("wait");
        reader.join().expect("reader");
        let rest: Vec<String> = lines.try_iter().collect();
        assert_eq!(status.code(), Some(code), "SIG{signal}: {rest:?}");
        assert!(
            rest.iter().any(|l| l.contains("Stopped by a signal")),
            "{rest:?}"
        );
        assert!(
            backup_lab::state::holder(dir.path()).is_none(),
            "SIG{signal}: the state directory is free again"
        );
    }
    // What was done is kept: the next run carries on.
    completed(dir.path());
}

#[tokio::test]
async fn a_reader_follows_the_owners_world_and_clock_and_never_writes() {
    use backup_lab::cloud::sim::{SimCloud, WorldNames, world_path};
    use backup_lab::cloud::{Cloud, Mode};

    let dir = tempfile::tempdir().expect("tempdir");
    let path = world_path(dir.path(), &WorldNames::default());
    let owner = SimCloud::open(path.clone(), 600.0, WorldNames::default()).expect("owner");
    let reader = SimCloud::view(path.clone(), 15.0, WorldNames::default()).expect("reader");
    assert_eq!(reader.world_id(), owner.world_id());
    assert_eq!(
        reader.mode(),
        Mode::Simulation { speed: 600.0 },
        "the owner's speed"
    );
    assert!(reader.list_todos().await.expect("todos").is_empty());

    owner.create_todo("Buy milk").await.expect("todo");
    let seen = reader.list_todos().await.expect("todos");
    assert_eq!(seen.len(), 1, "the reader sees the owner's change");
    let gap = (owner.now().as_second() - reader.now().as_second()).abs();
    assert!(gap <= 5, "one clock for both: {gap} s apart");

    let saved = std::fs::read(&path).expect("world");
    reader.create_todo("only in memory").await.expect("todo");
    drop(reader);
    assert_eq!(
        std::fs::read(&path).expect("world"),
        saved,
        "the reader wrote nothing"
    );
    drop(owner);
    let after = SimCloud::view(path, 15.0, WorldNames::default()).expect("reader");
    assert_eq!(after.list_todos().await.expect("todos").len(), 1);
}
