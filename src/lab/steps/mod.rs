//! The lab's steps, one module each. Everything about a step is in its file: what its check
//! reads in the account and says, the plan of its action (the typed request and what the
//! confirmation shows), and how the action carries that plan out.
//!
//! | module             | step                                   | check | action |
//! |--------------------|----------------------------------------|-------|--------|
//! | `concepts`         | RPO, RTO and the backup kinds           |       |        |
//! | `protection`       | what protects the database already      |       |        |
//! | `enable_backups`   | automated backups with a window         | ✔     | ✔      |
//! | `create_todos`     | five todos in the app                   | ✔     | ✔      |
//! | `snapshot`         | a manual snapshot                       | ✔     | ✔      |
//! | `delete_todos`     | the disaster: all todos deleted         | ✔     | ✔      |
//! | `restore`          | a new instance from the snapshot        | ✔     | ✔      |
//! | `switch_backend`   | the service onto the restored database  | ✔     | ✔      |
//! | `verify`           | the todos are back                      | ✔     | ✔      |
//! | `pitr`             | bonus: a point-in-time restore          | ✔     | ✔      |
//! | `summary`          | RPO and RTO of this run                 |       |        |
//! | `cleanup`          | bonus: what costs money goes            | ✔     | ✔      |
//!
//! Around them:
//! - [`Ctx`] is what a check and a plan read: the observed account, the journal, the
//!   configuration and the time. Both are pure: no calls, no waiting.
//! - [`super::plan`] holds the [`Plan`] an action shows and the [`Request`] it carries out.
//! - `super::runner` runs a confirmed plan: it looks at the account again, asks the step for
//!   a plan from what it sees, refuses with the new plan when that differs from the confirmed
//!   one ([`ActionError::PlanChanged`]), and otherwise calls the step's `execute` with the
//!   confirmed request, tried again after transient errors. It uses the steps; the steps do
//!   not use it.
//! - [`super::act`] has what the steps' actions share: the [`Run`] they work with, their
//!   errors, and helpers (a create call again without tags, finding a task definition
//!   revision, waiting for a rollout).
//!
//! ## Diagnoses
//! A check that recognises a wrong state says so with a [`Problem`]: a stable code and the
//! facts as arguments. Its texts are `problem-<code>` (what happened and why it matters, with
//! the attribute `.short`: a few words for the step list) and `problem-<code>-fix` (what to do
//! now, with the console path) in `lab.ftl`. The step panel, the step list, `check` and
//! `status`, `check --json` (`problems: [{code, severity, detail, fix}]`) and the report show them
//! alike. Where the mend is safe and touches only the lab's own resources (or the backup
//! settings of the learner's database), the step's plan offers it on Enter.
//!
//! ## Adding a step
//! What a step is, it says through [`Step`]; the front ends, the worker, the self-check and
//! the report ask the registry ([`get`]). docs/ARCHITECTURE.md ("Where to add a step") has a
//! worked example with the files it touches.
//! 1. A file here with a unit struct implementing [`Step`]: `id`, `texts` (the `msg::`
//!    constants of its messages), `parts`, `check`, `plan` and `execute`, and where it has
//!    them what it asks before its plan (`choices`, `ask`, `accept`), its status order
//!    (`part_order`), the parts its check cannot judge without (`needs_read`), the journal
//!    events it witnesses (`witness`), its self-check `questions` and its `illustration`
//!    (leave out what the step does not have; the defaults say "nothing"). A new kind of
//!    action adds its typed request to [`Request`].
//! 2. Its texts in `locales/{de,en}/steps.ftl` (`step-<id>-title`, `-short`, `-now`, `-body`,
//!    `-console`, and `ui-action-<id>` for an action), the check's and plan's messages in
//!    `lab.ftl`, its questions' in `teach.ftl`.
//! 3. Its id in [`StepId`] (the variant, its place in `StepId::ALL`, its wire name in
//!    `StepId::id`) and its arm in [`get`]; the compiler asks for the arm.

mod cleanup;
mod concepts;
mod create_todos;
mod delete_todos;
pub mod enable_backups;
mod pitr;
mod protection;
mod restore;
mod snapshot;
mod summary;
mod switch_backend;
mod verify;

use async_trait::async_trait;
use jiff::Timestamp;

use super::act::{ActionError, Outcome, Run};
use super::ask::{Ask, Choice, Field, Refusal};
use super::journal::{Journal, Witness};
use super::observe::PartId;
use super::plan::{Options, Plan, Ready, Request, Setting};
use super::quiz::Question;
use super::{Check, Observed, Problem, ProblemCode, StepId, StepState, Text};
use crate::cloud::{DbInstance, InstanceStatus};
use crate::config::Config;
use crate::i18n::Id;
use crate::msg;

pub use cleanup::{cleanup_pending, leftovers, maybe_left};
pub use create_todos::TODOS_WANTED;
pub use pitr::{
    Aim as PitrAim, MARGIN_S as PITR_MARGIN_S, PitrFigures, aim as pitr_aim, parse_restore_time,
    pitr_figures, pitr_rpo,
};
pub use switch_backend::expected_endpoint;

/// The module of `id`: the registry. One arm per step, so a new [`StepId`] does not compile
/// until it has its module here.
#[must_use]
pub fn get(id: StepId) -> &'static dyn Step {
    match id {
        StepId::Concepts => &concepts::Concepts,
        StepId::Protection => &protection::Protection,
        StepId::EnableBackups => &enable_backups::EnableBackups,
        StepId::CreateTodos => &create_todos::CreateTodos,
        StepId::Snapshot => &snapshot::Snapshot,
        StepId::DeleteTodos => &delete_todos::DeleteTodos,
        StepId::Restore => &restore::Restore,
        StepId::SwitchBackend => &switch_backend::SwitchBackend,
        StepId::Verify => &verify::Verify,
        StepId::Pitr => &pitr::Pitr,
        StepId::Summary => &summary::Summary,
        StepId::Cleanup => &cleanup::Cleanup,
    }
}

/// What a step's panel shows below its text besides words (the front end draws it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Illustration {
    /// How incremental snapshots build on each other.
    IncrementalSnapshots,
    /// Last backup ─ RPO ─ disaster ─ RTO ─ back online.
    RpoRtoDiagram,
    /// This run's RPO and RTO and what they would mean for a business.
    RunFigures,
}

/// A step's texts: message ids of `steps.ftl` (`step-<id>-title`, `-short`, `-body`, `-now`,
/// and the ones a step has only when it needs them) and what Enter does (`ui-action-<id>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepTexts {
    pub title: Id,
    /// For the step list and the projector's banner.
    pub short: Id,
    pub body: Id,
    /// What to do now.
    pub now: Id,
    /// What to wait for while its change is being applied.
    pub now_wait: Option<Id>,
    /// What to look at once it is done.
    pub now_look: Option<Id>,
    /// What Enter does in the step's own words.
    pub enter: Option<Id>,
    /// How to do it in the AWS console, the heading above it and what Enter does there.
    pub console: Option<Id>,
    pub console_heading: Option<Id>,
    pub console_enter: Option<Id>,
    /// What Enter does on a step with an action (`ui-action-<id>`).
    pub action: Option<Id>,
}

impl StepTexts {
    /// The texts every step has; the others are `None`.
    #[must_use]
    pub const fn new(title: Id, short: Id, body: Id, now: Id) -> Self {
        Self {
            title,
            short,
            body,
            now,
            now_wait: None,
            now_look: None,
            enter: None,
            console: None,
            console_heading: None,
            console_enter: None,
            action: None,
        }
    }
}

/// One step of the lab.
#[async_trait]
pub trait Step: Send + Sync {
    /// Its id.
    fn id(&self) -> StepId;

    /// Its texts.
    fn texts(&self) -> &'static StepTexts;

    /// The ways its dialog offers before the plan: keys, `run` flags, texts and the option
    /// each sets (see [`super::ask`]). One generic dialog draws and answers them.
    fn choices(&self) -> &'static [Choice] {
        &[]
    }

    /// What it asks before showing its plan: one of its [`choices`](Step::choices), a typed
    /// value, or a notice instead of the plan. `None`: the plan right away.
    fn ask(&self, _ctx: &Ctx<'_>, _options: &Options) -> Option<Ask> {
        None
    }

    /// A value typed into its [`Field`], checked: the option it sets, or why not.
    fn accept(&self, _input: &str, _field: &Field, _ctx: &Ctx<'_>) -> Result<Setting, Refusal> {
        Err(Refusal::Text(Text::new(msg::ACTION_NONE)))
    }

    /// What a value typed into its field reads as, shown while typing.
    fn preview(&self, _input: &str, _ctx: &Ctx<'_>) -> Option<Text> {
        None
    }

    /// The parts of the account its check reads and its action changes: what the poller
    /// watches while the learner is at the step and looks at fast after its action.
    fn parts(&self) -> &'static [PartId] {
        &[]
    }

    /// The parts its plan needs: a passing failure to read one of them is retried before the
    /// action runs. The default is every part it reads; a step whose action mends what makes
    /// a part fail (the app answering 502 while the backend cannot reach its database) leaves
    /// that part out, so the failure does not stop its own fix.
    fn plan_parts(&self) -> &'static [PartId] {
        self.parts()
    }

    /// The parts of the account in the order the status panel lists them, the one that
    /// matters most for this step first; the parts it leaves out follow in their usual order
    /// ([`PartId::ALL`]). See [`part_order`].
    fn part_order(&self) -> &'static [PartId] {
        &[]
    }

    /// The parts the check cannot judge without (besides the instances, which every check
    /// needs): while one of them has never been read and its last read failed, the check
    /// says it cannot tell rather than judging an empty list.
    fn needs_read(&self) -> &'static [PartId] {
        &[]
    }

    /// Its self-check questions, in the order they are asked; their texts are `quiz-<id>…`
    /// in `teach.ftl`. [`super::quiz`] scores them and keeps all of them in step order.
    fn questions(&self) -> &'static [Question] {
        &[]
    }

    /// A picture or figures its panel shows below the text.
    fn illustration(&self) -> Option<Illustration> {
        None
    }

    /// Whether the step sums the lab up: its self-check prompt counts the whole lab's
    /// answers as well as its own.
    fn sums_up(&self) -> bool {
        false
    }

    /// Whether the step reads live state (it has a check).
    fn has_check(&self) -> bool {
        !self.parts().is_empty()
    }

    /// Whether the step can act in the account.
    fn has_action(&self) -> bool {
        self.has_check()
    }

    /// Optional bonus steps do not count towards "lab complete".
    fn is_optional(&self) -> bool {
        false
    }

    /// The check's verdict once the instances have been read (see [`check`]).
    fn check(&self, _ctx: &Ctx<'_>) -> Option<Check> {
        None
    }

    /// The plan of its action from what is observed now.
    fn plan(&self, _ctx: &Ctx<'_>, _options: &Options) -> Ready {
        Ready::Blocked(Text::new(msg::ACTION_NONE))
    }

    /// Whether `fresh`, planned from the account right before the action, still asks for
    /// what the learner confirmed in `confirmed`.
    fn unchanged(&self, confirmed: &Request, fresh: &Request) -> bool {
        confirmed == fresh
    }

    /// Carries out `request` (as confirmed; the account still matches it).
    async fn execute(&self, _request: &Request, _run: &Run<'_>) -> Result<Outcome, ActionError> {
        Err(ActionError::Blocked(Text::new(msg::ACTION_NONE)))
    }

    /// Records in the journal what a look means for this step, the first time it shows it:
    /// its resource requested (also when made in the console), available or gone, the
    /// service switched, the todos back. The journal has noted the todo list before the
    /// steps from the disaster on are asked ([`observe`]). The default witnesses nothing.
    fn witness(&self, _look: &mut Witness<'_>) {}
}

/// Lets the journal take note of a look: each step witnesses what it means for it, in lab
/// order, and the journal notes the todo list right before the disaster's step. So the
/// request of a snapshot first seen in the same look as a shorter list comes first in the
/// journal, and the steps from the disaster on judge the list just noted. Returns whether
/// anything was new.
pub fn observe(
    journal: &mut Journal,
    observed: &Observed,
    config: &Config,
    now: Timestamp,
) -> bool {
    let mut look = Witness::new(journal, observed, config, now);
    for id in StepId::ALL {
        if id == StepId::DeleteTodos {
            look.note_todos();
        }
        get(id).witness(&mut look);
    }
    look.noted_anything()
}

/// What a check and a plan read.
pub struct Ctx<'a> {
    pub observed: &'a Observed,
    pub journal: &'a Journal,
    pub config: &'a Config,
    pub now: Timestamp,
}

impl Ctx<'_> {
    /// The learner's original database.
    #[must_use]
    pub fn source(&self) -> Option<&DbInstance> {
        self.observed.instance(&self.config.names.instance)
    }

    /// The name of this run's restored database: the lab's, or the instance the learner
    /// restored under another name and adopted (see [`Journal::restored_instance`]). Every
    /// step that works with the restored database goes through here.
    #[must_use]
    pub fn restored_name(&self) -> &str {
        self.journal.restored_instance(self.config)
    }

    /// The database restored from the snapshot.
    #[must_use]
    pub fn restored(&self) -> Option<&DbInstance> {
        self.observed.instance(self.restored_name())
    }

    /// Whether the instances have been read at least once (else checks say "not read yet").
    fn instances_known(&self) -> bool {
        self.observed.instances.value.is_some()
    }

    /// Whether the service's current task definition points at the restored database.
    #[must_use]
    pub fn backend_on_restored(&self) -> bool {
        let host = self.observed.db_host(&self.config.names.container);
        self.restored()
            .and_then(|r| r.endpoint.as_deref())
            .is_some_and(|ep| host == Some(ep))
    }

    /// How long ago `then` was.
    fn ago(&self, then: Option<Timestamp>) -> super::Arg {
        super::Duration::seconds(then.map_or(0, |t| crate::format::since(self.now, t)))
    }

    /// How long a resource has been in the making: from the request the journal knows (RDS
    /// omits create times while `creating`), else from its create time.
    fn running_for(&self, resource: &str, created: Option<Timestamp>) -> super::Arg {
        self.ago(self.journal.requested_at(resource).or(created))
    }

    /// The check's answer when the learner's original database is gone: where to look, and
    /// what it means for the lab (the manual snapshot outlives the instance).
    fn missing_source(&self) -> Check {
        let names = &self.config.names;
        let snapshot_kept = self
            .observed
            .snapshot(&names.snapshot)
            .is_some_and(crate::cloud::DbSnapshot::is_available);
        Check::diagnosis(
            StepState::Failed,
            Problem::new(if snapshot_kept {
                ProblemCode::SourceMissingSnapshotKept
            } else {
                ProblemCode::SourceMissing
            })
            .arg("instance", &names.instance)
            .arg("snapshot", &names.snapshot),
        )
    }

    /// A diagnosis when the learner's original database is being deleted or changed by
    /// someone other than backup-lab (beyond its backup settings).
    fn source_trouble(&self) -> Option<Problem> {
        let names = &self.config.names;
        let src = self.source()?;
        let code = match &src.status {
            InstanceStatus::Deleting => ProblemCode::SourceDeleting,
            // Backup settings applied at once pass through `modifying` with the new
            // retention pending; anything else is another change.
            InstanceStatus::Modifying if src.pending_retention.is_none() => {
                ProblemCode::SourceModified
            }
            InstanceStatus::Stopped | InstanceStatus::Stopping => ProblemCode::SourceStopped,
            _ => return None,
        };
        Some(
            Problem::new(code)
                .arg("instance", &names.instance)
                .arg("status", &src.status)
                .arg("snapshot", &names.snapshot),
        )
    }

    /// `check` with what is wrong with the learner's original database added; a database
    /// going away fails the step, whatever else it says.
    fn with_source_trouble(&self, mut check: Check) -> Check {
        if let Some(problem) = self.source_trouble() {
            if problem.code != ProblemCode::SourceModified {
                check.state = StepState::Failed;
            }
            check.problems.insert(0, problem);
        }
        check
    }

    /// The backend still names the restored database while it is gone or being deleted:
    /// the app cannot reach its data.
    #[must_use]
    pub fn backend_on_deleted_restore(&self) -> Option<Problem> {
        let names = &self.config.names;
        let host = self.observed.db_host(&names.container)?;
        let restored = self.restored();
        if restored.is_some_and(|r| r.status != InstanceStatus::Deleting) {
            return None;
        }
        let endpoint = restored.and_then(|r| r.endpoint.clone()).or_else(|| {
            self.source()
                .and_then(|s| s.endpoint.as_deref())
                .and_then(|ep| expected_endpoint(self.restored_name(), ep))
        })?;
        (host == endpoint).then(|| {
            Problem::new(if restored.is_some() {
                ProblemCode::RestoredDeletingInUse
            } else {
                ProblemCode::RestoredDeletedInUse
            })
            .arg("restored", self.restored_name())
            .arg("service", &names.service)
            .arg("instance", &names.instance)
            .arg("cluster", &names.cluster)
            .arg("family", &names.task_family)
            .arg("container", &names.container)
        })
    }

    /// Whether `step`'s check says done.
    fn is_done(&self, step: StepId) -> bool {
        check(step, self).is_some_and(|c| c.state == StepState::Done)
    }
}

/// The verdict of `step`'s check, or `None` for steps without one. A verdict that cannot
/// tell because the credentials expired (or were refused) says what to do about them.
#[must_use]
pub fn check(step: StepId, ctx: &Ctx<'_>) -> Option<Check> {
    let check = judge(step, ctx)?;
    if !check.cannot_tell() {
        return Some(check);
    }
    let credentials = PartId::ALL
        .iter()
        .filter_map(|part| ctx.observed.error(*part))
        .find(|e| e.is_credentials_problem());
    Some(match credentials {
        Some(e) => check.with(crate::cloud::error_text::error_text(e)),
        None => check,
    })
}

fn judge(step: StepId, ctx: &Ctx<'_>) -> Option<Check> {
    let step = get(step);
    if !step.has_check() {
        return None;
    }
    if !ctx.instances_known() {
        return Some(Check::new(
            StepState::Todo,
            ctx.observed.unread(PartId::Instances),
        ));
    }
    // A list that could not be read is not empty: the snapshot step and the cleanup, which
    // would call a snapshot that is not listed deleted (the cleanup judges by the service as
    // well), say they cannot tell.
    if let Some(part) = step.needs_read().iter().find(|part| {
        let read = ctx.observed.part(**part);
        read.error().is_some() && !read.is_read()
    }) {
        return Some(Check::new(StepState::Todo, ctx.observed.unread(*part)));
    }
    step.check(ctx).map(Check::with_consistent_severity)
}

/// The plan of `step`'s action from what is observed now.
#[must_use]
pub fn plan(step: StepId, ctx: &Ctx<'_>, options: &Options) -> Ready {
    get(step).plan(ctx, options)
}

/// The parts in the order the status panel lists them while `step` is selected: the ones the
/// step names first, then the rest in their usual order.
#[must_use]
pub fn part_order(step: StepId) -> Vec<PartId> {
    let first = get(step).part_order();
    let rest = PartId::ALL.into_iter().filter(|p| !first.contains(p));
    first.iter().copied().chain(rest).collect()
}

/// The first core step that is not done: where the learner stands (`None`: lab complete).
#[must_use]
pub fn current_step(ctx: &Ctx<'_>) -> Option<StepId> {
    StepId::CORE
        .into_iter()
        .find(|s| check(*s, ctx).is_none_or(|c| c.state != StepState::Done))
}

/// Whether every core step is done: the lab is complete.
#[must_use]
pub fn lab_complete(ctx: &Ctx<'_>) -> bool {
    StepId::CORE.iter().all(|s| ctx.is_done(*s))
}

/// A plan that the learner confirms with y/n.
fn yes_no(
    step: StepId,
    options: &Options,
    request: Request,
    params: Vec<(Text, super::Arg)>,
    commands: Vec<String>,
    notes: Vec<Text>,
) -> Ready {
    Ready::Plan(Plan {
        step,
        options: options.clone(),
        request,
        params,
        commands,
        notes,
        confirm: super::plan::Confirm::YesNo,
    })
}

/// The plan's answer when the learner's original database is gone.
fn source_missing(ctx: &Ctx<'_>) -> Ready {
    Ready::Blocked(Text::new(msg::CHECK_SOURCE_MISSING).arg("instance", &ctx.config.names.instance))
}

/// The plan's answer when `instance` is busy with something else.
fn instance_busy(instance: &DbInstance) -> Ready {
    Ready::Blocked(
        Text::new(msg::BLOCKED_INSTANCE_BUSY)
            .arg("instance", &instance.id)
            .arg("status", &instance.status),
    )
}

/// The request a step's `execute` was given was made for another step.
fn wrong_request() -> ActionError {
    ActionError::Blocked(Text::new(msg::ACTION_NONE))
}

/// The keys of every step's ways, in lab order and then the dialog's order: the dialog's
/// key table reads them, the help lists them.
#[must_use]
pub fn choice_keys() -> &'static [char] {
    static KEYS: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let mut keys = Vec::new();
        for step in StepId::ALL {
            for key in get(step).choices().iter().filter_map(|c| c.key) {
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
        keys
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_gives_each_step_its_own_module() {
        for step in StepId::ALL {
            assert_eq!(get(step).id(), step);
        }
    }

    /// A step's texts are its own (`step-<id>-…`, a step with an action says what Enter does
    /// as `ui-action-<id>`), not another step's copied by mistake.
    #[test]
    fn each_step_names_its_own_texts() {
        for step in StepId::ALL {
            let t = get(step).texts();
            let own = format!("step-{}-", step.id());
            let optional = [
                t.now_wait,
                t.now_look,
                t.enter,
                t.console,
                t.console_heading,
                t.console_enter,
            ];
            for id in [t.title, t.short, t.body, t.now]
                .into_iter()
                .chain(optional.into_iter().flatten())
            {
                assert!(id.as_str().starts_with(&own), "{step:?}: {id}");
            }
            let action = format!("ui-action-{}", step.id());
            assert_eq!(
                t.action.map(Id::as_str),
                step.has_action().then_some(action.as_str()),
                "{step:?}"
            );
        }
    }

    #[test]
    fn a_part_order_names_every_part_once() {
        for step in StepId::ALL {
            let order = part_order(step);
            assert_eq!(order.len(), PartId::ALL.len(), "{step:?}");
            assert!(PartId::ALL.iter().all(|p| order.contains(p)), "{step:?}");
        }
        assert_eq!(part_order(StepId::Restore), PartId::ALL);
    }
}
