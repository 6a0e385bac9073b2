//! The TUI's state and its one update function. `App::update(Msg) -> Vec<Command>` does no
//! I/O and never waits: key presses arrive as [`Action`]s (made in one place, `keymap`), cloud
//! results as [`Msg::State`] snapshots from the worker, and everything the app wants done in
//! the world leaves as a [`Command`].
//!
//! The app keeps the lab screen; each screen in front of it is its own state type in its own
//! file, which owns its keys (`on(Action, …) -> Outcome`) and is drawn from its own state:
//! [`dialog::Dialog`], [`quiz::QuizAt`] (the self-check), [`help::Help`] and
//! [`welcome::Welcome`]. The app hands a key to the screen in front and carries out the
//! [`Outcome`].

pub mod dialog;
pub mod help;
pub mod quiz;
pub mod welcome;

use jiff::Timestamp;

use crate::cloud::recorder::CallRecord;
use crate::cloud::{ClockControl, CloudError, Identity, Mode, Pace};
use crate::config::Config;
use crate::i18n::Lang;
use crate::keymap::KeyMode;
use crate::lab::act::ActionError;
use crate::lab::ask::Ask;
use crate::lab::journal::Journal;
use crate::lab::plan::{Options, Plan, Ready, Setting};
use crate::lab::recovery::{self, Recovery};
use crate::lab::steps::{self, Ctx};
use crate::lab::{Check, Observed, StepId, Text};
use crate::msg;

use crate::action::Action;
use crate::protocol::{Command, Msg};
pub use dialog::{Dialog, FRESH_WORD};
pub use help::Help;
pub use quiz::QuizAt;
pub use welcome::Welcome;

/// Colour scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Theme {
    #[default]
    Dark,
    Light,
}

/// The speeds an instructor steps through with + and −.
pub const SPEEDS: [f64; 9] = [1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0];

/// What fills the terminal.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    /// The lab.
    Lab,
    /// No AWS account could be reached: the problem, how to get credentials, the offer to
    /// continue in the simulation.
    Welcome(Welcome),
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
    /// The open dialog's or help's rows per PgDn and how far it can scroll.
    pub overlay_page: u16,
    pub overlay_max: u16,
}

impl Layout {
    /// The open overlay's `(page, scroll_max)`, as dialogs and the help scroll by.
    #[must_use]
    pub fn overlay(&self) -> (u16, u16) {
        (self.overlay_page, self.overlay_max)
    }
}

impl Default for Layout {
    fn default() -> Self {
        Self {
            scroll_max: u16::MAX,
            page: 10,
            shows_time: true,
            overlay_page: 5,
            overlay_max: MAX_DIALOG_SCROLL,
        }
    }
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
    [u16; 2],
    (Option<Dialog>, Option<QuizAt>),
    Option<Help>,
    bool,
    Lang,
    bool,
    (usize, Option<String>, Option<Text>),
);

/// A bound for dialog scrolling until the view has said how long the dialog is.
const MAX_DIALOG_SCROLL: u16 = 200;

/// The lab's state, the screens in front of it and what the worker last said.
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent switches (projector, read-only, CloudShell, quitting), not a state machine"
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
    /// How far the instructions are scrolled (rows).
    pub scroll: u16,
    pub observed: Observed,
    pub journal: Journal,
    /// The calls the worker made, as it last said.
    pub calls: Calls,
    pub notes: Vec<Note>,
    pub now: Timestamp,
    /// The dialog in front of the screen.
    pub dialog: Option<Dialog>,
    /// How far the open dialog is scrolled (rows); 0 when a dialog opens.
    pub dialog_scroll: u16,
    /// The help overlay, when it is open.
    pub help: Option<Help>,
    /// The self-check question on screen, when the questions are open.
    pub quiz: Option<QuizAt>,
    /// Projector mode: large type, the instructions and the status only.
    pub present: bool,
    /// Whether the steps show their console path unfolded (`c`); folded by default, so the
    /// explanation fits in a few pages at 80×24.
    pub console: bool,
    pub read_only: bool,
    /// Running in AWS CloudShell (shown in the header next to the account).
    pub cloudshell: bool,
    pub running: Option<(StepId, Option<Text>)>,
    /// How the cloud's clock moves (the header shows it; + − and z change it).
    pub pace: Pace,
    /// The key line's own state: a step's number being typed, the answer to the last key.
    pub key_line: KeyLine,
    /// The latest journal write that failed, once the learner has been told.
    pub journal_problem: Option<String>,
    pub options: Options,
    pub quit: bool,
    /// Bumped on every change that should be redrawn.
    pub generation: u64,
    pub screen: Screen,
    /// How the screen is drawn and what the last drawing made of it.
    pub display: Display,
    /// Every step's check, computed once per state and clock reading.
    checks: CheckCache,
}

/// The calls the worker made, as its newest state says.
#[derive(Debug, Clone, Default)]
pub struct Calls {
    /// The newest calls, for the event log.
    pub records: Vec<CallRecord>,
    /// Calls made in all.
    pub count: u64,
    /// Calls to the todo app among `count`.
    pub app_count: u64,
}

/// The line of keys at the bottom, while it says something else than the keys.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KeyLine {
    /// A step's number being typed after `g`.
    pub goto: Option<String>,
    /// A short answer to the last key, on the key line until the next key: why a key did
    /// nothing, what it changed.
    pub flash: Option<Text>,
}

/// How the screen is drawn, and what the last drawing made of it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Display {
    pub theme: Theme,
    pub no_color: bool,
    /// The terminal's size (columns, rows).
    pub viewport: (u16, u16),
    pub layout: Layout,
}

/// Every step's check for the state and time they were computed at: a frame asks for them
/// many times (list, counters, panel, "now" block), one computation serves them all.
#[derive(Default)]
struct CheckCache {
    /// States received so far.
    states: u64,
    computed: std::cell::RefCell<Option<Checks>>,
}

/// The checks of every step (in [`StepId::ALL`] order) at one state and time.
struct Checks {
    state: u64,
    now: Timestamp,
    by_step: Vec<Option<Check>>,
}

/// What a screen in front of the lab made of a key, for the app to carry out.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The screen stays open (changed or not).
    Stay,
    /// The screen closes.
    Close,
    /// The screen stays open and is read again in the other language.
    ToggleLang,
    /// The learner leaves the app.
    Quit,
    /// The screen stays open; these go to the worker.
    Send(Vec<Command>),
    /// The screen closes with a choice for the step's action: the app takes it into the
    /// options and shows the plan (or why there is none).
    Choose(Setting),
    /// The screen closes and the confirmed plan runs.
    Run(Box<Plan>),
    /// Leave and start again in a fresh simulated world.
    FreshWorld,
    /// Welcome screen: continue in the simulated account.
    UseSimulation,
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
            calls: Calls::default(),
            notes: Vec::new(),
            now,
            dialog: None,
            dialog_scroll: 0,
            help: None,
            quiz: None,
            present: false,
            console: false,
            read_only: false,
            cloudshell: false,
            running: None,
            pace,
            key_line: KeyLine::default(),
            journal_problem: None,
            options,
            quit: false,
            generation: 0,
            screen: Screen::Lab,
            display: Display {
                viewport: (80, 24),
                ..Display::default()
            },
            checks: CheckCache::default(),
        }
    }

    /// The welcome screen, shown when `error` kept the app from reaching AWS.
    #[must_use]
    pub fn welcome(lang: Lang, config: Config, error: CloudError, now: Timestamp) -> Self {
        let mut app = Self::new(lang, config, Mode::Simulation { speed: 1.0 }, now);
        app.screen = Screen::Welcome(Welcome { error });
        app
    }

    /// Which key table applies now.
    #[must_use]
    pub fn key_mode(&self) -> KeyMode {
        if matches!(self.screen, Screen::Welcome(_)) {
            return KeyMode::Welcome;
        }
        match &self.dialog {
            Some(dialog) if dialog.takes_text() => KeyMode::Input,
            Some(_) => KeyMode::Dialog,
            None if self.help.is_some() => KeyMode::Help,
            None if self.quiz.is_some() => KeyMode::Quiz,
            None => KeyMode::Main,
        }
    }

    /// The action a key press means with the app as it is: the keymap's table for the mode
    /// in front of the learner, read in the app's language. In German `j` answers yes and
    /// never scrolls; in English it scrolls and never answers, so reading a long plan with a
    /// scroll key never starts it.
    #[must_use]
    pub fn action(&self, key: &crossterm::event::KeyEvent) -> Option<Action> {
        crate::keymap::action_in(self.key_mode(), key, self.lang)
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
        let mut cache = self.checks.computed.borrow_mut();
        let fresh = cache
            .as_ref()
            .is_some_and(|c| c.state == self.checks.states && c.now == self.now);
        if !fresh {
            let ctx = self.ctx();
            *cache = Some(Checks {
                state: self.checks.states,
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
            if now.as_second() != self.now.as_second() && self.display.layout.shows_time {
                self.generation += 1;
            }
            self.now = now;
            return Vec::new();
        }
        if let Msg::Action(action) = msg {
            let before = self.fingerprint();
            let flashed = self.key_line.flash.take().is_some();
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
                self.checks.states += 1;
                self.calls = Calls {
                    records: snapshot.calls,
                    count: snapshot.call_count,
                    app_count: snapshot.app_call_count,
                };
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
                        self.note(Text::new(msg::PLAN_CHANGED), true);
                        let mut plan = *plan;
                        plan.notes.insert(0, Text::new(msg::PLAN_CHANGED));
                        self.show_ready(Ready::Plan(plan));
                    }
                    Err(e) => {
                        let text = crate::ui_text::action_error_text(&e);
                        self.note(text.clone(), true);
                        self.dialog = Some(Dialog::Notice {
                            title: Text::new(msg::DIALOG_ACTION_FAILED),
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
                    let text = Text::new(msg::JOURNAL_UNWRITABLE).arg("reason", reason);
                    self.note(text.clone(), true);
                    self.dialog.get_or_insert(Dialog::Notice {
                        title: Text::new(msg::DIALOG_JOURNAL),
                        lines: vec![text],
                        is_error: true,
                    });
                }
            }
            Msg::Resize(width, height) => self.display.viewport = (width, height),
        }
        Vec::new()
    }

    /// What a key can change on screen; an action that leaves it alone needs no redraw.
    fn fingerprint(&self) -> Fingerprint {
        (
            self.selected,
            [self.scroll, self.dialog_scroll],
            (self.dialog.clone(), self.quiz),
            self.help,
            self.present,
            self.lang,
            self.quit,
            (
                self.notes.len(),
                self.key_line.goto.clone(),
                self.key_line.flash.clone(),
            ),
        )
    }

    fn scroll_to(&mut self, row: u16) {
        self.scroll = row.min(self.display.layout.scroll_max);
    }

    fn on_action(&mut self, action: Action) -> Vec<Command> {
        if let Screen::Welcome(welcome) = &self.screen {
            let outcome = welcome.on(action);
            return self.carry_out(outcome);
        }
        if let Some(mut dialog) = self.dialog.take() {
            let ctx = Ctx {
                observed: &self.observed,
                journal: &self.journal,
                config: &self.config,
                now: self.now,
            };
            let extent = self.display.layout.overlay();
            let outcome = dialog.on(action, &mut self.dialog_scroll, extent, &ctx);
            if matches!(outcome, Outcome::Stay | Outcome::ToggleLang) {
                self.dialog = Some(dialog);
            }
            return self.carry_out(outcome);
        }
        if let Some(help) = &mut self.help {
            let outcome = help.on(action, self.display.layout.overlay());
            if outcome == Outcome::Close {
                self.help = None;
            }
            return self.carry_out(outcome);
        }
        if let Some(quiz) = &mut self.quiz {
            let outcome = quiz.on(action, &mut self.journal, self.now);
            if outcome == Outcome::Close {
                self.quiz = None;
            }
            return self.carry_out(outcome);
        }
        if let Some(number) = self.key_line.goto.take() {
            return self.on_goto(number, action);
        }
        match action {
            Action::Digit(n) => return self.jump(usize::from(n)),
            Action::GoTo => {
                self.key_line.goto = Some(String::new());
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
                self.scroll_to(self.scroll.saturating_sub(self.display.layout.page.max(1)));
            }
            Action::PageDown => {
                self.scroll_to(self.scroll.saturating_add(self.display.layout.page.max(1)));
            }
            Action::ScrollTop => self.scroll = 0,
            Action::ScrollEnd => self.scroll_to(u16::MAX),
            Action::ToggleLang => {
                self.lang = self.lang.other();
                self.options.lang = self.lang;
            }
            Action::ToggleHelp => self.help = Some(Help::default()),
            Action::TogglePresent => self.present = !self.present,
            Action::ToggleConsole => self.console = !self.console,
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
            | Action::Pick(_)
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
        self.key_line.flash = Some(
            Text::new(msg::UI_GOTO_NO_STEP)
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
                self.key_line.goto = Some(number);
            }
            Action::Backspace => {
                number.pop();
                self.key_line.goto = Some(number);
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
            self.key_line.flash = Some(Text::new(msg::UI_CLOCK_SIM_ONLY));
            return Vec::new();
        };
        if self.read_only {
            self.key_line.flash = Some(Text::new(msg::UI_CLOCK_READ_ONLY));
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
                    self.key_line.flash = Some(
                        Text::new(msg::UI_CLOCK_SPEED_LIMIT)
                            .arg("speed", crate::format::speed(speed)),
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
        self.key_line.flash = Some(match control {
            ClockControl::Pause => Text::new(msg::UI_CLOCK_PAUSED),
            ClockControl::Resume => Text::new(msg::UI_CLOCK_RESUMED),
            ClockControl::Speed(s) => {
                Text::new(msg::UI_CLOCK_SPEED).arg("speed", crate::format::speed(s))
            }
        });
        self.update_inner(Msg::Pace(pace));
        vec![Command::Clock(control)]
    }

    /// A fresh simulated world, once the word is typed; on AWS, or while an action runs, it
    /// says why not.
    fn ask_fresh_world(&mut self) {
        if !matches!(self.mode, Mode::Simulation { .. }) {
            self.key_line.flash = Some(Text::new(msg::UI_FRESH_SIM_ONLY));
        } else if self.read_only {
            self.key_line.flash = Some(Text::new(msg::UI_FRESH_READ_ONLY));
        } else if let Some((running, _)) = self.running {
            self.dialog = Some(Dialog::Notice {
                title: Text::new(msg::DIALOG_BUSY),
                lines: vec![Text::new(msg::BUSY_RUNNING).arg("step", running.title())],
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
        if let Some(at) = QuizAt::open(self.selected, &self.journal) {
            self.quiz = Some(at);
        } else {
            // Names the steps that have questions (the step list shows no mark for them).
            let with: Vec<String> = StepId::ALL
                .into_iter()
                .filter(|s| !crate::lab::quiz::of_step(*s).is_empty())
                .map(|s| (s.index() + 1).to_string())
                .collect();
            self.key_line.flash = Some(Text::new(msg::UI_QUIZ_NONE).arg("steps", with.join(", ")));
        }
    }

    /// Carries out what the screen in front made of a key.
    fn carry_out(&mut self, outcome: Outcome) -> Vec<Command> {
        match outcome {
            Outcome::Stay | Outcome::Close => Vec::new(),
            Outcome::ToggleLang => {
                self.lang = self.lang.other();
                self.options.lang = self.lang;
                Vec::new()
            }
            Outcome::Quit => {
                self.quit = true;
                vec![Command::Quit]
            }
            Outcome::Send(commands) => commands,
            Outcome::Choose(setting) => {
                self.options.set(setting);
                self.show_plan();
                Vec::new()
            }
            Outcome::Run(plan) => self.run(*plan),
            Outcome::FreshWorld => {
                self.quit = true;
                vec![Command::FreshWorld {
                    lang: self.lang,
                    present: self.present,
                }]
            }
            Outcome::UseSimulation => {
                self.screen = Screen::Lab;
                vec![Command::UseSimulation]
            }
        }
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
            self.key_line.flash = Some(Text::new(msg::UI_NO_ACTION));
            return;
        }
        if self.read_only {
            self.dialog = Some(Dialog::Notice {
                title: Text::new(msg::DIALOG_READ_ONLY),
                lines: vec![Text::new(msg::READ_ONLY_REFUSED)],
                is_error: true,
            });
            return;
        }
        if let Some((running, _)) = self.running {
            self.dialog = Some(Dialog::Notice {
                title: Text::new(msg::DIALOG_BUSY),
                lines: vec![Text::new(msg::BUSY_RUNNING).arg("step", running.title())],
                is_error: true,
            });
            return;
        }
        match steps::get(step).ask(&self.ctx(), &self.options) {
            None => self.show_plan(),
            Some(Ask::Notice {
                title,
                text,
                is_error,
            }) => self.dialog = Some(Dialog::notice(title, text, is_error)),
            Some(Ask::Choose(choices)) => self.dialog = Some(Dialog::Choose { step, choices }),
            Some(Ask::Type(field)) => {
                self.dialog = Some(Dialog::Type {
                    step,
                    input: field.value.clone(),
                    field,
                    error: None,
                });
            }
        }
    }

    /// The names `step`'s texts fill in. After the restore they name this run's restored
    /// database (an adopted one too); the restore step itself names the lab's. After the
    /// backups step, the retention and window are the ones the account has (in local time),
    /// not the ones last typed.
    #[must_use]
    pub fn name_args(&self, step: StepId) -> Vec<(String, crate::lab::Arg)> {
        let mut args = crate::lab::name_args(&self.config, self.options.window_local);
        if step > StepId::EnableBackups
            && let Some(source) = self.observed.instance(&self.config.names.instance)
            && source.retention_days > 0
            && let Some(window) = source.backup_window
        {
            let tz = self.config.timezone();
            let today = self.now.to_zoned(tz.clone()).date();
            for (name, value) in &mut args {
                match name.as_str() {
                    "retention" => *value = source.retention_days.into(),
                    "window" => {
                        if let Some(local) = window.to_local(&tz, today) {
                            *value = local.into();
                        }
                    }
                    _ => {}
                }
            }
        }
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
                title: Text::new(msg::DIALOG_ALREADY_DONE),
                lines: vec![text],
                is_error: false,
            },
            Ready::Blocked(text) => Dialog::Notice {
                title: Text::new(msg::DIALOG_NOT_YET),
                lines: vec![text],
                is_error: true,
            },
            Ready::Invalid(e) => Dialog::Notice {
                title: Text::new(msg::DIALOG_INVALID),
                lines: vec![crate::ui_text::invalid_text(&e)],
                is_error: true,
            },
        });
    }

    fn run(&mut self, plan: Plan) -> Vec<Command> {
        let step = plan.step;
        self.running = Some((step, None));
        self.note(
            Text::new(msg::LOG_ACTION_STARTED).arg("step", step.title()),
            false,
        );
        vec![Command::RunAction(Box::new(plan))]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::plan::{CleanupPath, Confirm};

    fn keymap(app: &App, key: &KeyEvent) -> Option<Action> {
        app.action(key)
    }
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
        assert_eq!(app.key_line.goto.as_deref(), Some(""));
        press(&mut app, '1');
        assert_eq!(app.selected, StepId::Restore, "one digit after g waits");
        // Step 12, whichever it is.
        let twelfth = StepId::ALL[11];
        assert_eq!(press(&mut app, '2'), [Command::Focus(twelfth)]);
        assert_eq!(app.key_line.goto, None);
        // g, a digit and Enter; Esc gives up.
        press(&mut app, 'g');
        press(&mut app, '4');
        app.update(Msg::Action(Action::Perform));
        assert_eq!(app.selected, StepId::CreateTodos);
        press(&mut app, 'g');
        app.update(Msg::Action(Action::Cancel));
        assert_eq!(app.key_line.goto, None);
        // A number without a step says so on the key line.
        press(&mut app, '0');
        assert_eq!(
            app.key_line.flash.as_ref().map(|t| t.id.as_str()),
            Some(msg::UI_GOTO_NO_STEP.as_str())
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
            app.key_line.flash.as_ref().map(|t| t.id.as_str()),
            Some(msg::UI_CLOCK_SPEED_LIMIT.as_str())
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
            aws.key_line.flash.as_ref().map(|t| t.id.as_str()),
            Some(msg::UI_CLOCK_SIM_ONLY.as_str())
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
            app.key_line.flash.as_ref().map(|t| t.id.as_str()),
            Some(msg::UI_NO_ACTION.as_str())
        );
        // The next key takes the line back.
        app.update(Msg::Action(Action::ScrollDown));
        assert_eq!(app.key_line.flash, None);
        // s on a step without questions.
        let without = StepId::ALL
            .into_iter()
            .find(|s| crate::lab::quiz::of_step(*s).is_empty())
            .expect("a step without questions");
        app.select(without.index());
        press(&mut app, 's');
        assert_eq!(app.quiz, None);
        assert_eq!(
            app.key_line.flash.as_ref().map(|t| t.id.as_str()),
            Some(msg::UI_QUIZ_NONE.as_str())
        );
    }

    #[test]
    fn the_language_switches_with_a_dialog_open_and_the_dialog_stays() {
        let mut app = app();
        app.dialog = Some(Dialog::Notice {
            title: Text::new(msg::DIALOG_BUSY),
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
        let Some(Dialog::Type { input, field, .. }) = app.dialog.clone() else {
            panic!("the moment is asked for: {:?}", app.dialog);
        };
        assert_eq!(field.value, "09:10:00");
        assert_eq!(input, field.value);
        assert_eq!(field.flag, Some("--restore-time"));
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
        app.dialog = Some(Dialog::Type {
            step: StepId::Pitr,
            field: field.clone(),
            input: "99:99".into(),
            error: None,
        });
        app.update(Msg::Action(Action::Confirm));
        assert!(matches!(
            app.dialog,
            Some(Dialog::Type { error: Some(_), .. })
        ));
        assert_eq!(app.options.restore_time, None);
    }

    /// The way marked in the open choice dialog.
    fn marked(app: &App) -> Option<Setting> {
        match &app.dialog {
            Some(Dialog::Choose { choices, .. }) => {
                choices.chosen.map(|i| choices.choices[i].sets.clone())
            }
            other => panic!("still the choice: {other:?}"),
        }
    }

    #[test]
    fn the_cleanup_choice_starts_with_nothing_chosen_and_offers_three_ways() {
        let cleanup = |path| Some(Setting::Cleanup(path));
        let mut app = app();
        // Something to delete: the lab's snapshot (with nothing left, no choice is asked).
        let snapshot = crate::cloud::DbSnapshot {
            id: app.config.names.snapshot.clone(),
            instance_id: app.config.names.instance.clone(),
            status: crate::cloud::SnapshotStatus::Available,
            percent: 100,
            kind: crate::cloud::SnapshotKind::Manual,
            created: Some(app.now),
            created_by_tool: true,
            arn: String::new(),
        };
        app.observed.snapshots.take(Ok(vec![snapshot]), app.now);
        app.selected = StepId::Cleanup;
        app.update(Msg::Action(Action::Perform));
        assert_eq!(marked(&app), None);
        // Enter without a choice chooses nothing.
        app.update(Msg::Action(Action::Confirm));
        assert_eq!(marked(&app), None);
        let opened = app.dialog.clone();
        let seen: Vec<Option<Setting>> = (0..4)
            .map(|_| {
                app.update(Msg::Action(Action::ScrollDown));
                marked(&app)
            })
            .collect();
        assert_eq!(
            seen,
            [
                cleanup(CleanupPath::KeepRestored),
                cleanup(CleanupPath::CopyBack),
                cleanup(CleanupPath::GoBack),
                cleanup(CleanupPath::KeepRestored)
            ]
        );
        app.dialog = opened;
        app.update(Msg::Action(Action::ScrollUp));
        assert_eq!(
            marked(&app),
            cleanup(CleanupPath::GoBack),
            "up from nothing is the last way"
        );
        let c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE);
        let action = keymap(&app, &c).expect("a key for c");
        assert_eq!(action, Action::Pick('c'));
        app.update(Msg::Action(action));
        assert_eq!(app.options.cleanup, CleanupPath::CopyBack);
        assert!(
            !matches!(app.dialog, Some(Dialog::Choose { .. })),
            "the plan (or why there is none) follows"
        );
    }

    #[test]
    fn every_way_a_step_offers_has_its_texts_and_a_key_the_dialog_reads() {
        use crate::lab::steps;
        for step in StepId::ALL {
            for choice in steps::get(step).choices() {
                for id in [choice.label, choice.detail] {
                    for lang in [Lang::De, Lang::En] {
                        assert!(crate::i18n::has(lang, id.as_str()), "{id} in {lang:?}");
                    }
                }
                // The flag that takes the same way on the command line is one `run` reads.
                if let Some(flag) = choice.flag {
                    let command = crate::cli::command(Lang::En);
                    let run = command.find_subcommand("run").expect("run");
                    assert!(
                        run.get_arguments()
                            .any(|a| a.get_long() == flag.strip_prefix("--")),
                        "{step:?}: {flag}"
                    );
                }
                if let Some(key) = choice.key {
                    let event = KeyEvent::new(KeyCode::Char(key), KeyModifiers::NONE);
                    assert_eq!(
                        crate::keymap::action_in(KeyMode::Dialog, &event, Lang::De),
                        Some(Action::Pick(key)),
                        "{step:?}: {key}"
                    );
                }
            }
        }
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
            Some(Dialog::Notice { title, is_error: true, .. }) if title.id == msg::DIALOG_READ_ONLY
        ));
    }

    #[test]
    fn j_in_an_open_dialog_scrolls_in_english_and_answers_yes_in_german() {
        let mut app = app();
        app.lang = Lang::En;
        app.dialog = Some(Dialog::Notice {
            title: Text::new(msg::DIALOG_NOT_YET),
            lines: vec![],
            is_error: false,
        });
        let j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(keymap(&app, &j), Some(Action::ScrollDown));
        app.lang = Lang::De;
        assert_eq!(keymap(&app, &j), Some(Action::Yes));
    }

    #[test]
    fn while_typing_a_word_l_is_a_letter() {
        let mut app = app();
        app.selected = StepId::EnableBackups;
        app.update(Msg::Action(Action::Perform));
        assert!(
            matches!(app.dialog, Some(Dialog::Type { .. })),
            "{:?}",
            app.dialog
        );
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
