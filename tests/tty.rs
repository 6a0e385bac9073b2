//! The real binary in a real (pseudo) terminal, read back through a terminal emulator: it
//! starts in the simulation, switches language, shows and hides the help, takes the
//! snapshot through the confirm dialog and shows it in the status panel, quits with exit
//! code 0 and leaves the terminal as it found it (main screen, cursor shown, raw mode off).
//! Waiting is done by polling the screen against a deadline, never by fixed sleeps.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 30;
const COLS: u16 = 100;
/// How long any one expectation may take (the build machine may be busy).
const PATIENCE: Duration = Duration::from_secs(60);
const POLL: Duration = Duration::from_millis(50);

/// What the terminal received, raw and as a screen.
struct Terminal {
    bytes: Arc<Mutex<Vec<u8>>>,
    parser: Arc<Mutex<vt100::Parser>>,
}

impl Terminal {
    fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
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
}

fn lines_with<'a>(screen: &'a str, needle: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    screen.lines().filter(move |l| l.contains(needle))
}

#[test]
fn the_program_in_a_terminal() {
    let state = tempfile::tempdir().expect("temp dir");
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_backup-lab"));
    cmd.args(["--sim", "--speed", "50", "--lang", "en"]);
    cmd.env("TERM", "xterm-256color");
    cmd.env("BACKUP_LAB_STATE_DIR", state.path());
    cmd.env("XDG_STATE_HOME", state.path());
    cmd.env("HOME", state.path());
    cmd.env_remove("NO_COLOR");
    cmd.cwd(state.path());
    let mut child = pty.slave.spawn_command(cmd).expect("spawn backup-lab");
    drop(pty.slave);

    let terminal = Terminal {
        bytes: Arc::new(Mutex::new(Vec::new())),
        parser: Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0))),
    };
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let (bytes, parser) = (terminal.bytes.clone(), terminal.parser.clone());
    let reading = std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    bytes.lock().expect("bytes").extend_from_slice(&buf[..n]);
                    parser.lock().expect("parser").process(&buf[..n]);
                }
            }
        }
    });
    let mut keys = pty.master.take_writer().expect("writer");
    let mut press = |key: &[u8]| {
        keys.write_all(key).expect("key");
        keys.flush().expect("flush");
    };

    terminal.wait_for("the header", |s| {
        s.contains("backup-lab") && s.contains("SIMULATION") && s.contains("Steps")
    });

    press(b"L");
    terminal.wait_for("German texts", |s| {
        s.contains("Schritte") && s.contains("Aktueller Stand")
    });

    press(b"?");
    terminal.wait_for("the help overlay", |s| {
        s.contains("Tasten") && s.contains("Symbole")
    });
    press(b"\x1b");
    terminal.wait_for("the help to close", |s| !s.contains("Symbole"));

    // Concepts → protection → enable-backups → create-todos → snapshot.
    for _ in 0..4 {
        press(b"\x1b[C");
    }
    terminal.wait_for("the snapshot step", |s| s.contains("Schritt 5 von 12"));
    press(b"\r");
    terminal.wait_for("the confirm dialog", |s| {
        s.contains("[y]") && s.contains("create-db-snapshot")
    });
    press(b"y");
    terminal.wait_for("the snapshot in the status panel", |s| {
        lines_with(s, "ondemandbackup").any(|l| l.contains("creating") || l.contains("available"))
    });

    press(b"q");
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!(
                "backup-lab did not quit; the screen shows:\n{}",
                terminal.screen()
            );
        }
        std::thread::sleep(POLL);
    };
    assert!(status.success(), "exit status {status:?}");

    // The terminal is as it was: raw mode off (the line discipline echoes and edits again).
    let termios = pty.master.get_termios().expect("termios");
    let local = format!("{:?}", termios.local_flags);
    assert!(
        local.contains("ICANON") && local.contains("ECHO"),
        "raw mode is still on: {local}"
    );
    drop(keys);
    drop(pty.master);
    let _ = reading.join();

    let bytes = terminal.bytes.lock().expect("bytes").clone();
    let tail = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(64)..]).into_owned();
    assert!(
        tail.trim_end_matches(['\r', '\n'])
            .ends_with("\x1b[?1049l\x1b[?25h"),
        "leaves the alternate screen and shows the cursor at the end: {tail:?}"
    );
    let screen = terminal.parser.lock().expect("parser");
    assert!(
        !screen.screen().alternate_screen(),
        "back on the main screen"
    );
    assert!(!screen.screen().hide_cursor(), "cursor visible");
}
