//! The self-check questions of a step, in a box in front of the screen (key `s`), and the one
//! line on the step that says how many there are and how many are answered. An answered
//! question shows which choice was right, the learner's own, and why. The keys shown come from
//! the quiz's key table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Look, View, dialogs, wrap};
use crate::action::Action;
use crate::app::QuizAt;
use crate::config::Config;
use crate::keymap::{self, KeyMode};
use crate::lab::journal::Journal;
use crate::lab::quiz::{self, LETTERS};
use crate::lab::{StepId, Text};
use crate::msg;

/// The line on `step` that points to its questions, if it has any.
#[must_use]
pub fn prompt_lines(view: &View<'_>, step: StepId, width: usize) -> Vec<Line<'static>> {
    let questions = quiz::of_step(step);
    if questions.is_empty() {
        return Vec::new();
    }
    let score = quiz::score(&view.app.journal, &questions);
    let text = if score.answered == score.total {
        Text::new(msg::QUIZ_PROMPT_DONE)
            .arg("right", score.right)
            .arg("total", score.total)
    } else {
        Text::new(msg::QUIZ_PROMPT)
            .arg("answered", score.answered)
            .arg("total", score.total)
    };
    let mut out = wrap::lines_with("✎ ", &view.text(&text), width, view.th.key, view.th.muted);
    // The summary also counts the whole lab, once something is answered.
    let all: Vec<&quiz::Question> = quiz::QUESTIONS.iter().collect();
    let lab = quiz::score(&view.app.journal, &all);
    if step.step().sums_up() && lab.answered > 0 {
        let text = Text::new(msg::QUIZ_OVERALL)
            .arg("right", lab.right)
            .arg("answered", lab.answered)
            .arg("total", lab.total);
        out.extend(wrap::lines_with(
            "  ",
            &view.text(&text),
            width,
            view.th.key,
            view.th.muted,
        ));
    }
    out
}

/// The key line: answer (until the question is answered: the first answer counts), move,
/// close, with the keys of the quiz's table.
fn keys_line(view: &Look, answered: bool) -> Line<'static> {
    let th = &view.th;
    let mut spans = Vec::new();
    for (actions, id) in [
        (
            &[Action::Answer(0), Action::Answer(1), Action::Answer(2)][..],
            msg::QUIZ_KEYS_ANSWER,
        ),
        (
            &[Action::PrevStep, Action::NextStep][..],
            msg::QUIZ_KEYS_MOVE,
        ),
        (&[Action::Cancel][..], msg::QUIZ_KEYS_CLOSE),
    ] {
        if answered && id == msg::QUIZ_KEYS_ANSWER {
            continue;
        }
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(
            keymap::keys_label(KeyMode::Quiz, actions, view.lang),
            th.key,
        ));
        spans.push(Span::styled(format!(" {}", view.t(id)), th.muted));
    }
    Line::from(spans)
}

/// The box's lines at `width` cells: progress, question, choices, verdict and explanation,
/// keys. Sections that do not fit are left out from the least needed on.
#[must_use]
pub fn sections(
    view: &Look,
    at: QuizAt,
    journal: &Journal,
    config: &Config,
    width: usize,
) -> Vec<dialogs::Section> {
    let th = &view.th;
    let questions = quiz::of_step(at.step);
    let Some(question) = questions.get(at.index) else {
        return Vec::new();
    };
    let answer = quiz::answer_of(journal, question.id);
    let progress = Text::new(msg::QUIZ_PROGRESS)
        .arg("n", at.index + 1)
        .arg("total", questions.len());
    let mut head = vec![Line::styled(view.text(&progress), th.muted)];
    head.extend(wrap::lines_with(
        "",
        &view.text(&question.question(config)),
        width,
        th.heading,
        th.heading,
    ));
    let mut choices = Vec::new();
    for (n, letter) in (0u8..).zip(LETTERS) {
        let marker = format!("{letter})  ");
        let mut text = view.text(&question.choice(n, config));
        let style = match answer {
            Some(_) if n == question.right => th.done,
            Some(mine) if mine == n => th.failed,
            _ => th.text,
        };
        // The learner's answer is marked at its end, wrapped with it (never cut at the edge).
        if answer == Some(n) {
            let mark = if n == question.right { "✔" } else { "✘" };
            text = format!("{text}  {mark} {}", view.t(msg::QUIZ_YOUR_ANSWER));
        }
        choices.extend(wrap::lines_with(&marker, &text, width, th.key, style));
    }
    let mut sections = vec![
        dialogs::Section {
            drop_rank: dialogs::KEEP,
            lines: head,
        },
        dialogs::Section {
            drop_rank: dialogs::KEEP,
            lines: choices,
        },
    ];
    if let Some(mine) = answer {
        let verdict = if mine == question.right {
            Line::styled(view.t(msg::QUIZ_RIGHT), th.done)
        } else {
            let right = LETTERS
                .get(usize::from(question.right))
                .copied()
                .unwrap_or('a');
            Line::styled(
                view.text(&Text::new(msg::QUIZ_WRONG).arg("answer", format!("{right})"))),
                th.failed,
            )
        };
        let mut lines = vec![verdict];
        lines.extend(wrap::lines_with(
            "",
            &view.text(&question.why(config)),
            width,
            th.text,
            th.text,
        ));
        sections.push(dialogs::Section {
            drop_rank: 2,
            lines,
        });
    }
    sections.push(dialogs::Section {
        drop_rank: dialogs::KEEP,
        lines: vec![keys_line(view, answer.is_some())],
    });
    sections
}

/// Draws the questions box over `area`.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    view: &Look,
    at: QuizAt,
    journal: &Journal,
    config: &Config,
) {
    let width = usize::from(dialogs::dialog_width(area).saturating_sub(4)).max(1);
    let sections = sections(view, at, journal, config, width);
    let omitted = Line::styled(view.t(msg::UI_DIALOG_OMITTED), view.th.muted);
    let lines = dialogs::fit(sections, dialogs::max_rows(area), &omitted);
    let title = view.text(&Text::new(msg::QUIZ_TITLE).arg("step", at.step.title()));
    dialogs::frame_dialog(frame, area, view, &title, lines, false);
}
