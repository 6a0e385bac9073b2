//! `report`: the latest run in the chosen language, as Markdown or JSON: steps with their
//! times, RPO/RTO achieved against the targets, every call as its AWS CLI equivalent (writes
//! one by one, polling reads counted), and what is left that still costs money.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::Timestamp;
use serde::Serialize;

use crate::cli::ReportFormat;
use crate::format;
use crate::headless::{EXIT_OK, Runtime, write_stdout_or_error};
use crate::i18n::{Lang, t};
use crate::lab::journal::{Event, Journal};
use crate::lab::observe::{Observed, PartId};
use crate::lab::recovery::{self, Recovery};
use crate::lab::steps::{self, Ctx};
use crate::lab::{StepId, StepState, Text};
use crate::msg;

#[derive(Debug, Serialize)]
pub struct ReportStep {
    pub id: &'static str,
    pub title: String,
    pub state: StepState,
    /// The check could not judge: the account or a list it needs could not be read.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unknown: bool,
    pub detail: String,
    /// The diagnoses of what is wrong, in the report's language.
    pub problems: Vec<crate::lab::ShownProblem>,
    /// When the step's action last ran, if it did.
    pub at: Option<Timestamp>,
}

#[derive(Debug, Serialize)]
pub struct ReportCall {
    pub at: Timestamp,
    pub operation: String,
    pub cli: String,
    pub error: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ReportRead {
    pub operation: String,
    pub cli: String,
    pub count: u64,
}

#[derive(Debug, Serialize)]
pub struct ReportPhase {
    pub id: String,
    pub title: String,
    pub seconds: i64,
    pub complete: bool,
}

/// The self-check: the score and every answer (the first one to each question counts).
#[derive(Debug, Serialize)]
pub struct ReportQuiz {
    pub answered: usize,
    pub right: usize,
    pub total: usize,
    pub answers: Vec<ReportAnswer>,
}

/// One answer: the question (id and text), the choice (a, b, c) and whether it was right.
#[derive(Debug, Serialize)]
pub struct ReportAnswer {
    #[serde(flatten)]
    pub answer: crate::lab::quiz::Answer,
    pub text: String,
    /// The step's title, in the report's language.
    pub step_title: String,
    /// The text of the chosen answer.
    pub choice_text: String,
    /// The right choice (a, b, c).
    pub right_choice: char,
}

#[derive(Debug, Serialize)]
pub struct Report {
    pub lang: &'static str,
    /// The learner's name (`--name` or `learner` in the configuration), if given.
    pub learner: Option<String>,
    /// The zone the Markdown writes times in (IANA name), as the learner's wall clock shows.
    pub timezone: Option<String>,
    pub mode: String,
    pub generated: Timestamp,
    pub steps: Vec<ReportStep>,
    pub rpo_seconds: Option<i64>,
    pub rpo_target_seconds: i64,
    pub rpo_met: Option<bool>,
    pub rto_seconds: Option<i64>,
    pub rto_complete: bool,
    pub rto_target_seconds: i64,
    pub rto_met: Option<bool>,
    pub pitr_rpo_seconds: i64,
    /// The RPO the point-in-time bonus achieved (restore point to deletion), once it ran.
    pub pitr_achieved_rpo_seconds: Option<i64>,
    pub live_rpo_seconds: Option<i64>,
    pub lost_todos: Vec<String>,
    pub phases: Vec<ReportPhase>,
    /// Dump & restore: until the app serves the todos from the original database.
    pub copy_back_rto_seconds: Option<i64>,
    pub copy_back_rto_complete: bool,
    pub copy_back_rto_met: Option<bool>,
    pub copy_back_phases: Vec<ReportPhase>,
    pub calls: Vec<ReportCall>,
    pub reads: Vec<ReportRead>,
    /// What is left that still costs money; `null` when a part it depends on (instances,
    /// snapshots, the service) could not be read.
    pub leftovers: Option<Vec<String>>,
    /// The parts of the account that could not be read, with their errors.
    pub unknown: Vec<crate::headless::UnknownPart>,
    /// Runs that were killed or crashed: each may have made one call that is not counted
    /// (its record is written when the answer comes).
    #[serde(skip_serializing_if = "is_zero")]
    pub calls_may_miss: usize,
    /// The run in business terms, at the example rate.
    pub business: crate::lab::business::Impact,
    /// The business texts in the report's language.
    pub business_texts: Vec<String>,
    pub quiz: ReportQuiz,
    /// Journal lines that could not be read (a crash tore them): what the figures built from
    /// the history say is told with that doubt.
    pub journal_lines_lost: usize,
    pub events: Vec<Event>,
    /// The zone the Markdown shows times in (the learner's, as in the TUI).
    #[serde(skip)]
    pub tz: jiff::tz::TimeZone,
    /// The line that sets `APP_URL` for the todo app's curl lines, when there are any.
    #[serde(skip)]
    pub app_url_line: Option<String>,
}

/// Builds the report from the journal and fresh observations, everything on the cloud's clock.
#[must_use]
pub fn build(
    lang: Lang,
    mode: String,
    journal: &Journal,
    observed: &Observed,
    config: &crate::config::Config,
    now: Timestamp,
) -> Report {
    let ctx = Ctx {
        observed,
        journal,
        config,
        now,
    };
    let steps = StepId::ALL
        .into_iter()
        .filter_map(|s| {
            let check = steps::check(s, &ctx)?;
            let at = journal
                .events()
                .iter()
                .rev()
                .find(|e| matches!(e.kind, crate::lab::journal::EventKind::Action { step, ok: true } if step == s))
                .map(|e| e.at);
            Some(ReportStep { id: s.id(), title: s.title().render(lang), state: check.state, unknown: check.cannot_tell(), detail: check.render(lang), problems: check.shown_problems(lang, s), at })
        })
        .collect();
    let recovery: Recovery = recovery::measure(journal, observed, config, now);
    let summary = journal.call_summary();
    let calls_may_miss = summary.ended_abruptly.len();
    let calls: Vec<ReportCall> = summary
        .writes
        .into_iter()
        .map(|call| ReportCall {
            at: call.at,
            operation: call.operation,
            cli: call.cli,
            error: call.error,
        })
        .collect();
    let reads: BTreeMap<String, ReportRead> = summary
        .reads
        .into_iter()
        .map(|r| {
            (
                r.cli.clone(),
                ReportRead {
                    operation: r.operation,
                    cli: r.cli,
                    count: r.count,
                },
            )
        })
        .collect();
    let restored = ctx.restored_name();
    let mut leftovers: Vec<String> = steps::leftovers(observed, config, restored, true)
        .iter()
        .map(|l| l.render(lang))
        .collect();
    if let Some(r) = observed
        .instance(restored)
        .filter(|r| r.status != crate::cloud::InstanceStatus::Deleting)
    {
        leftovers.push(
            Text::new(msg::LEFTOVER_INSTANCE)
                .arg("instance", &r.id)
                .render(lang),
        );
    }
    leftovers.extend(steps::maybe_left(&ctx).iter().map(|l| l.render(lang)));
    let report_phases = |rto: Option<&recovery::Rto>| -> Vec<ReportPhase> {
        rto.map(|r| {
            r.phases
                .iter()
                .map(|p| ReportPhase {
                    id: p.id.clone(),
                    title: crate::i18n::tr(lang, &p.id, None),
                    seconds: p.seconds,
                    complete: p.complete,
                })
                .collect()
        })
        .unwrap_or_default()
    };
    let phases = report_phases(recovery.rto.as_ref());
    let copy_back_phases = report_phases(recovery.copy_back.as_ref());
    let pitr = steps::pitr_figures(journal);
    let business = crate::lab::business::impact(&recovery, pitr, config);
    let business_texts = business.texts().iter().map(|t| t.render(lang)).collect();
    let all: Vec<&crate::lab::quiz::Question> = crate::lab::quiz::QUESTIONS.iter().collect();
    let score = crate::lab::quiz::score(journal, &all);
    let quiz = ReportQuiz {
        answered: score.answered,
        right: score.right,
        total: score.total,
        // In the order of the lab's steps (and of the questions within a step).
        answers: {
            let mut given = crate::lab::quiz::answers(journal);
            crate::lab::quiz::QUESTIONS
                .iter()
                .filter_map(|q| given.remove(q.id).map(|a| (q, a)))
                .collect::<Vec<_>>()
        }
        .into_iter()
        .map(|(q, answer)| ReportAnswer {
            text: q.question(config).render(lang),
            step_title: q.step.title().render(lang),
            choice_text: crate::lab::quiz::LETTERS
                .iter()
                .position(|l| *l == answer.choice)
                .and_then(|i| u8::try_from(i).ok())
                .map(|i| q.choice(i, config).render(lang))
                .unwrap_or_default(),
            right_choice: crate::lab::quiz::LETTERS
                .get(usize::from(q.right))
                .copied()
                .unwrap_or('a'),
            answer,
        })
        .collect(),
    };
    let app_url_line = calls
        .iter()
        .any(|c| c.cli.starts_with("curl "))
        .then(|| crate::cloud::cli::app_url(config));
    Report {
        lang: lang.code(),
        learner: config.learner.as_deref().map(|n| n.trim().to_owned()),
        timezone: config.timezone().iana_name().map(str::to_owned),
        mode,
        generated: now,
        steps,
        rpo_seconds: recovery.achieved_rpo.as_ref().map(|a| a.seconds),
        rpo_target_seconds: recovery.rpo_target_seconds,
        rpo_met: recovery.rpo_met(),
        rto_seconds: recovery.rto.as_ref().map(|r| r.seconds),
        rto_complete: recovery.rto.as_ref().is_some_and(|r| r.complete),
        rto_target_seconds: recovery.rto_target_seconds,
        rto_met: recovery.rto_met(),
        pitr_rpo_seconds: recovery.pitr_rpo_seconds,
        pitr_achieved_rpo_seconds: pitr.filter(|p| p.disaster.is_some()).map(|p| p.rpo_seconds),
        live_rpo_seconds: recovery.live_rpo.as_ref().map(|l| l.seconds),
        copy_back_rto_seconds: recovery.copy_back.as_ref().map(|r| r.seconds),
        copy_back_rto_complete: recovery.copy_back.as_ref().is_some_and(|r| r.complete),
        copy_back_rto_met: recovery.copy_back_met(),
        copy_back_phases,
        lost_todos: recovery.achieved_rpo.map(|a| a.lost).unwrap_or_default(),
        phases,
        calls,
        reads: reads.into_values().collect(),
        leftovers: [PartId::Instances, PartId::Snapshots, PartId::Service]
            .iter()
            .all(|p| observed.error(*p).is_none())
            .then_some(leftovers),
        calls_may_miss,
        unknown: crate::headless::unknown_parts(observed, lang),
        business,
        business_texts,
        quiz,
        journal_lines_lost: journal.skipped(),
        app_url_line,
        events: journal.events().to_vec(),
        tz: config.timezone(),
    }
}

/// The localized word for a step state.
fn state_word(lang: Lang, state: StepState) -> String {
    let id = match state {
        StepState::Done => msg::REPORT_STATE_DONE,
        StepState::InProgress => msg::REPORT_STATE_IN_PROGRESS,
        StepState::Failed => msg::REPORT_STATE_FAILED,
        StepState::Todo => msg::REPORT_STATE_TODO,
    };
    t(lang, id)
}

fn yes_no(lang: Lang, met: Option<bool>) -> String {
    match met {
        Some(true) => t(lang, msg::REPORT_MET),
        Some(false) => t(lang, msg::REPORT_MISSED),
        None => t(lang, msg::REPORT_OPEN),
    }
}

/// The report as Markdown.
#[must_use]
pub fn markdown(r: &Report, lang: Lang) -> String {
    let hms = |at: Timestamp| format::clock(at, &r.tz);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", t(lang, msg::REPORT_TITLE));
    let learner = r
        .learner
        .clone()
        .unwrap_or_else(|| t(lang, msg::REPORT_LEARNER_NONE));
    let _ = writeln!(out, "{}: {learner}  ", t(lang, msg::REPORT_LEARNER));
    let _ = writeln!(
        out,
        "{}: {}  \n{}: {}\n",
        t(lang, msg::REPORT_MODE),
        r.mode,
        t(lang, msg::REPORT_GENERATED),
        // The zone the report's times are in, so a reader elsewhere reads them right.
        match &r.timezone {
            Some(zone) => format!("{} ({zone})", format::stamp(r.generated, &r.tz)),
            None => format::stamp(r.generated, &r.tz),
        }
    );
    let _ = writeln!(out, "## {}\n", t(lang, msg::REPORT_STEPS));
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} |\n|---|---|---|---|",
        t(lang, msg::REPORT_STEP),
        t(lang, msg::REPORT_STATE),
        t(lang, msg::REPORT_TIME),
        t(lang, msg::REPORT_DETAIL)
    );
    for s in &r.steps {
        let at = s.at.map(hms).unwrap_or_default();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            s.title,
            if s.unknown {
                t(lang, msg::REPORT_STATE_UNKNOWN)
            } else {
                state_word(lang, s.state)
            },
            at,
            s.detail.replace('|', "/")
        );
    }
    let troubled: Vec<&ReportStep> = r.steps.iter().filter(|s| !s.problems.is_empty()).collect();
    if !troubled.is_empty() {
        let _ = writeln!(out, "\n## {}\n", t(lang, msg::REPORT_PROBLEMS));
        for s in troubled {
            for p in &s.problems {
                let _ = writeln!(
                    out,
                    "- {} **{}** (`{}`, {}): {}  \n  {} {}",
                    p.severity.symbol(),
                    s.title,
                    p.code,
                    t(lang, p.severity.text_id()),
                    p.detail,
                    t(lang, msg::REPORT_FIX),
                    p.fix
                );
            }
        }
    }
    let _ = writeln!(out, "\n## {}\n", t(lang, msg::REPORT_RECOVERY));
    if r.journal_lines_lost > 0 {
        let _ = writeln!(
            out,
            "> {}\n",
            Text::new(msg::REPORT_JOURNAL_LOST)
                .arg("count", r.journal_lines_lost)
                .render(lang)
        );
    }
    let fmt = |s: Option<i64>| s.map_or_else(|| "–".to_owned(), format::duration);
    let target = |s: i64| format!("≤ {}", format::target(s));
    let _ = writeln!(
        out,
        "- RPO: {} ({} {}: {})",
        fmt(r.rpo_seconds),
        t(lang, msg::REPORT_TARGET),
        target(r.rpo_target_seconds),
        yes_no(lang, r.rpo_met)
    );
    let _ = writeln!(
        out,
        "- RTO: {} ({} {}: {})",
        fmt(r.rto_seconds),
        t(lang, msg::REPORT_TARGET),
        target(r.rto_target_seconds),
        yes_no(lang, r.rto_met)
    );
    for p in &r.phases {
        let _ = writeln!(out, "  - {}: {}", p.title, format::duration(p.seconds));
    }
    if r.copy_back_rto_seconds.is_some() {
        let _ = writeln!(
            out,
            "- {}: {} ({} {}: {})",
            t(lang, msg::REPORT_COPY_BACK_RTO),
            fmt(r.copy_back_rto_seconds),
            t(lang, msg::REPORT_TARGET),
            target(r.rto_target_seconds),
            yes_no(lang, r.copy_back_rto_met)
        );
        for p in &r.copy_back_phases {
            let _ = writeln!(out, "  - {}: {}", p.title, format::duration(p.seconds));
        }
        let _ = writeln!(out, "  - {}", t(lang, msg::REPORT_COPY_BACK_COUNTED));
    }
    if !r.lost_todos.is_empty() {
        let _ = writeln!(
            out,
            "- {}: {}",
            t(lang, msg::REPORT_LOST),
            r.lost_todos.join(", ")
        );
    }
    // A snapshot taken just before the disaster can beat point-in-time restore; that is luck
    // of the lab's timing, not something to count on.
    let pitr_hint = match r.rpo_seconds {
        Some(achieved) if achieved <= r.pitr_rpo_seconds => {
            Text::new(msg::REPORT_PITR_ALREADY_SMALL)
                .arg("rpo", format::duration(achieved))
                .arg("pitr", format::duration(r.pitr_rpo_seconds))
        }
        _ => Text::new(msg::REPORT_PITR_HINT).arg("rpo", format::duration(r.pitr_rpo_seconds)),
    };
    let _ = writeln!(out, "- {}", pitr_hint.render(lang));
    let _ = writeln!(out, "\n## {}\n", t(lang, msg::BUSINESS_HEADING));
    for (i, text) in r.business_texts.iter().enumerate() {
        if i == 0 {
            let _ = writeln!(out, "_{text}_\n");
        } else {
            let _ = writeln!(out, "- {text}");
        }
    }
    let _ = writeln!(out, "\n## {}\n", t(lang, msg::REPORT_QUIZ));
    if r.quiz.answered == 0 {
        let _ = writeln!(out, "{}", t(lang, msg::REPORT_QUIZ_NONE));
    } else {
        let score = Text::new(msg::REPORT_QUIZ_SCORE)
            .arg("right", r.quiz.right)
            .arg("answered", r.quiz.answered)
            .arg("total", r.quiz.total);
        let _ = writeln!(out, "{}\n", score.render(lang));
        let mut step = "";
        for a in &r.quiz.answers {
            if a.step_title != step {
                step = &a.step_title;
                let _ = writeln!(out, "\n### {step}\n");
            }
            let verdict = if a.answer.right {
                t(lang, msg::REPORT_QUIZ_RIGHT)
            } else {
                Text::new(msg::REPORT_QUIZ_WRONG)
                    .arg("right", a.right_choice.to_string())
                    .render(lang)
            };
            let _ = writeln!(
                out,
                "- {}  \n  {}) {} · {verdict} · {}",
                a.text,
                a.answer.choice,
                a.choice_text,
                hms(a.answer.at)
            );
        }
    }
    let _ = writeln!(out, "\n## {}\n", t(lang, msg::REPORT_CALLS));
    let _ = writeln!(out, "```sh");
    if let Some(line) = &r.app_url_line {
        let _ = writeln!(out, "{line}");
    }
    for c in &r.calls {
        let status = c
            .error
            .as_deref()
            .map(|e| format!("  # ✘ {e}"))
            .unwrap_or_default();
        let _ = writeln!(out, "# {}\n{}{}", hms(c.at), c.cli, status);
    }
    let _ = writeln!(out, "```\n");
    let _ = writeln!(out, "{}:\n", t(lang, msg::REPORT_READS));
    for read in &r.reads {
        let _ = writeln!(out, "- `{}` × {}", read.cli, read.count);
    }
    if r.calls_may_miss > 0 {
        let note = Text::new(msg::REPORT_CALLS_MAY_MISS).arg("runs", r.calls_may_miss);
        let _ = writeln!(out, "\n{}", note.render(lang));
    }
    let _ = writeln!(out, "\n## {}\n", t(lang, msg::REPORT_LEFTOVERS));
    match &r.leftovers {
        None => {
            let _ = writeln!(out, "{}", t(lang, msg::REPORT_LEFTOVERS_UNKNOWN));
            // One line per reason, naming the parts it kept from view as the status does.
            let mut reasons: Vec<(Vec<String>, &str)> = Vec::new();
            for u in &r.unknown {
                let part = t(lang, status_heading(u.part));
                match reasons.iter_mut().find(|(_, text)| *text == u.text) {
                    Some((parts, _)) => parts.push(part),
                    None => reasons.push((vec![part], &u.text)),
                }
            }
            for (parts, text) in reasons {
                let _ = writeln!(out, "- {}: {text}", parts.join(", "));
            }
        }
        Some(leftovers) if leftovers.is_empty() => {
            let _ = writeln!(out, "{}", t(lang, msg::REPORT_NOTHING_LEFT));
        }
        Some(leftovers) => {
            for l in leftovers {
                let _ = writeln!(out, "- {l}");
            }
        }
    }
    out
}

/// The `status-*` heading of a part of the account.
fn status_heading(part: &str) -> crate::i18n::Id {
    match part {
        "instances" => msg::STATUS_INSTANCES,
        "snapshots" => msg::STATUS_SNAPSHOTS,
        "service" => msg::STATUS_SERVICE,
        _ => msg::STATUS_TODOS,
    }
}

/// `report`: reads the state, prints the report. `run_speed` is the speed the simulated
/// run was made at, when known: the report's own invocation may use another one.
pub async fn print(rt: &Runtime, format: ReportFormat, run_speed: Option<f64>) -> i32 {
    let observed = rt.first_look().await;
    let mode = match rt.cloud.mode() {
        crate::cloud::Mode::Simulation { speed } => {
            let speed = crate::format::speed(run_speed.unwrap_or(speed));
            let mode = Text::new(msg::REPORT_MODE_SIM)
                .arg("speed", speed.clone())
                .render(rt.lang);
            let clock = Text::new(msg::UI_SIM_CLOCK)
                .arg("speed", speed)
                .render(rt.lang);
            format!("{mode} – {clock}")
        }
        crate::cloud::Mode::Aws { account, region } => Text::new(msg::REPORT_MODE_AWS)
            .arg("account", account)
            .arg("region", region)
            .render(rt.lang),
    };
    let report = {
        let journal = rt
            .journal
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        build(
            rt.lang,
            mode,
            &journal,
            &observed,
            &rt.config,
            rt.cloud.now(),
        )
    };
    let text = match format {
        ReportFormat::Json => format!(
            "{}\n",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        ),
        ReportFormat::Md => markdown(&report, rt.lang),
    };
    // The report is handed in: a file it could not be written to is said, never left short.
    if let Err(e) = write_stdout_or_error(&text) {
        eprintln!(
            "✘ {}",
            Text::new(msg::REPORT_NOT_WRITTEN)
                .arg("error", e.to_string())
                .render(rt.lang)
        );
        return crate::headless::EXIT_INCOMPLETE;
    }
    // Parts that could not be read leave the report incomplete, and the exit status says so.
    let mut said: Vec<&str> = Vec::new();
    for u in &report.unknown {
        if !said.contains(&u.text.as_str()) {
            eprintln!("✘ {}", u.text);
            said.push(&u.text);
        }
    }
    if report.unknown.is_empty() {
        EXIT_OK
    } else {
        crate::headless::EXIT_INCOMPLETE
    }
}

#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(rpo_seconds: Option<i64>) -> Report {
        Report {
            lang: "de",
            learner: None,
            timezone: None,
            app_url_line: None,
            mode: String::new(),
            generated: Timestamp::UNIX_EPOCH,
            steps: vec![ReportStep {
                id: "snapshot",
                title: String::new(),
                state: StepState::InProgress,
                unknown: false,
                detail: String::new(),
                problems: Vec::new(),
                at: None,
            }],
            rpo_seconds,
            rpo_target_seconds: 3600,
            rpo_met: rpo_seconds.map(|_| true),
            rto_seconds: None,
            rto_complete: false,
            rto_target_seconds: 1800,
            rto_met: None,
            pitr_rpo_seconds: 300,
            pitr_achieved_rpo_seconds: None,
            live_rpo_seconds: None,
            lost_todos: Vec::new(),
            phases: Vec::new(),
            copy_back_rto_seconds: None,
            copy_back_rto_complete: false,
            copy_back_rto_met: None,
            copy_back_phases: Vec::new(),
            calls: Vec::new(),
            reads: Vec::new(),
            calls_may_miss: 0,
            leftovers: Some(Vec::new()),
            unknown: Vec::new(),
            business: crate::lab::business::impact(
                &crate::lab::recovery::measure(
                    &Journal::in_memory(),
                    &Observed::default(),
                    &crate::config::Config::default(),
                    Timestamp::UNIX_EPOCH,
                ),
                None,
                &crate::config::Config::default(),
            ),
            business_texts: Vec::new(),
            quiz: ReportQuiz {
                answered: 0,
                right: 0,
                total: 0,
                answers: Vec::new(),
            },
            journal_lines_lost: 0,
            events: Vec::new(),
            tz: jiff::tz::TimeZone::UTC,
        }
    }

    #[test]
    fn states_are_words_of_the_language() {
        let md = markdown(&report(None), Lang::De);
        assert!(md.contains("| läuft |"), "{md}");
        assert!(!md.contains("in_progress"), "{md}");
        let md = markdown(&report(None), Lang::En);
        assert!(md.contains("| in progress |"), "{md}");
    }

    #[test]
    fn a_small_rpo_is_not_compared_backwards() {
        for lang in [Lang::De, Lang::En] {
            let small = markdown(&report(Some(240)), lang);
            let large = markdown(&report(Some(2000)), lang);
            let hint = Text::new(msg::REPORT_PITR_HINT)
                .arg("rpo", format::duration(300))
                .render(lang);
            assert!(!small.contains(&hint), "{small}");
            assert!(
                small.contains(&format::duration(240)) && small.contains(&format::duration(300))
            );
            assert!(large.contains(&hint), "{large}");
        }
    }
}
