//! Command line: `backup-lab [OPTIONS] [status|check|run|report|completions|man]`; global
//! options are accepted before or after the command. Values that need rules of their own
//! (language, speed, names) are checked after parsing so their errors are localized. Shell
//! completions and the man page are generated from this same definition ([`generated`]).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::app::Theme;
use crate::i18n::{Lang, has, t};

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
    #[arg(long, global = true, allow_hyphen_values = true, value_name = "N")]
    pub speed: Option<f64>,
    /// Language of all texts: de or en, also as de-CH, de_DE, en-US … (default: from LC_ALL/LANG, else en).
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,
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
    #[arg(long, global = true, value_name = "URL")]
    pub app_url: Option<String>,
    /// Your name, shown at the top of the report you hand in (else learner in the configuration).
    #[arg(long, global = true, value_name = "NAME")]
    pub name: Option<String>,
    /// Machine-readable output (status, check, run).
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
    #[arg(long, value_name = "STEP")]
    pub at: Option<String>,
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
    #[arg(long, global = true, value_name = "SPEC")]
    pub faults: Option<String>,
    /// RPO target in minutes (default 60): the run is measured against it.
    #[arg(
        long,
        global = true,
        allow_hyphen_values = true,
        value_name = "MINUTES"
    )]
    pub rpo_target: Option<u32>,
    /// RTO target in minutes (default 30).
    #[arg(
        long,
        global = true,
        allow_hyphen_values = true,
        value_name = "MINUTES"
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
pub struct RunArgs {
    /// Step ids to run, in order.
    pub steps: Vec<String>,
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
    /// journal calls for: HH:MM:SS in your local time (today), or an RFC 3339 time.
    #[arg(long, value_name = "TIME")]
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
    /// Report format: md (Markdown, the default) or json.
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
}

/// `--window`: read once here; a refused value's rule is rendered localized by the caller
/// from the [`crate::validate::Invalid`] it carries.
fn window(text: &str) -> Result<crate::validate::BackupWindow, crate::validate::Invalid> {
    text.parse()
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
        None => "cli-about".to_owned(),
        Some(_) => format!("cli-cmd-{name}"),
    };
    if has(lang, &about) {
        cmd = cmd.about(t(lang, &about));
    }
    cmd = cmd
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            t(lang, "cli-usage")
        ))
        .subcommand_help_heading(t(lang, "cli-heading-commands"))
        .subcommand_value_name(t(lang, "cli-value-command"));
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().as_str().to_owned())
        .collect();
    for id in ids {
        let key = match (parent, id.as_str()) {
            (_, "help" | "version") => format!("cli-arg-{id}"),
            (Some(command), _) if has(lang, &format!("cli-{command}-arg-{id}")) => {
                format!("cli-{command}-arg-{id}")
            }
            _ => format!("cli-arg-{id}"),
        };
        let positional = cmd
            .get_arguments()
            .find(|a| a.get_id() == id.as_str())
            .is_some_and(clap::Arg::is_positional);
        let heading = t(
            lang,
            if positional {
                "cli-heading-arguments"
            } else {
                "cli-heading-options"
            },
        );
        let help = has(lang, &key).then(|| t(lang, &key));
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
pub fn generated(command: Option<&CommandLine>) -> Option<Result<Vec<u8>, crate::lab::Text>> {
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
                    crate::lab::Text::new("man-dir-failed")
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
                    .map_err(|e| {
                        crate::lab::Text::new("output-failed").arg("reason", e.to_string())
                    }),
            )
        }
        _ => None,
    }
}
