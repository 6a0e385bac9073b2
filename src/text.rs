//! The localizable text: a Fluent id and its arguments, kept as data until a front end renders
//! it in the learner's language (`i18n::tr`). It sits beside `i18n` at the bottom of the
//! layers, so the cloud, the lab and the front ends can all say things without knowing each
//! other.

use serde::{Deserialize, Serialize};

use crate::i18n::{self, Id, Lang};

/// A localizable text: a Fluent id and its arguments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Text {
    pub id: String,
    pub args: Vec<(String, Arg)>,
}

/// A Fluent argument: a number, a value shown as it is, another text (localized in the same
/// language), or a duration in seconds (written as people read it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Arg {
    Num(f64),
    Str(String),
    Msg(Text),
    Duration(Duration),
}

/// A length of time in whole seconds, an argument written as `4 min 05 s`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duration {
    pub seconds: i64,
}

impl Duration {
    #[must_use]
    pub fn seconds(seconds: i64) -> Arg {
        Arg::Duration(Self { seconds })
    }
}

impl From<Text> for Arg {
    fn from(v: Text) -> Self {
        Self::Msg(v)
    }
}

impl Arg {
    /// The value in `lang`, as a parameter line shows it.
    #[must_use]
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Self::Num(n) => n.to_string(),
            Self::Str(s) => escape_controls(s),
            Self::Msg(text) => text.render(lang),
            Self::Duration(d) => crate::format::duration(d.seconds),
        }
    }
}

impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Self::Str(v.to_owned())
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Self {
        Self::Str(v)
    }
}
impl From<&String> for Arg {
    fn from(v: &String) -> Self {
        Self::Str(v.clone())
    }
}
impl From<u32> for Arg {
    fn from(v: u32) -> Self {
        Self::Num(f64::from(v))
    }
}
impl From<usize> for Arg {
    fn from(v: usize) -> Self {
        Self::Num(f64::from(u32::try_from(v).unwrap_or(u32::MAX)))
    }
}
impl From<u8> for Arg {
    fn from(v: u8) -> Self {
        Self::Num(f64::from(v))
    }
}
impl From<i64> for Arg {
    #[allow(
        clippy::cast_precision_loss,
        reason = "counts and seconds shown to people, far below 2^52"
    )]
    fn from(v: i64) -> Self {
        Self::Num(v as f64)
    }
}

impl Text {
    #[must_use]
    pub fn new(id: Id) -> Self {
        Self {
            id: id.as_str().to_owned(),
            args: Vec::new(),
        }
    }

    #[must_use]
    pub fn arg(mut self, name: &str, value: impl Into<Arg>) -> Self {
        self.args.push((name.to_owned(), value.into()));
        self
    }

    /// The text in `lang`; arguments that are texts themselves are localized too.
    #[must_use]
    pub fn render(&self, lang: Lang) -> String {
        let mut args = i18n::Args::new();
        for (name, value) in &self.args {
            match value {
                Arg::Num(n) => args.set(name.clone(), *n),
                other => args.set(name.clone(), other.render(lang)),
            }
        }
        i18n::tr(lang, &self.id, Some(&args))
    }

    /// Whether the text says how long something has taken (it has a duration argument).
    #[must_use]
    pub fn tells_duration(&self) -> bool {
        self.args.iter().any(|(_, a)| matches!(a, Arg::Duration(_)))
    }
}

/// `value` with control characters written as escapes (`\n`, `\u{1b}`), so a value echoed
/// back (a name, a URL, an error message) cannot break a line or drive the terminal.
#[must_use]
pub fn escape_controls(value: &str) -> String {
    if !value.chars().any(char::is_control) {
        return value.to_owned();
    }
    value
        .chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}
