//! The selected step: its title and live check first (what the learner needs at a glance),
//! then the explanation, the drawing that belongs to it (incremental snapshots, RPO/RTO, the
//! figures of this run), the console path as a numbered list and what Enter will do. The
//! whole text is laid out here and scrolled with ↑/↓, clamped so it never scrolls away.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::{View, panel, picture, recovery, steps, wrap};
use crate::i18n::Id;
use crate::lab::steps::Illustration;
use crate::lab::{self, StepId, StepState, Text};
use crate::msg;

/// The word for a state, next to its symbol.
#[must_use]
pub fn state_word(view: &View<'_>, state: StepState) -> String {
    view.t(match state {
        StepState::Done => msg::UI_STATE_DONE,
        StepState::InProgress => msg::UI_STATE_PROGRESS,
        StepState::Todo => msg::UI_STATE_TODO,
        StepState::Failed => msg::UI_STATE_FAILED,
    })
}

/// What Enter does on `step`, as a message id: `ui-action-<step>` for a step with an action.
fn action_id(step: StepId) -> Id {
    step.step()
        .texts()
        .action
        .filter(|_| step.has_action())
        .unwrap_or(msg::UI_ACTION_NONE)
}

/// What the learner does now on the selected step, as a text: what is running, what to
/// wait for, why it cannot be done yet, or what to do. Read from the live state, so it
/// never asks to wait for something that does not exist yet.
#[must_use]
pub fn now_text(view: &View<'_>) -> String {
    let app = view.app;
    let step = app.selected;
    let args = app.name_args(step);
    let texts = step.step().texts();
    let step_text = |id: Id| Text {
        id: id.into(),
        args: args.clone(),
    };
    if app
        .running
        .as_ref()
        .is_some_and(|(running, _)| *running == step)
    {
        return view.t(msg::UI_NOW_RUNNING);
    }
    let Some(check) = app.check(step) else {
        return view.text(&step_text(texts.now));
    };
    match check.state {
        StepState::Todo | StepState::Done if awaits_look(app, step) => {
            view.text(&step_text(texts.now_look.unwrap_or(texts.now)))
        }
        StepState::Done => view.t(msg::UI_NOW_DONE),
        // The first diagnosis in a few words, and where its fix is.
        StepState::Failed => match check.problems.first() {
            Some(problem) => Text::new(msg::UI_NOW_PROBLEM)
                .arg("short", problem.short())
                .arg("more", check.problems.len() - 1)
                .render(view.lang),
            None => view.t(msg::UI_NOW_FAILED),
        },
        StepState::InProgress => match texts.now_wait {
            Some(id) => view.text(&step_text(id)),
            None => view.t(msg::UI_NOW_WAIT),
        },
        StepState::Todo => {
            // A lab step whose turn has not come names the step to do first, so it never
            // asks to wait for something that does not exist yet.
            if StepId::CORE.contains(&step)
                && let Some(first) = StepId::CORE[..]
                    .iter()
                    .take_while(|s| **s != step)
                    .find(|s| app.check(**s).is_none_or(|c| c.state != StepState::Done))
            {
                return Text::new(msg::UI_NOW_FIRST)
                    .arg("n", first.index() + 1)
                    .arg("name", first.short_title())
                    .render(view.lang);
            }
            // A step that cannot start yet says why instead of what it would do.
            if step.has_action()
                && !app.read_only
                && let lab::plan::Ready::Blocked(reason) =
                    lab::steps::plan(step, &app.ctx(), &app.options)
            {
                return Text::new(msg::UI_NOW_BLOCKED)
                    .arg("reason", reason)
                    .render(view.lang);
            }
            view.text(&step_text(texts.now))
        }
    }
}

/// Whether `step` waits for the learner to look in the browser and confirm (the verify
/// step's moment: the app serves the todos again, or served them and was confirmed).
fn awaits_look(app: &crate::app::App, step: StepId) -> bool {
    step.has_action()
        && !app.read_only
        && app
            .check(step)
            .is_some_and(|c| matches!(c.state, StepState::Done | StepState::Todo))
        && matches!(
            lab::steps::plan(step, &app.ctx(), &app.options),
            lab::plan::Ready::Plan(p) if p.confirm == lab::plan::Confirm::Seen
        )
}

/// The key hint under the "now" text: what Enter does on this step, or where → leads.
/// The key (`⏎ Enter` or `→`) and the words.
#[must_use]
pub fn now_hint(view: &View<'_>) -> (String, String) {
    let app = view.app;
    let step = app.selected;
    // Enter is the next thing to do only while the step waits for it (or needs mending).
    let waits_for_enter = app
        .check(step)
        .is_some_and(|c| matches!(c.state, StepState::Todo | StepState::Failed))
        || awaits_look(app, step);
    if step.has_action() && waits_for_enter {
        if app.read_only {
            return ("⏎".to_owned(), view.t(msg::UI_NOW_READ_ONLY));
        }
        // On a step that needs mending, Enter does what the plan says (a mend, a choice),
        // or, where backup-lab cannot mend it, nothing but showing why.
        let failed = app
            .check(step)
            .is_some_and(|c| c.state == StepState::Failed && !c.problems.is_empty());
        if failed {
            let id = match lab::steps::plan(step, &app.ctx(), &app.options) {
                lab::plan::Ready::Plan(_) => msg::UI_NOW_ENTER_MEND,
                _ => msg::UI_NOW_ENTER_CONSOLE,
            };
            return ("⏎ Enter".to_owned(), view.t(id));
        }
        let label = Text {
            id: step
                .step()
                .texts()
                .enter
                .unwrap_or(msg::UI_ACTION_ENTER)
                .into(),
            args: app.name_args(step),
        };
        return ("⏎ Enter".to_owned(), view.text(&label));
    }
    // → leads on; where the learner has already done what follows, ▶ names the next step
    // to do instead.
    let following = StepId::ALL.get(step.index() + 1).copied();
    let ahead = app
        .next_step()
        .filter(|n| *n > step && Some(*n) != following);
    let label = |s: StepId| format!("{} {}", s.index() + 1, view.text(&s.short_title()));
    match (ahead, following) {
        (Some(todo), _) => (
            "▶".to_owned(),
            Text::new(msg::UI_NOW_NEXT_TODO)
                .arg("step", label(todo))
                .render(view.lang),
        ),
        (None, Some(next)) => (
            "→".to_owned(),
            Text::new(msg::UI_NOW_NEXT)
                .arg("step", label(next))
                .render(view.lang),
        ),
        // The last step: the lab is complete only when no step before it is left to do
        // (a rollout that failed and was rolled back is not "complete").
        (None, None) => match app.next_step().filter(|n| *n != step) {
            Some(todo) => (
                "▶".to_owned(),
                Text::new(msg::UI_NOW_NEXT_TODO)
                    .arg("step", label(todo))
                    .render(view.lang),
            ),
            None => (String::new(), view.t(msg::UI_NOW_COMPLETE)),
        },
    }
}

/// The "now" block at the top of a step: 1–3 lines of what to do, then the key hint.
#[must_use]
pub fn now_lines(view: &View<'_>, width: usize) -> Vec<Line<'static>> {
    let th = &view.th;
    let mut out = wrap::lines_with("", &now_text(view), width, th.heading, th.heading);
    let (key, what) = now_hint(view);
    let lead = if key.is_empty() {
        String::new()
    } else {
        format!("{key} ")
    };
    let hint = wrap::lines_with(&lead, &what, width, th.key, th.accent);
    out.extend(hint);
    out
}

/// Projector mode: the "now" block, then what the step's check sees live (its state and
/// first detail), in a box of its own.
pub fn draw_now(frame: &mut Frame, area: Rect, view: &View<'_>) {
    let block = panel(view, format!(" {} ", view.t(msg::UI_NOW_TITLE)));
    let inner = block.inner(area);
    let lines = now_box_lines(view, usize::from(inner.width).max(1));
    let bold = ratatui::style::Modifier::BOLD;
    frame.render_widget(
        Paragraph::new(lines)
            .style(ratatui::style::Style::new().add_modifier(bold))
            .block(block),
        area,
    );
}

fn now_box_lines(view: &View<'_>, width: usize) -> Vec<Line<'static>> {
    let th = &view.th;
    let mut lines = now_lines(view, width);
    if let Some(check) = view.app.check(view.app.selected) {
        let (sym, _) = steps::symbol(view, view.app.selected);
        let detail = check
            .details
            .first()
            .map(|d| format!(" – {}", view.text(d)))
            .unwrap_or_default();
        let text = format!("{sym} {}{detail}", state_word(view, check.state));
        let style = th.state(check.state);
        lines.extend(wrap::lines_with("", &text, width, style, style));
    }
    lines
}

/// Rows the projector's "now" box wants at `width` (border included).
#[must_use]
pub fn now_height(view: &View<'_>, width: u16) -> u16 {
    let inner = usize::from(width.saturating_sub(2)).max(1);
    super::rows(now_box_lines(view, inner).len()) + 2
}

/// A heading, wrapped like the text under it so a narrow panel does not cut it off.
fn heading(view: &View<'_>, text: &str, width: usize) -> Vec<Line<'static>> {
    wrap::lines_with("", text, width, view.th.heading, view.th.heading)
}

/// A folded section: its heading, then `c` and what it shows, on one row where they fit.
fn fold_lines(view: &View<'_>, head: &str, what: &str, width: usize) -> Vec<Line<'static>> {
    let th = &view.th;
    let key = "c";
    if wrap::width(head) + wrap::width(key) + wrap::width(what) + 4 <= width {
        return vec![Line::from(vec![
            ratatui::text::Span::styled(head.to_owned(), th.heading),
            ratatui::text::Span::raw("  "),
            ratatui::text::Span::styled(key.to_owned(), th.key),
            ratatui::text::Span::raw(" "),
            ratatui::text::Span::styled(what.to_owned(), th.muted),
        ])];
    }
    let mut out = heading(view, head, width);
    out.extend(wrap::lines_with(
        &format!("{key} "),
        what,
        width,
        th.key,
        th.muted,
    ));
    out
}

/// Each diagnosis: what happened and why it matters, then what to do now.
#[must_use]
pub fn problem_lines(
    view: &View<'_>,
    _state: StepState,
    problems: &[lab::Problem],
    width: usize,
) -> Vec<Line<'static>> {
    let th = &view.th;
    let mut out = Vec::new();
    for problem in problems {
        // Each as its severity says: a failure, a warning, or a note on a step that is done.
        let style = match problem.severity {
            lab::Severity::Failure => th.failed,
            lab::Severity::Warning => th.warn,
            lab::Severity::Note => th.muted,
        };
        let mark = format!("  {} ", problem.severity.symbol());
        out.extend(wrap::lines_with(
            &mark,
            &view.text(&problem.detail),
            width,
            style,
            th.text,
        ));
        out.extend(wrap::lines_with(
            "  → ",
            &view.text(&problem.fix),
            width,
            th.accent,
            th.text,
        ));
    }
    out
}

/// Below this many rows inside the panel (80×24, 100×30, the projector) the headings of the
/// console steps and of the action follow the text without a blank row: their colour sets
/// them apart, and the rows go to the text.
const COMPACT_ROWS: u16 = 24;

/// The panel's content at `width` cells; `compact` leaves out the blank rows before headings.
#[must_use]
pub fn content(view: &View<'_>, width: usize, compact: bool) -> Vec<Line<'static>> {
    let app = view.app;
    let th = &view.th;
    let step = app.selected;
    let texts = step.step().texts();
    let step_text = |id: Option<Id>| Some(lab::step_text_with(view.lang, id?, app.name_args(step)));
    let mut out: Vec<Line<'static>> = Vec::new();

    // Beside the step's number on the border when it fits there, else the first line.
    if border_title(view, width).is_none() {
        for line in wrap::wrap(&step_title(view), width) {
            out.push(Line::styled(line, th.title));
        }
    }
    // In projector mode the "now" block has a box of its own above the text.
    if !app.present {
        out.extend(now_lines(view, width));
    }

    if let Some(check) = app.check(step) {
        let (sym, _) = steps::symbol(view, step);
        let style = th.state(check.state);
        let label = format!("{} ", view.t(msg::UI_CHECK_LABEL));
        let head = format!("{sym} {}", state_word(view, check.state));
        // In projector mode the "now" box above shows the state and the first detail.
        if !app.present {
            out.extend(wrap::lines_with(&label, &head, width, th.muted, style));
        }
        // The diagnoses first: what happened and what to do; then the facts around them.
        out.extend(problem_lines(view, check.state, &check.problems, width));
        for detail in check.details.iter().skip(usize::from(app.present)) {
            out.extend(wrap::lines_with(
                "  – ",
                &view.text(detail),
                width,
                th.muted,
                th.text,
            ));
        }
    }
    if let Some((running, progress)) = &app.running
        && *running == step
    {
        let text = progress
            .as_ref()
            .map_or_else(|| view.t(msg::UI_RUNNING), |p| view.text(p));
        out.extend(wrap::lines_with(
            "◐ ",
            &text,
            width,
            th.progress,
            th.progress,
        ));
    }
    out.extend(super::quiz::prompt_lines(view, step, width));
    // A blank row parts the lines above from the text, where there are lines above.
    if !out.is_empty() {
        out.push(Line::default());
    }

    if let Some(body) = step_text(Some(texts.body)) {
        for para in wrap::paragraphs(&body) {
            out.extend(wrap::para_lines(&para, width, th.accent, th.text));
        }
    }

    match step.step().illustration() {
        Some(Illustration::IncrementalSnapshots) => {
            out.push(Line::default());
            out.extend(picture::lines(view, width));
        }
        Some(Illustration::RpoRtoDiagram) => {
            out.push(Line::default());
            out.extend(picture::rpo_rto_diagram(view, width));
        }
        Some(Illustration::RunFigures) => {
            if !compact {
                out.push(Line::default());
            }
            out.extend(heading(view, &view.t(msg::UI_FIGURES_HEADING), width));
            out.extend(recovery::recovery_lines(view, width, true, usize::MAX));
            if !compact {
                out.push(Line::default());
            }
            out.extend(super::business::lines(view, width));
        }
        None => {}
    }

    if let Some(console) = step_text(texts.console) {
        if !compact {
            out.push(Line::default());
        }
        // Where the steps happen: the console, or (for the todos) the browser.
        let where_ =
            step_text(texts.console_heading).unwrap_or_else(|| view.t(msg::UI_CONSOLE_HEADING));
        let paras = wrap::paragraphs(&console);
        // The heading names the key that shows or folds the numbered steps (folded by
        // default: they are the reference beside the explanation).
        let steps = paras.iter().filter(|p| p.marker.ends_with(". ")).count();
        let fold = Text::new(if app.console {
            msg::UI_CONSOLE_UNFOLDED
        } else {
            msg::UI_CONSOLE_FOLDED
        })
        .arg("n", steps)
        .render(view.lang);
        out.extend(fold_lines(view, &where_, &fold, width));
        if app.console {
            for para in paras {
                out.extend(wrap::para_lines(&para, width, th.accent, th.text));
            }
        }
    }

    // A step that only explains says so in its "now" line (→ next step) and when Enter is
    // pressed; where rows are scarce, that is enough.
    if compact && !step.has_action() {
        return out;
    }
    if !compact {
        out.push(Line::default());
    }
    out.extend(heading(view, &view.t(msg::UI_ACTION_HEADING), width));
    let action = Text {
        id: action_id(step).into(),
        args: app.name_args(step),
    };
    out.extend(wrap::lines_with(
        "",
        &view.text(&action),
        width,
        th.text,
        th.text,
    ));
    if step.has_action() {
        let hint = if app.read_only {
            // A look to confirm changes nothing in AWS: the app that owns the state records it.
            let look = matches!(
                lab::steps::plan(step, &app.ctx(), &app.options),
                lab::plan::Ready::Plan(p) if p.confirm == lab::plan::Confirm::Seen
            );
            view.text(
                &Text::new(if look {
                    msg::UI_ACTION_READ_ONLY_LOOK
                } else {
                    msg::UI_ACTION_READ_ONLY
                })
                .arg("step", step.id()),
            )
        } else {
            // The todo steps' commands are curl requests to the app, not AWS CLI.
            step_text(texts.console_enter).unwrap_or_else(|| view.t(msg::UI_ACTION_ENTER))
        };
        out.extend(wrap::lines_with(
            "⏎ ",
            &hint,
            width,
            th.key,
            if app.read_only { th.warn } else { th.muted },
        ));
    }
    out
}

/// `7 · Snapshot wiederherstellen`, with `(optional)` where the step is.
fn step_title(view: &View<'_>) -> String {
    let step = view.app.selected;
    let title = format!("{} · {}", step.index() + 1, view.text(&step.title()));
    if step.is_optional() {
        format!("{title} ({})", view.t(msg::UI_OPTIONAL))
    } else {
        title
    }
}

/// `Schritt 7 von 12 · Snapshot wiederherstellen`: the panel's title with the step's name, so
/// the text needs no row for it; `None` where it does not fit on the border of a panel `width`
/// wide inside.
pub(super) fn border_title(view: &View<'_>, width: usize) -> Option<String> {
    let step = view.app.selected;
    let mut title = format!(
        "{} · {}",
        Text::new(msg::UI_STEP_OF)
            .arg("n", step.index() + 1)
            .arg("total", StepId::ALL.len())
            .render(view.lang),
        view.text(&step.title())
    );
    if step.is_optional() {
        title = format!("{title} ({})", view.t(msg::UI_OPTIONAL));
    }
    (wrap::width(&title) + 2 <= width).then_some(title)
}

/// How far the panel on `area` can scroll.
#[must_use]
pub fn max_scroll(view: &View<'_>, area: Rect) -> u16 {
    let inner = Block::bordered().inner(area);
    let compact = inner.height < COMPACT_ROWS;
    let lines = content(view, usize::from(inner.width).max(1), compact).len();
    super::rows(lines.saturating_sub(usize::from(inner.height)))
}

pub fn draw(frame: &mut Frame, area: Rect, view: &View<'_>) {
    let app = view.app;
    // The scrollbar, when needed, takes the place of the right border.
    let width = usize::from(Block::bordered().inner(area).width).max(1);
    let title = border_title(view, width).unwrap_or_else(|| {
        Text::new(msg::UI_STEP_OF)
            .arg("n", app.selected.index() + 1)
            .arg("total", StepId::ALL.len())
            .render(view.lang)
    });
    let block = panel(view, format!(" {title} "));
    let inner = block.inner(area);
    let compact = Block::bordered().inner(area).height < COMPACT_ROWS;
    let lines = content(view, width, compact);
    let total = lines.len();
    let visible = usize::from(inner.height);
    let max_scroll = total.saturating_sub(visible);
    let scroll = usize::from(app.scroll).min(max_scroll);
    let block = if max_scroll > 0 {
        let hint = if scroll < max_scroll {
            view.t(msg::UI_SCROLL_MORE)
        } else {
            view.t(msg::UI_SCROLL_END)
        };
        block.title_bottom(Line::styled(format!(" {hint} "), view.th.muted).right_aligned())
    } else {
        block
    };
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((super::rows(scroll), 0)),
        area,
    );
    if max_scroll > 0 {
        let mut state = ScrollbarState::new(max_scroll)
            .position(scroll)
            .viewport_content_length(visible);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .symbols(ratatui::symbols::scrollbar::VERTICAL)
                .begin_symbol(None)
                .end_symbol(None)
                .style(view.th.muted),
            area.inner(Margin {
                vertical: 1,
                horizontal: 0,
            }),
            &mut state,
        );
    }
}
