//! The screen shown instead of the lab when no AWS account can be reached: what went wrong,
//! how to set up credentials (AWS Academy), and the offer to continue in the simulation.

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Margin};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Text as RText};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::cloud::CloudError;
use crate::i18n::{Lang, t};
use crate::ui_text;

/// What the learner chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Simulation,
    Quit,
}

fn draw(frame: &mut ratatui::Frame, lang: Lang, error: &CloudError) {
    let area = frame.area().inner(Margin::new(1, 0));
    let block = Block::bordered().title(format!(" backup-lab · {} ", t(lang, "welcome-title")));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [problem, steps, keys] = Layout::vertical([
        Constraint::Length(4),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(inner.inner(Margin::new(1, 1)));
    let bold = Style::default().add_modifier(Modifier::BOLD);
    frame.render_widget(
        Paragraph::new(RText::from(vec![Line::styled(
            format!("✘ {}", ui_text::error_text(error).render(lang)),
            bold,
        )]))
        .wrap(Wrap { trim: true }),
        problem,
    );
    let lines: Vec<Line> = t(lang, "welcome-setup")
        .lines()
        .map(|l| Line::from(l.to_owned()))
        .collect();
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), steps);
    frame.render_widget(
        Paragraph::new(Line::styled(t(lang, "welcome-keys"), bold)),
        keys,
    );
}

/// Shows the screen until the learner picks the simulation (s) or quits (q, Esc, Ctrl-C).
pub fn offer_simulation(lang: Lang, error: &CloudError) -> std::io::Result<Choice> {
    let mut terminal = ratatui::try_init()?;
    let choice = loop {
        if let Err(e) = terminal.draw(|frame| draw(frame, lang, error)) {
            ratatui::restore();
            return Err(e);
        }
        match event::read() {
            Ok(Event::Key(key)) if key.kind != KeyEventKind::Release => match key.code {
                KeyCode::Char('s' | 'S') | KeyCode::Enter => break Choice::Simulation,
                KeyCode::Char('q') | KeyCode::Esc => break Choice::Quit,
                KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    break Choice::Quit;
                }
                _ => {}
            },
            Ok(_) => {}
            Err(e) => {
                ratatui::restore();
                return Err(e);
            }
        }
    };
    ratatui::restore();
    Ok(choice)
}
