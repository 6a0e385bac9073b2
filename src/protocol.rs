//! The worker protocol: what a front end (the TUI, a headless command) and the worker send
//! each other. [`Msg`]s arrive at a front end (queued, every one in order), except the
//! [`Snapshot`], which the worker publishes on a watch channel (only the newest counts);
//! [`Command`]s go to the worker.

use jiff::Timestamp;

use crate::action::Action;
use crate::cloud::recorder::CallRecord;
use crate::cloud::{ClockControl, CloudError, Identity, Pace};
use crate::i18n::Lang;
use crate::lab::act::{ActionError, Outcome};
use crate::lab::journal::Event;
use crate::lab::observe::PartId;
use crate::lab::plan::{Options, Plan};
use crate::lab::{Observed, StepId, Text};

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

/// What arrives at a front end: the learner's actions, the worker's answers, the clock and
/// the terminal.
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

/// What a front end asks of the worker (or of the loop that runs it).
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
