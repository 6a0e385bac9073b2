//! Colours and emphasis in one place. Every panel asks the [`Theme`] for a style by meaning
//! ("done", "muted", "key"), never for a colour, so NO_COLOR and the high-contrast projector
//! themes are a matter of this file alone. State never depends on colour: panels also show
//! symbols and words.

use ratatui::style::{Color, Modifier, Style};

use crate::app::{App, Theme as Scheme};
use crate::lab::StepState;

/// Styles by meaning.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    /// The whole screen: set only in projector mode, where the background is fixed.
    pub base: Style,
    pub border: Style,
    pub title: Style,
    pub heading: Style,
    pub text: Style,
    pub muted: Style,
    pub accent: Style,
    pub selected: Style,
    pub current: Style,
    pub key: Style,
    pub code: Style,
    pub done: Style,
    pub progress: Style,
    pub todo: Style,
    pub failed: Style,
    pub warn: Style,
    pub error: Style,
    /// A changed (stored) block in the snapshot picture.
    pub block_new: Style,
    /// A stored block of the first snapshot.
    pub block_stored: Style,
}

struct Palette {
    fg: Color,
    bg: Color,
    accent: Color,
    muted: Color,
    done: Color,
    progress: Color,
    failed: Color,
    warn: Color,
    code: Color,
    new_bg: Color,
    stored_bg: Color,
}

const DARK: Palette = Palette {
    fg: Color::Reset,
    bg: Color::Reset,
    accent: Color::Cyan,
    muted: Color::DarkGray,
    done: Color::Green,
    progress: Color::Yellow,
    failed: Color::Red,
    warn: Color::Yellow,
    code: Color::LightBlue,
    new_bg: Color::Yellow,
    stored_bg: Color::Blue,
};

const LIGHT: Palette = Palette {
    fg: Color::Reset,
    bg: Color::Reset,
    accent: Color::Blue,
    muted: Color::DarkGray,
    done: Color::Green,
    progress: Color::Magenta,
    failed: Color::Red,
    warn: Color::Magenta,
    code: Color::Blue,
    new_bg: Color::LightYellow,
    stored_bg: Color::LightBlue,
};

/// Projector, dark: white on black, bright signal colours.
const PROJECTOR_DARK: Palette = Palette {
    fg: Color::White,
    bg: Color::Black,
    accent: Color::LightCyan,
    muted: Color::Gray,
    done: Color::LightGreen,
    progress: Color::LightYellow,
    failed: Color::LightRed,
    warn: Color::LightYellow,
    code: Color::LightCyan,
    new_bg: Color::LightYellow,
    stored_bg: Color::Blue,
};

/// Projector, light: black on white, dark signal colours.
const PROJECTOR_LIGHT: Palette = Palette {
    fg: Color::Black,
    bg: Color::White,
    accent: Color::Blue,
    muted: Color::DarkGray,
    done: Color::Green,
    progress: Color::Magenta,
    failed: Color::Red,
    warn: Color::Magenta,
    code: Color::Blue,
    new_bg: Color::Yellow,
    stored_bg: Color::LightBlue,
};

impl Theme {
    /// The theme the app asks for.
    #[must_use]
    pub fn of(app: &App) -> Self {
        if app.display.no_color {
            return Self::plain();
        }
        let palette = match (app.present, app.display.theme) {
            (false, Scheme::Dark) => &DARK,
            (false, Scheme::Light) => &LIGHT,
            (true, Scheme::Dark) => &PROJECTOR_DARK,
            (true, Scheme::Light) => &PROJECTOR_LIGHT,
        };
        Self::from_palette(palette)
    }

    fn from_palette(p: &Palette) -> Self {
        let fg = |c: Color| Style::new().fg(c);
        let bold = Modifier::BOLD;
        Self {
            base: Style::new().fg(p.fg).bg(p.bg),
            border: fg(p.muted),
            title: fg(p.accent).add_modifier(bold),
            heading: Style::new().add_modifier(bold),
            text: Style::new(),
            muted: fg(p.muted),
            accent: fg(p.accent),
            selected: Style::new().add_modifier(Modifier::REVERSED | bold),
            current: fg(p.accent).add_modifier(bold),
            key: fg(p.accent).add_modifier(bold),
            code: fg(p.code),
            done: fg(p.done),
            progress: fg(p.progress),
            todo: Style::new(),
            failed: fg(p.failed).add_modifier(bold),
            warn: fg(p.warn),
            error: fg(p.failed).add_modifier(bold),
            block_new: Style::new()
                .fg(Color::Black)
                .bg(p.new_bg)
                .add_modifier(bold),
            block_stored: Style::new().fg(Color::White).bg(p.stored_bg),
        }
    }

    /// NO_COLOR: emphasis by weight and inversion only.
    fn plain() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Self {
            base: Style::new(),
            border: Style::new(),
            title: bold,
            heading: bold,
            text: Style::new(),
            muted: Style::new(),
            accent: Style::new(),
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            current: bold,
            key: bold,
            code: Style::new(),
            done: Style::new(),
            progress: Style::new(),
            todo: Style::new(),
            failed: bold,
            warn: Style::new(),
            error: bold,
            block_new: Style::new().add_modifier(Modifier::REVERSED),
            block_stored: Style::new(),
        }
    }

    /// The style of a step state.
    #[must_use]
    pub fn state(&self, state: StepState) -> Style {
        match state {
            StepState::Done => self.done,
            StepState::InProgress => self.progress,
            StepState::Todo => self.todo,
            StepState::Failed => self.failed,
        }
    }
}
