//! The TUI's state and its one update function. `App::update(Msg) -> Vec<Command>` does no
//! I/O and never waits: key presses arrive as [`Action`]s (made in one place, `keymap`), cloud
//! results as [`Msg::State`] snapshots from the worker, and everything the app wants done in
//! the world leaves as a [`Command`].

use jiff::Timestamp;

use crate::cloud::recorder::CallRecord;
use crate::cloud::{ClockControl, CloudError, Identity, Mode, Pace};
use crate::config::Config;
use crate::i18n::Lang;
use crate::keymap::KeyMode;
use crate::lab::act::{self, ActionError, Outcome};
use crate::lab::journal::{Event, Journal};
use crate::lab::observe::PartId;
use crate::lab::plan::{CleanupPath, Confirm, Options, Plan, Ready};
use crate::lab::recovery::{self, Recovery};
use crate::lab::steps::{self, Ctx};
use crate::lab::{Check, Observed, StepId, Text};

/// Colour scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Theme {
    #[default]
    Dark,
    Light,
}

/// Everything the worker knows, sent whole after each change (latest wins).
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub observed: Observed,
    pub journal: Vec<Event>,
    pub calls: Vec<CallRecord>,
    pub call_count: u64,
    /// Calls to the todo app among `call_count`.
    pub app_call_count: u64,
    pub now: Timestamp,
    /// How many actions had ended when the look this state comes from began: a front end
    /// that waits for what an action did skips states looked at before it ended.
    pub actions_ended: u64,
    /// How many looks had been asked for ([`Command::Refresh`], [`Command::Look`]) when the
    /// look this state comes from began.
    pub looks_asked: u64,
}

/// What the learner asked for, independent of the key that said it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    NextStep,
    PrevStep,
    ScrollUp,
    ScrollDown,
    /// A page down (PgDn, Space) or up (PgUp): of the instructions, in a dialog of its body.
    PageDown,
    PageUp,
    /// The start (Home) or the end (End) of the instructions.
    ScrollTop,
    ScrollEnd,
    Perform,
    ToggleLang,
    ToggleHelp,
    TogglePresent,
    Quit,
    Confirm,
    Cancel,
    Input(char),
    Backspace,
    /// Switches the cleanup path in the cleanup dialog.
    ToggleChoice,
    /// Yes / no to a plan.
    Yes,
    No,
    /// Cleanup: keep the restored database, go back to the original one, or copy the
    /// restored data into the original one first (dump & restore).
    KeepRestored,
    GoBack,
    CopyBack,
    /// Welcome screen: continue in the simulated account.
    UseSimulation,
    /// Opens (or closes) the self-check questions of the step.
    Quiz,
    /// Answers the question on screen with choice n (0 = a).
    Answer(u8),
    /// A digit: on the lab screen it jumps to that step (1–9), after `g` it is part of a
    /// step's number.
    Digit(u8),
    /// `g`: a step's number follows (for 10 and above), Enter jumps.
    GoTo,
    /// Pauses or resumes the simulated clock.
    ClockPause,
    /// The simulated clock runs faster or slower while AWS works.
    Faster,
    Slower,
    /// Starts a fresh simulated world (after a typed confirmation).
    FreshWorld,
}

/// The speeds an instructor steps through with + and −.
pub const SPEEDS: [f64; 9] = [1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0];

/// The word that confirms a fresh simulated world.
pub const FRESH_WORD: &str = "reset";

/// What fills the terminal.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    /// The lab.
    Lab,
    /// No AWS account could be reached: the problem, how to get credentials, the offer to
    /// continue in the simulation.
    Welcome(CloudError),
}

/// What the view made of the app the last time it was drawn, for updates that depend on the
/// layout (how far ↓ and End scroll, whether the clock's second is on screen). The front end
/// refreshes it after each redraw; until then nothing is limited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// How far the instructions can scroll.
    pub scroll_max: u16,
    /// Rows of instructions on screen: one page.
    pub page: u16,
    /// Whether a clock or an age ("updated 5 s ago") is on screen.
    pub shows_time: bool,
}

impl Default for Layout {
    fn default() -> Self {
        Self {
            scroll_max: u16::MAX,
            page: 10,
            shows_time: true,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Msg {
    Action(Action),
    State(Box<Snapshot>),
    Identity(Result<Identity, CloudError>),
    Progress(StepId, Text),
    ActionDone(StepId, Result<Outcome, ActionError>),
    /// The clock moved (once a second) so "updated N s ago" stays true.
    Tick(Timestamp),
    /// The journal could not be written (the file and the system's reason).
    JournalUnwritable(String),
    /// The terminal has this many columns and rows now.
    Resize(u16, u16),
    /// The cloud's clock moves at this pace now.
    Pace(Pace),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Carries out the plan the learner confirmed, exactly as shown.
    RunAction(Box<Plan>),
    /// Carries out whatever plan of this step the state right before the action gives:
    /// `run --yes`, which confirms every plan in advance. The TUI never sends it.
    RunUnseen(StepId, Box<Options>),
    /// The learner looks at this step: the worker watches what it reads.
    Focus(StepId),
    /// A plan of this step is on screen: the worker looks at what it reads right now, so the
    /// figures the plan shows (the latest restorable time) are fresh.
    Refresh(StepId),
    /// A front end needs these parts read now: `run` after a failed read, or after a long
    /// wait, before the next step.
    Look(Vec<PartId>),
    /// Welcome screen: open the simulated account and start the lab there.
    UseSimulation,
    /// The learner answered a self-check question: the journal keeps it.
    RecordAnswer {
        question: &'static str,
        choice: u8,
    },
    /// An instructor pauses, resumes or speeds up the simulated clock.
    Clock(ClockControl),
    /// Leave and start again in a fresh simulated world, in this language and layout.
    FreshWorld {
        lang: Lang,
        present: bool,
    },
    Quit,
}

/// A dialog in front of the screen.
#[allow(
    clippy::large_enum_variant,
    reason = "at most one dialog is open; a plan is what it mostly shows"
)]
#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    /// The plan of an action, waiting for y/n (or a typed word).
    Confirm {
        plan: Plan,
        typed: String,
        mismatch: bool,
    },
    /// The backup window, entered in local time, before the plan is shown.
    Window { input: String, error: Option<Text> },
    /// The point-in-time restore's moment (local `HH:MM:SS`), offered as the journal calls
    /// for it (`proposed`) and changeable, before the plan is shown.
    RestoreTime {
        input: String,
        proposed: String,
        error: Option<Text>,
    },
    /// Cleanup: which path; nothing is chosen when the dialog opens.
    CleanupChoice { choice: Option<CleanupPath> },
    /// Restore, with `other` restored under another name: use it (adopt) or restore again
    /// under the lab's name.
    RestoreChoice { adopt: bool, other: String },
    /// A fresh simulated world: everything done so far is set aside once the word is typed.
    FreshWorld { typed: String, mismatch: bool },
    /// A message that only needs acknowledging (already done, blocked, invalid, error).
    Notice {
        title: Text,
        lines: Vec<Text>,
        is_error: bool,
    },
}

/// A line of the event log that is not a cloud call: action outcomes and errors.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub at: Timestamp,
    pub text: Text,
    pub is_error: bool,
}

/// What a key can change on screen: the step, scrolling, dialog and questions, the help,
/// projector, language, quitting and the event log's length.
type Fingerprint = (
    StepId,
    [u16; 3],
    (Option<Dialog>, Option<QuizAt>),
    bool,
    bool,
    Lang,
    bool,
    (usize, Option<String>, Option<Text>),
);

/// Which self-check question is on screen: the step's questions, the n-th of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuizAt {
    pub step: StepId,
    pub index: usize,
}

/// Rows a dialog moves on PgUp/PgDn.
const DIALOG_PAGE: u16 = 5;
/// A bound for dialog scrolling; the view clamps to the dialog's real length.
const MAX_DIALOG_SCROLL: u16 = 200;

#[allow(
    clippy::struct_excessive_bools,
    reason = "independent switches of the screen (help, projector, …), not a state machine"
)]
pub struct App {
    pub lang: Lang,
    pub config: Config,
    pub mode: Mode,
    pub identity: Option<Identity>,
    pub selected: StepId,
    /// The furthest step the learner has looked at in this session: the reading steps and
    /// the optional ones before it count as passed.
    pub furthest: StepId,
    pub scroll: u16,
    pub observed: Observed,
    pub journal: Journal,
    pub calls: Vec<CallRecord>,
    pub call_count: u64,
    /// Calls to the todo app among `call_count`.
    pub app_call_count: u64,
    pub notes: Vec<Note>,
    pub now: Timestamp,
    pub dialog: Option<Dialog>,
    /// How far the open dialog is scrolled (rows); 0 when a dialog opens.
    pub dialog_scroll: u16,
    pub help: bool,
    /// The self-check question on screen, when the questions are open.
    pub quiz: Option<QuizAt>,
    /// How far the help overlay is scrolled (rows); 0 when it opens.
    pub help_scroll: u16,
    pub present: bool,
    pub theme: Theme,
    pub no_color: bool,
    pub read_only: bool,
    /// Running in AWS CloudShell (shown in the header next to the account).
    pub cloudshell: bool,
    pub running: Option<(StepId, Option<Text>)>,
    /// How the cloud's clock moves (the header shows it; + − and z change it).
    pub pace: Pace,
    /// A step's number being typed after `g`.
    pub goto: Option<String>,
    /// A short answer to the last key, on the key line until the next key: why a key did
    /// nothing, what it changed.
    pub flash: Option<Text>,
    /// The latest journal write that failed, once the learner has been told.
    pub journal_problem: Option<String>,
    pub options: Options,
    pub quit: bool,
    /// Bumped on every change that should be redrawn.
    pub generation: u64,
    pub screen: Screen,
    /// The terminal's size (columns, rows).
    pub viewport: (u16, u16),
    pub layout: Layout,
    /// States received so far: the checks are computed once per state and clock reading.
    states: u64,
    /// Every step's check for the state and time they were computed at: a frame asks for
    /// them many times (list, counters, panel, "now" block), one computation serves them all.
    checks: std::cell::RefCell<Option<Checks>>,
}

/// The checks of every step (in [`StepId::ALL`] order) at one state and time.
struct Checks {
    state: u64,
    now: Timestamp,
    by_step: Vec<Option<Check>>,
}

const KEPT_NOTES: usize = 200;

impl App {
    #[must_use]
    pub fn new(lang: Lang, config: Config, mode: Mode, now: Timestamp) -> Self {
        let pace = match &mode {
            Mode::Simulation { speed } => Pace::Sim {
                speed: *speed,
                busy: false,
                paused: false,
            },
            Mode::Aws { .. } => Pace::Real,
        };
        let options = Options {
            lang,
            ..Options::from_config(&config)
        };
        Self {
            lang,
            config,
            mode,
            identity: None,
            selected: StepId::Concepts,
            furthest: StepId::Concepts,
            scroll: 0,
            observed: Observed::default(),
            journal: Journal::in_memory(),
            calls: Vec::new(),
            call_count: 0,
            app_call_count: 0,
            notes: Vec::new(),
            now,
            dialog: None,
            dialog_scroll: 0,
            help: false,
            quiz: None,
            help_scroll: 0,
            present: false,
            theme: Theme::Dark,
            no_color: false,
            read_only: false,
            cloudshell: false,
            running: None,
            pace,
            goto: None,
            flash: None,
            journal_problem: None,
            options,
            quit: false,
            generation: 0,
            screen: Screen::Lab,
            viewport: (80, 24),
            layout: Layout::default(),
            states: 0,
            checks: std::cell::RefCell::new(None),
        }
    }

    /// The welcome screen, shown when `error` kept the app from reaching AWS.
    #[must_use]
    pub fn welcome(lang: Lang, config: Config, error: CloudError, now: Timestamp) -> Self {
        let mut app = Self::new(lang, config, Mode::Simulation { speed: 1.0 }, now);
        app.screen = Screen::Welcome(error);
        app
    }

    /// Which key table applies now.
    #[must_use]
    pub fn key_mode(&self) -> KeyMode {
        if matches!(self.screen, Screen::Welcome(_)) {
            return KeyMode::Welcome;
        }
        match &self.dialog {
            Some(
                Dialog::Window { .. }
                | Dialog::FreshWorld { .. }
                | Dialog::RestoreTime { .. }
                | Dialog::Confirm {
                    plan:
                        Plan {
                            confirm: Confirm::Typed(_),
                            ..
                        },
                    ..
                },
            ) => KeyMode::Input,
            Some(_) => KeyMode::Dialog,
            None if self.help => KeyMode::Help,
            None if self.quiz.is_some() => KeyMode::Quiz,
            None => KeyMode::Main,
        }
    }

    /// The context checks read.
    #[must_use]
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            observed: &self.observed,
            journal: &self.journal,
            config: &self.config,
            now: self.now,
        }
    }

    /// `step`'s check at the newest state and the current time.
    #[must_use]
    pub fn check(&self, step: StepId) -> Option<Check> {
        let mut cache = self.checks.borrow_mut();
        let fresh = cache
            .as_ref()
            .is_some_and(|c| c.state == self.states && c.now == self.now);
        if !fresh {
            let ctx = self.ctx();
            *cache = Some(Checks {
                state: self.states,
                now: self.now,
                by_step: StepId::ALL.iter().map(|s| steps::check(*s, &ctx)).collect(),
            });
        }
        cache
            .as_ref()
            .and_then(|c| c.by_step.get(step.index()).cloned())
            .flatten()
    }

    #[must_use]
    pub fn recovery(&self) -> Recovery {
        recovery::measure(&self.journal, &self.observed, &self.config, self.now)
    }

    /// The next step to do (▶): the first step in lab order that is not finished. A lab step
    /// is finished when its check says done; a reading step, and an optional one, also once
    /// the learner has gone past it, or has acted in the lab and a later step has begun
    /// (a returning learner). `None`: all finished.
    #[must_use]
    pub fn next_step(&self) -> Option<StepId> {
        use crate::lab::StepState;
        let states: Vec<Option<StepState>> = StepId::ALL
            .iter()
            .map(|s| self.check(*s).map(|c| c.state))
            .collect();
        let acted = self.journal.has(crate::lab::journal::Kind::Action);
        StepId::ALL.into_iter().enumerate().find_map(|(i, step)| {
            let later_begun = acted
                && states[i + 1..]
                    .iter()
                    .any(|s| s.is_some_and(|s| s != StepState::Todo));
            let passed = self.furthest.max(self.selected).index() > i || later_begun;
            let finished = match states[i] {
                Some(StepState::Done) => true,
                None => passed,
                Some(_) => step.is_optional() && passed,
            };
            (!finished).then_some(step)
        })
    }

    /// A warning the learner acknowledges (a dialog) that also stays in the event log.
    pub fn warn(&mut self, title: Text, text: Text) {
        self.note(text.clone(), true);
        self.dialog.get_or_insert(Dialog::Notice {
            title,
            lines: vec![text],
            is_error: true,
        });
    }

    /// A line in the event log.
    pub fn note(&mut self, text: Text, is_error: bool) {
        self.notes.push(Note {
            at: self.now,
            text,
            is_error,
        });
        if self.notes.len() > KEPT_NOTES {
            self.notes.remove(0);
        }
    }

    /// Applies a message; returns what must happen in the world.
    pub fn update(&mut self, msg: Msg) -> Vec<Command> {
        let had_dialog = self.dialog.is_some();
        let commands = self.update_inner(msg);
        if !had_dialog || self.dialog.is_none() {
            self.dialog_scroll = 0;
        }
        commands
    }

    fn update_inner(&mut self, msg: Msg) -> Vec<Command> {
        // The clock's second is a change only while time is on screen.
        if let Msg::Tick(now) = msg {
            let now = self.now.max(now);
            if now.as_second() != self.now.as_second() && self.layout.shows_time {
                self.generation += 1;
            }
            self.now = now;
            return Vec::new();
        }
        if let Msg::Action(action) = msg {
            let before = self.fingerprint();
            let flashed = self.flash.take().is_some();
            let commands = self.on_action(action);
            if !commands.is_empty() || self.fingerprint() != before || flashed {
                self.generation += 1;
            }
            return commands;
        }
        if let Msg::Pace(pace) = msg {
            if pace != self.pace {
                self.pace = pace;
                if let (Pace::Sim { speed, .. }, Mode::Simulation { .. }) = (pace, &self.mode) {
                    self.mode = Mode::Simulation { speed };
                }
                self.generation += 1;
            }
            return Vec::new();
        }
        self.generation += 1;
        match msg {
            Msg::State(snapshot) => {
                let first = self.observed.instances.value.is_none();
                self.observed = snapshot.observed;
                self.journal = Journal::from_events(snapshot.journal);
                self.states += 1;
                self.calls = snapshot.calls;
                self.call_count = snapshot.call_count;
                self.app_call_count = snapshot.app_call_count;
                self.now = self.now.max(snapshot.now);
                self.refresh_plan();
                if first
                    && self.observed.instances.value.is_some()
                    && self.selected == StepId::Concepts
                    && self.journal.events().len() > 1
                {
                    // A returning learner lands where they stopped.
                    self.selected = self.next_step().unwrap_or(StepId::Summary);
                    self.furthest = self.furthest.max(self.selected);
                    return vec![Command::Focus(self.selected)];
                }
            }
            Msg::Identity(Ok(identity)) => self.identity = Some(identity),
            Msg::Identity(Err(e)) => {
                self.note(crate::ui_text::error_text(&e), true);
            }
            Msg::Progress(step, text) => {
                self.running = Some((step, Some(text.clone())));
                self.note(text, false);
            }
            Msg::ActionDone(step, result) => {
                self.running = None;
                match result {
                    Ok(lines) => {
                        for line in &lines {
                            self.note(line.clone(), false);
                        }
                        if self.dialog.is_none() {
                            self.dialog = Some(Dialog::Notice {
                                title: step.title(),
                                lines,
                                is_error: false,
                            });
                        }
                    }
                    // The account moved since the confirmation: the new plan, to confirm again.
                    Err(ActionError::PlanChanged(plan)) => {
                        self.note(Text::new("plan-changed"), true);
                        let mut plan = *plan;
                        plan.notes.insert(0, Text::new("plan-changed"));
                        self.show_ready(Ready::Plan(plan));
                    }
                    Err(e) => {
                        let text = crate::ui_text::action_error_text(&e);
                        self.note(text.clone(), true);
                        self.dialog = Some(Dialog::Notice {
                            title: Text::new("dialog-action-failed"),
                            lines: vec![text],
                            is_error: true,
                        });
                    }
                }
            }
            Msg::Tick(_) | Msg::Action(_) | Msg::Pace(_) => {}
            Msg::JournalUnwritable(reason) => {
                if self.journal_problem.as_ref() != Some(&reason) {
                    self.journal_problem = Some(reason.clone());
                    let text = Text::new("journal-unwritable").arg("reason", reason);
                    self.note(text.clone(), true);
                    self.dialog.get_or_insert(Dialog::Notice {
                        title: Text::new("dialog-journal"),
                        lines: vec![text],
                        is_error: true,
                    });
                }
            }
            Msg::Resize(width, height) => self.viewport = (width, height),
        }
        Vec::new()
    }

    /// What a key can change on screen; an action that leaves it alone needs no redraw.
    fn fingerprint(&self) -> Fingerprint {
        (
            self.selected,
            [self.scroll, self.dialog_scroll, self.help_scroll],
            (self.dialog.clone(), self.quiz),
            self.help,
            self.present,
            self.lang,
            self.quit,
            (self.notes.len(), self.goto.clone(), self.flash.clone()),
        )
    }

    fn scroll_to(&mut self, row: u16) {
        self.scroll = row.min(self.layout.scroll_max);
    }

    fn on_action(&mut self, action: Action) -> Vec<Command> {
        if matches!(self.screen, Screen::Welcome(_)) {
            return match action {
                Action::UseSimulation => {
                    self.screen = Screen::Lab;
                    vec![Command::UseSimulation]
                }
                Action::Quit => {
                    self.quit = true;
                    vec![Command::Quit]
                }
                _ => Vec::new(),
            };
        }
        if let Some(dialog) = self.dialog.take() {
            return self.on_dialog(dialog, action);
        }
        if self.help {
            match action {
                Action::ToggleHelp | Action::Cancel | Action::Quit | Action::Confirm => {
                    self.help = false;
                }
                // The help scrolls on a small screen; the view clamps to its length.
                Action::ScrollUp => self.help_scroll = self.help_scroll.saturating_sub(1),
                Action::ScrollDown => {
                    self.help_scroll = self.help_scroll.saturating_add(1).min(MAX_DIALOG_SCROLL);
                }
                Action::PageUp => {
                    self.help_scroll = self.help_scroll.saturating_sub(DIALOG_PAGE);
                }
                Action::PageDown => {
                    self.help_scroll = self
                        .help_scroll
                        .saturating_add(DIALOG_PAGE)
                        .min(MAX_DIALOG_SCROLL);
                }
                _ => {}
            }
            return Vec::new();
        }
        if let Some(at) = self.quiz {
            return self.on_quiz(at, action);
        }
        if let Some(number) = self.goto.take() {
            return self.on_goto(number, action);
        }
        match action {
            Action::Digit(n) => return self.jump(usize::from(n)),
            Action::GoTo => {
                self.goto = Some(String::new());
            }
            Action::ClockPause | Action::Faster | Action::Slower => {
                return self.control_clock(action);
            }
            Action::FreshWorld => self.ask_fresh_world(),
            Action::NextStep => return self.select(self.selected.index() + 1),
            Action::PrevStep => return self.select(self.selected.index().saturating_sub(1)),
            Action::ScrollUp => self.scroll_to(self.scroll.saturating_sub(1)),
            Action::ScrollDown => self.scroll_to(self.scroll.saturating_add(1)),
            Action::PageUp => {
                self.scroll_to(self.scroll.saturating_sub(self.layout.page.max(1)));
            }
            Action::PageDown => {
                self.scroll_to(self.scroll.saturating_add(self.layout.page.max(1)));
            }
            Action::ScrollTop => self.scroll = 0,
            Action::ScrollEnd => self.scroll_to(u16::MAX),
            Action::ToggleLang => {
                self.lang = self.lang.other();
                self.options.lang = self.lang;
            }
            Action::ToggleHelp => {
                self.help = true;
                self.help_scroll = 0;
            }
            Action::TogglePresent => self.present = !self.present,
            Action::Quit | Action::Cancel => {
                if action == Action::Quit {
                    self.quit = true;
                    return vec![Command::Quit];
                }
            }
            Action::Perform | Action::Confirm => {
                self.start_action();
                if matches!(self.dialog, Some(Dialog::Confirm { .. })) {
                    return vec![Command::Refresh(self.selected)];
                }
            }
            Action::Quiz => self.open_quiz(),
            Action::Input(_)
            | Action::Answer(_)
            | Action::Backspace
            | Action::ToggleChoice
            | Action::Yes
            | Action::No
            | Action::KeepRestored
            | Action::GoBack
            | Action::CopyBack
            | Action::UseSimulation => {}
        }
        Vec::new()
    }

    /// A plan on screen shows what the newest look says, as long as it still asks for the
    /// same request (else the action itself refuses and shows the new plan).
    fn refresh_plan(&mut self) {
        let Some(Dialog::Confirm { plan, .. }) = &self.dialog else {
            return;
        };
        if let Ready::Plan(fresh) = steps::plan(plan.step, &self.ctx(), &plan.options)
            && fresh.request == plan.request
            && let Some(Dialog::Confirm { plan, .. }) = &mut self.dialog
        {
            plan.params = fresh.params;
        }
    }

    /// Jumps to step `number` (1-based); a number without a step says so.
    fn jump(&mut self, number: usize) -> Vec<Command> {
        if (1..=StepId::ALL.len()).contains(&number) {
            return self.select(number - 1);
        }
        self.flash = Some(
            Text::new("ui-goto-no-step")
                .arg("number", number)
                .arg("last", StepId::ALL.len()),
        );
        Vec::new()
    }

    /// A key while a step's number is typed after `g`: digits add to it (two make a number),
    /// Enter jumps, Esc or any other key gives up.
    fn on_goto(&mut self, mut number: String, action: Action) -> Vec<Command> {
        match action {
            Action::Digit(n) => {
                number.push(char::from(b'0' + n));
                if number.len() >= 2 {
                    return self.jump(number.parse().unwrap_or(0));
                }
                self.goto = Some(number);
            }
            Action::Backspace => {
                number.pop();
                self.goto = Some(number);
            }
            Action::Perform | Action::Confirm if !number.is_empty() => {
                return self.jump(number.parse().unwrap_or(0));
            }
            Action::Quit => {
                self.quit = true;
                return vec![Command::Quit];
            }
            _ => {}
        }
        Vec::new()
    }

    /// Pause or resume the simulated clock, or step its speed; AWS's clock is not ours.
    fn control_clock(&mut self, action: Action) -> Vec<Command> {
        let Pace::Sim {
            speed,
            busy,
            paused,
        } = self.pace
        else {
            self.flash = Some(Text::new("ui-clock-sim-only"));
            return Vec::new();
        };
        if self.read_only {
            self.flash = Some(Text::new("ui-clock-read-only"));
            return Vec::new();
        }
        let (control, pace) = match action {
            Action::ClockPause if paused => (
                ClockControl::Resume,
                Pace::Sim {
                    speed,
                    busy,
                    paused: false,
                },
            ),
            Action::ClockPause => (
                ClockControl::Pause,
                Pace::Sim {
                    speed,
                    busy,
                    paused: true,
                },
            ),
            _ => {
                let next = if action == Action::Faster {
                    SPEEDS.iter().copied().find(|s| *s > speed + 0.01)
                } else {
                    SPEEDS.iter().rev().copied().find(|s| *s < speed - 0.01)
                };
                let Some(next) = next else {
                    self.flash = Some(
                        Text::new("ui-clock-speed-limit")
                            .arg("speed", crate::ui::header::speed(speed)),
                    );
                    return Vec::new();
                };
                (
                    ClockControl::Speed(next),
                    Pace::Sim {
                        speed: next,
                        busy,
                        paused,
                    },
                )
            }
        };
        self.flash = Some(match control {
            ClockControl::Pause => Text::new("ui-clock-paused"),
            ClockControl::Resume => Text::new("ui-clock-resumed"),
            ClockControl::Speed(s) => {
                Text::new("ui-clock-speed").arg("speed", crate::ui::header::speed(s))
            }
        });
        self.update_inner(Msg::Pace(pace));
        vec![Command::Clock(control)]
    }

    /// A fresh simulated world, once the word is typed; on AWS, or while an action runs, it
    /// says why not.
    fn ask_fresh_world(&mut self) {
        if !matches!(self.mode, Mode::Simulation { .. }) {
            self.flash = Some(Text::new("ui-fresh-sim-only"));
        } else if self.read_only {
            self.flash = Some(Text::new("ui-fresh-read-only"));
        } else if let Some((running, _)) = self.running {
            self.dialog = Some(Dialog::Notice {
                title: Text::new("dialog-busy"),
                lines: vec![Text::new("busy-running").arg("step", running.title())],
                is_error: true,
            });
        } else {
            self.dialog = Some(Dialog::FreshWorld {
                typed: String::new(),
                mismatch: false,
            });
        }
    }

    /// Opens the step's questions at the first one not answered yet (the first when all are).
    fn open_quiz(&mut self) {
        let questions = crate::lab::quiz::of_step(self.selected);
        if questions.is_empty() {
            self.flash = Some(Text::new("ui-quiz-none"));
            return;
        }
        let index = questions
            .iter()
            .position(|q| crate::lab::quiz::answer_of(&self.journal, q.id).is_none())
            .unwrap_or(0);
        self.quiz = Some(QuizAt {
            step: self.selected,
            index,
        });
    }

    /// A key while the questions are open: an answer (the first one counts), moving between
    /// the questions, closing them. Nothing here waits for or blocks the lab.
    fn on_quiz(&mut self, at: QuizAt, action: Action) -> Vec<Command> {
        let questions = crate::lab::quiz::of_step(at.step);
        let Some(question) = questions.get(at.index).copied() else {
            self.quiz = None;
            return Vec::new();
        };
        match action {
            // The first answer counts; later ones change nothing.
            Action::Answer(choice)
                if usize::from(choice) < crate::lab::quiz::CHOICES
                    && crate::lab::quiz::answer_of(&self.journal, question.id).is_none() =>
            {
                // Shown at once; the worker's journal keeps it, and its next snapshot
                // carries it back.
                self.journal
                    .record(self.now, self.now, question.answer(choice));
                return vec![Command::RecordAnswer {
                    question: question.id,
                    choice,
                }];
            }
            Action::NextStep | Action::Confirm | Action::PageDown => {
                if at.index + 1 < questions.len() {
                    self.quiz = Some(QuizAt {
                        index: at.index + 1,
                        ..at
                    });
                } else {
                    self.quiz = None;
                }
            }
            Action::PrevStep | Action::PageUp => {
                self.quiz = Some(QuizAt {
                    index: at.index.saturating_sub(1),
                    ..at
                });
            }
            Action::ToggleLang => {
                self.lang = self.lang.other();
                self.options.lang = self.lang;
            }
            Action::Quit => {
                self.quit = true;
                return vec![Command::Quit];
            }
            Action::Quiz | Action::Cancel => self.quiz = None,
            _ => {}
        }
        Vec::new()
    }

    fn select(&mut self, index: usize) -> Vec<Command> {
        match StepId::ALL.get(index) {
            Some(step) if *step != self.selected => {
                self.selected = *step;
                self.furthest = self.furthest.max(*step);
                self.scroll = 0;
                vec![Command::Focus(*step)]
            }
            _ => Vec::new(),
        }
    }

    fn start_action(&mut self) {
        let step = self.selected;
        if !step.has_action() {
            self.flash = Some(Text::new("ui-no-action"));
            return;
        }
        if self.read_only {
            self.dialog = Some(Dialog::Notice {
                title: Text::new("dialog-read-only"),
                lines: vec![Text::new("read-only-refused")],
                is_error: true,
            });
            return;
        }
        if let Some((running, _)) = self.running {
            self.dialog = Some(Dialog::Notice {
                title: Text::new("dialog-busy"),
                lines: vec![Text::new("busy-running").arg("step", running.title())],
                is_error: true,
            });
            return;
        }
        match step {
            StepId::EnableBackups
                if let Some(running) = steps::enable_backups::applying(&self.ctx()) =>
            {
                self.dialog = Some(Dialog::Notice {
                    title: Text::new("dialog-running"),
                    lines: vec![running],
                    is_error: false,
                });
            }
            StepId::EnableBackups => {
                self.dialog = Some(Dialog::Window {
                    input: self.options.window_local.clone(),
                    error: None,
                });
            }
            StepId::Pitr => match self.restore_point() {
                // The moment the journal calls for, shown to keep or to change.
                Some(proposed) => {
                    self.dialog = Some(Dialog::RestoreTime {
                        input: proposed.clone(),
                        proposed,
                        error: None,
                    });
                }
                None => self.show_plan(),
            },
            StepId::Cleanup => {
                // Nothing is chosen in advance: one path gives up the restored data, one
                // overwrites the original database's todos, one keeps paying for two instances.
                self.dialog = Some(Dialog::CleanupChoice { choice: None });
            }
            StepId::Restore => match self.restored_elsewhere() {
                Some(other) => {
                    self.dialog = Some(Dialog::RestoreChoice {
                        adopt: !self.options.restore_again,
                        other,
                    });
                }
                None => self.show_plan(),
            },
            _ => self.show_plan(),
        }
    }

    /// The names `step`'s texts fill in. After the restore they name this run's restored
    /// database (an adopted one too); the restore step itself names the lab's.
    #[must_use]
    pub fn name_args(&self, step: StepId) -> Vec<(String, crate::lab::Arg)> {
        let mut args = crate::lab::name_args(&self.config, &self.options.window_local);
        if step > StepId::Restore {
            let restored = self.journal.restored_instance(&self.config).to_owned();
            for (name, value) in &mut args {
                if name == "restored" {
                    *value = restored.clone().into();
                }
            }
        }
        args
    }

    /// The point-in-time restore's moment as the journal calls for it (local `HH:MM:SS`),
    /// while there is a deletion to restore from and no point-in-time copy yet.
    fn restore_point(&self) -> Option<String> {
        if self
            .observed
            .instance(&self.config.names.pitr_instance)
            .is_some()
        {
            return None;
        }
        match steps::pitr_aim(&self.journal) {
            steps::PitrAim::BeforeDisaster { point, .. } => Some(
                point
                    .to_zoned(self.config.timezone())
                    .strftime("%H:%M:%S")
                    .to_string(),
            ),
            steps::PitrAim::Latest => None,
        }
    }

    /// The instance restored under another name that the restore step would offer to adopt,
    /// while the run has no restored database of its own.
    fn restored_elsewhere(&self) -> Option<String> {
        let ctx = self.ctx();
        if ctx.restored().is_some() {
            return None;
        }
        steps::restored_elsewhere(&ctx)
            .first()
            .map(|i| i.id.clone())
    }

    fn show_plan(&mut self) {
        let ready = steps::plan(self.selected, &self.ctx(), &self.options);
        self.show_ready(ready);
    }

    fn show_ready(&mut self, ready: Ready) {
        self.dialog = Some(match ready {
            Ready::Plan(plan) => Dialog::Confirm {
                plan,
                typed: String::new(),
                mismatch: false,
            },
            Ready::AlreadyDone(text) => Dialog::Notice {
                title: Text::new("dialog-already-done"),
                lines: vec![text],
                is_error: false,
            },
            Ready::Blocked(text) => Dialog::Notice {
                title: Text::new("dialog-not-yet"),
                lines: vec![text],
                is_error: true,
            },
            Ready::Invalid(e) => Dialog::Notice {
                title: Text::new("dialog-invalid"),
                lines: vec![crate::ui_text::invalid_text(&e)],
                is_error: true,
            },
        });
    }

    fn on_dialog(&mut self, dialog: Dialog, action: Action) -> Vec<Command> {
        // Long dialogs (a restore's parameters, notes and CLI line at 80×24) scroll; the
        // question and its keys stay in view.
        // In the cleanup and restore choices ↑↓ switch the option; PgUp/PgDn still scroll.
        let scrolls = !matches!(
            dialog,
            Dialog::CleanupChoice { .. } | Dialog::RestoreChoice { .. }
        ) || matches!(action, Action::PageUp | Action::PageDown);
        match action {
            Action::ScrollUp | Action::ScrollDown | Action::PageUp | Action::PageDown
                if scrolls =>
            {
                self.dialog_scroll = match action {
                    Action::ScrollUp => self.dialog_scroll.saturating_sub(1),
                    Action::PageUp => self.dialog_scroll.saturating_sub(DIALOG_PAGE),
                    Action::PageDown => self.dialog_scroll.saturating_add(DIALOG_PAGE),
                    _ => self.dialog_scroll.saturating_add(1),
                }
                .min(MAX_DIALOG_SCROLL);
                self.dialog = Some(dialog);
                return Vec::new();
            }
            _ => {}
        }
        if action == Action::ToggleLang {
            // The dialog stays open and is read again in the other language.
            self.lang = self.lang.other();
            self.options.lang = self.lang;
            self.dialog = Some(dialog);
            return Vec::new();
        }
        match dialog {
            Dialog::Notice { .. } => match action {
                Action::Quit => {
                    self.quit = true;
                    return vec![Command::Quit];
                }
                // Arrows and Tab move nothing in a notice; it stays until answered.
                Action::ToggleChoice => self.dialog = Some(dialog),
                _ => {}
            },
            Dialog::FreshWorld { mut typed, .. } => match action {
                Action::Input(c) if typed.len() < 40 => {
                    typed.push(c);
                    self.dialog = Some(Dialog::FreshWorld {
                        typed,
                        mismatch: false,
                    });
                }
                Action::Backspace => {
                    typed.pop();
                    self.dialog = Some(Dialog::FreshWorld {
                        typed,
                        mismatch: false,
                    });
                }
                Action::Confirm if typed.trim() == FRESH_WORD => {
                    self.quit = true;
                    return vec![Command::FreshWorld {
                        lang: self.lang,
                        present: self.present,
                    }];
                }
                Action::Confirm => {
                    self.dialog = Some(Dialog::FreshWorld {
                        typed,
                        mismatch: true,
                    });
                }
                Action::Cancel => {}
                Action::Quit => {
                    self.quit = true;
                    return vec![Command::Quit];
                }
                _ => {
                    self.dialog = Some(Dialog::FreshWorld {
                        typed,
                        mismatch: false,
                    });
                }
            },
            Dialog::Window { mut input, error } => match action {
                Action::Input(c)
                    if (c.is_ascii_digit() || c == ':' || c == '-') && input.len() < 11 =>
                {
                    input.push(c);
                    self.dialog = Some(Dialog::Window { input, error: None });
                }
                Action::Backspace => {
                    input.pop();
                    self.dialog = Some(Dialog::Window { input, error: None });
                }
                Action::Confirm => {
                    let utc = act::window_utc(&self.config, &input, self.now);
                    let maintenance = self
                        .observed
                        .instance(&self.config.names.instance)
                        .and_then(|i| i.maintenance_window.clone())
                        .unwrap_or_default();
                    match utc.and_then(|w| w.clear_of(&maintenance)) {
                        Ok(()) => {
                            self.options.window_local = input;
                            self.show_plan();
                        }
                        Err(e) => {
                            self.dialog = Some(Dialog::Window {
                                input,
                                error: Some(crate::ui_text::invalid_text(&e)),
                            });
                        }
                    }
                }
                Action::Cancel | Action::Quit => {}
                _ => self.dialog = Some(Dialog::Window { input, error }),
            },
            Dialog::RestoreTime {
                mut input,
                proposed,
                error,
            } => match action {
                Action::Input(c) if (c.is_ascii_digit() || c == ':') && input.len() < 8 => {
                    input.push(c);
                    self.dialog = Some(Dialog::RestoreTime {
                        input,
                        proposed,
                        error: None,
                    });
                }
                Action::Backspace => {
                    input.pop();
                    self.dialog = Some(Dialog::RestoreTime {
                        input,
                        proposed,
                        error: None,
                    });
                }
                Action::Confirm => {
                    let tz = self.config.timezone();
                    if steps::parse_restore_time(&input, self.now, &tz).is_some() {
                        // The proposed moment is the journal's own; only another one is a
                        // choice (and then kept to the second the learner typed).
                        self.options.restore_time = (input != proposed).then_some(input);
                        self.show_plan();
                    } else {
                        self.dialog = Some(Dialog::RestoreTime {
                            error: Some(Text::new("invalid-restore-time").arg("time", &input)),
                            input,
                            proposed,
                        });
                    }
                }
                Action::Cancel | Action::Quit => {}
                _ => {
                    self.dialog = Some(Dialog::RestoreTime {
                        input,
                        proposed,
                        error,
                    });
                }
            },
            Dialog::CleanupChoice { choice } => match action {
                Action::ToggleChoice | Action::ScrollDown | Action::NextStep => {
                    self.dialog = Some(Dialog::CleanupChoice {
                        choice: Some(step_choice(choice, true)),
                    });
                }
                Action::ScrollUp | Action::PrevStep => {
                    self.dialog = Some(Dialog::CleanupChoice {
                        choice: Some(step_choice(choice, false)),
                    });
                }
                Action::KeepRestored => self.choose_cleanup(CleanupPath::KeepRestored),
                Action::GoBack => self.choose_cleanup(CleanupPath::GoBack),
                Action::CopyBack => self.choose_cleanup(CleanupPath::CopyBack),
                Action::Confirm => match choice {
                    Some(path) => self.choose_cleanup(path),
                    // Enter without a choice chooses nothing; the dialog says how to choose.
                    None => self.dialog = Some(Dialog::CleanupChoice { choice }),
                },
                Action::Cancel | Action::Quit => {}
                _ => self.dialog = Some(Dialog::CleanupChoice { choice }),
            },
            Dialog::RestoreChoice { adopt, other } => match action {
                Action::ToggleChoice
                | Action::ScrollUp
                | Action::ScrollDown
                | Action::NextStep
                | Action::PrevStep => {
                    self.dialog = Some(Dialog::RestoreChoice {
                        adopt: !adopt,
                        other,
                    });
                }
                Action::Confirm => {
                    self.options.restore_again = !adopt;
                    self.show_plan();
                }
                Action::Cancel | Action::Quit => {}
                _ => self.dialog = Some(Dialog::RestoreChoice { adopt, other }),
            },
            Dialog::Confirm {
                plan, mut typed, ..
            } => {
                let word = match &plan.confirm {
                    Confirm::YesNo | Confirm::Seen => None,
                    Confirm::Typed(w) => Some(w.clone()),
                };
                match (action, word) {
                    (Action::Yes | Action::Confirm, None) => {
                        return self.run(plan);
                    }
                    (Action::No | Action::Cancel, None) | (Action::Cancel, Some(_)) => {}
                    (Action::Input(c), Some(_)) => {
                        typed.push(c);
                        self.dialog = Some(Dialog::Confirm {
                            plan,
                            typed,
                            mismatch: false,
                        });
                    }
                    (Action::Backspace, Some(_)) => {
                        typed.pop();
                        self.dialog = Some(Dialog::Confirm {
                            plan,
                            typed,
                            mismatch: false,
                        });
                    }
                    (Action::Confirm, Some(w)) => {
                        // A space typed before or after the word is no mismatch.
                        if typed.trim() == w {
                            return self.run(plan);
                        }
                        self.dialog = Some(Dialog::Confirm {
                            plan,
                            typed,
                            mismatch: true,
                        });
                    }
                    _ => {
                        self.dialog = Some(Dialog::Confirm {
                            plan,
                            typed,
                            mismatch: false,
                        });
                    }
                }
            }
        }
        Vec::new()
    }

    fn choose_cleanup(&mut self, path: CleanupPath) {
        self.options.cleanup = path;
        self.show_plan();
    }

    fn run(&mut self, plan: Plan) -> Vec<Command> {
        let step = plan.step;
        self.running = Some((step, None));
        self.note(
            Text::new("log-action-started").arg("step", step.title()),
            false,
        );
        vec![Command::RunAction(Box::new(plan))]
    }
}

/// The cleanup path after (`forward`) or before `choice` in the dialog's order, wrapping
/// around; from no choice, forward is the first path and back the last.
fn step_choice(choice: Option<CleanupPath>, forward: bool) -> CleanupPath {
    let all = CleanupPath::ALL;
    let n = all.len();
    let next = match (
        choice.and_then(|c| all.iter().position(|p| *p == c)),
        forward,
    ) {
        (Some(i), true) => (i + 1) % n,
        (Some(i), false) => (i + n - 1) % n,
        (None, true) => 0,
        (None, false) => n - 1,
    };
    all[next]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::action as keymap;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn app() -> App {
        App::new(
            Lang::De,
            Config::default(),
            Mode::Simulation { speed: 15.0 },
            "2026-11-25T09:00:00Z".parse().expect("time"),
        )
    }

    fn press(app: &mut App, c: char) -> Vec<Command> {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        match keymap(app, &key) {
            Some(action) => app.update(Msg::Action(action)),
            None => Vec::new(),
        }
    }

    #[test]
    fn digits_and_g_with_a_number_jump_to_a_step() {
        let mut app = app();
        assert_eq!(press(&mut app, '7'), [Command::Focus(StepId::Restore)]);
        assert_eq!(app.selected, StepId::Restore);
        press(&mut app, 'g');
        assert_eq!(app.goto.as_deref(), Some(""));
        press(&mut app, '1');
        assert_eq!(app.selected, StepId::Restore, "one digit after g waits");
        // Step 12, whichever it is.
        let twelfth = StepId::ALL[11];
        assert_eq!(press(&mut app, '2'), [Command::Focus(twelfth)]);
        assert_eq!(app.goto, None);
        // g, a digit and Enter; Esc gives up.
        press(&mut app, 'g');
        press(&mut app, '4');
        app.update(Msg::Action(Action::Perform));
        assert_eq!(app.selected, StepId::CreateTodos);
        press(&mut app, 'g');
        app.update(Msg::Action(Action::Cancel));
        assert_eq!(app.goto, None);
        // A number without a step says so on the key line.
        press(&mut app, '0');
        assert_eq!(
            app.flash.as_ref().map(|t| t.id.as_str()),
            Some("ui-goto-no-step")
        );
        assert_eq!(app.selected, StepId::CreateTodos);
    }

    #[test]
    fn the_instructor_pauses_and_speeds_up_the_simulated_clock() {
        let mut app = app();
        assert_eq!(press(&mut app, 'z'), [Command::Clock(ClockControl::Pause)]);
        assert!(matches!(app.pace, Pace::Sim { paused: true, .. }));
        assert_eq!(press(&mut app, 'z'), [Command::Clock(ClockControl::Resume)]);
        assert_eq!(
            press(&mut app, '+'),
            [Command::Clock(ClockControl::Speed(30.0))]
        );
        assert_eq!(
            app.mode,
            Mode::Simulation { speed: 30.0 },
            "the header follows"
        );
        assert_eq!(
            press(&mut app, '-'),
            [Command::Clock(ClockControl::Speed(15.0))]
        );
        for _ in 0..10 {
            press(&mut app, '+');
        }
        assert_eq!(app.mode, Mode::Simulation { speed: 300.0 });
        assert!(press(&mut app, '+').is_empty());
        assert_eq!(
            app.flash.as_ref().map(|t| t.id.as_str()),
            Some("ui-clock-speed-limit")
        );
        // AWS's clock is not the app's to change.
        let mut aws = App::new(
            Lang::En,
            Config::default(),
            Mode::Aws {
                account: "1".into(),
                region: "us-east-1".into(),
            },
            app.now,
        );
        assert!(press(&mut aws, 'z').is_empty());
        assert_eq!(
            aws.flash.as_ref().map(|t| t.id.as_str()),
            Some("ui-clock-sim-only")
        );
    }

    #[test]
    fn a_fresh_world_needs_the_typed_word() {
        let mut app = app();
        let key = KeyEvent::new(KeyCode::Char('R'), KeyModifiers::SHIFT);
        let action = keymap(&app, &key).expect("R");
        app.update(Msg::Action(action));
        assert!(matches!(app.dialog, Some(Dialog::FreshWorld { .. })));
        for c in "rest".chars() {
            press(&mut app, c);
        }
        assert!(app.update(Msg::Action(Action::Confirm)).is_empty());
        assert!(matches!(
            app.dialog,
            Some(Dialog::FreshWorld { mismatch: true, .. })
        ));
        app.update(Msg::Action(Action::Backspace));
        for c in "et".chars() {
            press(&mut app, c);
        }
        assert_eq!(
            app.update(Msg::Action(Action::Confirm)),
            [Command::FreshWorld {
                lang: Lang::De,
                present: false
            }]
        );
        assert!(app.quit);
    }

    #[test]
    fn keys_that_do_nothing_on_a_step_say_why() {
        let mut app = app();
        app.select(StepId::Protection.index());
        // A step that only explains: Enter says so.
        app.update(Msg::Action(Action::Perform));
        assert_eq!(app.dialog, None);
        assert_eq!(
            app.flash.as_ref().map(|t| t.id.as_str()),
            Some("ui-no-action")
        );
        // The next key takes the line back.
        app.update(Msg::Action(Action::ScrollDown));
        assert_eq!(app.flash, None);
        // s on a step without questions.
        let without = StepId::ALL
            .into_iter()
            .find(|s| crate::lab::quiz::of_step(*s).is_empty())
            .expect("a step without questions");
        app.select(without.index());
        press(&mut app, 's');
        assert_eq!(app.quiz, None);
        assert_eq!(
            app.flash.as_ref().map(|t| t.id.as_str()),
            Some("ui-quiz-none")
        );
    }

    #[test]
    fn the_language_switches_with_a_dialog_open_and_the_dialog_stays() {
        let mut app = app();
        app.dialog = Some(Dialog::Notice {
            title: Text::new("dialog-busy"),
            lines: Vec::new(),
            is_error: false,
        });
        let key = KeyEvent::new(KeyCode::Char('L'), KeyModifiers::SHIFT);
        let action = keymap(&app, &key).expect("a key for L");
        app.update(Msg::Action(action));
        assert_eq!(app.lang, Lang::En);
        assert_eq!(app.options.lang, Lang::En, "sample todos follow");
        assert!(app.dialog.is_some(), "the dialog is still open");
    }

    #[test]
    fn the_steps_after_the_restore_name_the_adopted_database() {
        use crate::lab::journal::{Event, EventKind};
        let mut app = app();
        let at: Timestamp = "2026-11-25T08:00:00Z".parse().expect("time");
        app.journal = Journal::from_events(vec![Event {
            at,
            seen: at,
            kind: EventKind::RestoreAdopted {
                instance: "my-restore".into(),
            },
        }]);
        let restored = |step: StepId| {
            app.name_args(step)
                .into_iter()
                .find(|(name, _)| name == "restored")
                .map(|(_, value)| value.render(Lang::En))
        };
        assert_eq!(restored(StepId::Cleanup).as_deref(), Some("my-restore"));
        assert_eq!(
            restored(StepId::SwitchBackend).as_deref(),
            Some("my-restore")
        );
        // The restore step teaches the lab's name.
        assert_eq!(
            restored(StepId::Restore).as_deref(),
            Some("workshop-db-restore")
        );
    }

    #[test]
    fn the_restore_point_is_offered_and_another_one_can_be_typed() {
        use crate::lab::journal::{Event, EventKind};
        let mut app = app();
        app.config.backup.timezone = Some("Europe/Zurich".into());
        let at = |s: &str| -> Timestamp { s.parse().expect("time") };
        let todos = (1..=5)
            .map(|n| (crate::cloud::TodoId::from(n), format!("todo {n}")))
            .collect();
        app.journal = Journal::from_events(vec![
            Event {
                at: at("2026-11-25T08:00:00Z"),
                seen: at("2026-11-25T08:00:00Z"),
                kind: EventKind::Todos { todos },
            },
            Event {
                at: at("2026-11-25T08:40:00Z"),
                seen: at("2026-11-25T08:40:00Z"),
                kind: EventKind::Disaster {
                    lost: vec!["todo 1".into()],
                    full_until: Some(at("2026-11-25T08:10:00Z")),
                },
            },
        ]);
        app.selected = StepId::Pitr;
        app.update(Msg::Action(Action::Perform));
        // Not watched: the last moment the full list was seen, in the learner's zone.
        let Some(Dialog::RestoreTime {
            input, proposed, ..
        }) = app.dialog.clone()
        else {
            panic!("the moment is asked for: {:?}", app.dialog);
        };
        assert_eq!(proposed, "09:10:00");
        assert_eq!(input, proposed);
        for _ in 0..8 {
            app.update(Msg::Action(Action::Backspace));
        }
        for c in "09:3x0:00".chars() {
            app.update(Msg::Action(Action::Input(c)));
        }
        app.update(Msg::Action(Action::Confirm));
        // The x was not taken.
        assert_eq!(app.options.restore_time.as_deref(), Some("09:30:00"));
        // Nonsense is refused in the dialog, with the reason.
        app.options.restore_time = None;
        app.dialog = Some(Dialog::RestoreTime {
            input: "99:99".into(),
            proposed: "09:10:00".into(),
            error: None,
        });
        app.update(Msg::Action(Action::Confirm));
        assert!(matches!(
            app.dialog,
            Some(Dialog::RestoreTime { error: Some(_), .. })
        ));
        assert_eq!(app.options.restore_time, None);
    }

    #[test]
    fn the_cleanup_choice_starts_with_nothing_chosen_and_offers_three_ways() {
        let mut app = app();
        app.selected = StepId::Cleanup;
        app.update(Msg::Action(Action::Perform));
        assert_eq!(app.dialog, Some(Dialog::CleanupChoice { choice: None }));
        // Enter without a choice chooses nothing.
        app.update(Msg::Action(Action::Confirm));
        assert_eq!(app.dialog, Some(Dialog::CleanupChoice { choice: None }));
        let seen: Vec<Option<CleanupPath>> = (0..4)
            .map(|_| {
                app.update(Msg::Action(Action::ScrollDown));
                match app.dialog {
                    Some(Dialog::CleanupChoice { choice }) => choice,
                    _ => panic!("still the choice"),
                }
            })
            .collect();
        assert_eq!(
            seen,
            [
                Some(CleanupPath::KeepRestored),
                Some(CleanupPath::CopyBack),
                Some(CleanupPath::GoBack),
                Some(CleanupPath::KeepRestored)
            ]
        );
        app.dialog = Some(Dialog::CleanupChoice { choice: None });
        app.update(Msg::Action(Action::ScrollUp));
        assert_eq!(
            app.dialog,
            Some(Dialog::CleanupChoice {
                choice: Some(CleanupPath::GoBack)
            }),
            "up from nothing is the last way"
        );
        let c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE);
        let action = keymap(&app, &c).expect("a key for c");
        app.update(Msg::Action(action));
        assert_eq!(app.options.cleanup, CleanupPath::CopyBack);
        assert!(
            !matches!(app.dialog, Some(Dialog::CleanupChoice { .. })),
            "the plan (or why there is none) follows"
        );
    }

    #[test]
    fn the_typed_word_may_have_a_space_around_it() {
        let mut app = app();
        let plan = Plan {
            step: StepId::Cleanup,
            options: app.options.clone(),
            request: crate::lab::plan::Request::Verify,
            params: Vec::new(),
            commands: Vec::new(),
            notes: Vec::new(),
            confirm: Confirm::Typed("ondemandbackup".into()),
        };
        app.dialog = Some(Dialog::Confirm {
            plan: plan.clone(),
            typed: "ondemandbackup ".into(),
            mismatch: false,
        });
        let commands = app.update(Msg::Action(Action::Confirm));
        assert_eq!(commands, vec![Command::RunAction(Box::new(plan.clone()))]);
        app.running = None;
        app.dialog = Some(Dialog::Confirm {
            plan,
            typed: "ondemand".into(),
            mismatch: false,
        });
        assert!(app.update(Msg::Action(Action::Confirm)).is_empty());
        assert!(matches!(
            app.dialog,
            Some(Dialog::Confirm { mismatch: true, .. })
        ));
    }

    #[test]
    fn read_only_refuses_cleanup_before_any_choice() {
        let mut app = app();
        app.read_only = true;
        app.selected = StepId::Cleanup;
        app.update(Msg::Action(Action::Perform));
        assert!(matches!(
            &app.dialog,
            Some(Dialog::Notice { title, is_error: true, .. }) if title.id == "dialog-read-only"
        ));
    }

    #[test]
    fn while_typing_a_word_l_is_a_letter() {
        let mut app = app();
        app.dialog = Some(Dialog::Window {
            input: String::new(),
            error: None,
        });
        let key = KeyEvent::new(KeyCode::Char('L'), KeyModifiers::SHIFT);
        assert_eq!(keymap(&app, &key), Some(Action::Input('L')));
    }

    #[test]
    fn the_next_step_starts_at_the_first_and_follows_the_learner_past_reading_steps() {
        let mut app = app();
        assert_eq!(
            app.next_step(),
            Some(StepId::Concepts),
            "▶ on the step shown"
        );
        app.update(Msg::Action(Action::NextStep));
        assert_eq!(app.next_step(), Some(StepId::Protection));
        app.update(Msg::Action(Action::NextStep));
        app.update(Msg::Action(Action::PrevStep));
        assert_eq!(
            app.next_step(),
            Some(StepId::EnableBackups),
            "the reading steps passed stay passed; the first lab step is next"
        );
    }
}
