//! The real binary's command line: bad input gets a clear, localized error (exit 2) before
//! anything is sent, and the headless commands work end to end on the simulated account.

use std::path::Path;
use std::process::{Command, Output};

fn bin(state: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_backup-lab"));
    c.env("BACKUP_LAB_STATE_DIR", state)
        .env_remove("LC_ALL")
        .env_remove("LANG")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        // Any call that did go out would fail on this closed port, not with the error expected.
        .env("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_REGION", "us-east-1");
    c
}

fn run(state: &Path, args: &[&str]) -> Output {
    bin(state).args(args).output().expect("binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn config_file(dir: &Path, text: &str) -> String {
    let path = dir.join("lab.toml");
    std::fs::write(&path, text).expect("write config");
    path.display().to_string()
}

#[test]
fn bad_configuration_is_refused_in_both_languages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = [
        (
            "[names]\ninstance = \"1-db\"\n",
            "names.instance",
            "must start with a letter",
            "mit einem Buchstaben beginnen",
        ),
        (
            "[names]\nsnapshot = \"on--demand\"\n",
            "names.snapshot",
            "two hyphens",
            "zwei Bindestriche",
        ),
        (
            "[names]\nrestored_instance = \"restore-\"\n",
            "names.restored_instance",
            "end with one",
            "nicht mit einem enden",
        ),
        (
            "[backup]\nretention_days = 36\n",
            "backup.retention_days",
            "0 to 35",
            "0 und 35",
        ),
        (
            "[backup]\nwindow_local = \"3:00-3:30\"\n",
            "backup.window_local",
            "hh:mm-hh:mm",
            "hh:mm-hh:mm",
        ),
        (
            "[backup]\nwindow_local = \"03:00-03:15\"\n",
            "backup.window_local",
            "at least 30 minutes",
            "mindestens 30 Minuten",
        ),
        (
            "[backup]\ntimezone = \"Mars/Olympus\"\n",
            "backup.timezone",
            "unknown time zone",
            "unbekannte Zeitzone",
        ),
        (
            "app_url = \"todoapp\"\n",
            "app_url",
            "http(s) URL",
            "http(s)-URL",
        ),
        (
            "[names]\ninstanz = \"x\"\n",
            "instanz",
            "knows no setting",
            "kennt keine Einstellung",
        ),
    ];
    for (text, field, en, de) in cases {
        let path = config_file(dir.path(), text);
        for (lang, expected) in [("en", en), ("de", de)] {
            let out = run(dir.path(), &["--config", &path, "--lang", lang, "check"]);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{text}: {err}");
            assert!(
                err.contains(field) && err.contains(expected),
                "{lang} {text}: {err}"
            );
            assert!(!err.contains("127.0.0.1"), "nothing was sent: {err}");
        }
    }
}

#[test]
fn bad_flags_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases: [(&[&str], &str); 15] = [
        (&["--lang", "fr", "check"], "unknown language"),
        (&["--at", "restore", "check"], "add --sim"),
        (&["--sim", "--at", "restore", "check"], "without a command"),
        (
            &["--sim", "--at", "restore", "--read-only", "status"],
            "without --read-only",
        ),
        (&["--sim", "--speed", "0", "check"], "--speed"),
        (&["--speed", "5", "check"], "--sim"),
        (&["--sim", "--app-url", "ftp://x", "check"], "http(s) URL"),
        (&["--sim", "--faults", "explode", "check"], "--faults"),
        (&["--sim", "--window", "03:00-03:10", "check"], "30 minutes"),
        (&["--sim", "--at", "bogus"], "unknown step \"bogus\""),
        (
            &["--sim", "--read-only", "--at", "restore"],
            "without --read-only",
        ),
        (&["--sim", "run"], "name the steps to run"),
        (
            &["--sim", "--rpo-target", "0", "status"],
            "at least 1 minute",
        ),
        (
            &[
                "--sim",
                "run",
                "restore",
                "--restore-time",
                "25:00",
                "--yes",
            ],
            "\"25:00\" is no time",
        ),
        (
            &["--sim", "run", "verify", "summary"],
            "unknown step \"summary\"",
        ),
    ];
    for (args, expected) in cases {
        let out = run(dir.path(), args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    // The window is read by the option itself; its rule is said in the learner's language.
    for (lang, window, expected) in [
        ("de", "03:00-03:10", "mindestens 30 Minuten"),
        ("de", "3:00-3:30", "hh:mm-hh:mm"),
        ("en", "3:00-3:30", "hh:mm-hh:mm"),
    ] {
        let out = run(
            dir.path(),
            &["--sim", "--lang", lang, "--window", window, "check"],
        );
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{window}: {err}");
        assert!(
            err.contains("--window") && err.contains(window) && err.contains(expected),
            "{lang} {window}: {err}"
        );
    }
    let out = run(
        dir.path(),
        &["--sim", "--lang", "de", "run", "snapshott", "--yes"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unbekannter Schritt"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn read_only_refuses_to_act() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(
        dir.path(),
        &["--sim", "--read-only", "run", "snapshot", "--yes"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("read-only"));
    let out = run(dir.path(), &["--sim", "--json", "status"]);
    let status: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        status["snapshots"].as_array().map(Vec::len),
        Some(0),
        "nothing was created"
    );
}

#[test]
fn check_status_and_run_speak_json_and_hide_secrets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(dir.path(), &["--sim", "check", "--json"]);
    assert_eq!(out.status.code(), Some(1), "the lab is not done yet");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("check json");
    let steps = doc["steps"].as_array().expect("steps");
    let ids: Vec<&str> = steps.iter().filter_map(|s| s["id"].as_str()).collect();
    assert_eq!(
        ids,
        [
            "enable-backups",
            "create-todos",
            "snapshot",
            "delete-todos",
            "restore",
            "switch-backend",
            "verify",
            "pitr",
            "cleanup"
        ]
    );
    assert!(steps.iter().all(|s| {
        ["done", "in_progress", "todo", "failed"].contains(&s["state"].as_str().unwrap_or(""))
    }));

    let out = run(dir.path(), &["--sim", "status", "--json"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("DB_HOST") && text.contains("DB_PASSWORD"),
        "{text}"
    );
    assert!(
        !text.contains("Workshop-Pa55word"),
        "the password is never shown"
    );

    // The global options work after the command too; the simulated world persists between runs.
    let out = run(
        dir.path(),
        &[
            "run", "snapshot", "--sim", "--speed", "300", "--yes", "--json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("run json");
    let snapshot = doc["steps"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["id"] == "snapshot"))
        .cloned()
        .expect("snapshot step");
    assert_eq!(snapshot["state"], "done");
    let out = run(
        dir.path(),
        &["--sim", "--lang", "de", "run", "snapshot", "--yes"],
    );
    assert!(
        stderr(&out).contains("bereits erledigt"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn run_all_then_report_describes_that_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(
        dir.path(),
        &["--sim", "--speed", "300", "run", "--all", "--yes"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Verify is the moment the todos are back: it shows them and, with --yes, says that the
    // look in the browser is taken as seen instead of skipping the step as done.
    let said = stderr(&out);
    let verify = said.split("(verify)").nth(1).expect("verify runs");
    assert!(verify.contains("The app serves now"), "{said}");
    assert!(verify.contains("taken as seen"), "{said}");
    assert!(!verify.contains("already done"), "{said}");
    let out = run(dir.path(), &["--sim", "check"]);
    assert_eq!(out.status.code(), Some(0), "complete after run --all");
    let out = run(dir.path(), &["--sim", "report", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("report json");
    // --json, the flag of the other commands, gives the same; an explicit --format wins.
    let flag = run(dir.path(), &["--sim", "report", "--json"]);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&flag.stdout).expect("report --json")["steps"],
        report["steps"]
    );
    let md = run(dir.path(), &["--sim", "--json", "report", "--format", "md"]);
    assert!(String::from_utf8_lossy(&md.stdout).starts_with("# "));
    let steps = report["steps"].as_array().expect("steps");
    for id in ["switch-backend", "verify"] {
        let step = steps.iter().find(|s| s["id"] == id).expect("step");
        assert!(step["at"].is_string(), "{id} has its time: {step}");
    }
    assert!(report["rpo_seconds"].as_i64().is_some_and(|s| s > 0));
    assert!(report["rto_seconds"].as_i64().is_some_and(|s| s > 0));
    let phases = report["phases"].as_array().expect("phases");
    assert!(phases.len() >= 3, "{phases:?}");
    assert_eq!(
        phases
            .iter()
            .filter_map(|p| p["seconds"].as_i64())
            .sum::<i64>(),
        report["rto_seconds"].as_i64().unwrap_or(-1),
        "the phases add up to the RTO"
    );
    let calls = report["calls"].as_array().expect("calls");
    assert!(calls.iter().all(|c| {
        c["cli"]
            .as_str()
            .is_some_and(|s| s.starts_with("aws ") || s.starts_with("curl "))
    }));
    let out = run(dir.path(), &["--sim", "--lang", "de", "report"]);
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.contains("# Backup & Recovery – Lab-Bericht"), "{md}");
}

#[test]
fn headless_german_speaks_german_and_remembers_the_speed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(
        dir.path(),
        &[
            "--sim",
            "--speed",
            "60",
            "--lang",
            "de",
            "run",
            "create-todos",
            "snapshot",
            "delete-todos",
            "--yes",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let progress = stderr(&out);
    assert!(
        progress.contains("Milch kaufen"),
        "German todos: {progress}"
    );
    assert!(!progress.contains("Buy milk"), "{progress}");
    assert!(
        !["s [", "s) [", "min [", "min) ["]
            .iter()
            .any(|twice| progress.contains(twice)),
        "no elapsed time twice: {progress}"
    );

    let out = run(dir.path(), &["--sim", "--lang", "de", "status"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("manuell"), "{text}");
    for leak in ["Some(", "None", "manual", "automated"] {
        assert!(!text.contains(leak), "{leak} in {text}");
    }
    assert!(
        !text
            .lines()
            .any(|l| l.contains('T') && l.trim_end().ends_with('Z')),
        "local times, not RFC 3339: {text}"
    );
    assert!(!text.contains("Workshop-Pa55word"));

    // The report is made later, at the default speed: it names the speed of the run.
    let out = run(dir.path(), &["--sim", "--lang", "de", "report"]);
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.contains("×60"), "{md}");
    assert!(md.contains("| erledigt |"), "{md}");
    assert!(!md.contains("| done |") && !md.contains("| todo |"), "{md}");
    let out = run(dir.path(), &["--sim", "report", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("report json");
    assert!(report["mode"].as_str().is_some_and(|m| m.contains("×60")));
    assert!(report["steps"].as_array().is_some_and(|steps| {
        steps.iter().all(|s| {
            ["done", "in_progress", "todo", "failed"].contains(&s["state"].as_str().unwrap_or(""))
        })
    }));
}

#[test]
fn a_closed_stdout_ends_output_quietly() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (args, code) in [
        (&["--sim", "status"][..], 0),
        (&["--sim", "status", "--json"][..], 0),
        (&["--sim", "check"][..], 1),
        (&["--sim", "check", "--json"][..], 1),
        (&["--sim", "report"][..], 0),
        (&["--sim", "report", "--format", "json"][..], 0),
    ] {
        let mut child = bin(dir.path())
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("binary runs");
        // The reader goes away before the program writes anything.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("binary ends");
        assert!(
            !stderr(&out).contains("panicked"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(out.status.code(), Some(code), "{args:?}");
    }
}

/// The commands a learner types, as the completions and the man page must name them.
const SUBCOMMANDS: [&str; 6] = ["status", "check", "run", "report", "completions", "man"];

#[test]
fn completions_generate_for_every_shell_and_name_the_commands() {
    let dir = tempfile::tempdir().expect("tempdir");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = run(dir.path(), &["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = String::from_utf8_lossy(&out.stdout);
        for command in SUBCOMMANDS {
            assert!(script.contains(command), "{shell} completes {command}");
        }
        let option = if shell == "bash" {
            "--sim"
        } else {
            "Use the simulated AWS account"
        };
        assert!(script.contains(option), "{shell} completes the options");
    }
    // Bash can read what it is given (zsh and fish are not on every machine).
    let bash = run(dir.path(), &["completions", "bash"]);
    let file = dir.path().join("backup-lab.bash");
    std::fs::write(&file, &bash.stdout).expect("write");
    if let Ok(check) = Command::new("bash").arg("-n").arg(&file).output() {
        assert!(check.status.success(), "{}", stderr(&check));
    }
    let unknown = run(dir.path(), &["completions", "tcsh"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("bash"), "the shells are listed");
}

#[test]
fn the_man_page_names_the_commands_and_the_shipped_pages_are_current() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(dir.path(), &["man"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(page.contains(".TH backup-lab 1"), "a section 1 page");
    let commands = &page[page.find(".SH SUBCOMMANDS").expect("commands section")..];
    for command in SUBCOMMANDS {
        assert!(
            commands.contains(&format!("backup\\-lab\\-{command}(1)")),
            "{command}"
        );
    }

    let pages = dir.path().join("man1");
    std::fs::create_dir(&pages).expect("mkdir");
    let out = run(dir.path(), &["man", "--dir", &pages.display().to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    // The release archives ship docs/man: it must be what this program generates.
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/man");
    let names = |dir: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(
        names(&pages),
        names(&shipped),
        "regenerate: backup-lab man --dir docs/man"
    );
    for name in names(&pages) {
        assert_eq!(
            std::fs::read_to_string(pages.join(&name)).expect("generated"),
            std::fs::read_to_string(shipped.join(&name)).expect("shipped"),
            "docs/man/{name} is stale: cargo run -- man --dir docs/man"
        );
    }
    for command in SUBCOMMANDS {
        assert!(
            pages.join(format!("backup-lab-{command}.1")).exists(),
            "a page for {command}"
        );
    }

    let missing = dir.path().join("no-such-dir");
    for (lang, expected) in [
        ("en", "create the directory first"),
        ("de", "lege das Verzeichnis zuerst an"),
    ] {
        let out = run(
            dir.path(),
            &[
                "--lang",
                lang,
                "man",
                "--dir",
                &missing.display().to_string(),
            ],
        );
        assert!(!out.status.success());
        assert!(stderr(&out).contains(expected), "{}", stderr(&out));
    }
}

#[test]
fn cleanup_copy_back_runs_headless_with_progress_and_the_same_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(
        dir.path(),
        &["--sim", "--speed", "300", "run", "--all", "--yes"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let both = run(
        dir.path(),
        &[
            "--sim",
            "run",
            "cleanup",
            "--yes",
            "--copy-back",
            "--keep-restored",
        ],
    );
    assert_eq!(both.status.code(), Some(2), "two paths at once are refused");
    let refused = run(
        dir.path(),
        &[
            "--sim",
            "--read-only",
            "run",
            "cleanup",
            "--yes",
            "--copy-back",
        ],
    );
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("read-only"),
        "{}",
        stderr(&refused)
    );

    let out = run(
        dir.path(),
        &[
            "--sim",
            "--speed",
            "300",
            "--json",
            "run",
            "cleanup",
            "--yes",
            "--copy-back",
        ],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    // The statuses between are seen on the simulated clock in tests/all/dump.rs; at ×300 on a
    // busy machine a look may come after one has passed.
    for seen in [
        "dump task",
        "PROVISIONING",
        "STOPPED",
        "exit code 0",
        "the app serves 5 todos from workshop-db",
        "workshop-db-restore is being deleted",
    ] {
        assert!(err.contains(seen), "{seen}: {err}");
    }
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("run json");
    let cleanup = doc["steps"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["id"] == "cleanup"))
        .cloned()
        .expect("cleanup step");
    assert_eq!(cleanup["state"], "done");
    assert_eq!(doc["complete"], true);

    let out = run(dir.path(), &["--sim", "--json", "status"]);
    let status: serde_json::Value = serde_json::from_slice(&out.stdout).expect("status json");
    assert_eq!(status["todos"], 5, "workshop-db serves the 5 todos");
    assert!(
        status["task_definition"]["arn"]
            .as_str()
            .is_some_and(|arn| arn.ends_with("workshop-backend:1")),
        "{status}"
    );
    let out = run(dir.path(), &["--sim", "report", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("report json");
    assert!(
        report["copy_back_rto_seconds"]
            .as_i64()
            .is_some_and(|s| s > 0)
    );
    assert_eq!(report["copy_back_rto_complete"], true);
}

/// A report that cannot reach its file (a full disk behind `> report.md`) is said, in the
/// learner's language, and the exit status is not success.
#[test]
fn a_report_that_cannot_be_written_is_said() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (lang, says) in [
        ("en", "The report could not be written"),
        ("de", "Der Bericht konnte nicht geschrieben werden"),
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let out = bin(dir.path())
            .args(["--sim", "--lang", lang, "report"])
            .stdout(full)
            .output()
            .expect("binary runs");
        assert!(stderr(&out).contains(says), "{lang}: {}", stderr(&out));
        assert_eq!(out.status.code(), Some(1), "{lang}");
    }
}

/// `status` and `check` whose output cannot be written say so and do not exit 0.
#[test]
fn status_and_check_that_cannot_be_written_are_said() {
    let dir = tempfile::tempdir().expect("tempdir");
    let done = run(
        dir.path(),
        &["--sim", "--speed", "300", "run", "--all", "--yes"],
    );
    assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
    for args in [
        &["--sim", "status"][..],
        &["--sim", "status", "--json"][..],
        &["--sim", "check"][..],
        &["--sim", "--lang", "de", "check", "--json"][..],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let out = bin(dir.path())
            .args(args)
            .stdout(full)
            .output()
            .expect("binary runs");
        let said = stderr(&out);
        assert!(
            said.contains("The output could not be written")
                || said.contains("Die Ausgabe konnte nicht geschrieben werden"),
            "{args:?}: {said}"
        );
        assert_eq!(out.status.code(), Some(1), "{args:?}");
    }
}

/// A report of an account that cannot be read says its steps are not known, not "to do": the
/// learner may have done them all.
#[test]
fn a_report_of_an_unreadable_account_does_not_call_the_steps_to_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (lang, unknown, todo) in [
        ("en", "| not known (could not read) |", "| to do |"),
        ("de", "| unbekannt (nicht lesbar) |", "| offen |"),
    ] {
        let out = run(
            dir.path(),
            &[
                "--sim",
                "--lang",
                lang,
                "--faults",
                "DescribeDBInstances=denied",
                "report",
            ],
        );
        let md = String::from_utf8_lossy(&out.stdout);
        assert!(md.contains(unknown), "{lang}: {md}");
        assert!(!md.contains(todo), "{lang}: {md}");
        assert_eq!(
            out.status.code(),
            Some(1),
            "{lang}: the report is incomplete"
        );
    }
}
