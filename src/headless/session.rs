//! The worker's client for the headless commands: the [`Session`] that takes the states and
//! answers the worker sends, skips states from looks that began before an action ended or
//! before a look it asked for, and writes progress and journal problems to stderr.

use std::io::Write;

use super::Runtime;
use crate::i18n::{Lang, t};
use crate::lab::Text;
use crate::lab::act::{ActionError, Outcome};
use crate::lab::observe::{Observed, PartId};
use crate::msg;
use crate::protocol::{Command, Msg, Snapshot};

/// A headless command's side of the worker: it reads what the worker sends, as the TUI does,
/// and writes the progress of actions and journal problems to stderr on the way.
pub(super) struct Session {
    pub(super) handle: crate::worker::Handle,
    feed: crate::worker::Feed,
    lang: Lang,
    /// The newest state the worker sent.
    state: Option<Box<Snapshot>>,
    /// How many actions have answered.
    answered: u64,
    /// How many looks this session asked for.
    asked: u64,
    /// Whether the worker's end was told.
    gone_told: bool,
    /// The journal problem already told (each reason once).
    told: Option<String>,
    /// The journal cannot be written: the command stops, the worker is heard no more.
    pub(super) journal_broken: bool,
}

/// What the worker said that a headless command waits for.
enum Heard {
    State,
    Answer(Result<Outcome, ActionError>),
    /// The worker has ended.
    Gone,
}

impl Session {
    /// Starts the worker on `rt`'s cloud and journal.
    pub(super) fn start(rt: &Runtime) -> Self {
        let (handle, feed) = crate::worker::spawn(
            rt.cloud.clone(),
            rt.config.clone(),
            rt.journal.clone(),
            rt.log.clone(),
            crate::worker::Greeting::Silent,
        );
        Self {
            handle,
            feed,
            lang: rt.lang,
            state: None,
            answered: 0,
            asked: 0,
            told: None,
            gone_told: false,
            journal_broken: false,
        }
    }

    /// The next state or answer; progress and journal problems are written as they come.
    async fn hear(&mut self) -> Heard {
        if self.journal_broken {
            return Heard::Gone;
        }
        loop {
            match self.feed.recv().await {
                None => {
                    if !self.gone_told {
                        note!("✘ {}", t(self.lang, msg::WORKER_ENDED));
                        self.gone_told = true;
                    }
                    return Heard::Gone;
                }
                Some(Msg::State(state)) => {
                    self.state = Some(state);
                    return Heard::State;
                }
                Some(Msg::ActionDone(_, result)) => {
                    self.answered += 1;
                    return Heard::Answer(result);
                }
                Some(Msg::Progress(_, text)) => note!("  … {}", text.render(self.lang)),
                Some(Msg::JournalUnwritable(reason)) => {
                    // The command stops: nothing more is done that the journal could not
                    // remember.
                    self.tell_journal(reason);
                    self.gone_told = true;
                    return Heard::Gone;
                }
                Some(_) => {}
            }
        }
    }

    /// Says on stderr (once per reason) that the journal cannot be written; the command
    /// then stops.
    pub(super) fn tell_journal(&mut self, reason: String) {
        self.journal_broken = true;
        if self.told.as_ref() != Some(&reason) {
            note!(
                "✘ {}",
                Text::new(msg::JOURNAL_UNWRITABLE)
                    .arg("reason", reason.clone())
                    .render(self.lang)
            );
            self.told = Some(reason);
        }
    }

    /// What the newest state shows, once its look began after every answered action had
    /// ended and every look asked for: an action's own changes are never judged from a look
    /// taken before it ended. `None` once the worker has ended.
    pub(super) async fn observed(&mut self) -> Option<Observed> {
        loop {
            if let Some(state) = self
                .state
                .as_ref()
                .filter(|s| s.actions_ended >= self.answered && s.looks_asked >= self.asked)
            {
                return Some(state.observed.clone());
            }
            if matches!(self.hear().await, Heard::Gone) {
                return None;
            }
        }
    }

    /// Waits for the next state; false once the worker has ended.
    pub(super) async fn next_state(&mut self) -> bool {
        loop {
            match self.hear().await {
                Heard::State => return true,
                Heard::Gone => return false,
                Heard::Answer(_) => {}
            }
        }
    }

    /// A state from a look at `parts` (and whatever else is due) that began after this call.
    pub(super) async fn look(&mut self, parts: Vec<PartId>) -> Option<Observed> {
        self.asked += 1;
        self.handle.send(Command::Look(parts));
        self.observed().await
    }

    /// The answer of the action sent last.
    pub(super) async fn answer(&mut self) -> Result<Outcome, ActionError> {
        loop {
            match self.hear().await {
                Heard::Answer(result) => return result,
                Heard::State => {}
                Heard::Gone => {
                    return Err(ActionError::Blocked(Text::new(
                        msg::ACTION_ENDED_UNEXPECTEDLY,
                    )));
                }
            }
        }
    }

    pub(super) fn stop(self) {
        self.handle.send(Command::Quit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloud::DbInstance;
    use crate::lab::StepId;
    use jiff::Timestamp;

    fn session() -> (crate::worker::Outlet, Session) {
        let (outlet, feed) = crate::worker::channel();
        let (handle, _commands) = crate::worker::Handle::detached();
        let session = Session {
            handle,
            feed,
            lang: Lang::En,
            state: None,
            answered: 0,
            asked: 0,
            told: None,
            gone_told: false,
            journal_broken: false,
        };
        (outlet, session)
    }

    fn state(status: &str, actions_ended: u64) -> Snapshot {
        let mut observed = Observed::default();
        observed.instances.value = Some(vec![DbInstance {
            id: "workshop-db".into(),
            status: status.into(),
            ..DbInstance::default()
        }]);
        Snapshot {
            observed,
            journal: Vec::new(),
            calls: Vec::new(),
            call_count: 0,
            app_call_count: 0,
            now: Timestamp::from_second(1_800_000_000).expect("time"),
            actions_ended,
            looks_asked: 0,
        }
    }

    /// A look that began before the action ended may arrive after its answer: the step is
    /// judged from the first look after it, never from that older one.
    #[tokio::test]
    async fn after_an_answer_a_look_from_before_it_is_skipped() {
        let (outlet, mut session) = session();
        outlet.send(Msg::ActionDone(StepId::Restore, Ok(Vec::new())));
        assert!(session.answer().await.is_ok());
        assert!(outlet.publish(state("modifying", 0)));
        let waiting = tokio::spawn(async move {
            let observed = session.observed().await;
            (session, observed)
        });
        tokio::task::yield_now().await;
        assert!(
            !waiting.is_finished(),
            "the look from before the answer is not used"
        );
        assert!(outlet.publish(state("available", 1)));
        let (_, observed) = waiting.await.expect("task");
        let observed = observed.expect("a state");
        assert_eq!(
            observed.instance("workshop-db").expect("db").status,
            crate::cloud::InstanceStatus::Available
        );
    }

    /// A look asked for after a failed read is waited for: the state from before it, with
    /// the failure, is not planned from again.
    #[tokio::test]
    async fn a_look_asked_for_is_waited_for() {
        let (outlet, mut session) = session();
        assert!(outlet.publish(state("modifying", 0)));
        let waiting = tokio::spawn(async move {
            let observed = session.look(vec![PartId::Instances]).await;
            (session, observed)
        });
        tokio::task::yield_now().await;
        assert!(
            !waiting.is_finished(),
            "the state from before the look is not used"
        );
        let mut asked = state("available", 0);
        asked.looks_asked = 1;
        assert!(outlet.publish(asked));
        let (_, observed) = waiting.await.expect("task");
        assert_eq!(
            observed
                .expect("a state")
                .instance("workshop-db")
                .expect("db")
                .status,
            crate::cloud::InstanceStatus::Available
        );
    }
}
