//! The texts: every Fluent file parses, German and English have the same messages with the
//! same variables in each file, no id is defined twice, every file is built into the
//! binary, German is written the Swiss way (no "ß"), and every message resolves. That every
//! id the code names exists and every message is named by some code is the build's own
//! check: build.rs makes the ids constants (`crate::msg`) and dead ones fail it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use backup_lab::i18n::{Lang, SOURCES};
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A message as written: its id and the variables its text uses.
#[derive(Debug, Clone)]
struct Message {
    id: String,
    vars: BTreeSet<String>,
}

/// `locales/<lang>/<file>.ftl` → its text, per language code.
fn files() -> BTreeMap<String, BTreeMap<String, String>> {
    let mut out: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let dir = Path::new(ROOT).join("locales");
    for lang in std::fs::read_dir(&dir).expect("locales/").flatten() {
        let code = lang.file_name().to_string_lossy().into_owned();
        for file in std::fs::read_dir(lang.path())
            .expect("language dir")
            .flatten()
        {
            let name = file.file_name().to_string_lossy().into_owned();
            if name.ends_with(".ftl") {
                let text = std::fs::read_to_string(file.path()).expect("read ftl");
                out.entry(code.clone()).or_default().insert(name, text);
            }
        }
    }
    out
}

/// The messages of a Fluent text: ids at the start of a line, variables `{ $name }` in the
/// lines that belong to them.
fn messages(text: &str) -> Vec<Message> {
    let mut out: Vec<Message> = Vec::new();
    for line in text.lines() {
        let starts_message = line.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        if starts_message {
            if let Some((id, _)) = line.split_once('=') {
                out.push(Message {
                    id: id.trim().to_owned(),
                    vars: BTreeSet::new(),
                });
            }
        } else if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if let Some(message) = out.last_mut() {
            let mut rest = line;
            while let Some(pos) = rest.find('$') {
                rest = &rest[pos + 1..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                    .collect();
                if !name.is_empty() {
                    message.vars.insert(name);
                }
            }
        }
    }
    out
}

#[test]
fn every_file_parses() {
    let mut broken = Vec::new();
    for (lang, files) in files() {
        for (name, text) in files {
            if let Err((_, errors)) = FluentResource::try_new(text.clone()) {
                for e in errors {
                    let line = text[..e.pos.start.min(text.len())].lines().count();
                    broken.push(format!("locales/{lang}/{name}:{line}: {:?}", e.kind));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "Fluent files that do not parse (their broken entries are lost):\n{}",
        broken.join("\n")
    );
}

#[test]
fn both_languages_have_the_same_files_messages_and_variables() {
    let all = files();
    let de = all.get("de").expect("locales/de");
    let en = all.get("en").expect("locales/en");
    assert_eq!(
        de.keys().collect::<Vec<_>>(),
        en.keys().collect::<Vec<_>>(),
        "the same files in de and en"
    );
    let mut problems = Vec::new();
    for (name, de_text) in de {
        let en_text = &en[name];
        let de_msgs: BTreeMap<String, BTreeSet<String>> = messages(de_text)
            .into_iter()
            .map(|m| (m.id, m.vars))
            .collect();
        let en_msgs: BTreeMap<String, BTreeSet<String>> = messages(en_text)
            .into_iter()
            .map(|m| (m.id, m.vars))
            .collect();
        for id in de_msgs.keys().filter(|id| !en_msgs.contains_key(*id)) {
            problems.push(format!("{name}: {id} only in de"));
        }
        for id in en_msgs.keys().filter(|id| !de_msgs.contains_key(*id)) {
            problems.push(format!("{name}: {id} only in en"));
        }
        for (id, vars) in &de_msgs {
            if let Some(en_vars) = en_msgs.get(id)
                && vars != en_vars
            {
                problems.push(format!(
                    "{name}: {id} uses {vars:?} in de but {en_vars:?} in en"
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "de and en differ:\n{}",
        problems.join("\n")
    );
}

#[test]
fn no_id_is_defined_twice() {
    for (lang, files) in files() {
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        let mut twice = Vec::new();
        for (name, text) in &files {
            for m in messages(text) {
                if let Some(first) = seen.insert(m.id.clone(), name.clone()) {
                    twice.push(format!("{lang}: {} in {first} and {name}", m.id));
                }
            }
        }
        assert!(
            twice.is_empty(),
            "defined twice (the second is ignored):\n{}",
            twice.join("\n")
        );
    }
}

#[test]
fn every_file_is_built_into_the_program() {
    for (code, files) in files() {
        let lang = match code.as_str() {
            "de" => Lang::De,
            "en" => Lang::En,
            other => panic!("locales/{other}: a language the program does not know"),
        };
        let built: BTreeSet<&str> = SOURCES
            .iter()
            .filter(|(l, _)| *l == lang)
            .flat_map(|(_, f)| f.iter().map(|(name, _)| *name))
            .collect();
        for name in files.keys() {
            assert!(
                built.contains(name.as_str()),
                "locales/{code}/{name} is not in i18n::SOURCES"
            );
        }
    }
}

#[test]
fn german_is_swiss() {
    for (name, text) in &files()["de"] {
        for (n, line) in text.lines().enumerate() {
            assert!(
                !line.contains('ß'),
                "locales/de/{name}:{}: \"ß\" (Swiss German writes \"ss\"): {line}",
                n + 1
            );
        }
    }
}

/// Every message formats without unknown references, given all its variables.
#[test]
fn every_message_resolves() {
    for (code, files) in files() {
        let langid = if code == "de" { "de-CH" } else { "en" };
        let mut bundle = FluentBundle::new(vec![langid.parse().expect("langid")]);
        bundle.set_use_isolating(false);
        let mut all = Vec::new();
        for text in files.values() {
            all.extend(messages(text));
            let resource =
                FluentResource::try_new(text.clone()).unwrap_or_else(|(partial, _)| partial);
            let _ = bundle.add_resource(resource);
        }
        let mut problems = Vec::new();
        for m in all {
            let Some(pattern) = bundle.get_message(&m.id).and_then(|msg| msg.value()) else {
                continue;
            };
            let mut args = FluentArgs::new();
            for var in &m.vars {
                args.set(var.clone(), "x");
            }
            let mut errors = Vec::new();
            let _ = bundle.format_pattern(pattern, Some(&args), &mut errors);
            if !errors.is_empty() {
                problems.push(format!("{code}: {}: {errors:?}", m.id));
            }
        }
        assert!(
            problems.is_empty(),
            "messages that do not resolve:\n{}",
            problems.join("\n")
        );
    }
}
