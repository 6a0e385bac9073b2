//! Every key the TUI reads, one declarative table per mode (main screen, dialog, text input,
//! help overlay, self-check, welcome screen). Each key means a semantic [`Action`]; the help overlay, the
//! key hints at the bottom and the key lines of the dialogs are generated from these tables,
//! so what is shown and what is accepted cannot drift apart. [`action_in`] is the only place
//! a key press becomes a message (`App::action` gives it the app's mode and language).

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::action::Action;
use crate::i18n::{Id, Lang};
use crate::lab::steps::choice_keys;
use crate::msg;

/// Which table applies: what is in front of the learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyMode {
    /// The lab screen without a dialog.
    Main,
    /// A dialog answered with single keys (a plan to confirm with y/n, the cleanup choice, a
    /// notice).
    Dialog,
    /// A dialog that takes typed text (the backup window, a word to confirm with).
    Input,
    /// The help overlay.
    Help,
    /// The self-check questions of a step.
    Quiz,
    /// The welcome screen when no AWS account can be reached.
    Welcome,
}

/// What a binding matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A key, whatever the modifiers (Shift comes with capitals).
    Code(KeyCode),
    /// A letter with Ctrl held.
    Ctrl(char),
    /// Any other printable character: it is typed ([`Action::Input`]).
    AnyChar,
    /// A digit 0–9: its value replaces the placeholder of [`Action::Digit`].
    Digits,
    /// A key of a step's choice dialog (`crate::lab::steps::choice_keys`): it replaces the
    /// placeholder of [`Action::Pick`].
    Choices,
}

/// In which languages a key is one of the few a key line shows (the help lists every key).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// On the key lines in every language.
    Always,
    /// On the key lines in this language only (the key works in both).
    In(Lang),
    /// Read and shown in this language only: German answers a plan with `j` (ja), so there
    /// `j` never scrolls; in English it scrolls and never answers.
    Only(Lang),
    /// Read in this language only, and listed in the help only (`j`/`k` scroll in English).
    HelpIn(Lang),
    /// In the help only.
    HelpOnly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub key: Key,
    /// For [`Key::AnyChar`], the typed character replaces the placeholder of
    /// [`Action::Input`].
    pub action: Action,
    pub shown: Shown,
}

/// Keys that belong together, with the texts that describe them.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    pub keys: &'static [Binding],
    /// The help overlay's line (message id), if the row has one.
    pub help: Option<Id>,
    /// The key hint at the bottom of the lab screen (message id), if the row has one.
    pub hint: Option<Id>,
    /// The hint while the toggle the row switches is on (projector mode).
    pub hint_on: Option<Id>,
}

const fn key(code: KeyCode, action: Action) -> Binding {
    Binding {
        key: Key::Code(code),
        action,
        shown: Shown::Always,
    }
}

const fn char_key(c: char, action: Action) -> Binding {
    key(KeyCode::Char(c), action)
}

const fn also(code: KeyCode, action: Action) -> Binding {
    Binding {
        key: Key::Code(code),
        action,
        shown: Shown::HelpOnly,
    }
}

const fn also_char(c: char, action: Action) -> Binding {
    also(KeyCode::Char(c), action)
}

const fn ctrl(c: char, action: Action) -> Binding {
    Binding {
        key: Key::Ctrl(c),
        action,
        shown: Shown::HelpOnly,
    }
}

const fn row(keys: &'static [Binding], help: Id) -> Row {
    Row {
        keys,
        help: Some(help),
        hint: None,
        hint_on: None,
    }
}

const fn hinted(keys: &'static [Binding], help: Id, hint: Id) -> Row {
    Row {
        keys,
        help: Some(help),
        hint: Some(hint),
        hint_on: None,
    }
}

const fn quiet(keys: &'static [Binding]) -> Row {
    Row {
        keys,
        help: None,
        hint: None,
        hint_on: None,
    }
}

/// `k`/`j` scroll in English only: in German `j` is "ja".
const fn vim(c: char, action: Action) -> Binding {
    Binding {
        key: Key::Code(KeyCode::Char(c)),
        action,
        shown: Shown::HelpIn(Lang::En),
    }
}

const TYPED: Binding = Binding {
    key: Key::AnyChar,
    action: Action::Input('\0'),
    shown: Shown::HelpOnly,
};

const QUIT_KEYS: &[Binding] = &[
    char_key('q', Action::Quit),
    ctrl('c', Action::Quit),
    ctrl('d', Action::Quit),
];

/// The lab screen.
pub const MAIN: &[Row] = &[
    hinted(
        &[
            key(KeyCode::Left, Action::PrevStep),
            key(KeyCode::Right, Action::NextStep),
            also_char('p', Action::PrevStep),
            also_char('n', Action::NextStep),
        ],
        msg::UI_HELP_STEPS,
        msg::UI_HINT_STEPS,
    ),
    hinted(
        &[
            key(KeyCode::Up, Action::ScrollUp),
            key(KeyCode::Down, Action::ScrollDown),
            vim('k', Action::ScrollUp),
            vim('j', Action::ScrollDown),
        ],
        msg::UI_HELP_SCROLL,
        msg::UI_HINT_SCROLL,
    ),
    row(
        &[
            also(KeyCode::PageUp, Action::PageUp),
            also(KeyCode::PageDown, Action::PageDown),
            also_char(' ', Action::PageDown),
        ],
        msg::UI_HELP_PAGE,
    ),
    row(
        &[
            also(KeyCode::Home, Action::ScrollTop),
            also(KeyCode::End, Action::ScrollEnd),
        ],
        msg::UI_HELP_ENDS,
    ),
    hinted(
        &[key(KeyCode::Enter, Action::Perform)],
        msg::UI_HELP_ACTION,
        msg::UI_HINT_ACTION,
    ),
    hinted(
        &[
            char_key('L', Action::ToggleLang),
            also_char('l', Action::ToggleLang),
        ],
        msg::UI_HELP_LANG,
        msg::UI_HINT_LANG,
    ),
    hinted(
        &[
            char_key('?', Action::ToggleHelp),
            also_char('h', Action::ToggleHelp),
        ],
        msg::UI_HELP_HELP,
        msg::UI_HINT_HELP,
    ),
    Row {
        keys: &[char_key('P', Action::TogglePresent)],
        help: Some(msg::UI_HELP_PRESENT),
        hint: Some(msg::UI_HINT_PRESENT),
        hint_on: Some(msg::UI_HINT_PRESENT_OFF),
    },
    row(&[char_key('s', Action::Quiz)], msg::UI_HELP_QUIZ),
    row(
        &[char_key('c', Action::ToggleConsole)],
        msg::UI_HELP_CONSOLE,
    ),
    row(
        &[
            Binding {
                key: Key::Digits,
                action: Action::Digit(0),
                shown: Shown::HelpOnly,
            },
            also_char('g', Action::GoTo),
        ],
        msg::UI_HELP_GOTO,
    ),
    row(
        &[char_key('z', Action::ClockPause)],
        msg::UI_HELP_CLOCK_PAUSE,
    ),
    row(
        &[
            char_key('+', Action::Faster),
            char_key('-', Action::Slower),
            also_char('=', Action::Faster),
        ],
        msg::UI_HELP_CLOCK_SPEED,
    ),
    row(&[char_key('R', Action::FreshWorld)], msg::UI_HELP_FRESH),
    quiet(&[
        also(KeyCode::Esc, Action::Cancel),
        also(KeyCode::Backspace, Action::Backspace),
    ]),
    hinted(QUIT_KEYS, msg::UI_HELP_QUIT, msg::UI_HINT_QUIT),
];

/// A dialog answered with single keys. Any other character closes a notice.
pub const DIALOG: &[Row] = &[
    quiet(&[ctrl('c', Action::Quit), ctrl('d', Action::Quit)]),
    row(
        &[
            Binding {
                key: Key::Code(KeyCode::Char('y')),
                action: Action::Yes,
                shown: Shown::In(Lang::En),
            },
            Binding {
                key: Key::Code(KeyCode::Char('j')),
                action: Action::Yes,
                shown: Shown::Only(Lang::De),
            },
            char_key('n', Action::No),
        ],
        msg::UI_HELP_CONFIRM,
    ),
    row(&[key(KeyCode::Esc, Action::Cancel)], msg::UI_HELP_CANCEL),
    // In the cleanup choice ↑↓ switch the option too (the app reads them so there).
    row(
        &[
            key(KeyCode::Tab, Action::ToggleChoice),
            also(KeyCode::Left, Action::PrevStep),
            also(KeyCode::Right, Action::ToggleChoice),
            Binding {
                key: Key::Choices,
                action: Action::Pick('\0'),
                shown: Shown::Always,
            },
        ],
        msg::UI_HELP_CLEANUP,
    ),
    row(DIALOG_SCROLL, msg::UI_HELP_DIALOG_SCROLL),
    quiet(&[
        key(KeyCode::Enter, Action::Confirm),
        key(KeyCode::Backspace, Action::Backspace),
        char_key('L', Action::ToggleLang),
        char_key('q', Action::Quit),
        TYPED,
    ]),
];

/// Scrolling a long dialog (a restore's plan at 80×24).
const DIALOG_SCROLL: &[Binding] = &[
    key(KeyCode::Up, Action::ScrollUp),
    key(KeyCode::Down, Action::ScrollDown),
    vim('j', Action::ScrollDown),
    also(KeyCode::PageUp, Action::PageUp),
    also(KeyCode::PageDown, Action::PageDown),
    also(KeyCode::Home, Action::ScrollTop),
    also(KeyCode::End, Action::ScrollEnd),
];

/// A dialog that takes typed text: every character is typed, `L` and `q` too.
pub const INPUT: &[Row] = &[
    quiet(&[
        ctrl('c', Action::Quit),
        ctrl('d', Action::Quit),
        key(KeyCode::Enter, Action::Confirm),
        key(KeyCode::Esc, Action::Cancel),
        key(KeyCode::Backspace, Action::Backspace),
        TYPED,
    ]),
    quiet(INPUT_SCROLL),
];

/// Scrolling a long dialog that takes typed text: the arrows and pages only.
const INPUT_SCROLL: &[Binding] = &[
    key(KeyCode::Up, Action::ScrollUp),
    key(KeyCode::Down, Action::ScrollDown),
    also(KeyCode::PageUp, Action::PageUp),
    also(KeyCode::PageDown, Action::PageDown),
    also(KeyCode::Home, Action::ScrollTop),
    also(KeyCode::End, Action::ScrollEnd),
];

/// The self-check questions: a b c (or 1 2 3) answer, ←→ move, Esc or s close.
pub const QUIZ: &[Row] = &[
    quiet(&[ctrl('c', Action::Quit), ctrl('d', Action::Quit)]),
    row(
        &[
            char_key('a', Action::Answer(0)),
            char_key('b', Action::Answer(1)),
            char_key('c', Action::Answer(2)),
            also_char('1', Action::Answer(0)),
            also_char('2', Action::Answer(1)),
            also_char('3', Action::Answer(2)),
        ],
        msg::QUIZ_KEYS_ANSWER,
    ),
    row(
        &[
            key(KeyCode::Left, Action::PrevStep),
            key(KeyCode::Right, Action::NextStep),
            also(KeyCode::Enter, Action::Confirm),
            also(KeyCode::PageUp, Action::PageUp),
            also(KeyCode::PageDown, Action::PageDown),
            also_char(' ', Action::PageDown),
        ],
        msg::QUIZ_KEYS_MOVE,
    ),
    row(
        &[
            key(KeyCode::Esc, Action::Cancel),
            also_char('s', Action::Quiz),
            also_char('q', Action::Cancel),
        ],
        msg::QUIZ_KEYS_CLOSE,
    ),
    quiet(&[char_key('L', Action::ToggleLang)]),
];

/// The help overlay: the keys that close it, and scrolling it on a small screen.
pub const HELP: &[Row] = &[
    quiet(&[
        key(KeyCode::Char('?'), Action::ToggleHelp),
        also_char('h', Action::ToggleHelp),
        key(KeyCode::Esc, Action::Cancel),
        also(KeyCode::Enter, Action::Confirm),
        also_char('q', Action::Quit),
        ctrl('c', Action::Quit),
        ctrl('d', Action::Quit),
    ]),
    quiet(&[
        key(KeyCode::Up, Action::ScrollUp),
        key(KeyCode::Down, Action::ScrollDown),
        vim('k', Action::ScrollUp),
        vim('j', Action::ScrollDown),
        also(KeyCode::PageUp, Action::PageUp),
        also(KeyCode::PageDown, Action::PageDown),
        also_char(' ', Action::PageDown),
        also(KeyCode::Home, Action::ScrollTop),
        also(KeyCode::End, Action::ScrollEnd),
    ]),
];

/// The welcome screen.
pub const WELCOME: &[Row] = &[
    quiet(&[
        char_key('s', Action::UseSimulation),
        also_char('S', Action::UseSimulation),
        also(KeyCode::Enter, Action::UseSimulation),
    ]),
    quiet(&[
        char_key('q', Action::Quit),
        also(KeyCode::Esc, Action::Quit),
        ctrl('c', Action::Quit),
        ctrl('d', Action::Quit),
    ]),
];

#[must_use]
pub fn table(mode: KeyMode) -> &'static [Row] {
    match mode {
        KeyMode::Main => MAIN,
        KeyMode::Dialog => DIALOG,
        KeyMode::Input => INPUT,
        KeyMode::Help => HELP,
        KeyMode::Quiz => QUIZ,
        KeyMode::Welcome => WELCOME,
    }
}

impl Key {
    fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Key::Ctrl(c) => ctrl && event.code == KeyCode::Char(c),
            Key::Code(code) => code == event.code,
            Key::AnyChar => matches!(event.code, KeyCode::Char(_)),
            Key::Digits => matches!(event.code, KeyCode::Char('0'..='9')),
            Key::Choices => {
                matches!(event.code, KeyCode::Char(c) if choice_keys().contains(&c))
            }
        }
    }

    /// The key's name in the help: `←`, `Enter`, `PgDn`, `Space`, `Ctrl-C`.
    #[must_use]
    pub fn name(self) -> String {
        match self {
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::AnyChar => String::new(),
            Key::Digits => "0–9".into(),
            Key::Choices => choice_keys()
                .iter()
                .map(char::to_string)
                .collect::<Vec<_>>()
                .join(" "),
            Key::Code(code) => match code {
                KeyCode::Left => "←".into(),
                KeyCode::Right => "→".into(),
                KeyCode::Up => "↑".into(),
                KeyCode::Down => "↓".into(),
                KeyCode::Enter => "Enter".into(),
                KeyCode::Esc => "Esc".into(),
                KeyCode::Tab => "Tab".into(),
                KeyCode::Backspace => "⌫".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::Home => "Home".into(),
                KeyCode::End => "End".into(),
                KeyCode::Char(' ') => "Space".into(),
                KeyCode::Char(c) => c.to_string(),
                other => format!("{other}"),
            },
        }
    }

    fn is_arrow(self) -> bool {
        matches!(
            self,
            Key::Code(KeyCode::Left | KeyCode::Right | KeyCode::Up | KeyCode::Down)
        )
    }
}

impl Shown {
    fn on_key_line(self, lang: Lang) -> bool {
        match self {
            Shown::Always => true,
            Shown::In(only) | Shown::Only(only) => only == lang,
            Shown::HelpOnly | Shown::HelpIn(_) => false,
        }
    }

    /// Whether the key is read in `lang`.
    fn active(self, lang: Lang) -> bool {
        match self {
            Shown::Only(only) | Shown::HelpIn(only) => only == lang,
            _ => true,
        }
    }
}

/// The action `key` means in `mode` for a reader of `lang`; `None` for a key the mode does
/// not use.
#[must_use]
pub fn action_in(mode: KeyMode, key: &KeyEvent, lang: Lang) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let binding = table(mode)
        .iter()
        .flat_map(|row| row.keys.iter())
        .find(|b| b.shown.active(lang) && b.key.matches(key))?;
    Some(match (binding.key, key.code) {
        (Key::AnyChar, KeyCode::Char(c)) => Action::Input(c),
        (Key::Digits, KeyCode::Char(c)) => Action::Digit(
            c.to_digit(10)
                .and_then(|d| u8::try_from(d).ok())
                .unwrap_or(0),
        ),
        (Key::Choices, KeyCode::Char(c)) => Action::Pick(c),
        _ => binding.action,
    })
}

/// Joins key names: arrows stand together (`←→`), other keys apart (`Tab ↑↓`).
fn join(keys: impl Iterator<Item = Key>, compact: bool) -> String {
    let mut out = String::new();
    let mut last: Option<Key> = None;
    for key in keys {
        if let Some(last) = last
            && !(compact && last.is_arrow() && key.is_arrow())
        {
            out.push(' ');
        }
        out.push_str(&key.name());
        last = Some(key);
    }
    out
}

/// The keys of a key line for `action` in `mode`: those shown in `lang`, arrows together.
#[must_use]
pub fn key_label(mode: KeyMode, action: Action, lang: Lang) -> String {
    keys_label(mode, &[action], lang)
}

/// The keys of a key line for any of `actions`, in table order.
#[must_use]
pub fn keys_label(mode: KeyMode, actions: &[Action], lang: Lang) -> String {
    join(
        table(mode)
            .iter()
            .flat_map(|row| row.keys.iter())
            .filter(|b| {
                actions.contains(&b.action) && b.shown.on_key_line(lang) && b.key != Key::AnyChar
            })
            .map(|b| b.key),
        true,
    )
}

/// The help overlay's rows for the lab: every key read in `lang` of every row with a help
/// text, in table order (main screen first, then dialogs), with the message id that
/// describes it.
#[must_use]
pub fn help_rows(lang: Lang) -> Vec<(String, Id)> {
    [MAIN, DIALOG]
        .into_iter()
        .flatten()
        .filter_map(|row| {
            let help = row.help?;
            let keys = row
                .keys
                .iter()
                .filter(|b| b.key != Key::AnyChar && b.shown.active(lang))
                .map(|b| b.key);
            Some((join(keys, false), help))
        })
        .collect()
}

/// The key hints at the bottom of the lab screen: the keys shown in `lang` and the message
/// id, the "on" text where a toggle is on.
#[must_use]
pub fn hints(lang: Lang, present: bool) -> Vec<(String, Id)> {
    MAIN.iter()
        .filter_map(|row| {
            let hint = row.hint?;
            let hint = match row.hint_on {
                Some(on) if present => on,
                _ => hint,
            };
            let keys = row
                .keys
                .iter()
                .filter(|b| b.shown.on_key_line(lang))
                .map(|b| b.key);
            let label = join(keys, true);
            // The footer is narrow: Enter is drawn as its symbol.
            let label = if label == "Enter" {
                "⏎".to_owned()
            } else {
                label
            };
            Some((label, hint))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    const MODES: [KeyMode; 6] = [
        KeyMode::Main,
        KeyMode::Dialog,
        KeyMode::Input,
        KeyMode::Help,
        KeyMode::Welcome,
        KeyMode::Quiz,
    ];

    #[test]
    fn no_key_means_two_things_in_one_mode() {
        for lang in [Lang::De, Lang::En] {
            for mode in MODES {
                let keys: Vec<Key> = table(mode)
                    .iter()
                    .flat_map(|row| row.keys.iter())
                    .filter(|b| b.shown.active(lang))
                    .map(|b| b.key)
                    .collect();
                for (i, key) in keys.iter().enumerate() {
                    assert!(
                        !keys[..i].contains(key),
                        "{key:?} is bound twice in {mode:?} ({lang:?})"
                    );
                }
            }
        }
    }

    #[test]
    fn every_key_of_the_lab_and_its_dialogs_is_in_the_help() {
        for lang in [Lang::De, Lang::En] {
            let help: Vec<String> = help_rows(lang).into_iter().map(|(keys, _)| keys).collect();
            let all = help.join(" ");
            for name in [
                "Ctrl-D", "Ctrl-C", "h", "j", "y", "PgDn", "PgUp", "Space", "Home", "End", "0–9",
                "g", "z", "+", "-", "R",
            ] {
                assert!(
                    all.split(' ').any(|k| k == name),
                    "{name} missing from the help: {help:?}"
                );
            }
            // Every key the main screen accepts with a help text is listed, none is hidden.
            for row in MAIN.iter().filter(|r| r.help.is_some()) {
                for b in row.keys.iter().filter(|b| b.shown.active(lang)) {
                    assert!(all.split(' ').any(|k| k == b.key.name()), "{b:?}");
                }
            }
        }
    }

    #[test]
    fn j_in_the_help_does_what_it_says_in_each_language() {
        let j = press(KeyCode::Char('j'));
        for lang in [Lang::De, Lang::En] {
            let rows = help_rows(lang);
            let with_j: Vec<Id> = rows
                .iter()
                .filter(|(keys, _)| keys.split(' ').any(|k| k == "j"))
                .map(|(_, id)| *id)
                .collect();
            // j is listed for what it does in the language: yes in German, scrolling in
            // English (on the screen and in a dialog), never both.
            let (rows, action) = match lang {
                Lang::De => (vec![msg::UI_HELP_CONFIRM], Action::Yes),
                Lang::En => (
                    vec![msg::UI_HELP_SCROLL, msg::UI_HELP_DIALOG_SCROLL],
                    Action::ScrollDown,
                ),
            };
            assert_eq!(with_j, rows, "{lang:?}");
            assert_eq!(action_in(KeyMode::Dialog, &j, lang), Some(action));
        }
    }

    #[test]
    fn j_is_yes_in_german_and_a_scroll_key_in_english_never_both() {
        let j = press(KeyCode::Char('j'));
        assert_eq!(
            action_in(KeyMode::Main, &j, Lang::En),
            Some(Action::ScrollDown)
        );
        assert_eq!(
            action_in(KeyMode::Main, &j, Lang::De),
            None,
            "j never scrolls in German"
        );
        assert_eq!(action_in(KeyMode::Dialog, &j, Lang::De), Some(Action::Yes));
        assert_eq!(
            action_in(KeyMode::Dialog, &j, Lang::En),
            Some(Action::ScrollDown),
            "reading a plan with j in English never starts it"
        );
        let y = press(KeyCode::Char('y'));
        assert_eq!(action_in(KeyMode::Dialog, &y, Lang::En), Some(Action::Yes));
        assert_eq!(action_in(KeyMode::Dialog, &y, Lang::De), Some(Action::Yes));
        assert_eq!(key_label(KeyMode::Dialog, Action::Yes, Lang::De), "j");
        assert_eq!(key_label(KeyMode::Dialog, Action::Yes, Lang::En), "y");
    }

    #[test]
    fn typed_text_takes_every_letter_but_ctrl_c_still_quits() {
        let big_l = KeyEvent::new(KeyCode::Char('L'), KeyModifiers::SHIFT);
        assert_eq!(
            action_in(KeyMode::Input, &big_l, Lang::En),
            Some(Action::Input('L'))
        );
        for lang in [Lang::De, Lang::En] {
            for c in ['q', 'j', 'k'] {
                let typed = press(KeyCode::Char(c));
                assert_eq!(
                    action_in(KeyMode::Input, &typed, lang),
                    Some(Action::Input(c))
                );
            }
        }
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            action_in(KeyMode::Input, &ctrl_c, Lang::En),
            Some(Action::Quit)
        );
        let ctrl_d = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert_eq!(
            action_in(KeyMode::Main, &ctrl_d, Lang::De),
            Some(Action::Quit)
        );
    }

    #[test]
    fn the_footer_shows_the_main_keys_compactly() {
        let hints = hints(Lang::En, false);
        let labels: Vec<&str> = hints.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(labels, ["←→", "↑↓", "⏎", "L", "?", "P", "q"]);
        assert_eq!(
            keys_label(
                KeyMode::Dialog,
                &[Action::ToggleChoice, Action::ScrollUp, Action::ScrollDown],
                Lang::En
            ),
            "Tab ↑↓"
        );
    }

    #[test]
    fn s_opens_the_self_check_and_letters_or_digits_answer_there() {
        let s = press(KeyCode::Char('s'));
        assert_eq!(action_in(KeyMode::Main, &s, Lang::En), Some(Action::Quiz));
        assert_eq!(action_in(KeyMode::Quiz, &s, Lang::En), Some(Action::Quiz));
        for (letter, digit, n) in [('a', '1', 0), ('b', '2', 1), ('c', '3', 2)] {
            let answer = Some(Action::Answer(n));
            assert_eq!(
                action_in(KeyMode::Quiz, &press(KeyCode::Char(letter)), Lang::De),
                answer
            );
            assert_eq!(
                action_in(KeyMode::Quiz, &press(KeyCode::Char(digit)), Lang::De),
                answer
            );
        }
        // On the lab screen a letter answers nothing; a digit jumps to a step.
        assert_eq!(
            action_in(KeyMode::Main, &press(KeyCode::Char('a')), Lang::En),
            None
        );
        assert_eq!(
            action_in(KeyMode::Main, &press(KeyCode::Char('7')), Lang::En),
            Some(Action::Digit(7))
        );
        assert_eq!(
            keys_label(
                KeyMode::Quiz,
                &[Action::Answer(0), Action::Answer(1), Action::Answer(2)],
                Lang::De
            ),
            "a b c"
        );
    }

    #[test]
    fn a_released_key_is_no_action() {
        let mut q = press(KeyCode::Char('q'));
        q.kind = KeyEventKind::Release;
        assert_eq!(action_in(KeyMode::Main, &q, Lang::En), None);
    }
}
