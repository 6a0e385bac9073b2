//! What the learner asks for, independent of the key that said it: the keymap turns a key
//! press into an [`Action`], the app and its screens act on it. Nothing here knows a key or
//! a screen's state.

/// What the learner asked for, independent of the key that said it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    NextStep,
    PrevStep,
    ScrollUp,
    ScrollDown,
    /// A page down (PgDn, Space) or up (PgUp): of the instructions, in a dialog of its body.
    PageDown,
    PageUp,
    /// The start (Home) or the end (End) of the instructions.
    ScrollTop,
    ScrollEnd,
    Perform,
    ToggleLang,
    ToggleHelp,
    TogglePresent,
    /// Shows or folds the console path of the steps (reference beside the explanation).
    ToggleConsole,
    Quit,
    Confirm,
    Cancel,
    Input(char),
    Backspace,
    /// Marks the next way in a step's choice dialog.
    ToggleChoice,
    /// Yes / no to a plan.
    Yes,
    No,
    /// Takes the way of a step's choice dialog that has this key (cleanup: `k` keeps the
    /// restored database, `c` copies its data back, `b` goes back).
    Pick(char),
    /// Welcome screen: continue in the simulated account.
    UseSimulation,
    /// Opens (or closes) the self-check questions of the step.
    Quiz,
    /// Answers the question on screen with choice n (0 = a).
    Answer(u8),
    /// A digit: on the lab screen it jumps to that step (1–9), after `g` it is part of a
    /// step's number.
    Digit(u8),
    /// `g`: a step's number follows (for 10 and above), Enter jumps.
    GoTo,
    /// Pauses or resumes the simulated clock.
    ClockPause,
    /// The simulated clock runs faster or slower while AWS works.
    Faster,
    Slower,
    /// Starts a fresh simulated world (after a typed confirmation).
    FreshWorld,
}
