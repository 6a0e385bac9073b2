//! backup-lab: CLI → configuration → cloud (simulated or AWS) → TUI or headless command.
#![forbid(unsafe_code)]
#![deny(clippy::unwrap_used)]

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use clap::Parser;

use backup_lab::app::{App, Theme};
use backup_lab::cli::{Cli, CommandLine};
use backup_lab::cloud::aws::{AwsCloud, AwsSettings};
use backup_lab::cloud::credentials;
use backup_lab::cloud::recorder::{CallLog, Recorded, Sink};
use backup_lab::cloud::refresh::{Detect, Reconnect, Refreshing};
use backup_lab::cloud::sim::{self, SimCloud, WorldError, WorldNames};
use backup_lab::cloud::{Cloud, CloudError, Mode, faults};
use backup_lab::config::{self, Config, ConfigError};
use backup_lab::headless::{EXIT_INCOMPLETE, EXIT_USAGE, Runtime};
use backup_lab::i18n::{Lang, t};
use backup_lab::lab::journal::{self, Journal, JournalError};
use backup_lab::lab::plan::{CleanupPath, Options};
use backup_lab::lab::{StepId, Text};
use backup_lab::state::{self, FileProblem, LockError, StateLock};
use backup_lab::{report, tui, ui_text, validate, worker};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = match cli.global.lang.as_deref() {
        None => Lang::from_env(),
        Some(code) => {
            if let Some(lang) = Lang::parse(code) {
                lang
            } else {
                let env_lang = Lang::from_env();
                eprintln!(
                    "✘ {}",
                    Text::new("invalid-lang").arg("lang", code).render(env_lang)
                );
                return ExitCode::from(2);
            }
        }
    };
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
    let code = runtime.block_on(run(cli, lang));
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    ExitCode::from(u8::try_from(code).unwrap_or(1))
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
                Text::new("output-failed")
                    .arg("reason", e.to_string())
                    .render(lang)
            );
            ExitCode::FAILURE
        }
    }
}

fn config_error_text(e: &ConfigError) -> Text {
    match e {
        ConfigError::Read { path, reason } => Text::new("config-read")
            .arg("path", path.clone())
            .arg("reason", reason.clone()),
        ConfigError::File { path, problem } => file_problem_text("config-file", path, problem).arg(
            "limit_mib",
            u32::try_from(config::CONFIG_MAX_BYTES / (1024 * 1024)).unwrap_or(0),
        ),
        ConfigError::Parse { path, reason } => Text::new("config-parse")
            .arg("path", path.clone())
            .arg("reason", reason.clone()),
        ConfigError::Field {
            field,
            value,
            problem,
        } => Text::new("config-field")
            .arg("field", field.clone())
            .arg("value", value.clone())
            .arg("problem", ui_text::invalid_text(problem).render(Lang::En))
            .arg(
                "problem_id",
                Text::new(&format!("invalid-{}", problem.id())),
            ),
    }
}

fn load_config(cli: &Cli) -> Result<Config, Text> {
    let mut config = match &cli.global.config {
        Some(path) => Config::load(path).map_err(|e| config_error_text(&e))?,
        None => Config::default(),
    };
    for (flag, value, target) in [
        (
            "--rpo-target",
            cli.global.rpo_target,
            &mut config.targets.rpo_minutes,
        ),
        (
            "--rto-target",
            cli.global.rto_target,
            &mut config.targets.rto_minutes,
        ),
    ] {
        match value {
            Some(0) => {
                return Err(Text::new("config-flag")
                    .arg("flag", flag)
                    .arg("value", "0")
                    .arg("problem_id", Text::new("invalid-target")));
            }
            Some(minutes) => *target = minutes,
            None => {}
        }
    }
    if let Some(window) = &cli.global.window {
        config.backup.window_local.clone_from(window);
    }
    if let Some(url) = &cli.global.app_url {
        validate::url(url).map_err(|e| {
            Text::new("config-flag")
                .arg("flag", "--app-url")
                .arg("value", url.clone())
                .arg("problem_id", Text::new(&format!("invalid-{}", e.id())))
        })?;
        config.app_url = Some(url.clone());
    }
    config.validate().map_err(|e| config_error_text(&e))?;
    Ok(config)
}

fn init_logging(dir: &std::path::Path) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    std::fs::create_dir_all(dir).ok()?;
    let appender = tracing_appender::rolling::never(dir, "backup-lab.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let mut filter = tracing_subscriber::EnvFilter::try_from_env("BACKUP_LAB_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // The SDK's own trace output contains whole response bodies (task definition environments
    // included): its crates never log below info, whatever BACKUP_LAB_LOG asks for.
    for target in [
        "aws_smithy_runtime",
        "aws_smithy_runtime_api",
        "aws_smithy_http",
        "aws_config",
        "aws_sdk_ecs",
        "aws_sdk_rds",
        "hyper",
        "hyper_util",
        "reqwest",
    ] {
        if let Ok(directive) = format!("{target}=info").parse() {
            filter = filter.add_directive(directive);
        }
    }
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init()
        .ok()?;
    Some(guard)
}

/// `id` about the file `path` with `problem`: `$path`, `$problem` (localized) and `$detail`.
fn file_problem_text(id: &str, path: impl std::fmt::Display, problem: &FileProblem) -> Text {
    Text::new(id)
        .arg("path", path.to_string())
        .arg(
            "problem",
            Text::new(&format!("file-problem-{}", problem.id())),
        )
        .arg("detail", {
            let detail = problem.detail();
            if detail.is_empty() || matches!(problem, FileProblem::TooLarge { .. }) {
                String::new()
            } else {
                format!(" ({detail})")
            }
        })
}

fn world_names(config: &Config) -> WorldNames {
    WorldNames {
        instance: config.names.instance.clone(),
        cluster: config.names.cluster.clone(),
        service: config.names.service.clone(),
        task_family: config.names.task_family.clone(),
        container: config.names.container.clone(),
    }
}

/// `--reset`: the file at `path` is moved aside (kept, with a timestamp in its name), and the
/// learner is told where it went.
fn reset_file(path: &std::path::Path, lang: Lang) -> Result<(), Text> {
    if std::fs::symlink_metadata(path).is_err() {
        return Ok(());
    }
    match state::move_aside(path) {
        Ok(kept) => {
            eprintln!(
                "  {}",
                Text::new("reset-kept")
                    .arg("path", path.display().to_string())
                    .arg("kept", kept.display().to_string())
                    .render(lang)
            );
            Ok(())
        }
        Err(e) => Err(Text::new("reset-failed")
            .arg("path", path.display().to_string())
            .arg("reason", e.to_string())),
    }
}

/// The simulated account of this configuration: its owner opens it to work on it (or fresh
/// with `--reset`); everyone else follows what the owner publishes.
fn open_sim(
    g: &backup_lab::cli::Global,
    config: &Config,
    state_dir: &std::path::Path,
    speed: f64,
    owns: bool,
    lang: Lang,
) -> Result<(Arc<dyn Cloud>, String), Text> {
    let names = world_names(config);
    let world = sim::world_path(&state_dir.join("sim"), &names);
    if g.reset && owns {
        reset_file(&world, lang)?;
    }
    let opened = if owns {
        SimCloud::open(world, speed, names)
    } else {
        SimCloud::view(world, speed, names)
    };
    let sim = opened.map_err(|e| match e {
        WorldError::Unreadable { path, problem } => {
            file_problem_text("world-unreadable", path.display(), &problem)
        }
        WorldError::OtherNames { path, instance } => Text::new("world-other-names")
            .arg("path", path.display().to_string())
            .arg("instance", instance)
            .arg("expected", config.names.instance.clone()),
    })?;
    let spec = g
        .faults
        .as_deref()
        .map(faults::Spec::parse)
        .and_then(Result::ok);
    if let Some(spec) = &spec {
        sim.set_unhealthy_updates(spec.unhealthy_updates());
        sim.set_dump_faults(spec.dump_faults());
    }
    let key = format!("sim-{}", sim.world_id());
    let sim: Arc<dyn Cloud> = Arc::new(sim);
    // The `session` fault: the session expires, and fresh keys pasted into a file in the
    // simulation's directory renew it.
    let sim = match spec.and_then(|s| s.session_expiry()) {
        Some(at) => Arc::new(sim::SimSession::new(
            sim,
            at,
            state_dir.join("sim").join(sim::CREDENTIALS_FILE),
        )),
        None => sim,
    };
    Ok((sim, key))
}

/// Where the speed of the last run that could act on a simulated world is kept.
fn run_speed_path(state_dir: &std::path::Path) -> std::path::PathBuf {
    state_dir.join("sim").join("run-speed.json")
}

/// Remembers that the world `key` is worked on at `speed`, so that a later `report` (with
/// whatever `--speed` of its own) names the speed the lab was run at.
fn remember_run_speed(state_dir: &std::path::Path, key: &str, speed: f64) {
    let text = serde_json::json!({ "world": key, "speed": speed }).to_string();
    if let Err(e) = state::write_atomic(&run_speed_path(state_dir), text.as_bytes()) {
        tracing::warn!("run speed not written: {e}");
    }
}

/// The speed the world `key` was last run at, if it was remembered.
fn run_speed(state_dir: &std::path::Path, key: &str) -> Option<f64> {
    let text = std::fs::read_to_string(run_speed_path(state_dir)).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    (value["world"].as_str() == Some(key))
        .then(|| value["speed"].as_f64())
        .flatten()
        .filter(|s| *s > 0.0)
}

/// The learner's AWS account through the standard credential chain.
async fn open_aws(
    g: &backup_lab::cli::Global,
    config: &Config,
) -> Result<(Arc<dyn Cloud>, String), CloudError> {
    let settings = AwsSettings {
        profile: g.profile.clone(),
        region: g.region.clone(),
        app_url: config.app_url.clone(),
        load_balancer: config.names.load_balancer.clone(),
    };
    let aws = AwsCloud::connect(&settings).await?;
    let key = match aws.mode() {
        Mode::Aws { account, region } => journal::key_for_aws(&account, &region),
        Mode::Simulation { .. } => "aws".into(),
    };
    let reconnect: Reconnect = Arc::new(move || {
        let settings = settings.clone();
        Box::pin(async move {
            AwsCloud::connect(&settings)
                .await
                .map(|c| Arc::new(c) as Arc<dyn Cloud>)
        })
    });
    let profile = g.profile.clone();
    let detect: Detect = Arc::new(move || {
        let profile = profile.clone();
        Box::pin(async move { credentials::detect(profile.as_deref()).await })
    });
    let refreshing = Refreshing::new(Arc::new(aws), reconnect).with_detect(detect);
    Ok((Arc::new(refreshing), key))
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
fn held_text(id: &str, owner: Option<&state::Owner>, dir: &std::path::Path) -> Text {
    let (pid, command, since) = owner.map_or_else(
        || ("?".to_owned(), Text::new("owner-unknown"), "?".to_owned()),
        |o| {
            (
                o.pid.to_string(),
                Text::new(if o.command == "run" {
                    "owner-run"
                } else {
                    "owner-tui"
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
                held_text("state-waiting", owner.as_ref(), dir).render(lang)
            );
        })
    } else {
        StateLock::acquire(dir, command)
    };
    taken.map_err(|e| {
        match e {
            LockError::Held(owner) => {
                let id = if command == "run" {
                    "state-held-run"
                } else {
                    "state-held-tui"
                };
                eprintln!("✘ {}", held_text(id, owner.as_ref(), dir).render(lang));
            }
            LockError::Io(path, e) => eprintln!(
                "✘ {}",
                Text::new("state-lock-failed")
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
    if reset && owns && !key.starts_with("sim-") {
        for path in Journal::paths(state_dir, key) {
            if let Err(text) = reset_file(&path, lang) {
                eprintln!("✘ {}", text.render(lang));
                return Err(EXIT_INCOMPLETE);
            }
        }
    }
    let opened = if owns {
        Journal::open(state_dir, key)
    } else {
        Journal::read(state_dir, key)
    };
    let journal = match opened {
        Ok(journal) => journal,
        Err(JournalError::Unreadable { path, problem }) => {
            let text = file_problem_text("journal-unreadable", path.display(), &problem);
            eprintln!("✘ {}", text.render(lang));
            if fatal {
                return Err(EXIT_INCOMPLETE);
            }
            Journal::in_memory()
        }
        Err(JournalError::Unwritable { path, reason }) => {
            eprintln!(
                "✘ {}",
                Text::new("state-dir-unwritable")
                    .arg("dir", path.display().to_string())
                    .arg("reason", reason)
                    .render(lang)
            );
            Journal::in_memory()
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
            Text::new("journal-skipped")
                .arg("count", *count)
                .arg("path", path.display().to_string())
        })
        .collect()
}

async fn run(cli: Cli, lang: Lang) -> i32 {
    let g = cli.global.clone();
    let interactive = cli.command.is_none();
    if interactive && !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        eprintln!("✘ {}", t(lang, "tui-needs-terminal"));
        return EXIT_USAGE;
    }
    let config = match load_config(&cli) {
        Ok(c) => c,
        Err(text) => {
            eprintln!("✘ {}", text.render(lang));
            return EXIT_USAGE;
        }
    };
    let speed = g.speed.unwrap_or(sim::DEFAULT_SPEED);
    if !(sim::MIN_SPEED..=sim::MAX_SPEED).contains(&speed) || (g.speed.is_some() && !g.sim) {
        let id = if g.sim || g.speed.is_none() {
            "invalid-speed"
        } else {
            "invalid-speed-needs-sim"
        };
        eprintln!(
            "✘ {}",
            Text::new(id)
                .arg("min", sim::MIN_SPEED.to_string())
                .arg("max", sim::MAX_SPEED.to_string())
                .arg("default", sim::DEFAULT_SPEED.to_string())
                .render(lang)
        );
        return EXIT_USAGE;
    }
    let fault_spec = match g.faults.as_deref().map(faults::Spec::parse).transpose() {
        Ok(spec) => spec,
        Err(e) => {
            eprintln!(
                "✘ {}",
                Text::new("invalid-faults")
                    .arg("reason", ui_text::fault_spec_text(&e).render(lang))
                    .render(lang)
            );
            return EXIT_USAGE;
        }
    };
    // The TUI and `run` work on the state; status, check, report and the read-only TUI only
    // look at what the owner publishes.
    let owns = match &cli.command {
        None => !g.read_only,
        Some(CommandLine::Run(_)) => true,
        Some(_) => false,
    };
    if g.reset && !owns {
        eprintln!("✘ {}", t(lang, "reset-needs-owner"));
        return EXIT_USAGE;
    }
    let state_dir = journal::state_dir(g.state_dir.as_deref());
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
    let _log_guard = init_logging(&state_dir);

    let opened = if g.sim {
        open_sim(&g, &config, &state_dir, speed, owns, lang)
    } else {
        match open_aws(&g, &config).await {
            Ok(opened) => Ok(opened),
            Err(e) if interactive => match tui::offer_simulation(App::welcome(
                lang,
                config.clone(),
                e.clone(),
                jiff::Timestamp::now(),
            ))
            .await
            {
                Ok(tui::Choice::Simulation) => open_sim(&g, &config, &state_dir, speed, owns, lang),
                Ok(tui::Choice::Quit) => return 0,
                Ok(tui::Choice::Signal(signal)) => return signal_exit(signal),
                Err(io) => {
                    eprintln!("✘ {}", ui_text::error_text(&e).render(lang));
                    eprintln!("  {io}");
                    return EXIT_INCOMPLETE;
                }
            },
            Err(e) => {
                eprintln!("✘ {}", ui_text::error_text(&e).render(lang));
                eprintln!("  {}", t(lang, "hint-try-sim"));
                return EXIT_INCOMPLETE;
            }
        }
    };
    let (base, key) = match opened {
        Ok(opened) => opened,
        Err(text) => {
            eprintln!("✘ {}", text.render(lang));
            return EXIT_INCOMPLETE;
        }
    };
    if let (true, Mode::Simulation { speed }) = (owns, base.mode()) {
        remember_run_speed(&state_dir, &key, speed);
    }
    let base: Arc<dyn Cloud> = match fault_spec {
        None => base,
        Some(spec)
            if !spec.unhealthy_updates().is_empty()
                && !matches!(base.mode(), Mode::Simulation { .. }) =>
        {
            eprintln!("✘ {}", t(lang, "invalid-faults-unhealthy-needs-sim"));
            return EXIT_USAGE;
        }
        Some(spec)
            if !spec.dump_faults().is_empty()
                && !matches!(base.mode(), Mode::Simulation { .. }) =>
        {
            eprintln!("✘ {}", t(lang, "invalid-faults-dump-needs-sim"));
            return EXIT_USAGE;
        }
        Some(spec)
            if spec.session_expiry().is_some()
                && !matches!(base.mode(), Mode::Simulation { .. }) =>
        {
            eprintln!("✘ {}", t(lang, "invalid-faults-session-needs-sim"));
            return EXIT_USAGE;
        }
        Some(spec) if !spec.has_call_faults() => base,
        Some(spec) => Arc::new(faults::Faulty::new(base, spec)),
    };
    let fatal = !matches!(cli.command, Some(CommandLine::Status));
    let journal = match open_journal(&state_dir, &key, owns, fatal, g.reset, lang) {
        Ok(journal) => journal,
        Err(code) => return code,
    };
    let skipped = skipped_texts(&journal);
    let sink: Option<Sink> = journal.call_sink();
    let log = Arc::new(CallLog::default());
    let cloud: Arc<dyn Cloud> = Arc::new(Recorded::new(base, log.clone(), sink));
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
            report::print(&rt, args.format, run_speed(&state_dir, &key)).await
        }
        Some(CommandLine::Run(args)) => {
            let mut steps = Vec::new();
            if args.all {
                steps.extend(StepId::CORE);
            }
            for name in &args.steps {
                match StepId::parse(name) {
                    Some(step) if step.has_action() => steps.push(step),
                    _ => {
                        let ids: Vec<&str> = StepId::ALL
                            .iter()
                            .filter(|s| s.has_action())
                            .map(|s| s.id())
                            .collect();
                        eprintln!(
                            "✘ {}",
                            Text::new("invalid-step")
                                .arg("step", name.clone())
                                .arg("steps", ids.join(", "))
                                .render(lang)
                        );
                        return EXIT_USAGE;
                    }
                }
            }
            if steps.is_empty() {
                eprintln!("✘ {}", t(lang, "run-nothing"));
                return EXIT_USAGE;
            }
            let options = Options {
                cleanup: if args.copy_back {
                    CleanupPath::CopyBack
                } else if args.keep_restored {
                    CleanupPath::KeepRestored
                } else {
                    CleanupPath::GoBack
                },
                restore_again: args.restore_again,
                lang,
                ..Options::from_config(&config)
            };
            tokio::select! {
                code = rt.run(&steps, &options, g.yes) => code,
                signal = tui::signals() => {
                    eprintln!("✘ {}", t(lang, "run-interrupted"));
                    signal_exit(signal)
                }
            }
        }
        None => {
            let mut app = App::new(lang, config.clone(), cloud.mode(), cloud.now());
            app.present = g.present;
            app.theme = g.theme.unwrap_or(Theme::Dark);
            app.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            app.read_only = g.read_only;
            app.cloudshell = credentials::in_cloudshell();
            if !owns {
                match state::holder(&state_dir) {
                    Some(owner) => {
                        app.note(held_text("state-watching", Some(&owner), &state_dir), false);
                    }
                    None if g.sim => app.note(Text::new("state-sim-paused"), false),
                    None => {}
                }
            }
            for text in skipped {
                app.warn(Text::new("dialog-journal"), text);
            }
            let (handle, feed) = worker::spawn(
                cloud.clone(),
                config,
                journal,
                log,
                worker::Greeting::Identity,
            );
            let clock_cloud = cloud.clone();
            let clock = Arc::new(move || clock_cloud.now());
            match tui::run(app, handle, feed, clock).await {
                Ok(None) => 0,
                Ok(Some(signal)) => signal_exit(signal),
                Err(e) => {
                    eprintln!("✘ {e}");
                    EXIT_INCOMPLETE
                }
            }
        }
    }
}
