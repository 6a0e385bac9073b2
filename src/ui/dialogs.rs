//! Dialogs in front of the screen: the plan of an action waiting for y/n or a typed word, the
//! ways or the typed value a step asks for before its plan (drawn from the step's data, for
//! any step alike), and notices. Each shows what will happen
//! and which keys do what; nothing here changes state.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::{Look, wrap};
use crate::action::Action;
use crate::app::Dialog;
use crate::i18n::Id;
use crate::keymap::{self, KeyMode};
use crate::lab::ask::{Choices, Field};
use crate::lab::plan::{Confirm, Plan};
use crate::lab::steps;
use crate::lab::steps::Ctx;
use crate::lab::{StepId, Text};
use crate::msg;

/// Dialogs are at most this wide.
const MAX_WIDTH: u16 = 84;
/// The text cursor in input fields.
const CURSOR: &str = "█";

/// The width of a dialog on `area`.
#[must_use]
pub fn dialog_width(area: Rect) -> u16 {
    area.width.saturating_sub(4).min(MAX_WIDTH)
}

/// Rows a dialog's content may take on `area` (a row of air above and below).
#[must_use]
pub fn max_rows(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(4)).max(1)
}

/// Draws `lines` in a centred, bordered box; callers fit them with [`fit`] first.
pub fn frame_dialog(
    frame: &mut Frame,
    area: Rect,
    view: &Look,
    title: &str,
    lines: Vec<Line<'static>>,
    is_error: bool,
) {
    let th = &view.th;
    let width = dialog_width(area);
    let height = super::rows(lines.len() + 2).min(area.height);
    let [_, row, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [_, rect, _] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(width),
        Constraint::Fill(1),
    ])
    .areas(row);
    let border = if is_error { th.error } else { th.title };
    let block = Block::bordered()
        .border_style(border)
        .title(Line::styled(
            format!(
                " {} ",
                wrap::truncate(title, usize::from(width.saturating_sub(4)))
            ),
            border,
        ))
        .style(th.base)
        .padding(ratatui::widgets::Padding::horizontal(1));
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

/// A part of a dialog and how readily it is left out when rows are short (higher first;
/// [`KEEP`] never).
pub struct Section {
    pub drop_rank: u8,
    pub lines: Vec<Line<'static>>,
}

/// Sections that are never left out.
pub const KEEP: u8 = 0;
/// The line that stands for left-out sections; it goes last of all.
const PLACEHOLDER: u8 = 1;

/// Joins sections with blank lines into at most `max` rows: first the blank lines go, then
/// the sections with the highest drop rank (each leaves `omitted` in its place, so the reader
/// knows there is more), and at last the middle is cut so the final section (the keys) stays.
#[must_use]
pub fn fit(mut sections: Vec<Section>, max: usize, omitted: &Line<'static>) -> Vec<Line<'static>> {
    sections.retain(|s| !s.lines.is_empty());
    loop {
        let rows: usize = sections.iter().map(|s| s.lines.len()).sum();
        let gaps = sections.len().saturating_sub(1);
        if rows + gaps <= max {
            let mut out = Vec::new();
            for (i, section) in sections.into_iter().enumerate() {
                if i > 0 {
                    out.push(Line::default());
                }
                out.extend(section.lines);
            }
            return out;
        }
        if rows <= max {
            return sections.into_iter().flat_map(|s| s.lines).collect();
        }
        let droppable = sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.drop_rank > KEEP)
            .max_by_key(|(i, s)| (s.drop_rank, *i))
            .map(|(i, _)| i);
        if let Some(i) = droppable {
            let placeholder = |j: usize| {
                sections
                    .get(j)
                    .is_some_and(|s: &Section| s.drop_rank == PLACEHOLDER)
            };
            if placeholder(i) || (i > 0 && placeholder(i - 1)) || placeholder(i + 1) {
                sections.remove(i);
            } else {
                sections[i] = Section {
                    drop_rank: PLACEHOLDER,
                    lines: vec![omitted.clone()],
                };
            }
        } else {
            let last = sections.pop().map(|s| s.lines).unwrap_or_default();
            let room = max.saturating_sub(last.len() + 1);
            let mut out: Vec<Line<'static>> = sections
                .into_iter()
                .flat_map(|s| s.lines)
                .take(room)
                .collect();
            out.push(Line::raw("…"));
            out.extend(last);
            out.truncate(max);
            return out;
        }
    }
}

/// Inner text width of a dialog on `area` (border and padding off).
fn inner_width(area: Rect) -> usize {
    usize::from(dialog_width(area).saturating_sub(4)).max(1)
}

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    view: &Look,
    dialog: &Dialog,
    scroll: u16,
    ctx: &Ctx<'_>,
) {
    let (title, sections, is_error) = contents(area, view, dialog, ctx);
    let lines = scrolled(
        sections,
        max_rows(area),
        usize::from(scroll),
        |first, last, total| scroll_position(view, first, last, total),
    );
    frame_dialog(frame, area, view, &title, lines, is_error);
}

/// How a dialog on `area` scrolls: `(page, scroll_max)`, the body rows shown at once (less one
/// kept for context when paging) and how far its body can scroll (0 when it fits).
#[must_use]
pub fn extent(area: Rect, view: &Look, dialog: &Dialog, ctx: &Ctx<'_>) -> (u16, u16) {
    let (_, sections, _) = contents(area, view, dialog, ctx);
    scroll_extent(sections, max_rows(area))
}

/// [`extent`] of `sections` in `max` rows, as [`scrolled`] lays them out.
#[must_use]
pub fn scroll_extent(mut sections: Vec<Section>, max: usize) -> (u16, u16) {
    sections.retain(|s| !s.lines.is_empty());
    let last = sections.pop().map_or(0, |s| s.lines.len());
    let body: usize =
        sections.iter().map(|s| s.lines.len()).sum::<usize>() + sections.len().saturating_sub(1);
    let room = max.saturating_sub(last + 1).max(1);
    let clamp = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    if body + last < max || body == 0 {
        return (clamp(room.saturating_sub(1).max(1)), 0);
    }
    (
        clamp(room.saturating_sub(1).max(1)),
        clamp(body.saturating_sub(room)),
    )
}

/// A dialog's title, its sections (the last one, the question and its keys, stays in view)
/// and whether it tells of an error.
fn contents(
    area: Rect,
    view: &Look,
    dialog: &Dialog,
    ctx: &Ctx<'_>,
) -> (String, Vec<Section>, bool) {
    let width = inner_width(area);
    match dialog {
        Dialog::Confirm {
            plan,
            typed,
            mismatch,
        } => (
            view.text(&plan.step.title()),
            confirm_sections(view, plan, typed, *mismatch, width),
            false,
        ),
        Dialog::FreshWorld { typed, mismatch } => (
            view.t(msg::UI_FRESH_TITLE),
            fresh_sections(view, typed, *mismatch, width),
            true,
        ),
        Dialog::Type {
            step,
            field,
            input,
            error,
        } => (
            view.t(field.title),
            type_sections(view, ctx, *step, field, input, error.as_ref(), width),
            false,
        ),
        Dialog::Choose { choices, .. } => (
            view.t(choices.title),
            choose_sections(view, choices, width),
            false,
        ),
        Dialog::Notice {
            title,
            lines,
            is_error,
        } => {
            let th = &view.th;
            let style = if *is_error { th.error } else { th.text };
            // An action's result starts with its verdict on a line of its own.
            let verdict = match (*is_error, title.id.as_str()) {
                // Sent, but AWS is still at work (a snapshot being made, a restore creating):
                // started, not done.
                (false, id) if id.starts_with("step-") => {
                    // …and one that ended badly since (a restore in a terminal status) fails.
                    let state = StepId::ALL
                        .into_iter()
                        .find(|s| s.title().id == title.id)
                        .and_then(|s| crate::lab::steps::check(s, ctx))
                        .map(|c| c.state);
                    Some(match state {
                        Some(crate::lab::StepState::InProgress) => {
                            Line::styled(view.t(msg::UI_RESULT_STARTED), th.progress)
                        }
                        Some(crate::lab::StepState::Failed) => {
                            Line::styled(view.t(msg::UI_RESULT_FAILED), th.error)
                        }
                        _ => Line::styled(view.t(msg::UI_RESULT_DONE), th.done),
                    })
                }
                (true, id) if id == msg::DIALOG_ACTION_FAILED.as_str() => {
                    Some(Line::styled(view.t(msg::UI_RESULT_FAILED), th.error))
                }
                _ => None,
            };
            let body =
                verdict
                    .into_iter()
                    .chain(lines.iter().flat_map(|line| {
                        wrap::lines_with("", &view.text(line), width, style, style)
                    }))
                    .collect();
            let keys =
                wrap::lines_with("", &view.t(msg::UI_NOTICE_CLOSE), width, th.muted, th.muted);
            (
                view.text(title),
                vec![
                    Section {
                        drop_rank: KEEP,
                        lines: body,
                    },
                    Section {
                        drop_rank: KEEP,
                        lines: keys,
                    },
                ],
                *is_error,
            )
        }
    }
}

/// The line above a scrolled body: which of its rows are shown.
#[must_use]
pub fn scroll_position(view: &Look, first: usize, last: usize, total: usize) -> Line<'static> {
    Line::styled(
        Text::new(msg::UI_DIALOG_SCROLL)
            .arg("first", first)
            .arg("last", last)
            .arg("total", total)
            .render(view.lang),
        view.th.key,
    )
}

/// Joins sections with blank lines; when they do not fit in `max` rows, the body scrolls
/// (from row `scroll`, clamped) under a line that says which rows are shown, and the last
/// section (the question and its keys) stays in view. Nothing is left out.
#[must_use]
pub fn scrolled(
    mut sections: Vec<Section>,
    max: usize,
    scroll: usize,
    position: impl Fn(usize, usize, usize) -> Line<'static>,
) -> Vec<Line<'static>> {
    sections.retain(|s| !s.lines.is_empty());
    let join = |sections: Vec<Section>| {
        let mut out = Vec::new();
        for (i, section) in sections.into_iter().enumerate() {
            if i > 0 {
                out.push(Line::default());
            }
            out.extend(section.lines);
        }
        out
    };
    let last = sections.pop().map(|s| s.lines).unwrap_or_default();
    let body = join(sections);
    if body.len() + last.len() < max || body.is_empty() {
        let mut out = body;
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.extend(last);
        return out;
    }
    // Room for the body: all rows but the position line and the pinned question.
    let room = max.saturating_sub(last.len() + 1).max(1);
    let total = body.len();
    let first = scroll.min(total.saturating_sub(room));
    let mut out: Vec<Line<'static>> = body.into_iter().skip(first).take(room).collect();
    let shown = out.len();
    out.push(position(first + 1, first + shown, total));
    out.extend(last);
    out
}

/// Key hint spans: `[y] yes   [n] no`, the keys as `keymap` has them for `mode` and the
/// language.
fn keys(view: &Look, mode: KeyMode, pairs: &[(&[Action], Id)]) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, (actions, id)) in pairs.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("   "));
        }
        let key = keymap::keys_label(mode, actions, view.lang);
        spans.push(Span::styled(format!("[{key}]"), view.th.key));
        spans.push(Span::styled(format!(" {}", view.t(*id)), view.th.text));
    }
    Line::from(spans)
}

/// Label and value side by side, each wrapped in its column.
fn two_columns(view: &Look, rows: &[(String, String)], width: usize) -> Vec<Line<'static>> {
    let th = &view.th;
    let widest = rows.iter().map(|(l, _)| wrap::width(l)).max().unwrap_or(0);
    let label_width = widest.min(width * 2 / 5).max(1);
    let value_width = width.saturating_sub(label_width + 1).max(1);
    let mut out = Vec::new();
    for (label, value) in rows {
        let labels = wrap::wrap(label, label_width);
        let values = wrap::wrap(value, value_width);
        for i in 0..labels.len().max(values.len()) {
            let l = labels.get(i).map_or_else(String::new, Clone::clone);
            let v = values.get(i).map_or_else(String::new, Clone::clone);
            out.push(Line::from(vec![
                Span::styled(wrap::pad(&l, label_width + 1), th.muted),
                Span::styled(v, th.heading),
            ]));
        }
    }
    out
}

fn confirm_sections(
    view: &Look,
    plan: &Plan,
    typed: &str,
    mismatch: bool,
    width: usize,
) -> Vec<Section> {
    let th = &view.th;
    let params: Vec<(String, String)> = plan
        .params
        .iter()
        .map(|(label, raw)| (format!("{}:", view.text(label)), raw.render(view.lang)))
        .collect();
    let mut cli = Vec::new();
    if !plan.commands.is_empty() {
        cli.push(Line::styled(view.t(msg::UI_CONFIRM_CLI), th.muted));
        // Rows a shell reads as the one command when pasted (line continuations, no word
        // cut without one).
        for command in &plan.commands {
            cli.extend(
                wrap::command_rows(command, width)
                    .into_iter()
                    .map(|(prefix, text)| {
                        Line::from(vec![
                            Span::styled(prefix, th.muted),
                            Span::styled(text, th.code),
                        ])
                    }),
            );
        }
    }
    let notes = plan
        .notes
        .iter()
        .flat_map(|note| wrap::lines_with("! ", &view.text(note), width, th.warn, th.text))
        .collect();
    let mut prompt = Vec::new();
    match &plan.confirm {
        Confirm::YesNo => {
            prompt.push(Line::styled(view.t(msg::UI_CONFIRM_QUESTION), th.heading));
            prompt.push(keys(
                view,
                KeyMode::Dialog,
                &[
                    (&[Action::Yes], msg::UI_KEY_YES),
                    (&[Action::No], msg::UI_KEY_NO),
                ],
            ));
        }
        Confirm::Seen => {
            prompt.extend(wrap::lines_with(
                "",
                &view.t(msg::UI_CONFIRM_SEEN),
                width,
                th.heading,
                th.heading,
            ));
            prompt.push(keys(
                view,
                KeyMode::Dialog,
                &[
                    (&[Action::Yes], msg::UI_KEY_SEEN_YES),
                    (&[Action::No], msg::UI_KEY_SEEN_NO),
                ],
            ));
        }
        Confirm::Typed(word) => {
            prompt.extend(typed_prompt(view, word, typed, mismatch, width));
            prompt.push(keys(
                view,
                KeyMode::Input,
                &[
                    (&[Action::Confirm], msg::UI_KEY_CONFIRM),
                    (&[Action::Cancel], msg::UI_KEY_CANCEL),
                ],
            ));
        }
    }
    vec![
        Section {
            drop_rank: KEEP,
            lines: two_columns(view, &params, width),
        },
        Section {
            drop_rank: 3,
            lines: cli,
        },
        Section {
            drop_rank: 2,
            lines: notes,
        },
        Section {
            drop_rank: KEEP,
            lines: prompt,
        },
    ]
}

/// A fresh simulated world: what is set aside, what stays, and the word to type.
fn fresh_sections(view: &Look, typed: &str, mismatch: bool, width: usize) -> Vec<Section> {
    let th = &view.th;
    let intro = wrap::lines_with("", &view.t(msg::UI_FRESH_INTRO), width, th.text, th.text);
    let mut prompt = typed_prompt(view, crate::app::FRESH_WORD, typed, mismatch, width);
    prompt.push(keys(
        view,
        KeyMode::Input,
        &[
            (&[Action::Confirm], msg::UI_KEY_CONFIRM),
            (&[Action::Cancel], msg::UI_KEY_CANCEL),
        ],
    ));
    vec![
        Section {
            drop_rank: KEEP,
            lines: intro,
        },
        Section {
            drop_rank: KEEP,
            lines: prompt,
        },
    ]
}

/// "Type `word` to confirm", the field and, after a wrong word, what went wrong.
fn typed_prompt(
    view: &Look,
    word: &str,
    typed: &str,
    mismatch: bool,
    width: usize,
) -> Vec<Line<'static>> {
    let th = &view.th;
    let ask = Text::new(msg::UI_CONFIRM_TYPE)
        .arg("word", word.to_owned())
        .render(view.lang);
    let mut prompt = wrap::lines_with("", &ask, width, th.heading, th.heading);
    prompt.push(Line::from(vec![
        Span::styled("> ", th.key),
        Span::styled(typed.to_owned(), th.heading),
        Span::styled(CURSOR, th.key),
    ]));
    if mismatch {
        let text = Text::new(msg::UI_CONFIRM_MISMATCH)
            .arg("word", word.to_owned())
            .render(view.lang);
        prompt.extend(wrap::lines_with("✘ ", &text, width, th.error, th.error));
    }
    prompt
}

/// A value the step needs, typed: its intro, the field as typed and what it reads as (the
/// step's preview) or why the step refused it.
fn type_sections(
    view: &Look,
    ctx: &Ctx<'_>,
    step: StepId,
    field: &Field,
    input: &str,
    error: Option<&Text>,
    width: usize,
) -> Vec<Section> {
    let th = &view.th;
    let mut lines = vec![Line::from(vec![
        Span::styled("> ", th.key),
        Span::styled(input.to_owned(), th.heading),
        Span::styled(CURSOR, th.key),
    ])];
    match error {
        Some(e) => lines.extend(wrap::lines_with(
            "✘ ",
            &view.text(e),
            width,
            th.error,
            th.error,
        )),
        None => {
            if let Some(reads) = steps::get(step).preview(input, ctx) {
                lines.extend(wrap::lines_with(
                    "= ",
                    &view.text(&reads),
                    width,
                    th.accent,
                    th.accent,
                ));
            }
        }
    }
    input_sections(view, &view.text(&field.intro), lines, width)
}

/// A dialog that asks for one typed value: its intro (dropped first when space is short), the
/// field as typed with what it reads as, and the input keys.
fn input_sections(
    view: &Look,
    intro: &str,
    field: Vec<Line<'static>>,
    width: usize,
) -> Vec<Section> {
    let th = &view.th;
    let keys = vec![keys(
        view,
        KeyMode::Input,
        &[
            (&[Action::Confirm], msg::UI_KEY_CONTINUE),
            (&[Action::Cancel], msg::UI_KEY_CANCEL),
            (&[Action::Backspace], msg::UI_KEY_DELETE),
        ],
    )];
    vec![
        Section {
            drop_rank: 2,
            lines: wrap::lines_with("", intro, width, th.text, th.text),
        },
        Section {
            drop_rank: KEEP,
            lines: field,
        },
        Section {
            drop_rank: KEEP,
            lines: keys,
        },
    ]
}

/// One of the step's ways: each with its mark, its key (if it has one), label and the line
/// that explains it; while nothing is marked, what to do.
fn choose_sections(view: &Look, choices: &Choices, width: usize) -> Vec<Section> {
    let th = &view.th;
    let intro = wrap::lines_with(
        "",
        &view.text(&choices.text(choices.intro)),
        width,
        th.text,
        th.text,
    );
    // With keys, label and explanation start after the key; without, after the mark.
    let indent = if choices.choices.iter().any(|c| c.key.is_some()) {
        8
    } else {
        4
    };
    let mut lines = Vec::new();
    for (i, choice) in choices.choices.iter().enumerate() {
        let chosen = choices.chosen == Some(i);
        let radio = if chosen { "(•) " } else { "( ) " };
        let style: Style = if chosen { th.selected } else { th.text };
        let label = view.text(&choices.text(choice.label));
        let mut spans = vec![Span::styled(radio, if chosen { th.key } else { th.muted })];
        if let Some(key) = choice.key {
            spans.push(Span::styled(format!("[{key}] "), th.key));
        }
        spans.push(Span::styled(
            wrap::truncate(&label, width.saturating_sub(indent)),
            style,
        ));
        lines.push(Line::from(spans));
        lines.extend(wrap::lines_with(
            &" ".repeat(indent),
            &view.text(&choices.text(choice.detail)),
            width,
            th.muted,
            th.muted,
        ));
    }
    let mut keys = Vec::new();
    if let (None, Some(id)) = (choices.chosen, choices.none_chosen) {
        // The keys of the ways, as the list above shows them.
        let mut letters: Vec<String> = choices
            .choices
            .iter()
            .filter_map(|c| c.key.map(String::from))
            .collect();
        let last = letters.pop().unwrap_or_default();
        keys.extend(wrap::lines_with(
            "",
            &Text::new(id)
                .arg("keys", letters.join(", "))
                .arg("last", last)
                .render(view.lang),
            width,
            th.heading,
            th.heading,
        ));
    }
    choice_sections(view, intro, lines, keys)
}

/// A dialog that offers a choice: its intro (dropped first on a small screen), the choices
/// and the keys that switch, choose and cancel (after `keys`, lines that go with them).
fn choice_sections(
    view: &Look,
    intro: Vec<Line<'static>>,
    choices: Vec<Line<'static>>,
    mut keys: Vec<Line<'static>>,
) -> Vec<Section> {
    keys.push(self::keys(
        view,
        KeyMode::Dialog,
        &[
            (
                &[Action::ToggleChoice, Action::ScrollUp, Action::ScrollDown],
                msg::UI_KEY_SWITCH,
            ),
            (&[Action::Confirm], msg::UI_KEY_CHOOSE),
            (&[Action::Cancel], msg::UI_KEY_CANCEL),
        ],
    ));
    vec![
        Section {
            drop_rank: 2,
            lines: intro,
        },
        Section {
            drop_rank: KEEP,
            lines: choices,
        },
        Section {
            drop_rank: KEEP,
            lines: keys,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(drop_rank: u8, text: &str, n: usize) -> Section {
        Section {
            drop_rank,
            lines: (0..n).map(|i| Line::raw(format!("{text}{i}"))).collect(),
        }
    }

    fn texts(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_long_dialog_scrolls_with_the_question_pinned() {
        let sections = || {
            vec![
                section(KEEP, "param", 6),
                section(3, "cli", 4),
                section(2, "note", 3),
                section(KEEP, "keys", 2),
            ]
        };
        let position = |a, b, n| Line::raw(format!("{a}-{b}/{n}"));
        let all = texts(&scrolled(sections(), 20, 0, position));
        assert_eq!(all.len(), 18, "fits: three gaps, no position line");
        let top = texts(&scrolled(sections(), 8, 0, position));
        assert_eq!(
            top,
            [
                "param0", "param1", "param2", "param3", "param4", "1-5/15", "keys0", "keys1"
            ]
        );
        let bottom = texts(&scrolled(sections(), 8, 99, position));
        assert_eq!(
            bottom,
            [
                "cli3", "", "note0", "note1", "note2", "11-15/15", "keys0", "keys1"
            ],
            "scrolled to the end: the last body row is reachable, the question stays"
        );
    }

    #[test]
    fn a_left_out_section_leaves_a_mark() {
        let omitted = Line::raw("…more");
        let sections = || {
            vec![
                section(KEEP, "param", 3),
                section(3, "cli", 4),
                section(2, "note", 1),
                section(KEEP, "keys", 2),
            ]
        };
        assert_eq!(
            fit(sections(), 20, &omitted).len(),
            13,
            "all fits, with gaps"
        );
        let fitted = texts(&fit(sections(), 8, &omitted));
        assert_eq!(
            fitted,
            [
                "param0", "param1", "param2", "…more", "note0", "keys0", "keys1"
            ],
            "the CLI block gives way, and says so"
        );
        let fitted = texts(&fit(sections(), 6, &omitted));
        assert_eq!(
            fitted,
            ["param0", "param1", "param2", "…more", "keys0", "keys1"],
            "one mark for both"
        );
        assert_eq!(
            fit(sections(), 3, &omitted).len(),
            3,
            "never more than asked"
        );
    }
}
