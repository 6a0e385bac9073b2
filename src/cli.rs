//! Command line: `backup-lab [OPTIONS] [status|check|run|report|completions|man]`; global
//! options are accepted before or after the command. The rules of the arguments are clap's:
//! typed values (language, speed, targets, faults, steps, the restore time) are parsed here,
//! and a value refused by a rule of its own carries its localized reason ([`Refused`]);
//! conflicts and the steps `run` needs are clap's configuration. What depends on the command
//! (`--at` and `--reset` without one, a flag only the simulation has) is checked after
//! parsing: clap's `requires` does not see a global flag given on the other side of the
//! command (`--sim status --speed 60`). Shell completions and the man page are generated from this same definition
//! ([`generated`]).

use std::path::PathBuf;

use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};

use crate::app::Theme;
use crate::cloud::faults::Spec;
use crate::cloud::sim;
use crate::i18n::{Id, Lang, t};
use crate::lab::{StepId, Text};
use crate::msg;

#[derive(Debug, Parser)]
#[command(
    name = "backup-lab",
    version,
    about = "Guided Backup & Recovery lab: RDS snapshot, restore, ECS switch, RPO and RTO"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<CommandLine>,
}

#[derive(Debug, Args, Clone, Default)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "one field per command-line flag"
)]
pub struct Global {
    /// Use the simulated AWS account (demo mode; no credentials needed).
    #[arg(long, global = true)]
    pub sim: bool,
    /// In the simulation AWS works N times faster, from 1 to 300 (default 15: a restore takes about a minute); otherwise the clock runs in real time.
    #[arg(
        long,
        global = true,
        allow_hyphen_values = true,
        value_name = "N",
        value_parser = speed
    )]
    pub speed: Option<f64>,
    /// Language of all texts: de or en, also as de-CH, de_DE, en-US … (default: from LC_ALL/LANG, else en).
    #[arg(long, global = true, value_name = "LANG", value_parser = lang)]
    pub lang: Option<Lang>,
    /// Names and settings (TOML); see the README.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// AWS profile (else AWS_PROFILE or the usual search for credentials).
    #[arg(long, global = true)]
    pub profile: Option<String>,
    /// AWS region (else AWS_REGION or the profile); the course uses us-east-1.
    #[arg(long, global = true)]
    pub region: Option<String>,
    /// Base URL of the todo app (else the DNS name of the load balancer).
    #[arg(long, global = true, value_name = "URL", value_parser = app_url)]
    pub app_url: Option<String>,
    /// Your name, shown at the top of the report you hand in (else learner in the configuration).
    #[arg(long, global = true, value_name = "NAME", value_parser = learner_name)]
    pub name: Option<String>,
    /// Machine-readable output (status, check, run, report).
    #[arg(long, global = true)]
    pub json: bool,
    /// Skip confirmations (run).
    #[arg(long, short = 'y', global = true)]
    pub yes: bool,
    /// Where the journal, logs and the simulated world live (else $BACKUP_LAB_STATE_DIR or the XDG state dir).
    #[arg(long, global = true, value_name = "DIR")]
    pub state_dir: Option<PathBuf>,
    /// Start a fresh simulated world.
    #[arg(long, global = true)]
    pub reset: bool,
    /// Simulation only: start a demo at STEP (e.g. restore) in a fresh world in which every step before it is done.
    #[arg(
        long,
        value_name = "STEP",
        value_parser = scene_step,
        conflicts_with = "read_only"
    )]
    pub at: Option<StepId>,
    /// Projector mode: large text, high contrast, no event log.
    #[arg(long, global = true)]
    pub present: bool,
    /// Color theme: dark or light.
    #[arg(long, global = true, value_enum)]
    pub theme: Option<Theme>,
    /// Observe and check only; never change anything.
    #[arg(long, global = true)]
    pub read_only: bool,
    /// Inject faults into AWS calls, e.g. throttle:0.2 or CreateDBSnapshot=timeout@1.
    #[arg(long, global = true, value_name = "SPEC", value_parser = faults)]
    pub faults: Option<Spec>,
    /// RPO target in minutes (default 60): the run is measured against it.
    #[arg(
        long,
        global = true,
        allow_hyphen_values = true,
        value_name = "MINUTES",
        value_parser = |text: &str| minutes(text, "--rpo-target")
    )]
    pub rpo_target: Option<u32>,
    /// RTO target in minutes (default 30).
    #[arg(
        long,
        global = true,
        allow_hyphen_values = true,
        value_name = "MINUTES",
        value_parser = |text: &str| minutes(text, "--rto-target")
    )]
    pub rto_target: Option<u32>,
    /// Backup window in local time (hh:mm-hh:mm), overriding the configuration.
    #[arg(long, global = true, value_name = "WINDOW", value_parser = window)]
    pub window: Option<crate::validate::BackupWindow>,
}

#[derive(Debug, Subcommand, Clone)]
pub enum CommandLine {
    /// Show the observed state of the account.
    Status,
    /// Check every step; exit 0 when the lab is complete (all steps through verify).
    Check,
    /// Perform steps' actions and wait for them: run snapshot restore, run --all.
    Run(RunArgs),
    /// Describe the latest run: steps, RPO/RTO, calls, resources left.
    Report(ReportArgs),
    /// Print shell completions: backup-lab completions bash > ~/.local/share/bash-completion/completions/backup-lab
    Completions(CompletionsArgs),
    /// Print the man page (roff), or write the pages of the program and of each command into a directory.
    Man(ManArgs),
}

#[derive(Debug, Args, Clone)]
pub struct ManArgs {
    /// Write backup-lab.1 and backup-lab-<command>.1 into this directory, e.g. ~/.local/share/man/man1.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args, Clone)]
pub struct CompletionsArgs {
    /// The shell to complete in: bash, elvish, fish, powershell or zsh.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args, Clone)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "one field per command-line flag"
)]
#[command(group(ArgGroup::new("what").required(true).multiple(true).args(["steps", "all"])))]
pub struct RunArgs {
    /// Step ids to run, in order.
    #[arg(value_parser = action_step)]
    pub steps: Vec<StepId>,
    /// Every action through verify (not cleanup).
    #[arg(long)]
    pub all: bool,
    /// Cleanup keeps the restored database and deletes only the snapshot.
    #[arg(long, conflicts_with = "copy_back")]
    pub keep_restored: bool,
    /// Restore under the lab's name even when an instance restored under another name is
    /// there (instead of offering to use that one).
    #[arg(long)]
    pub restore_again: bool,
    /// Cleanup copies the restored todos back into the original database (dump & restore, a one-off Fargate task), switches the backend back to it, then deletes the restored instance and the snapshot. Without this or --keep-restored, cleanup goes back to the original database as it is.
    #[arg(long)]
    pub copy_back: bool,
    /// Bonus step point-in-time restore (pitr): restore to this moment instead of the one the
    /// journal calls for: HH:MM:SS in your local time (today; yesterday if it is still
    /// ahead), or an RFC 3339 time.
    #[arg(long, value_name = "TIME", value_parser = restore_time)]
    pub restore_time: Option<String>,
    /// When the app or another run holds the state directory, wait until it is free.
    #[arg(long)]
    pub wait: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, Default, PartialEq, Eq)]
pub enum ReportFormat {
    #[default]
    Md,
    Json,
}

#[derive(Debug, Args, Clone)]
pub struct ReportArgs {
    /// Report format: md (Markdown, the default; json with --json) or json.
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
}

/// `--window`: read once here; a refused value's rule is rendered localized by the caller
/// from the [`crate::validate::Invalid`] it carries.
fn window(text: &str) -> Result<crate::validate::BackupWindow, crate::validate::Invalid> {
    text.parse()
}

/// A value refused by a rule of its own, with what was wrong and what to give instead in the
/// learner's language: the parser's error carries it, and the program shows it instead of
/// clap's English (`main`'s `command_line_error`).
#[derive(Debug, Clone)]
pub struct Refused(pub Text);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.render(Lang::En))
    }
}

impl std::error::Error for Refused {}

/// A value's error: one of its own ([`Refused`]), or a value that is not of the option's
/// type at all, which the program says as "`--option` cannot take `value`: expected …".
type ValueError = Box<dyn std::error::Error + Send + Sync>;

/// The conflicts that have a text of their own (else "cannot be used together").
pub const CONFLICTS: [(&str, &str, Id); 1] = [("--at", "--read-only", msg::INVALID_AT_TUI_ONLY)];

/// The text for `run` without steps (`<STEPS>` and `--all` are a required group).
pub const RUN_NOTHING: Id = msg::RUN_NOTHING;

/// `--lang`: de or en, also as a locale (de-CH, de_DE.UTF-8, en-US …).
fn lang(code: &str) -> Result<Lang, Refused> {
    Lang::parse(code).ok_or_else(|| Refused(Text::new(msg::INVALID_LANG).arg("lang", code)))
}

/// `--speed`: a number from [`sim::MIN_SPEED`] to [`sim::MAX_SPEED`].
fn speed(text: &str) -> Result<f64, ValueError> {
    let speed: f64 = text.trim().parse()?;
    if (sim::MIN_SPEED..=sim::MAX_SPEED).contains(&speed) {
        Ok(speed)
    } else {
        Err(Box::new(Refused(
            Text::new(msg::INVALID_SPEED)
                .arg("min", sim::MIN_SPEED.to_string())
                .arg("max", sim::MAX_SPEED.to_string())
                .arg("default", sim::DEFAULT_SPEED.to_string()),
        )))
    }
}

/// `--rpo-target`, `--rto-target`: a whole number of minutes, at least 1.
fn minutes(text: &str, flag: &str) -> Result<u32, ValueError> {
    match text.trim().parse()? {
        0 => Err(Box::new(Refused(
            Text::new(msg::CONFIG_FLAG)
                .arg("flag", flag.to_owned())
                .arg("value", "0")
                .arg("problem_id", Text::new(msg::INVALID_TARGET)),
        ))),
        minutes => Ok(minutes),
    }
}

/// `--faults`: the rules of docs/FAULTS.md.
fn faults(text: &str) -> Result<Spec, Refused> {
    Spec::parse(text).map_err(|e| {
        Refused(Text::new(msg::INVALID_FAULTS).arg("reason", crate::ui_text::fault_spec_text(&e)))
    })
}

/// `--at`: any step of the lab.
fn scene_step(name: &str) -> Result<StepId, Refused> {
    StepId::parse(name).ok_or_else(|| {
        let ids: Vec<&str> = StepId::ALL.iter().map(|s| s.id()).collect();
        Refused(
            Text::new(msg::INVALID_AT_STEP)
                .arg("step", name.to_owned())
                .arg("steps", ids.join(", ")),
        )
    })
}

/// `run STEP…`: a step that has an action.
fn action_step(name: &str) -> Result<StepId, Refused> {
    StepId::parse(name)
        .filter(|step| step.has_action())
        .ok_or_else(|| {
            let ids: Vec<&str> = StepId::ALL
                .iter()
                .filter(|s| s.has_action())
                .map(|s| s.id())
                .collect();
            Refused(
                Text::new(msg::INVALID_STEP)
                    .arg("step", name.to_owned())
                    .arg("steps", ids.join(", ")),
            )
        })
}

/// `--restore-time`: a time of day or an RFC 3339 time, kept as typed: the moment it names
/// is worked out when the restore is planned (a time of day is today's, or yesterday's when
/// it is still to come). Whether it is a time does not depend on the day or the zone.
fn restore_time(text: &str) -> Result<String, Refused> {
    crate::lab::steps::parse_restore_time(text, jiff::Timestamp::now(), &jiff::tz::TimeZone::UTC)
        .map(|_| text.to_owned())
        .ok_or_else(|| Refused(Text::new(msg::INVALID_RESTORE_TIME).arg("time", text.to_owned())))
}

/// `--name`: the learner's name as the report shows it (trimmed).
fn learner_name(text: &str) -> Result<String, Refused> {
    crate::validate::learner_name(text).map_err(|e| {
        Refused(
            Text::new(msg::CONFIG_FLAG)
                .arg("flag", "--name")
                .arg("value", shown(text))
                .arg("problem_id", Text::new(e.text_id())),
        )
    })
}

/// `--app-url`: an http(s) URL without a user name or password; a refused one is echoed
/// without them.
fn app_url(text: &str) -> Result<String, Refused> {
    crate::validate::url(text)
        .map(|_| text.to_owned())
        .map_err(|e| {
            Refused(
                Text::new(msg::CONFIG_FLAG)
                    .arg("flag", "--app-url")
                    .arg("value", shown(&crate::validate::redacted_url(text)))
                    .arg("problem_id", crate::ui_text::invalid_text(&e)),
            )
        })
}

/// A value as a message echoes it: at most 80 characters, the rest as "…".
#[must_use]
pub fn shown(value: &str) -> String {
    const MAX: usize = 80;
    if value.chars().count() <= MAX {
        value.to_owned()
    } else {
        let head: String = value.chars().take(MAX).collect();
        format!("{head}…")
    }
}

/// The language of the command line's own help: `--lang` as given on the command line (when
/// it names a language we have), else LC_ALL, LC_MESSAGES or LANG, else English. Read before
/// parsing, so that `--help` is already in the learner's language.
#[must_use]
pub fn help_lang<I, S>(args: I) -> Lang
where
    I: IntoIterator<Item = S>,
    S: Into<std::ffi::OsString>,
{
    let args: Vec<String> = args
        .into_iter()
        .map(|a| a.into().to_string_lossy().into_owned())
        .collect();
    let given = args.iter().enumerate().find_map(|(i, a)| {
        if a == "--" {
            return Some(None);
        }
        a.strip_prefix("--lang=")
            .map(str::to_owned)
            .or_else(|| (a == "--lang").then(|| args.get(i + 1).cloned()).flatten())
            .map(Some)
    });
    given
        .flatten()
        .and_then(|code| Lang::parse(&code))
        .unwrap_or_else(Lang::from_env)
}

/// The command line's definition with its help in `lang`: the program's and each command's
/// description (`cli-about`, `cli-cmd-<command>`), each option's and argument's help
/// (`cli-arg-<id>` for the global ones, `cli-<command>-arg-<id>`), the headings and the usage
/// line. Completions and man pages come from the English definition ([`generated`]).
#[must_use]
pub fn command(lang: Lang) -> clap::Command {
    use clap::CommandFactory;
    let mut cmd = Cli::command();
    cmd.build();
    localize(cmd, lang, None)
}

fn localize(mut cmd: clap::Command, lang: Lang, parent: Option<&str>) -> clap::Command {
    let name = cmd.get_name().to_owned();
    let about = match parent {
        None => Some(msg::CLI_ABOUT),
        Some(_) => command_id(&name),
    };
    if let Some(about) = about {
        cmd = cmd.about(t(lang, about));
    }
    cmd = cmd
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            t(lang, msg::CLI_USAGE)
        ))
        .subcommand_help_heading(t(lang, msg::CLI_HEADING_COMMANDS))
        .subcommand_value_name(t(lang, msg::CLI_VALUE_COMMAND));
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().as_str().to_owned())
        .collect();
    for id in ids {
        let key = arg_id(parent, &id);
        let positional = cmd
            .get_arguments()
            .find(|a| a.get_id() == id.as_str())
            .is_some_and(clap::Arg::is_positional);
        let heading = t(
            lang,
            if positional {
                msg::CLI_HEADING_ARGUMENTS
            } else {
                msg::CLI_HEADING_OPTIONS
            },
        );
        let help = key.map(|key| t(lang, key));
        // Possible and default values are named in the localized help itself, not in
        // clap's English brackets.
        cmd = cmd.mut_arg(id.as_str(), |a| {
            let a = a
                .help_heading(heading)
                .hide_possible_values(true)
                .hide_default_value(true);
            match help {
                Some(help) => a.help(help),
                None => a,
            }
        });
    }
    let subcommands: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for sub in subcommands {
        cmd = cmd.mut_subcommand(sub.as_str(), |s| localize(s, lang, Some(sub.as_str())));
    }
    cmd
}

/// The text of `completions SHELL` and `man` (empty when `man --dir` wrote the pages), or
/// `None` for every other command. Both come
/// from the clap definition above, so they cannot drift from what the program accepts.
///
/// # Errors
/// A localized text when the man pages cannot be written into the directory.
#[must_use]
pub fn generated(command: Option<&CommandLine>) -> Option<Result<Vec<u8>, Text>> {
    use clap::CommandFactory;
    let mut definition = Cli::command();
    let name = definition.get_name().to_owned();
    match command? {
        CommandLine::Completions(args) => {
            let mut out = Vec::new();
            clap_complete::generate(args.shell, &mut definition, name, &mut out);
            Some(Ok(out))
        }
        CommandLine::Man(ManArgs { dir: Some(dir) }) => Some(
            clap_mangen::generate_to(definition, dir)
                .map(|()| Vec::new())
                .map_err(|e| {
                    Text::new(msg::MAN_DIR_FAILED)
                        .arg("dir", dir.display().to_string())
                        .arg("reason", e.to_string())
                }),
        ),
        CommandLine::Man(ManArgs { dir: None }) => {
            let mut out = Vec::new();
            Some(
                clap_mangen::Man::new(definition)
                    .render(&mut out)
                    .map(|()| out)
                    .map_err(|e| Text::new(msg::OUTPUT_FAILED).arg("reason", e.to_string())),
            )
        }
        _ => None,
    }
}

/// The description of the subcommand `name` (`cli-cmd-<name>`).
#[must_use]
fn command_id(name: &str) -> Option<Id> {
    Some(match name {
        "check" => msg::CLI_CMD_CHECK,
        "completions" => msg::CLI_CMD_COMPLETIONS,
        "help" => msg::CLI_CMD_HELP,
        "man" => msg::CLI_CMD_MAN,
        "report" => msg::CLI_CMD_REPORT,
        "run" => msg::CLI_CMD_RUN,
        "status" => msg::CLI_CMD_STATUS,
        _ => return None,
    })
}

/// The help of the argument `arg` (`cli-arg-<arg>`), or of `arg` of the subcommand `command`
/// where it has a help of its own (`cli-<command>-arg-<arg>`).
#[must_use]
fn arg_id(command: Option<&str>, arg: &str) -> Option<Id> {
    Some(match (command, arg) {
        (Some("completions"), "shell") => msg::CLI_COMPLETIONS_ARG_SHELL,
        (Some("help"), "subcommand") => msg::CLI_HELP_ARG_SUBCOMMAND,
        (Some("man"), "dir") => msg::CLI_MAN_ARG_DIR,
        (Some("report"), "format") => msg::CLI_REPORT_ARG_FORMAT,
        (Some("run"), "all") => msg::CLI_RUN_ARG_ALL,
        (Some("run"), "copy_back") => msg::CLI_RUN_ARG_COPY_BACK,
        (Some("run"), "keep_restored") => msg::CLI_RUN_ARG_KEEP_RESTORED,
        (Some("run"), "restore_again") => msg::CLI_RUN_ARG_RESTORE_AGAIN,
        (Some("run"), "restore_time") => msg::CLI_RUN_ARG_RESTORE_TIME,
        (Some("run"), "steps") => msg::CLI_RUN_ARG_STEPS,
        (Some("run"), "wait") => msg::CLI_RUN_ARG_WAIT,
        (_, "app_url") => msg::CLI_ARG_APP_URL,
        (_, "at") => msg::CLI_ARG_AT,
        (_, "config") => msg::CLI_ARG_CONFIG,
        (_, "faults") => msg::CLI_ARG_FAULTS,
        (_, "help") => msg::CLI_ARG_HELP,
        (_, "json") => msg::CLI_ARG_JSON,
        (_, "lang") => msg::CLI_ARG_LANG,
        (_, "name") => msg::CLI_ARG_NAME,
        (_, "present") => msg::CLI_ARG_PRESENT,
        (_, "profile") => msg::CLI_ARG_PROFILE,
        (_, "read_only") => msg::CLI_ARG_READ_ONLY,
        (_, "region") => msg::CLI_ARG_REGION,
        (_, "reset") => msg::CLI_ARG_RESET,
        (_, "rpo_target") => msg::CLI_ARG_RPO_TARGET,
        (_, "rto_target") => msg::CLI_ARG_RTO_TARGET,
        (_, "sim") => msg::CLI_ARG_SIM,
        (_, "speed") => msg::CLI_ARG_SPEED,
        (_, "state_dir") => msg::CLI_ARG_STATE_DIR,
        (_, "theme") => msg::CLI_ARG_THEME,
        (_, "version") => msg::CLI_ARG_VERSION,
        (_, "window") => msg::CLI_ARG_WINDOW,
        (_, "yes") => msg::CLI_ARG_YES,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `backup-lab help` and every command's `--help` describe each command and argument.
    #[test]
    fn every_command_and_argument_has_its_help() {
        use clap::CommandFactory;
        let mut cmd = Cli::command();
        cmd.build();
        let mut missing = Vec::new();
        // As `localize` sees them: a subcommand with its own name.
        let mut stack = vec![(cmd, None::<String>)];
        while let Some((cmd, parent)) = stack.pop() {
            if parent.is_some() && command_id(cmd.get_name()).is_none() {
                missing.push(format!("cli-cmd-{}", cmd.get_name()));
            }
            for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
                let id = arg.get_id().as_str();
                if arg_id(parent.as_deref(), id).is_none() {
                    missing.push(format!("{parent:?}: cli-arg-{id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                stack.push((sub.clone(), Some(sub.get_name().to_owned())));
            }
        }
        assert!(missing.is_empty(), "without help: {missing:?}");
    }

    /// The localized reason a value was refused with, if it was.
    fn refused(args: &[&str], lang: Lang) -> Option<String> {
        let e = command(Lang::En)
            .try_get_matches_from(std::iter::once("backup-lab").chain(args.iter().copied()))
            .err()?;
        let source = std::error::Error::source(&e)?;
        source
            .downcast_ref::<Refused>()
            .map(|refused| refused.0.render(lang))
    }

    fn parsed(args: &[&str]) -> Cli {
        use clap::FromArgMatches;
        let matches = command(Lang::En)
            .try_get_matches_from(std::iter::once("backup-lab").chain(args.iter().copied()))
            .expect("parsed");
        Cli::from_arg_matches(&matches).expect("typed")
    }

    #[test]
    fn values_with_rules_of_their_own_are_refused_with_their_reason_in_both_languages() {
        for (args, en, de) in [
            (&["--lang", "fr"][..], "unknown language \"fr\"", "«fr»"),
            (&["--speed", "400"], "from 1 (real time) to 300", "300"),
            (&["--rto-target", "0"], "at least 1 minute", "1 Minute"),
            (&["--faults", "explode"], "invalid --faults", "--faults"),
            (
                &["--at", "nowhere"],
                "unknown step \"nowhere\"",
                "«nowhere»",
            ),
            (&["run", "summary"], "steps with an action", "«summary»"),
            (
                &["run", "pitr", "--restore-time", "9 Uhr"],
                "is no time",
                "«9 Uhr»",
            ),
        ] {
            let said = refused(args, Lang::En).unwrap_or_default();
            assert!(said.contains(en), "{args:?}: {said}");
            assert!(!said.contains("secret"), "no password echoed: {said}");
            let said = refused(args, Lang::De).unwrap_or_default();
            assert!(said.contains(de), "{args:?}: {said}");
            assert_ne!(said, refused(args, Lang::En).unwrap_or_default());
        }
        // Not a number at all is the parser's own error, said with what the option takes.
        assert_eq!(refused(&["--speed", "abc"], Lang::En), None);
    }

    #[test]
    fn typed_values_arrive_parsed_and_global_flags_cross_the_command() {
        let cli = parsed(&["--sim", "status", "--speed", "60", "--lang", "de-CH"]);
        assert_eq!(cli.global.speed, Some(60.0));
        assert_eq!(cli.global.lang, Some(Lang::De));
        let cli = parsed(&["run", "snapshot", "restore", "--restore-time", "09:30:00"]);
        let Some(CommandLine::Run(args)) = cli.command else {
            panic!("run")
        };
        assert_eq!(args.steps, [StepId::Snapshot, StepId::Restore]);
        assert_eq!(args.restore_time.as_deref(), Some("09:30:00"));
        let cli = parsed(&[
            "--faults",
            "CreateDBSnapshot=timeout@1",
            "--sim",
            "--at",
            "restore",
        ]);
        assert!(cli.global.faults.is_some_and(|spec| spec.has_call_faults()));
        assert_eq!(cli.global.at, Some(StepId::Restore));
    }

    #[test]
    fn run_needs_steps_and_one_cleanup_path() {
        use clap::error::ErrorKind;
        let kind = |args: &[&str]| {
            command(Lang::En)
                .try_get_matches_from(std::iter::once("backup-lab").chain(args.iter().copied()))
                .err()
                .map(|e| e.kind())
        };
        assert_eq!(kind(&["run"]), Some(ErrorKind::MissingRequiredArgument));
        assert_eq!(kind(&["run", "--all"]), None);
        assert_eq!(
            kind(&["run", "cleanup", "--copy-back", "--keep-restored"]),
            Some(ErrorKind::ArgumentConflict)
        );
        assert_eq!(
            kind(&["--sim", "--read-only", "--at", "restore"]),
            Some(ErrorKind::ArgumentConflict)
        );
    }
}
