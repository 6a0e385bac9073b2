//! Input rules as AWS has them, and the argument parser's own errors in the learner's
//! language, with the real binary: each bad input is refused before anything starts, with a
//! message that names what was wrong and what to give instead.

use std::path::Path;
use std::process::{Command, Output, Stdio};

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

/// Runs `status` in the simulation with the configuration `toml`; returns the exit code and
/// the message.
fn with_config(state: &Path, toml: &str, lang: &str) -> (Option<i32>, String) {
    let file = state.join(format!("c{}.toml", toml.len()));
    std::fs::write(&file, toml).expect("config written");
    let out = run(
        state,
        &[
            "--sim",
            "--lang",
            lang,
            "--config",
            file.to_str().expect("utf-8 path"),
            "status",
        ],
    );
    (out.status.code(), stderr(&out))
}

#[test]
fn names_follow_the_aws_rules_and_say_which_rule() {
    let state = tempfile::tempdir().expect("temp dir");
    let cases = [
        (
            "[names]\npitr_instance = \"workshop-db-restore\"\n",
            "names.pitr_instance",
            "must differ from names.restored_instance",
        ),
        (
            "[names]\nrestored_instance = \"workshop-db\"\n",
            "names.restored_instance",
            "must differ from names.instance",
        ),
        (
            "[names]\nrestored_instance = \"Workshop-DB\"\n",
            "names.restored_instance",
            "must differ from names.instance",
        ),
        (
            "[names]\npitr_instance = \"workshop-db\"\n",
            "names.pitr_instance",
            "must differ from names.instance",
        ),
        (
            "[names]\nload_balancer = \"todo_app\"\n",
            "names.load_balancer",
            "no underscore",
        ),
        (
            "[names]\nload_balancer = \"abcdefghijklmnopqrstuvwxyz0123456\"\n",
            "names.load_balancer",
            "at most 32 characters",
        ),
        (
            "[names]\nload_balancer = \"internal-todo\"\n",
            "names.load_balancer",
            "internal-",
        ),
    ];
    for (toml, key, rule) in cases {
        let (code, err) = with_config(state.path(), toml, "en");
        assert_eq!(code, Some(2), "{toml}: {err}");
        assert!(err.contains(key) && err.contains(rule), "{toml}: {err}");
    }
    let (code, err) = with_config(
        state.path(),
        "[names]\npitr_instance = \"workshop-db-restore\"\n",
        "de",
    );
    assert_eq!(code, Some(2));
    assert!(
        err.contains("muss sich von names.restored_instance unterscheiden"),
        "{err}"
    );
    // 32 characters and hyphens inside are fine.
    let (code, err) = with_config(
        state.path(),
        "[names]\nload_balancer = \"abcdefghijklmnopqrstuvwxyz-12345\"\n",
        "en",
    );
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn type_errors_in_the_configuration_name_the_key_and_its_line() {
    let state = tempfile::tempdir().expect("temp dir");
    let cases = [
        (
            "[backup]\nretention_days = \"7\"\n",
            "line 2: backup.retention_days takes a whole number",
        ),
        (
            "[restore]\nclass = \"db.t3.micro\"\nmulti_az = \"yes\"\n",
            "line 3: restore.multi_az takes true or false",
        ),
        ("app_url = 5\n", "line 1: app_url takes a text in quotes"),
        (
            "[targets]\nrto_minutes = -1\n",
            "line 2: targets.rto_minutes takes a whole number",
        ),
        ("names = 3\n", "line 1: names is a table"),
        ("# lab\nnames = []\n", "line 2: names is a table"),
        (
            "[names]\ninstance = \"workshop-db\"\nsnapshott = \"x\"\n",
            "line 3: backup-lab knows no setting snapshott (it knows instance, snapshot,",
        ),
    ];
    for (toml, says) in cases {
        let (code, err) = with_config(state.path(), toml, "en");
        assert_eq!(code, Some(2), "{toml}: {err}");
        assert!(err.contains(says), "{toml}: {err}");
    }
    let (_, err) = with_config(state.path(), "[backup]\nretention_days = \"7\"\n", "de");
    assert!(
        err.contains("Zeile 2: backup.retention_days nimmt eine ganze Zahl"),
        "{err}"
    );
}

#[test]
fn app_urls_without_credentials_port_0_or_absurd_lengths_and_sim_says_it_ignores_one() {
    let state = tempfile::tempdir().expect("temp dir");
    let long = format!("http://todo.example/{}", "a".repeat(5000));
    for (url, says) in [
        ("http://admin:secret@todo.example", "user name or password"),
        ("http://admin@todo.example", "user name or password"),
        ("http://todo.example:0/", "port 0"),
        (long.as_str(), "longer than 2048"),
    ] {
        let out = run(state.path(), &["--lang", "en", "--app-url", url, "status"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{url}: {err}");
        assert!(err.contains(says), "{url}: {err}");
        assert!(!err.contains("secret"), "the password is not echoed: {err}");
    }
    let out = run(
        state.path(),
        &[
            "--sim",
            "--lang",
            "de",
            "--app-url",
            "http://todo.example",
            "status",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--app-url wird mit --sim nicht verwendet"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_argument_parsers_errors_are_in_the_learners_language() {
    let state = tempfile::tempdir().expect("temp dir");
    let cases: [(&[&str], Option<&str>, &str); 7] = [
        (
            &["--lang", "de", "--speed", "abc", "status"],
            None,
            "--speed kann «abc» nicht nehmen: erwartet wird eine Zahl von 1",
        ),
        (
            &["--rto-target", "-1", "status"],
            Some("de_CH.UTF-8"),
            "--rto-target kann «-1» nicht nehmen: erwartet wird eine ganze Zahl von Minuten",
        ),
        (
            &["--rpo-target=abc", "--lang=en", "status"],
            None,
            "--rpo-target cannot take \"abc\": expected a whole number of minutes",
        ),
        (
            &["--lang", "de", "--spede", "3", "status"],
            None,
            "unbekanntes Argument «--spede»; meintest du --speed?",
        ),
        (
            &["stauts"],
            Some("de_DE.UTF-8"),
            "unbekannter Befehl «stauts» (meintest du status?)",
        ),
        (
            &["--lang", "en", "--theme", "pink", "status"],
            None,
            "--theme cannot take \"pink\": expected one of dark, light",
        ),
        (
            &["--lang", "de", "status", "--speed"],
            None,
            "--speed braucht einen Wert",
        ),
    ];
    for (args, lang, says) in cases {
        let mut cmd = bin(state.path());
        if let Some(lang) = lang {
            cmd.env("LANG", lang);
        }
        let out = cmd.args(args).output().expect("binary runs");
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!err.contains("error:"), "no English parser text: {err}");
    }
}

#[test]
fn a_file_where_a_directory_belongs_gets_advice_that_mends_it_and_reset_does_all_or_nothing() {
    for sub in ["journal", "sim"] {
        let state = tempfile::tempdir().expect("temp dir");
        let s = state.path();
        let out = run(
            s,
            &["--sim", "--speed", "300", "run", "enable-backups", "--yes"],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let world_before = std::fs::read(s.join("sim/world.json")).expect("world");
        if sub == "journal" {
            std::fs::remove_dir_all(s.join("journal")).expect("journal dir removed");
        } else {
            std::fs::rename(s.join("sim"), s.join("sim-saved")).expect("sim moved");
        }
        std::fs::write(s.join(sub), "stray file").expect("file written");

        for args in [
            &["--sim", "--lang", "en", "status"][..],
            &["--sim", "--lang", "en", "run", "snapshot", "--yes"][..],
        ] {
            let out = run(s, args);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(1), "{sub} {args:?}: {err}");
            assert!(
                err.contains("is a file where backup-lab keeps a directory")
                    && err.contains("--reset")
                    && err.contains(&format!("mv {}", s.join(sub).display())),
                "{sub} {args:?}: {err}"
            );
        }
        if sub == "journal" {
            assert_eq!(
                std::fs::read(s.join("sim/world.json")).expect("world"),
                world_before,
                "nothing moved before the reset"
            );
        }
        // --reset mends it: the stray file goes into the archive, and the run works.
        let out = run(
            s,
            &[
                "--sim",
                "--speed",
                "300",
                "--lang",
                "en",
                "--reset",
                "run",
                "enable-backups",
                "--yes",
            ],
        );
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(0), "{sub}: {err}");
        assert!(err.contains("the previous state is kept in"), "{err}");
        assert!(s.join(sub).is_dir(), "{sub} is a directory again");
        let archived: Vec<_> = std::fs::read_dir(s.join("archive"))
            .expect("archive")
            .flatten()
            .collect();
        assert_eq!(archived.len(), 1);
        assert_eq!(
            std::fs::read_to_string(archived[0].path().join(sub)).expect("kept"),
            "stray file"
        );
    }

    // The state directory itself is a file: --reset cannot mend that, and does not say so.
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("state");
    std::fs::write(&file, "mine").expect("file");
    for args in [
        &["--sim", "--lang", "de", "status"][..],
        &[
            "--sim", "--lang", "de", "--reset", "run", "snapshot", "--yes",
        ][..],
    ] {
        let out = bin(&file).args(args).output().expect("runs");
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("ist kein Verzeichnis") && err.contains("--state-dir"),
            "{args:?}: {err}"
        );
        assert_eq!(std::fs::read_to_string(&file).expect("kept"), "mine");
    }
}
