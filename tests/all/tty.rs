//! The real binary in a real (pseudo) terminal, read back through a terminal emulator: it
//! starts in the simulation, switches language, shows and hides the help, takes the
//! snapshot through the confirm dialog and shows it in the status panel, quits with exit
//! code 0 and leaves the terminal as it found it (main screen, cursor shown, raw mode off);
//! a SIGTERM ends it just as cleanly. Waiting is done by polling the screen against a
//! deadline, never by fixed sleeps.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How many steps the step counter counts ("Step 1 of …").
const STEPS: usize = backup_lab::lab::StepId::ALL.len();

const ROWS: u16 = 30;
const COLS: u16 = 100;
/// How long any one expectation may take (the build machine may be busy).
const PATIENCE: Duration = Duration::from_secs(60);
const POLL: Duration = Duration::from_millis(50);
/// What the program writes last: leave the alternate screen, show the cursor.
const RESTORED: &str = "\x1b[?1049l\x1b[?25h";

/// The program running in a pseudo-terminal, with what it wrote, raw and as a screen.
struct Session {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    keys: Box<dyn Write + Send>,
    bytes: Arc<Mutex<Vec<u8>>>,
    parser: Arc<Mutex<vt100::Parser>>,
    reading: Option<JoinHandle<()>>,
    /// The state directory when the session made it (removed with the session).
    _made: Option<tempfile::TempDir>,
}

impl Session {
    /// Starts `backup-lab` with `args` and a fresh state directory.
    fn start(args: &[&str]) -> Self {
        let made = tempfile::tempdir().expect("temp dir");
        let mut session = Self::start_in(args, made.path());
        session._made = Some(made);
        session
    }

    /// Starts `backup-lab` with `args` on the state directory `state`.
    fn start_in(args: &[&str], state: &std::path::Path) -> Self {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_backup-lab"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("BACKUP_LAB_STATE_DIR", state);
        cmd.env("XDG_STATE_HOME", state);
        cmd.env("HOME", state);
        cmd.env_remove("NO_COLOR");
        cmd.cwd(state);
        let child = pty.slave.spawn_command(cmd).expect("spawn backup-lab");
        drop(pty.slave);

        let bytes = Arc::new(Mutex::new(Vec::new()));
        let parser = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let (sink, screen) = (bytes.clone(), parser.clone());
        let reading = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        sink.lock().expect("bytes").extend_from_slice(&buf[..n]);
                        screen.lock().expect("parser").process(&buf[..n]);
                    }
                }
            }
        });
        let keys = pty.master.take_writer().expect("writer");
        Self {
            child,
            master: pty.master,
            keys,
            bytes,
            parser,
            reading: Some(reading),
            _made: None,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    fn press(&mut self, key: &[u8]) {
        self.keys.write_all(key).expect("key");
        self.keys.flush().expect("flush");
    }

    /// Waits until `done` holds for the screen, or fails showing what is there.
    fn wait_for(&self, what: &str, done: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let screen = self.screen();
            if done(&screen) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; the screen shows:\n{screen}"
            );
            std::thread::sleep(POLL);
        }
    }

    /// Waits for the program to end; asserts it succeeded and left the terminal as found.
    fn ends_cleanly(self) {
        self.ends_with(0);
    }

    /// Waits for the program to end and returns its exit status.
    fn exit_code(&mut self) -> u32 {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.exit_code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!(
                    "backup-lab did not end; the screen shows:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Sends `signal` (a `kill` name such as `TERM`) to the program.
    fn signal(&self, signal: &str) {
        let pid = self.child.process_id().expect("pid");
        let sent = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &pid.to_string()])
            .status()
            .expect("kill");
        assert!(sent.success());
    }

    /// Waits for the program to end; asserts its exit status and that it left the terminal
    /// as found.
    fn ends_with(mut self, code: u32) {
        let status = self.exit_code();
        assert_eq!(
            status,
            code,
            "exit status {status}; the screen shows:\n{}",
            self.screen()
        );

        // Raw mode is off: the line discipline edits and echoes again.
        let termios = self.master.get_termios().expect("termios");
        let local = format!("{:?}", termios.local_flags);
        assert!(
            local.contains("ICANON") && local.contains("ECHO"),
            "raw mode is still on: {local}"
        );

        drop(self.keys);
        drop(self.master);
        if let Some(reading) = self.reading.take() {
            let _ = reading.join();
        }
        let bytes = self.bytes.lock().expect("bytes").clone();
        let tail = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(64)..]).into_owned();
        assert!(
            tail.trim_end_matches(['\r', '\n']).ends_with(RESTORED),
            "leaves the alternate screen and shows the cursor at the end: {tail:?}"
        );
        let parser = self.parser.lock().expect("parser");
        assert!(
            !parser.screen().alternate_screen(),
            "back on the main screen"
        );
        assert!(!parser.screen().hide_cursor(), "cursor visible");
    }
}

fn lines_with<'a>(screen: &'a str, needle: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    screen.lines().filter(move |l| l.contains(needle))
}

#[test]
fn the_program_in_a_terminal() {
    let mut s = Session::start(&["--sim", "--speed", "50", "--lang", "en"]);
    s.wait_for("the header", |s| {
        s.contains("backup-lab") && s.contains("SIMULATION") && s.contains("required")
    });

    s.press(b"L");
    s.wait_for("German texts", |s| {
        s.contains("Pflicht") && s.contains("Aktueller Stand")
    });

    s.press(b"?");
    s.wait_for("the help overlay", |s| {
        s.contains("Tasten") && s.contains("Uhr der Simulation anhalten")
    });
    s.press(b"\x1b");
    s.wait_for("the help to close", |s| {
        !s.contains("Uhr der Simulation anhalten")
    });

    // Concepts → protection → enable-backups → create-todos → snapshot.
    for _ in 0..4 {
        s.press(b"\x1b[C");
    }
    let fifth = format!("Schritt 5 von {STEPS}");
    s.wait_for("the snapshot step", |s| s.contains(&fifth));
    s.press(b"\r");
    // The German prompt shows j (ja); y is accepted as well.
    s.wait_for("the confirm dialog", |s| {
        s.contains("[j] ja") && s.contains("create-db-snapshot")
    });
    s.press(b"y");
    s.wait_for("the snapshot in the status panel", |s| {
        lines_with(s, "ondemandbackup").any(|l| l.contains("creating") || l.contains("available"))
    });

    s.press(b"q");
    s.ends_cleanly();
}

#[test]
fn each_signal_restores_the_terminal_and_ends_with_its_exit_status() {
    for (signal, code) in [("TERM", 143), ("INT", 130), ("HUP", 129), ("QUIT", 131)] {
        let state = tempfile::tempdir().expect("temp dir");
        let s = Session::start_in(&["--sim", "--lang", "de"], state.path());
        s.wait_for("the header", |s| {
            s.contains("backup-lab") && s.contains("Pflicht")
        });
        s.signal(signal);
        s.ends_with(code);
        assert!(
            state.path().join("sim").join("world.json").exists(),
            "SIG{signal}: the world was saved on the way out"
        );
        assert_eq!(
            std::fs::read(state.path().join("lock"))
                .expect("lock file")
                .len(),
            0,
            "SIG{signal}: the state directory was let go"
        );
    }
}

/// Runs the headless binary on `state`.
fn headless(state: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_backup-lab"))
        .args(args)
        .env("BACKUP_LAB_STATE_DIR", state)
        .env_remove("LC_ALL")
        .env_remove("LANG")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("backup-lab runs")
}

#[test]
fn one_app_at_a_time_and_a_read_only_app_watches_a_run_without_losing_it() {
    let state = tempfile::tempdir().expect("temp dir");
    let mut app = Session::start_in(&["--sim", "--lang", "en"], state.path());
    app.wait_for("the header", |s| s.contains("required"));

    // The app holds the state directory: a run beside it is refused…
    let out = headless(
        state.path(),
        &["--sim", "--speed", "300", "run", "--all", "--yes"],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("the backup-lab app"), "{err}");
    // …and so is a second app, in the learner's language, pointing at the read-only one.
    let mut second = Session::start_in(&["--sim", "--lang", "de"], state.path());
    assert_eq!(second.exit_code(), 1);
    second.wait_for("the refusal", |s| {
        s.contains("wird von der backup-lab-App benutzt")
    });
    assert!(
        second.screen().contains("--read-only"),
        "{}",
        second.screen()
    );
    app.press(b"q");
    app.ends_cleanly();

    // A read-only app next to a run: it shows what the run does and loses none of it.
    let mut watcher = Session::start_in(&["--sim", "--lang", "en", "--read-only"], state.path());
    watcher.wait_for("the header", |s| s.contains("required"));
    let out = headless(
        state.path(),
        &["--sim", "--speed", "300", "run", "--all", "--yes"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "the read-only app does not hold the directory: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    watcher.wait_for("the run's restored database in the status panel", |s| {
        lines_with(s, "workshop-db-restore").next().is_some()
    });
    watcher.press(b"q");
    watcher.ends_cleanly();
    let out = headless(state.path(), &["--sim", "check"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "the lab is still complete after the app quit: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// The process state letter from `/proc/<pid>/stat` (`T` when stopped).
fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(") ")?.1.chars().next()
}

impl Session {
    /// Waits until the program is stopped (job control) or running again.
    fn wait_stopped(&self, stopped: bool) {
        let pid = self.child.process_id().expect("pid");
        let deadline = Instant::now() + PATIENCE;
        while (process_state(pid) == Some('T')) != stopped {
            assert!(
                Instant::now() < deadline,
                "the program did not {}; state {:?}, the screen shows:\n{}",
                if stopped { "stop" } else { "continue" },
                process_state(pid),
                self.screen()
            );
            std::thread::sleep(POLL);
        }
    }

    /// Whether the terminal is in raw mode (no line editing, no echo).
    fn raw(&self) -> bool {
        let termios = self.master.get_termios().expect("termios");
        let local = format!("{:?}", termios.local_flags);
        !local.contains("ICANON") && !local.contains("ISIG")
    }
}

#[test]
fn ctrl_z_and_sigtstp_stop_with_the_terminal_restored_and_fg_brings_the_screen_back() {
    if process_state(std::process::id()).is_none() {
        return; // no /proc to tell a stopped process
    }
    let mut s = Session::start(&["--sim", "--lang", "en"]);
    s.wait_for("the header", |s| s.contains("required"));
    for how in ["Ctrl+Z", "SIGTSTP"] {
        if how == "Ctrl+Z" {
            s.press(b"\x1a");
        } else {
            s.signal("TSTP");
        }
        s.wait_stopped(true);
        assert!(!s.raw(), "{how}: the terminal is cooked while stopped");
        // The program wrote its way back to the main screen before it stopped; the reader of
        // the terminal's output may still be feeding those bytes to the parser.
        let deadline = Instant::now() + PATIENCE;
        while s.parser.lock().expect("parser").screen().alternate_screen()
            && Instant::now() < deadline
        {
            std::thread::sleep(POLL);
        }
        {
            let parser = s.parser.lock().expect("parser");
            assert!(
                !parser.screen().alternate_screen(),
                "{how}: back on the main screen while stopped"
            );
            assert!(!parser.screen().hide_cursor(), "{how}: cursor visible");
        }
        // `fg`: the shell continues the job.
        s.signal("CONT");
        s.wait_stopped(false);
        s.wait_for("the screen drawn again", |screen| {
            screen.contains("required")
        });
        let deadline = Instant::now() + PATIENCE;
        while !(s.raw() && s.parser.lock().expect("parser").screen().alternate_screen()) {
            assert!(
                Instant::now() < deadline,
                "{how}: raw mode and the alternate screen are back"
            );
            std::thread::sleep(POLL);
        }
        // An arrow key moves the selection; it is not echoed as ^[[C.
        s.press(b"\x1b[C");
        let (first, second) = (format!("Step 1 of {STEPS}"), format!("Step 2 of {STEPS}"));
        s.wait_for("the arrow to move to the next step", |screen| {
            !screen.contains("^[[C") && screen.contains(&second)
        });
        s.press(b"\x1b[D");
        s.wait_for("the arrow back", |screen| screen.contains(&first));
    }
    s.press(b"q");
    s.ends_cleanly();
}

/// `run verify` in a terminal asks whether the browser shows the todos too; a learner who does
/// not see them yet is told what to check and how to confirm later, not just "skipped".
#[test]
fn a_look_not_yet_seen_in_the_browser_says_what_to_check() {
    let state = tempfile::tempdir().expect("temp dir");
    let out = headless(
        state.path(),
        &[
            "--sim",
            "--speed",
            "300",
            "--lang",
            "en",
            "run",
            "enable-backups",
            "create-todos",
            "snapshot",
            "delete-todos",
            "restore",
            "switch-backend",
            "--yes",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut run = Session::start_in(&["--sim", "--lang", "en", "run", "verify"], state.path());
    run.wait_for("the question", |s| {
        s.contains("Do you see them in your browser too?")
    });
    run.press(b"n\r");
    run.wait_for("the advice", |s| {
        s.contains("not confirmed yet") && s.contains("backup-lab run verify again")
    });
    assert_eq!(run.exit_code(), 1, "{}", run.screen());
}
