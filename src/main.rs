//! backup-lab: CLI → configuration → cloud (simulated or AWS) → TUI or headless command.
#![forbid(unsafe_code)]
#![deny(clippy::unwrap_used)]

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use backup_lab::app::{App, Theme};
use backup_lab::cli::{Cli, CommandLine};
use backup_lab::cloud::Mode;
use backup_lab::cloud::credentials;
use backup_lab::cloud::recorder::{CallLog, Sink};
use backup_lab::cloud::sim;
use backup_lab::config::{self, Config, ConfigError};
use backup_lab::headless::{EXIT_INCOMPLETE, EXIT_USAGE, Runtime};
use backup_lab::i18n::{Id, Lang, t};
use backup_lab::lab::journal::{self, Journal, JournalError};
use backup_lab::lab::plan::{CleanupPath, Options};
use backup_lab::lab::{StepId, Text};
use backup_lab::main_msg as msg;
use backup_lab::stack::{self, StackError};
use backup_lab::state::{self, FileProblem, LockError, StateLock};
use backup_lab::ui_text::file_problem_text;
use backup_lab::{archive, report, tui, ui_text, validate, worker};

fn main() -> ExitCode {
    // A file size limit (`ulimit -f`) would end the program with SIGXFSZ in the middle of a
    // write and without a word; caught, the write fails with EFBIG and is reported like any
    // other failed write.
    #[cfg(unix)]
    let _ = signal_hook::flag::register(
        signal_hook::consts::SIGXFSZ,
        Arc::new(std::sync::atomic::AtomicBool::new(false)),
    );
    // The help is in the learner's language: the definition is localized before parsing.
    let matches = match backup_lab::cli::command(backup_lab::cli::help_lang(std::env::args_os()))
        .try_get_matches()
    {
        Ok(matches) => matches,
        Err(e) => return command_line_error(&e),
    };
    let cli = match <Cli as clap::FromArgMatches>::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => return command_line_error(&e),
    };
    let lang = cli.global.lang.unwrap_or_else(Lang::from_env);
    if let Some(text) = backup_lab::cli::generated(cli.command.as_ref()) {
        return print_generated(text, lang);
    }
    // The TUI waits for keys, ticks and a slow poll: one thread does that without the
    // wake-ups of a pool. Headless commands fetch parts concurrently and use two.
    let mut builder = if cli.command.is_none() {
        tokio::runtime::Builder::new_current_thread()
    } else {
        let mut pool = tokio::runtime::Builder::new_multi_thread();
        pool.worker_threads(2);
        pool
    };
    let runtime = match builder.enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("✘ {e}");
            return ExitCode::FAILURE;
        }
    };
    let code = runtime.block_on(async {
        let (mut cli, mut lang) = (cli, lang);
        loop {
            // A fresh world asked for in the TUI: the same program again, on a reset world.
            let mut fresh = None;
            let global = cli.global.clone();
            let code = run(cli, lang, &mut fresh).await;
            let Some((chosen, present)) = fresh else {
                break code;
            };
            lang = chosen;
            cli = Cli {
                global: backup_lab::cli::Global {
                    reset: true,
                    present,
                    at: None,
                    ..global
                },
                command: None,
            };
        }
    });
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

/// The language for a message about the command line itself: `--lang` as far as it can be
/// read from the raw arguments, else the environment's.
fn raw_lang() -> Lang {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    args.iter()
        .enumerate()
        .find_map(|(i, a)| match a.strip_prefix("--lang") {
            Some("") => args.get(i + 1).and_then(|v| Lang::parse(v)),
            Some(rest) => rest.strip_prefix('=').and_then(Lang::parse),
            None => None,
        })
        .unwrap_or_else(Lang::from_env)
}

/// The argument parser's own errors in the learner's language: what was wrong, with the
/// argument and the value as typed, and what the option takes. Help and version are printed
/// as they are.
fn command_line_error(e: &clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
    }
    let lang = raw_lang();
    // A value refused by a rule of its own says why itself.
    if let Some(refused) = std::error::Error::source(e)
        .and_then(|source| source.downcast_ref::<backup_lab::cli::Refused>())
    {
        eprintln!("✘ {}", refused.0.render(lang));
        return ExitCode::from(2);
    }
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(list)) => list.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let arg = context(ContextKind::InvalidArg);
    let value = context(ContextKind::InvalidValue);
    let valid = context(ContextKind::ValidValue);
    let flag = flag_of(&arg);
    let takes = match flag.as_str() {
        "--speed" => Text::new(msg::CLI_TAKES_SPEED)
            .arg("min", sim::MIN_SPEED.to_string())
            .arg("max", sim::MAX_SPEED.to_string()),
        "--rpo-target" | "--rto-target" => Text::new(msg::CLI_TAKES_MINUTES),
        "--config" => Text::new(msg::CLI_TAKES_FILE),
        "--state-dir" | "--dir" => Text::new(msg::CLI_TAKES_DIR),
        "--lang" | "--profile" | "--region" | "--app-url" | "--faults" | "--window" => {
            Text::new(msg::CLI_TAKES_TEXT)
        }
        _ if !valid.is_empty() => Text::new(msg::CLI_TAKES_ONE_OF).arg("values", valid.clone()),
        _ => Text::new(msg::CLI_TAKES_OTHER),
    };
    // A value the option's own parser refused (`--window`): its rule, as the configuration
    // file's field would say it.
    let refused = std::error::Error::source(e).and_then(|s| s.downcast_ref::<validate::Invalid>());
    let text = match e.kind() {
        ErrorKind::ValueValidation if let Some(invalid) = refused => Text::new(msg::CONFIG_FLAG)
            .arg("flag", flag)
            .arg("value", backup_lab::cli::shown(&value))
            .arg("problem_id", ui_text::invalid_text(invalid)),
        ErrorKind::InvalidValue if value.is_empty() => Text::new(msg::CLI_NEEDS_VALUE)
            .arg("arg", flag)
            .arg("takes", takes),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => Text::new(msg::CLI_INVALID_VALUE)
            .arg("arg", flag.clone())
            .arg("value", value)
            .arg("takes", takes),
        ErrorKind::UnknownArgument => {
            let suggested = context(ContextKind::SuggestedArg);
            Text::new(msg::CLI_UNKNOWN_ARGUMENT)
                .arg("arg", arg.clone())
                .arg(
                    "suggestion",
                    if suggested.is_empty() {
                        Text::new(msg::CLI_SEE_HELP)
                    } else {
                        Text::new(msg::CLI_DID_YOU_MEAN).arg("suggested", suggested)
                    },
                )
        }
        ErrorKind::InvalidSubcommand => {
            let suggested = context(ContextKind::SuggestedSubcommand);
            Text::new(msg::CLI_UNKNOWN_COMMAND)
                .arg("command", context(ContextKind::InvalidSubcommand))
                .arg(
                    "suggestion",
                    if suggested.is_empty() {
                        String::new()
                    } else {
                        Text::new(msg::CLI_DID_YOU_MEAN_COMMAND)
                            .arg("suggested", suggested)
                            .render(lang)
                    },
                )
        }
        ErrorKind::MissingRequiredArgument => missing_text(&arg),
        ErrorKind::NoEquals | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            Text::new(msg::CLI_NEEDS_VALUE)
                .arg("arg", flag)
                .arg("takes", takes)
        }
        ErrorKind::ArgumentConflict => {
            let other = context(ContextKind::PriorArg);
            let (first, second) = (flag_of(&arg), flag_of(&other));
            backup_lab::cli::CONFLICTS
                .iter()
                .find(|(a, b, _)| (*a == first && *b == second) || (*a == second && *b == first))
                .map_or_else(
                    || {
                        Text::new(msg::CLI_CONFLICT)
                            .arg("arg", arg.clone())
                            .arg("other", other.clone())
                    },
                    |(_, _, id)| Text::new(*id),
                )
        }
        ErrorKind::InvalidUtf8 => Text::new(msg::CLI_NOT_UTF8),
        _ => {
            let rendered = e.render().to_string();
            let first = rendered
                .lines()
                .next()
                .unwrap_or_default()
                .trim_start_matches("error: ")
                .to_owned();
            Text::new(msg::CLI_OTHER).arg("detail", first)
        }
    };
    eprintln!("✘ {}", text.render(lang));
    ExitCode::from(2)
}

/// The option in an argument as clap names it (`--speed <N>` → `--speed`).
fn flag_of(arg: &str) -> String {
    arg.split([' ', '='])
        .next()
        .unwrap_or_default()
        .trim_matches(['<', '>'])
        .to_owned()
}

/// What is missing, as the learner is told: `run` without steps, else the argument.
fn missing_text(missing: &str) -> Text {
    if missing.contains("--all") {
        return Text::new(backup_lab::cli::RUN_NOTHING);
    }
    Text::new(msg::CLI_MISSING).arg("arg", missing.to_owned())
}

/// Writes completions or the man page to stdout; a closed pipe (`| head`) ends quietly.
fn print_generated(text: Result<Vec<u8>, Text>, lang: Lang) -> ExitCode {
    use std::io::Write;
    let bytes = match text {
        Ok(bytes) => bytes,
        Err(text) => {
            eprintln!("✘ {}", text.render(lang));
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::stdout().lock();
    match out.write_all(&bytes).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "✘ {}",
                Text::new(msg::OUTPUT_FAILED)
                    .arg("reason", e.to_string())
                    .render(lang)
            );
            ExitCode::FAILURE
        }
    }
}

fn config_error_text(e: &ConfigError) -> Text {
    match e {
        ConfigError::Read { path, reason } => Text::new(msg::CONFIG_READ)
            .arg("path", path.clone())
            .arg("reason", reason.clone()),
        ConfigError::File { path, problem } => file_problem_text(msg::CONFIG_FILE, path, problem)
            .arg(
                "limit_mib",
                u32::try_from(config::CONFIG_MAX_BYTES / (1024 * 1024)).unwrap_or(0),
            ),
        ConfigError::Parse { path, reason } => Text::new(msg::CONFIG_PARSE)
            .arg("path", path.clone())
            .arg("reason", reason.clone()),
        ConfigError::UnknownKey {
            path,
            key,
            line,
            known,
        } => Text::new(msg::CONFIG_UNKNOWN_KEY)
            .arg("path", path.clone())
            .arg("key", key.clone())
            .arg("line", *line)
            .arg("known", known.clone()),
        ConfigError::Value {
            path,
            key,
            line,
            expected,
            reason,
        } => Text::new(msg::CONFIG_VALUE)
            .arg("path", path.clone())
            .arg("key", key.clone())
            .arg("line", *line)
            .arg(
                "expected",
                expected.map_or_else(
                    || Text::new(msg::CONFIG_EXPECT_OTHER).arg("reason", reason.clone()),
                    |kind| match config::expect_id(kind) {
                        Some(id) => Text::new(id).arg("key", key.clone()),
                        None => Text::new(msg::CONFIG_EXPECT_OTHER).arg("reason", reason.clone()),
                    },
                ),
            ),
        ConfigError::Field {
            field,
            value,
            problem,
        } => Text::new(msg::CONFIG_FIELD)
            .arg("field", field.clone())
            .arg("value", backup_lab::cli::shown(value))
            .arg("problem", ui_text::invalid_text(problem).render(Lang::En))
            .arg("problem_id", ui_text::invalid_text(problem)),
    }
}

fn load_config(cli: &Cli) -> Result<Config, Text> {
    let mut config = match &cli.global.config {
        Some(path) => Config::load(path).map_err(|e| config_error_text(&e))?,
        None => Config::default(),
    };
    // At least a minute each: the command line's parser refuses 0.
    if let Some(minutes) = cli.global.rpo_target {
        config.targets.rpo_minutes = minutes;
    }
    if let Some(minutes) = cli.global.rto_target {
        config.targets.rto_minutes = minutes;
    }
    if let Some(window) = cli.global.window {
        config.backup.window_local = window;
    }
    // Valid, and the name trimmed: the command line's parser checked.
    if let Some(name) = &cli.global.name {
        config.learner = Some(name.clone());
    }
    if let Some(url) = &cli.global.app_url {
        config.app_url = Some(url.clone());
    }
    config.validate().map_err(|e| config_error_text(&e))?;
    Ok(config)
}

/// The log file in the state directory.
const LOG_FILE: &str = "backup-lab.log";

/// Crates whose debug and trace output can hold request headers (the signature's session
/// token and access key id), request or response bodies (task definition environments) or
/// connection details: they never log below info, whatever `BACKUP_LAB_LOG` asks for.
fn capped(target: &str) -> bool {
    let krate = target.split("::").next().unwrap_or(target);
    krate.starts_with("aws_")
        || krate.starts_with("hyper")
        || krate.starts_with("tower")
        || krate.starts_with("http")
        || krate.starts_with("rustls")
        || matches!(
            krate,
            "h2" | "reqwest" | "tokio_rustls" | "webpki" | "smithy" | "tracing_log"
        )
}

/// A log whose writes never stop the program: the first failed write is remembered, and the
/// lines after it are dropped (a full disk must not end a lab, nor smear the terminal).
struct LogFile {
    file: std::fs::File,
    failed: bool,
}

impl std::io::Write for LogFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !self.failed && self.file.write_all(buf).is_err() {
            self.failed = true;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Opens the log for appending without following a link. The owner creates it (its directory
/// exists: the lock is in it); a reader writes to it only when it is there already.
fn open_log(path: &std::path::Path, owns: bool) -> Result<std::fs::File, FileProblem> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => return Err(FileProblem::Symlink),
        // A pipe or device would block or swallow the log: only a regular file is used.
        Ok(meta) if !meta.is_file() => return Err(FileProblem::NotRegular),
        _ => {}
    }
    state::private_options()
        .append(true)
        .create(owns)
        .open(path)
        .map_err(|e| FileProblem::from_io(&e))
}

/// Starts the log in `dir/backup-lab.log`. The log is optional: when the owner cannot write
/// it, the returned text says so (once: on stderr, or in the app's event log) and the program
/// goes on without; a reader (status, check, report, the read-only app) never creates it and
/// goes on quietly.
fn init_logging(
    dir: &std::path::Path,
    owns: bool,
) -> (
    Option<tracing_appender::non_blocking::WorkerGuard>,
    Option<Text>,
) {
    use tracing_subscriber::Layer as _;
    use tracing_subscriber::layer::SubscriberExt as _;
    use tracing_subscriber::util::SubscriberInitExt as _;
    let path = dir.join(LOG_FILE);
    let file = match open_log(&path, owns) {
        Ok(file) => file,
        Err(problem) => {
            let text =
                owns.then(|| file_problem_text(msg::LOG_UNAVAILABLE, path.display(), &problem));
            return (None, text);
        }
    };
    let (writer, guard) = tracing_appender::non_blocking(LogFile {
        file,
        failed: false,
    });
    let filter = tracing_subscriber::EnvFilter::try_from_env("BACKUP_LAB_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let cap = tracing_subscriber::filter::filter_fn(|meta| {
        *meta.level() <= tracing::Level::INFO || !capped(meta.target())
    });
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(writer)
        .with_ansi(false)
        .with_filter(filter)
        .with_filter(cap);
    if tracing_subscriber::registry()
        .with(layer)
        .try_init()
        .is_err()
    {
        return (None, None);
    }
    (Some(guard), None)
}

/// `--reset`: `paths` (and any file where the state directory keeps a directory) are moved
/// into the archive, all or nothing, and the learner is told where they are kept.
fn reset_state(
    state_dir: &std::path::Path,
    paths: &[std::path::PathBuf],
    lang: Lang,
) -> Result<(), Text> {
    let mut paths = paths.to_vec();
    paths.extend(
        archive::STATE_SUBDIRS
            .iter()
            .map(|d| state_dir.join(d))
            .filter(|p| std::fs::symlink_metadata(p).is_ok_and(|m| !m.is_dir())),
    );
    match archive::reset(state_dir, &paths) {
        Ok(None) => Ok(()),
        Ok(Some(archived)) => {
            eprintln!(
                "  {}",
                Text::new(msg::RESET_ARCHIVED)
                    .arg("dir", archived.dir.display().to_string())
                    .arg("count", archived.moved.len())
                    .arg("kept", archive::KEPT_RESETS)
                    .render(lang)
            );
            Ok(())
        }
        Err(e) if !e.stranded.is_empty() => Err(Text::new(msg::RESET_FAILED_STRANDED)
            .arg("path", e.path.display().to_string())
            .arg("reason", e.error.to_string())
            .arg(
                "stranded",
                e.stranded
                    .iter()
                    .map(|(belongs, is_at)| format!("{} → {}", is_at.display(), belongs.display()))
                    .collect::<Vec<_>>()
                    .join(", "),
            )),
        Err(e) => Err(Text::new(msg::RESET_FAILED)
            .arg("path", e.path.display().to_string())
            .arg("reason", e.error.to_string())),
    }
}

/// The journal files of the simulated world saved at `world` (found by its id), so that a
/// reset keeps them with the world instead of leaving them behind.
fn world_journal_paths(
    state_dir: &std::path::Path,
    world: &std::path::Path,
) -> Vec<std::path::PathBuf> {
    let id = state::read_limited(world, 64 * 1024 * 1024)
        .ok()
        .flatten()
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
        .and_then(|v| v["id"].as_str().map(str::to_owned));
    id.map(|id| Journal::paths(state_dir, &format!("sim-{id}")).to_vec())
        .unwrap_or_default()
}

/// Says why the stack could not be built; the exit status.
fn stack_failed(e: &StackError, lang: Lang) -> i32 {
    eprintln!("✘ {}", e.text().render(lang));
    if e.is_usage() {
        EXIT_USAGE
    } else {
        EXIT_INCOMPLETE
    }
}

/// The stack of `settings`, or the exit status after saying why not. A simulated world asked
/// to start over (`--reset`, by its owner) is first moved into the archive with its journal.
async fn open_stack(
    settings: &stack::Settings<'_>,
    reset: bool,
    lang: Lang,
) -> Result<stack::Stack, i32> {
    if let (true, true, stack::Account::Simulation { .. }) =
        (reset, settings.owns, &settings.account)
    {
        let names = stack::world_names(settings.config);
        let world = sim::world_path(&settings.state_dir.join("sim"), &names);
        let mut paths = vec![world.clone()];
        paths.extend(world_journal_paths(&settings.state_dir, &world));
        if let Err(text) = reset_state(&settings.state_dir, &paths, lang) {
            eprintln!("✘ {}", text.render(lang));
            return Err(EXIT_INCOMPLETE);
        }
    }
    stack::build(settings)
        .await
        .map_err(|e| stack_failed(&e, lang))
}

/// Where the speed of the last run that could act on a simulated world is kept.
fn run_speed_path(state_dir: &std::path::Path) -> std::path::PathBuf {
    state_dir.join("sim").join("run-speed.json")
}

/// Remembers that the world `key` is worked on at `speed`, so that a later `report` (with
/// whatever `--speed` of its own) names the speed the lab was run at. It lives beside the
/// world: a file that cannot be written there is a world that cannot be kept as it runs, so
/// the command stops before anything is started, as for the world itself.
fn remember_run_speed(state_dir: &std::path::Path, key: &str, speed: f64) -> Result<(), Text> {
    let path = run_speed_path(state_dir);
    let text = serde_json::json!({ "world": key, "speed": speed }).to_string();
    state::write_atomic(&path, text.as_bytes()).map_err(|e| {
        Text::new(msg::WORLD_UNWRITABLE).arg("reason", format!("{}: {e}", path.display()))
    })
}

/// The speed the world `key` was last run at, if it was remembered.
fn run_speed(state_dir: &std::path::Path, key: &str) -> Option<f64> {
    let bytes = state::read_state_file(&run_speed_path(state_dir), 4096).ok()??;
    let value: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    (value["world"].as_str() == Some(key))
        .then(|| value["speed"].as_f64())
        .flatten()
        .filter(|s| *s > 0.0)
}

/// Exit status after a signal: 128 + its number, as a shell reports it.
fn signal_exit(signal: tui::Signal) -> i32 {
    match signal {
        tui::Signal::Hangup => 129,
        tui::Signal::Interrupt => 130,
        tui::Signal::Quit => 131,
        tui::Signal::Terminate => 143,
    }
}

/// The message for a state directory held by someone else.
fn held_text(id: Id, owner: Option<&state::Owner>, dir: &std::path::Path) -> Text {
    let (pid, command, since) = owner.map_or_else(
        || {
            (
                "?".to_owned(),
                Text::new(msg::OWNER_UNKNOWN),
                "?".to_owned(),
            )
        },
        |o| {
            (
                o.pid.to_string(),
                Text::new(if o.command == "run" {
                    msg::OWNER_RUN
                } else {
                    msg::OWNER_TUI
                }),
                backup_lab::format::stamp(o.since, &jiff::tz::TimeZone::system()),
            )
        },
    );
    Text::new(id)
        .arg("dir", dir.display().to_string())
        .arg("pid", pid)
        .arg("command", command)
        .arg("since", since)
}

/// Takes the state directory for the TUI or `run`, or explains who has it.
fn take_state_dir(
    dir: &std::path::Path,
    command: &str,
    wait: bool,
    lang: Lang,
) -> Result<StateLock, i32> {
    let taken = if wait {
        StateLock::wait(dir, command, |owner| {
            eprintln!(
                "… {}",
                held_text(msg::STATE_WAITING, owner.as_ref(), dir).render(lang)
            );
        })
    } else {
        StateLock::acquire(dir, command)
    };
    taken.map_err(|e| {
        match e {
            LockError::Held(owner) => {
                let id = if command == "run" {
                    msg::STATE_HELD_RUN
                } else {
                    msg::STATE_HELD_TUI
                };
                eprintln!("✘ {}", held_text(id, owner.as_ref(), dir).render(lang));
            }
            LockError::Io(path, e) if state::is_link_refused(&e) => eprintln!(
                "✘ {}",
                file_problem_text(
                    msg::STATE_FILE_REFUSED,
                    path.display(),
                    &FileProblem::Symlink
                )
                .render(lang)
            ),
            LockError::Io(path, e) => eprintln!(
                "✘ {}",
                Text::new(msg::STATE_LOCK_FAILED)
                    .arg("path", path.display().to_string())
                    .arg("reason", e.to_string())
                    .render(lang)
            ),
        }
        EXIT_INCOMPLETE
    })
}

/// The journal of `key`: appended to by the owner, read by everyone else. A file that cannot
/// be read is reported and kept; `status` goes on without the history, the rest stop.
fn open_journal(
    state_dir: &std::path::Path,
    key: &str,
    owns: bool,
    fatal: bool,
    reset: bool,
    lang: Lang,
) -> Result<Journal, i32> {
    // A simulated world gets a journal of its own on --reset; an AWS account keeps its key,
    // so its old journal is moved aside.
    if reset
        && owns
        && !key.starts_with("sim-")
        && let Err(text) = reset_state(state_dir, &Journal::paths(state_dir, key), lang)
    {
        eprintln!("✘ {}", text.render(lang));
        return Err(EXIT_INCOMPLETE);
    }
    let opened = if owns {
        Journal::open(state_dir, key)
    } else {
        Journal::read(state_dir, key)
    };
    let journal = match opened {
        Ok(journal) => journal,
        Err(JournalError::Unreadable { path, problem }) => {
            let text = file_problem_text(msg::JOURNAL_UNREADABLE, path.display(), &problem);
            eprintln!("✘ {}", text.render(lang));
            if fatal {
                return Err(EXIT_INCOMPLETE);
            }
            Journal::in_memory()
        }
        Err(JournalError::Unwritable { path, reason }) => {
            // Only an owner writes; it does nothing it could not remember.
            eprintln!(
                "✘ {}",
                Text::new(msg::JOURNAL_UNWRITABLE_START)
                    .arg("path", path.display().to_string())
                    .arg("reason", reason)
                    .render(lang)
            );
            return Err(EXIT_INCOMPLETE);
        }
    };
    for text in skipped_texts(&journal) {
        eprintln!("! {}", text.render(lang));
    }
    Ok(journal)
}

/// One warning per journal file with lines that could not be read.
fn skipped_texts(journal: &Journal) -> Vec<Text> {
    journal
        .skipped_files()
        .iter()
        .map(|(path, count)| {
            Text::new(msg::JOURNAL_SKIPPED)
                .arg("count", *count)
                .arg("path", path.display().to_string())
        })
        .collect()
}

/// Does every lab step before `step` in the fresh world, at the fastest speed, then sets
/// the clock back: the demo begins at `step` as if a class had got there.
async fn prepare_scene(rt: &Runtime, config: &Config, step: StepId, lang: Lang) -> i32 {
    let before: Vec<StepId> = StepId::CORE
        .into_iter()
        .filter(|s| s.index() < step.index() && s.has_action())
        .collect();
    if before.is_empty() {
        return 0;
    }
    eprintln!(
        "{}",
        Text::new(msg::SCENE_PREPARING)
            .arg("step", step.title())
            .render(lang)
    );
    let speed = match rt.cloud.mode() {
        Mode::Simulation { speed } => speed,
        Mode::Aws { .. } => return EXIT_USAGE,
    };
    rt.cloud
        .control_clock(backup_lab::cloud::ClockControl::Speed(sim::MAX_SPEED));
    let options = Options {
        lang,
        ..Options::from_config(config)
    };
    let code = rt.run(&before, &options, true).await;
    rt.cloud
        .control_clock(backup_lab::cloud::ClockControl::Speed(speed));
    if code != 0 {
        eprintln!("✘ {}", t(lang, msg::SCENE_FAILED));
    }
    code
}

/// Runs the command line once; a TUI that asks for a fresh world says so in `fresh` (its
/// language and layout).
async fn run(cli: Cli, lang: Lang, fresh: &mut Option<(Lang, bool)>) -> i32 {
    let mut g = cli.global.clone();
    let interactive = cli.command.is_none();
    if interactive && !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        eprintln!("✘ {}", t(lang, msg::TUI_NEEDS_TERMINAL));
        return EXIT_USAGE;
    }
    // A scene: a fresh simulated world, prepared up to the step the demo starts at.
    // Flags only the simulation has (clap's `requires` would miss a --sim given after the
    // command).
    for (given, id) in [
        (g.at.is_some(), msg::INVALID_AT_NEEDS_SIM),
        (g.speed.is_some(), msg::INVALID_SPEED_NEEDS_SIM),
    ] {
        if given && !g.sim {
            eprintln!("✘ {}", t(lang, id));
            return EXIT_USAGE;
        }
    }
    // The parser has the step and no --read-only before a command; a scene resets the
    // world, so a command (a reader, or `run`) cannot have it.
    let scene = g.at;
    if scene.is_some() && (!interactive || g.read_only) {
        eprintln!("✘ {}", t(lang, msg::INVALID_AT_TUI_ONLY));
        return EXIT_USAGE;
    }
    if scene.is_some() {
        g.reset = true;
    }
    let config = match load_config(&cli) {
        Ok(c) => c,
        Err(text) => {
            eprintln!("✘ {}", text.render(lang));
            return EXIT_USAGE;
        }
    };
    if g.sim && g.app_url.is_some() {
        eprintln!("! {}", t(lang, msg::APP_URL_IGNORED_SIM));
    }
    // In range, and only with --sim: the parser checked.
    let speed = g.speed.unwrap_or(sim::DEFAULT_SPEED);
    let fault_spec = g.faults.clone();
    // The TUI and `run` work on the state; status, check, report and the read-only TUI only
    // look at what the owner publishes.
    let owns = match &cli.command {
        None => !g.read_only,
        Some(CommandLine::Run(_)) => true,
        Some(_) => false,
    };
    if g.reset && !owns {
        eprintln!("✘ {}", t(lang, msg::RESET_NEEDS_OWNER));
        return EXIT_USAGE;
    }
    let state_dir = journal::state_dir(g.state_dir.as_deref());
    // A file where a directory belongs: advice that mends it before anything is opened.
    let subdirs: &[&str] = if g.sim {
        &archive::STATE_SUBDIRS
    } else {
        &["journal"]
    };
    match archive::layout_problem(&state_dir, subdirs) {
        Some(archive::LayoutProblem::StateDirNotDir(path)) => {
            eprintln!(
                "✘ {}",
                Text::new(msg::STATE_DIR_NOT_DIR)
                    .arg("dir", path.display().to_string())
                    .render(lang)
            );
            return EXIT_INCOMPLETE;
        }
        // --reset moves it into the archive.
        Some(archive::LayoutProblem::SubdirNotDir(_)) if g.reset && owns => {}
        Some(archive::LayoutProblem::SubdirNotDir(path)) => {
            eprintln!(
                "✘ {}",
                Text::new(msg::STATE_SUBDIR_NOT_DIR)
                    .arg("path", path.display().to_string())
                    .arg(
                        "archive",
                        state_dir.join(archive::ARCHIVE_DIR).display().to_string()
                    )
                    .render(lang)
            );
            return EXIT_INCOMPLETE;
        }
        None => {}
    }
    let _lock = if owns {
        let wait = matches!(&cli.command, Some(CommandLine::Run(args)) if args.wait);
        let command = if interactive { "tui" } else { "run" };
        match take_state_dir(&state_dir, command, wait, lang) {
            Ok(lock) => Some(lock),
            Err(code) => return code,
        }
    } else {
        None
    };
    let (_log_guard, no_log) = init_logging(&state_dir, owns);
    // The app shows it in its event log; on stderr it would be hidden behind the screen.
    if let (Some(text), false) = (&no_log, interactive) {
        eprintln!("! {}", text.render(lang));
    }

    let settings = |account| stack::Settings {
        account,
        config: &config,
        state_dir: state_dir.clone(),
        owns,
        faults: fault_spec.clone(),
    };
    let simulation = stack::Account::Simulation { speed };
    let built = if g.sim {
        open_stack(&settings(simulation), g.reset, lang).await
    } else {
        let aws = stack::Account::Aws {
            profile: g.profile.clone(),
            region: g.region.clone(),
        };
        match stack::build(&settings(aws)).await {
            Ok(stack) => Ok(stack),
            Err(StackError::Aws(e)) if interactive => match tui::offer_simulation(App::welcome(
                lang,
                config.clone(),
                e.clone(),
                jiff::Timestamp::now(),
            ))
            .await
            {
                Ok(tui::Choice::Simulation) => {
                    open_stack(&settings(simulation), g.reset, lang).await
                }
                Ok(tui::Choice::Quit) => return 0,
                Ok(tui::Choice::Signal(signal)) => return signal_exit(signal),
                Err(io) => {
                    eprintln!("✘ {}", ui_text::error_text(&e).render(lang));
                    eprintln!("  {io}");
                    return EXIT_INCOMPLETE;
                }
            },
            Err(StackError::Aws(e)) => {
                eprintln!("✘ {}", ui_text::error_text(&e).render(lang));
                eprintln!("  {}", t(lang, msg::HINT_TRY_SIM));
                return EXIT_INCOMPLETE;
            }
            Err(e) => Err(stack_failed(&e, lang)),
        }
    };
    let stack = match built {
        Ok(stack) => stack,
        Err(code) => return code,
    };
    let key = stack.key().to_owned();
    if let (true, Mode::Simulation { speed }) = (owns, stack.mode())
        && let Err(text) = remember_run_speed(&state_dir, &key, speed)
    {
        eprintln!("✘ {}", text.render(lang));
        return EXIT_INCOMPLETE;
    }
    if !owns
        && !interactive
        && let state::Holding::Ended(owner) = state::holding(&state_dir)
    {
        eprintln!(
            "! {}",
            held_text(msg::STATE_OWNER_ENDED, Some(&owner), &state_dir).render(lang)
        );
    }
    let fatal = !matches!(cli.command, Some(CommandLine::Status));
    let journal = match open_journal(&state_dir, &key, owns, fatal, g.reset, lang) {
        Ok(journal) => journal,
        Err(code) => return code,
    };
    let skipped = skipped_texts(&journal);
    let sink: Option<Sink> = journal.call_sink();
    let log = Arc::new(CallLog::default());
    let cloud = stack.recorded(log.clone(), sink);
    let journal = Arc::new(Mutex::new(journal));
    let rt = Runtime {
        cloud: cloud.clone(),
        config: config.clone(),
        journal: journal.clone(),
        log: log.clone(),
        lang,
        read_only: g.read_only,
        json: g.json,
    };

    match cli.command {
        Some(CommandLine::Status) => rt.status().await,
        Some(CommandLine::Check) => rt.check().await,
        // Answered in `main` before anything is opened.
        Some(CommandLine::Completions(_) | CommandLine::Man(_)) => 0,
        Some(CommandLine::Report(args)) => {
            let json = if rt.json {
                backup_lab::cli::ReportFormat::Json
            } else {
                backup_lab::cli::ReportFormat::Md
            };
            report::print(
                &rt,
                args.format.unwrap_or(json),
                run_speed(&state_dir, &key),
            )
            .await
        }
        Some(CommandLine::Run(args)) => {
            // Steps with an action, at least one (or --all), a restore time that is a time:
            // the parser checked.
            let mut steps = Vec::new();
            if args.all {
                steps.extend(StepId::CORE);
            }
            steps.extend(&args.steps);
            let options = Options {
                cleanup: if args.copy_back {
                    CleanupPath::CopyBack
                } else if args.keep_restored {
                    CleanupPath::KeepRestored
                } else {
                    CleanupPath::GoBack
                },
                restore_again: args.restore_again,
                restore_time: args.restore_time.clone(),
                lang,
                ..Options::from_config(&config)
            };
            tokio::select! {
                code = rt.run(&steps, &options, g.yes) => code,
                signal = tui::signals() => {
                    eprintln!("✘ {}", t(lang, msg::RUN_INTERRUPTED));
                    signal_exit(signal)
                }
            }
        }
        None => {
            if let Some(step) = scene {
                let code = prepare_scene(&rt, &config, step, lang).await;
                if code != 0 {
                    return code;
                }
            }
            let mut app = App::new(lang, config.clone(), cloud.mode(), cloud.now());
            if let Some(step) = scene {
                app.selected = step;
                app.furthest = step;
            }
            app.present = g.present;
            app.display.theme = g.theme.unwrap_or(Theme::Dark);
            app.display.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            app.read_only = g.read_only;
            app.cloudshell = credentials::in_cloudshell();
            if !owns {
                match state::holding(&state_dir) {
                    state::Holding::Running(owner) => {
                        app.note(
                            held_text(msg::STATE_WATCHING, Some(&owner), &state_dir),
                            false,
                        );
                    }
                    state::Holding::Ended(owner) => {
                        app.note(
                            held_text(msg::STATE_OWNER_ENDED, Some(&owner), &state_dir),
                            false,
                        );
                    }
                    state::Holding::Free if g.sim => {
                        app.note(Text::new(msg::STATE_SIM_PAUSED), false);
                    }
                    state::Holding::Free => {}
                }
            }
            for text in skipped {
                app.warn(Text::new(msg::DIALOG_JOURNAL), text);
            }
            if let Some(text) = no_log {
                app.note(text, true);
            }
            let (handle, feed) = worker::spawn(
                cloud.clone(),
                config,
                journal,
                log,
                worker::Greeting::Identity,
            );
            let clock_cloud = cloud.clone();
            let clock = Arc::new(move || (clock_cloud.now(), clock_cloud.pace()));
            match tui::run(app, handle, feed, clock).await {
                Ok(tui::Ending::Quit) => 0,
                Ok(tui::Ending::Signal(signal)) => signal_exit(signal),
                Ok(tui::Ending::FreshWorld { lang, present }) => {
                    *fresh = Some((lang, present));
                    0
                }
                Err(e) => {
                    eprintln!("✘ {e}");
                    EXIT_INCOMPLETE
                }
            }
        }
    }
}
