//! The screen, drawn from `&App` alone: no locks, no I/O, no waiting. `draw` picks the layout
//! (normal, projector, too small) and hands each area to its panel; every panel lives in its
//! own file and reads the app through a [`View`], which carries the theme, language and time
//! zone so texts and times look the same everywhere.
//!
//! ```text
//! header ─────────────────────────────────────────────────────────
//! steps      │ instructions (selected step)   │ status
//!            │                                │ RPO / RTO
//! recovery?  │                                │ timeline
//! event log ──────────────────────────────────────────────────────
//! key hints
//! ```
//!
//! Narrower than [`STEPS_COLUMN_FROM`] (80×24 is the learner's default, 120×40 a wide
//! terminal) the step list folds into one row of numbers and marks under the header, and
//! status, RPO/RTO and timeline stack in one column, so the step's text keeps at least 55
//! columns at 80 and gets the rest of a wider screen (84 at 120), with no empty side panels.

pub mod business;
pub mod dialogs;
pub mod header;
pub mod help;
pub mod instructions;
pub mod log;
pub mod picture;
pub mod quiz;
pub mod recovery;
pub mod status;
pub mod steps;
pub mod theme;
pub mod timeline;
pub mod welcome;
pub mod wrap;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::app::{App, Screen};
use crate::i18n::{self, Lang};
use crate::lab::Text;
use crate::msg;

pub use theme::Theme;

/// Below this the layout cannot be read; a message says so instead.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// How texts and times look: styles, language and time zone. A screen in front of the lab
/// (a dialog, the self-check, the help) is drawn from its own state and a `Look`, not from
/// the whole app.
pub struct Look {
    pub th: Theme,
    pub lang: Lang,
    pub tz: TimeZone,
}

/// What every panel of the lab screen needs besides its area: the app and its [`Look`]
/// (through `Deref`: `view.th`, `view.t(…)`).
pub struct View<'a> {
    pub app: &'a App,
    pub look: Look,
    /// The RPO/RTO figures, measured once per frame for every panel that shows them.
    pub recovery: crate::lab::recovery::Recovery,
}

impl std::ops::Deref for View<'_> {
    type Target = Look;

    fn deref(&self) -> &Look {
        &self.look
    }
}

impl<'a> View<'a> {
    #[must_use]
    pub fn new(app: &'a App) -> Self {
        Self {
            app,
            look: Look {
                th: Theme::of(app),
                lang: app.lang,
                tz: app.config.timezone(),
            },
            recovery: app.recovery(),
        }
    }
}

impl Look {
    /// A UI text without arguments.
    #[must_use]
    pub fn t(&self, id: i18n::Id) -> String {
        i18n::t(self.lang, id)
    }

    /// A localizable text.
    #[must_use]
    pub fn text(&self, text: &Text) -> String {
        text.render(self.lang)
    }

    /// `HH:MM:SS` in the learner's zone.
    #[must_use]
    pub fn hms(&self, at: Timestamp) -> String {
        crate::format::clock(at, &self.tz)
    }

    /// `HH:MM` in the learner's zone.
    #[must_use]
    pub fn hm(&self, at: Timestamp) -> String {
        crate::format::clock_minutes(at, &self.tz)
    }
}

impl View<'_> {
    /// Seconds from `at` to the app's now, never negative.
    #[must_use]
    pub fn age(&self, at: Timestamp) -> i64 {
        crate::format::since(self.app.now, at)
    }

    /// `updated 12 s ago`, on the one clock the header shows (in the simulation it runs at
    /// real time while AWS works on nothing, so a picture read a minute ago says so).
    #[must_use]
    pub fn updated(&self, at: Option<Timestamp>) -> String {
        match at {
            Some(at) => Text::new(msg::UI_UPDATED_AGO)
                .arg("ago", crate::lab::Duration::seconds(self.age(at)))
                .render(self.lang),
            None => self.t(msg::UI_NOT_READ_YET),
        }
    }
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    if let Screen::Welcome(screen) = &app.screen {
        welcome::draw(frame, app.lang, screen);
        return;
    }
    let view = View::new(app);
    let area = frame.area();
    frame.render_widget(Block::new().style(view.th.base), area);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, &view);
        return;
    }
    if app.present {
        present(frame, area, &view);
    } else {
        normal(frame, area, &view);
    }
    if let Some(screen) = app.help {
        let lab = help::Lab {
            core_done: steps::core_done(&view),
            mode: &app.mode,
        };
        help::draw(frame, area, &view, screen, lab);
    }
    if let Some(at) = app.quiz {
        quiz::draw(frame, area, &view, at, &app.journal, &app.config);
    }
    if let Some(dialog) = &app.dialog {
        let area = dialog_area(&view, area, dialog);
        dialogs::draw(frame, area, &view, dialog, app.dialog_scroll, &app.ctx());
    }
}

/// Where a dialog goes: a result that only needs reading stays over the instructions, so
/// the live status beside it stays in view; everything else in the middle of the screen.
fn dialog_area(view: &View<'_>, area: Rect, dialog: &crate::app::Dialog) -> Rect {
    /// Narrower than this, a result takes the dialog's full width (at 80×24 it does).
    const MIN_RESULT_WIDTH: u16 = 60;
    if !matches!(
        dialog,
        crate::app::Dialog::Notice {
            is_error: false,
            ..
        }
    ) {
        return area;
    }
    let middle = if view.app.present {
        present_areas(view, area)[4]
    } else {
        normal_areas(area)[2]
    };
    if middle.width < MIN_RESULT_WIDTH + 4 {
        return area;
    }
    // Below the step's title and its "now" block, which stay in view too (the title is on
    // the panel's border where it fits there).
    let inner = Block::bordered().inner(middle);
    let width = usize::from(inner.width);
    let top = if view.app.present {
        0
    } else {
        let title_row = usize::from(instructions::border_title(view, width).is_none());
        rows(instructions::now_lines(view, width).len() + 1 + title_row)
    };
    let below = Rect {
        y: middle.y + top,
        height: middle.height.saturating_sub(top),
        ..middle
    };
    if below.height >= 6 { below } else { middle }
}

fn too_small(frame: &mut Frame, area: Rect, view: &View<'_>) {
    let message = Text::new(msg::UI_TOO_SMALL)
        .arg("width", u32::from(area.width))
        .arg("height", u32::from(area.height))
        .arg("min_width", u32::from(MIN_WIDTH))
        .arg("min_height", u32::from(MIN_HEIGHT));
    let lines: Vec<Line<'_>> = wrap::wrap(&view.text(&message), usize::from(area.width))
        .into_iter()
        .map(Line::from)
        .collect();
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .min(area.height);
    let [_, middle, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(lines)
            .style(view.th.heading)
            .centered()
            .wrap(Wrap { trim: true }),
        middle,
    );
}

/// Rows the status keeps at least beside the projector figures.
const STATUS_MIN_ROWS: u16 = 6;

/// Below this width the step list folds into a row of numbers and marks (the strip), so the
/// instructions keep a readable width. (At 120 a column of its own would leave the text 52
/// columns and rows of the left column empty.)
pub const STEPS_COLUMN_FROM: u16 = 150;

/// Below this width even the strip does not fit: the header names the step (`7/12 Restore`).
pub const STRIP_FROM: u16 = 64;

/// Width of the steps column: enough for the short titles, never more than a quarter; none
/// on a narrower screen.
fn steps_width(width: u16) -> u16 {
    if width < STEPS_COLUMN_FROM {
        0
    } else {
        (width / 4).clamp(20, 34)
    }
}

/// Width of the status column: narrower on a narrower screen, so the step's text keeps at
/// least 55 columns at 80.
fn status_width(width: u16) -> u16 {
    if width < STEPS_COLUMN_FROM {
        (width * 29 / 100).clamp(20, 34)
    } else {
        (width * 3 / 10).clamp(26, 48)
    }
}

/// Whether the step list is the strip under the header.
fn has_strip(width: u16) -> bool {
    (STRIP_FROM..STEPS_COLUMN_FROM).contains(&width)
}

/// The areas of the normal layout: header, steps (a column, or the strip), instructions,
/// status, log, key hints.
fn normal_areas(area: Rect) -> [Rect; 6] {
    // Below 30 rows the log is one row, its title (with the call count) and the newest
    // entry beside it, so the step's text gets the rows.
    let log_height = if area.height < 30 {
        1
    } else {
        (area.height.saturating_sub(6) / 6).clamp(3, 10)
    };
    let strip = u16::from(has_strip(area.width));
    let [header_area, strip_area, main, log_area, hints_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(strip),
        Constraint::Fill(1),
        Constraint::Length(log_height),
        Constraint::Length(1),
    ])
    .areas(area);
    let [left, middle, right] = Layout::horizontal([
        Constraint::Length(steps_width(area.width)),
        Constraint::Fill(1),
        Constraint::Length(status_width(area.width)),
    ])
    .areas(main);
    let left = if strip > 0 { strip_area } else { left };
    [header_area, left, middle, right, log_area, hints_area]
}

/// The areas of the projector layout: header, banner (step in large type), step strip,
/// "now" box, instructions, timeline, figures, status, key hints. The banner is always
/// [`header::BANNER_ROWS`] high, so nothing jumps between steps.
fn present_areas(view: &View<'_>, area: Rect) -> [Rect; 9] {
    let [header_area, title_area, strip_area, main, hints_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(header::BANNER_ROWS),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let right_width = (area.width * 2 / 5).clamp(34, 64);
    let [left, right] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_width)]).areas(main);
    let now_height = instructions::now_height(view, left.width).min(left.height * 2 / 5);
    // The timeline with its one-line legend under it.
    // Before anything happened it is as high as its text, so the step's text gets the rows.
    let timeline_rows = timeline::empty_height(view, usize::from(left.width.saturating_sub(2)))
        .map_or(PRESENT_TIMELINE_ROWS, |h| h.min(PRESENT_TIMELINE_ROWS));
    let timeline_height = if left.height > now_height + 6 + PRESENT_TIMELINE_ROWS {
        timeline_rows + 1
    } else {
        0
    };
    let [now_area, middle, timeline_area] = Layout::vertical([
        Constraint::Length(now_height),
        Constraint::Fill(1),
        Constraint::Length(timeline_height),
    ])
    .areas(left);
    let figures_height =
        recovery::big_figures_height(right.width).min(right.height.saturating_sub(STATUS_MIN_ROWS));
    let [figures_area, status_area] =
        Layout::vertical([Constraint::Length(figures_height), Constraint::Fill(1)]).areas(right);
    [
        header_area,
        title_area,
        strip_area,
        now_area,
        middle,
        timeline_area,
        figures_area,
        status_area,
        hints_area,
    ]
}

/// Rows of the projector's timeline: its border, two lanes, the spans and the axis.
const PRESENT_TIMELINE_ROWS: u16 = 6;

/// Where the instructions panel is on a screen of `area`, in the layout the app is in.
#[must_use]
pub fn instructions_area(app: &App, area: Rect) -> Rect {
    if app.present {
        present_areas(&View::new(app), area)[4]
    } else {
        normal_areas(area)[2]
    }
}

/// What updates need to know of the screen as it is laid out at the app's viewport: how far
/// the instructions scroll, how many rows a page is, whether time is on screen.
#[must_use]
pub fn layout(app: &App) -> crate::app::Layout {
    let (width, height) = app.display.viewport;
    let area = Rect::new(0, 0, width, height);
    let (overlay_page, overlay_max) = overlay_extent(app, area);
    crate::app::Layout {
        scroll_max: max_scroll(app, area),
        page: page_rows(app, area),
        shows_time: shows_time(app),
        overlay_page,
        overlay_max,
    }
}

/// How the open dialog (or else the help) scrolls on `area`: rows per page and the furthest
/// it can scroll.
fn overlay_extent(app: &App, area: Rect) -> (u16, u16) {
    let view = View::new(app);
    if let Some(dialog) = &app.dialog {
        let area = dialog_area(&view, area, dialog);
        return dialogs::extent(area, &view, dialog, &app.ctx());
    }
    if app.help.is_some() {
        let lab = help::Lab {
            core_done: steps::core_done(&view),
            mode: &app.mode,
        };
        return help::extent(area, &view, lab);
    }
    (1, 0)
}

/// Whether a clock or an age is on screen: the lab at a size where it can be read.
#[must_use]
pub fn shows_time(app: &App) -> bool {
    let (width, height) = app.display.viewport;
    app.screen == Screen::Lab && width >= MIN_WIDTH && height >= MIN_HEIGHT
}

/// Rows of instructions visible at once, less one that stays for context when paging.
fn page_rows(app: &App, area: Rect) -> u16 {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return 1;
    }
    let view = View::new(app);
    let middle = if app.present {
        present_areas(&view, area)[4]
    } else {
        normal_areas(area)[2]
    };
    Block::bordered()
        .inner(middle)
        .height
        .saturating_sub(1)
        .max(1)
}

/// How far the instructions can scroll on a screen of `area`: ↓ stops at the end instead of
/// counting on unseen.
#[must_use]
pub fn max_scroll(app: &App, area: Rect) -> u16 {
    let view = View::new(app);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return 0;
    }
    let middle = if app.present {
        present_areas(&view, area)[4]
    } else {
        normal_areas(area)[2]
    };
    instructions::max_scroll(&view, middle)
}

fn normal(frame: &mut Frame, area: Rect, view: &View<'_>) {
    let [header_area, left, middle, right, log_area, hints_area] = normal_areas(area);
    header::draw(frame, header_area, view);

    // The steps list needs 14 rows; below it, if there is room, the recovery figures.
    let steps_rows = rows(crate::lab::StepId::ALL.len() + 2);
    if left.width == 0 {
        right_column(frame, right, view, true);
    } else if left.height == 1 {
        steps::draw_folded(frame, left, view);
        right_column(frame, right, view, true);
    } else if left.height >= steps_rows + recovery::RECOVERY_MIN_HEIGHT {
        let [steps_area, recovery_area] =
            Layout::vertical([Constraint::Length(steps_rows), Constraint::Fill(1)]).areas(left);
        steps::draw(frame, steps_area, view);
        recovery::draw_recovery(frame, recovery_area, view);
        right_column(frame, right, view, false);
    } else {
        steps::draw(frame, left, view);
        right_column(frame, right, view, true);
    }
    instructions::draw(frame, middle, view);
    log::draw(frame, log_area, view);
    help::draw_hints(frame, hints_area, view);
}

/// Status on top, then (optionally) the recovery figures, then the timeline.
fn right_column(frame: &mut Frame, area: Rect, view: &View<'_>, with_recovery: bool) {
    let recovery_height = if with_recovery {
        recovery::fitted_height(view, area.width, area.height / 3)
    } else {
        0
    };
    let room = area.height.saturating_sub(recovery_height);
    let status_height = status::wanted_height(view, area.width)
        .min(room.saturating_sub(timeline::MIN_HEIGHT))
        .max(room.min(6));
    let status_height = status::fitted_height(view, area.width, status_height);
    let [s, r, t] = Layout::vertical([
        Constraint::Length(status_height),
        Constraint::Length(recovery_height),
        Constraint::Fill(1),
    ])
    .areas(area);
    status::draw(frame, s, view);
    if with_recovery {
        recovery::draw_recovery(frame, r, view);
    }
    timeline::draw(frame, t, view);
}

/// Projector mode: the step in large type, what happens now, the figures in large type, the
/// live status and the timeline with a one-line legend of its symbols; no log.
fn present(frame: &mut Frame, area: Rect, view: &View<'_>) {
    let [
        header_area,
        title_area,
        strip_area,
        now_area,
        middle,
        timeline_area,
        figures_area,
        status_area,
        hints_area,
    ] = present_areas(view, area);
    header::draw(frame, header_area, view);
    header::draw_big_title(frame, title_area, view);
    steps::draw_strip(frame, strip_area, view);
    instructions::draw_now(frame, now_area, view);
    instructions::draw(frame, middle, view);
    if timeline_area.height > 0 {
        let [timeline_rows, legend_row] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(timeline_area);
        timeline::draw(frame, timeline_rows, view);
        frame.render_widget(
            Paragraph::new(timeline::present_legend(
                view,
                usize::from(legend_row.width),
            )),
            legend_row,
        );
    }
    recovery::draw_big_figures(frame, figures_area, view);
    status::draw(frame, status_area, view);
    help::draw_hints(frame, hints_area, view);
}

/// A bordered panel with a title.
#[must_use]
pub fn panel<'a>(view: &View<'_>, title: impl Into<Line<'a>>) -> Block<'a> {
    Block::bordered()
        .border_style(view.th.border)
        .title(title.into().style(view.th.title))
}

/// Lines as a widget, plain.
#[must_use]
pub fn lines(lines: Vec<Line<'static>>, style: Style) -> Paragraph<'static> {
    Paragraph::new(lines).style(style)
}

/// A count as `u16`, saturating.
#[must_use]
pub fn rows(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}
