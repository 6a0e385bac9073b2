//! Texts in German and English from the Fluent files under `locales/`, built into the binary.
//! `tr(lang, id, args)` is the only way a user-facing text is produced.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use unic_langid::{LanguageIdentifier, langid};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
#[allow(
    clippy::unsafe_derive_deserialize,
    reason = "the methods clap derives for ValueEnum are what the lint sees; Lang has no unsafe code"
)]
pub enum Lang {
    De,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::De, Lang::En];

    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::De => "de",
            Self::En => "en",
        }
    }

    #[must_use]
    pub fn other(self) -> Self {
        match self {
            Self::De => Self::En,
            Self::En => Self::De,
        }
    }

    /// From the environment (LC_ALL, LC_MESSAGES, LANG), else English.
    #[must_use]
    pub fn from_env() -> Self {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .and_then(|v| Self::parse(&v))
            .unwrap_or(Self::En)
    }

    /// A language tag or locale name in any of its common forms: `de`, `de-CH`, `de_DE`,
    /// `de-AT`, `en-US`, `en_GB`, `de_CH.UTF-8`, `en_US@euro`; letter case does not matter.
    /// `None` for other languages and for anything that is not such a name.
    #[must_use]
    pub fn parse(code: &str) -> Option<Self> {
        let name = code.split(['.', '@']).next().unwrap_or_default();
        let mut parts = name.split(['-', '_']);
        let language = parts.next().unwrap_or_default().to_ascii_lowercase();
        let rest_ok = parts
            .all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
        if !rest_ok {
            return None;
        }
        match language.as_str() {
            "de" | "deu" | "ger" => Some(Self::De),
            "en" | "eng" => Some(Self::En),
            _ => None,
        }
    }

    fn langid(self) -> LanguageIdentifier {
        match self {
            Self::De => langid!("de-CH"),
            Self::En => langid!("en"),
        }
    }
}

/// The Fluent sources per language, as (file name, text).
pub const SOURCES: [(Lang, &[(&str, &str)]); 2] = [
    (
        Lang::De,
        &[
            ("steps.ftl", include_str!("../locales/de/steps.ftl")),
            ("lab.ftl", include_str!("../locales/de/lab.ftl")),
            ("ui.ftl", include_str!("../locales/de/ui.ftl")),
            ("teach.ftl", include_str!("../locales/de/teach.ftl")),
        ],
    ),
    (
        Lang::En,
        &[
            ("steps.ftl", include_str!("../locales/en/steps.ftl")),
            ("lab.ftl", include_str!("../locales/en/lab.ftl")),
            ("ui.ftl", include_str!("../locales/en/ui.ftl")),
            ("teach.ftl", include_str!("../locales/en/teach.ftl")),
        ],
    ),
];

struct Bundles {
    de: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

fn build(lang: Lang) -> FluentBundle<FluentResource> {
    let mut bundle = FluentBundle::new_concurrent(vec![lang.langid()]);
    bundle.set_use_isolating(false);
    let files = SOURCES
        .iter()
        .find(|(l, _)| *l == lang)
        .map_or(&[][..], |(_, f)| *f);
    for (_, text) in files {
        // Broken entries are reported by the locale tests; the rest still loads.
        let resource =
            FluentResource::try_new((*text).to_owned()).unwrap_or_else(|(partial, _)| partial);
        let _ = bundle.add_resource(resource);
    }
    bundle
}

fn bundles() -> &'static Bundles {
    static BUNDLES: OnceLock<Bundles> = OnceLock::new();
    BUNDLES.get_or_init(|| Bundles {
        de: build(Lang::De),
        en: build(Lang::En),
    })
}

/// Message arguments; build with [`args!`].
pub type Args<'a> = FluentArgs<'a>;

/// The text of message `id` in `lang`, or the id itself when it is missing (a locale test
/// makes sure none is). `message.attribute` is an attribute of a message, or the message's
/// text when it has no such attribute.
#[must_use]
pub fn tr(lang: Lang, id: &str, args: Option<&Args<'_>>) -> String {
    let bundle = match lang {
        Lang::De => &bundles().de,
        Lang::En => &bundles().en,
    };
    // `message.attribute` names an attribute; without it, the message's own text.
    let (name, attribute) = id.split_once('.').map_or((id, None), |(m, a)| (m, Some(a)));
    let message = bundle.get_message(name);
    let pattern = match attribute {
        Some(a) => message
            .as_ref()
            .and_then(|m| m.get_attribute(a).map(|attr| attr.value()))
            .or_else(|| {
                message
                    .as_ref()
                    .and_then(fluent_bundle::FluentMessage::value)
            }),
        None => message
            .as_ref()
            .and_then(fluent_bundle::FluentMessage::value),
    };
    let Some(pattern) = pattern else {
        return id.to_owned();
    };
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, args, &mut errors)
        .into_owned()
}

/// Whether a message exists (for optional texts such as a step's console path).
#[must_use]
pub fn has(lang: Lang, id: &str) -> bool {
    let bundle = match lang {
        Lang::De => &bundles().de,
        Lang::En => &bundles().en,
    };
    bundle.has_message(id)
}

/// A plain text without arguments.
#[must_use]
pub fn t(lang: Lang, id: &str) -> String {
    tr(lang, id, None)
}

/// Builds [`Args`] from `name => value` pairs.
#[macro_export]
macro_rules! args {
    ($($name:expr => $value:expr),* $(,)?) => {{
        let mut a = $crate::i18n::Args::new();
        $( a.set($name, $crate::i18n::value($value)); )*
        a
    }};
}

/// Converts common values into Fluent values.
pub fn value<'a, T: Into<FluentValue<'a>>>(v: T) -> FluentValue<'a> {
    v.into()
}
