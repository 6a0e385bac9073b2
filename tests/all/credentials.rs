//! Credentials as the real binary meets them, with nothing but the environment a place gives.
//!
//! - AWS CloudShell: credentials only from the container credentials endpoint
//!   (`AWS_CONTAINER_CREDENTIALS_FULL_URI` with `AWS_CONTAINER_AUTHORIZATION_TOKEN`), the region
//!   from `AWS_REGION`. A loopback fake of that endpoint hands out rotating credentials; a
//!   proxy in front of moto notes which key signed each request, so the test sees the adapter
//!   (aws-config's own container provider) pick up new credentials when they rotate.
//! - A wrong token and expired credentials get a clear message, in both languages, that says
//!   what to do for the source the credentials came from.

use crate::support;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use support::fake::{self, Request};
use support::moto::Moto;

const REGION: &str = "us-east-1";
/// The path CloudShell's endpoint serves (on localhost:1338 there).
const CREDENTIALS_PATH: &str = "/latest/meta-data/container/security-credentials";
const TOKEN: &str = "cloudshell-session-token";

/// What the fake endpoint has done.
#[derive(Default)]
struct Handed {
    /// Access key ids handed out, oldest first.
    keys: Vec<String>,
    /// Requests refused for a wrong or missing token.
    refused: usize,
}

/// A fake of the container credentials endpoint: every fetch with the right token gets new
/// credentials (`ASIACLOUDSHELL0001`, `…0002`, …) valid for `valid_for`.
fn credentials_endpoint(valid_for: Duration) -> (String, Arc<Mutex<Handed>>) {
    let handed = Arc::new(Mutex::new(Handed::default()));
    let state = Arc::clone(&handed);
    let port = fake::serve(move |request: &Request| {
        let mut state = state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if request.path != CREDENTIALS_PATH {
            return (404, "text/plain".into(), "not found".into());
        }
        if request.header("authorization") != Some(TOKEN) {
            state.refused += 1;
            return (401, "text/plain".into(), "Unauthorized".into());
        }
        let key = format!("ASIACLOUDSHELL{:04}", state.keys.len() + 1);
        state.keys.push(key.clone());
        let expires = jiff::Timestamp::now()
            .checked_add(jiff::SignedDuration::try_from(valid_for).expect("duration"))
            .expect("time")
            .strftime("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
        let body = serde_json::json!({
            "Type": "",
            "AccessKeyId": key,
            "SecretAccessKey": format!("secret-of-{key}"),
            "Token": format!("session-of-{key}"),
            "Expiration": expires,
            "Code": "Success",
        });
        (200, "application/json".into(), body.to_string())
    });
    (format!("http://127.0.0.1:{port}{CREDENTIALS_PATH}"), handed)
}

/// The binary with CloudShell's environment and nothing else (no keys, no files in HOME).
fn in_cloudshell(home: &Path, endpoint: &str, token: &str, aws: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_backup-lab"));
    command
        .env_clear()
        .env("HOME", home)
        .env("BACKUP_LAB_STATE_DIR", home.join("state"))
        .env("AWS_EXECUTION_ENV", "CloudShell")
        .env("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint)
        .env("AWS_CONTAINER_AUTHORIZATION_TOKEN", token)
        .env("AWS_REGION", REGION)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ENDPOINT_URL", aws)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn keys_seen(seen: &Arc<Mutex<Vec<String>>>) -> Vec<String> {
    seen.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone()
}

/// `status --json` in CloudShell against moto (with the workshop world) behind the proxy.
fn status_in_cloudshell(valid_for: Duration) -> Option<(Output, Vec<String>, Vec<String>)> {
    let moto = Moto::start()?;
    moto.world();
    let (proxy, seen) = fake::key_recording_proxy(moto.port);
    let (endpoint, handed) = credentials_endpoint(valid_for);
    let todos = fake::todo_api();
    let home = tempfile::tempdir().expect("home");
    let out = in_cloudshell(
        home.path(),
        &endpoint,
        TOKEN,
        &format!("http://127.0.0.1:{proxy}"),
    )
    .args(["status", "--json", "--app-url", &todos])
    .output()
    .expect("binary runs");
    let handed = handed
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .keys
        .clone();
    Some((out, keys_seen(&seen), handed))
}

#[test]
fn in_cloudshell_rotating_credentials_are_picked_up() {
    // Credentials that expire within the SDK's refresh margin (5–10 s) are fetched again
    // before the next call, as CloudShell's are shortly before they run out.
    let Some((out, signed, handed)) = status_in_cloudshell(Duration::from_secs(3)) else {
        return;
    };
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
    let status: serde_json::Value = serde_json::from_str(&stdout).expect("status is JSON");
    assert!(
        status.to_string().contains("workshop-db"),
        "the account was read: {status}"
    );
    assert!(signed.len() >= 3, "requests went out: {signed:?}");
    assert!(
        signed.iter().all(|k| handed.contains(k)),
        "every request is signed with credentials from the endpoint: {signed:?} vs {handed:?}"
    );
    let mut distinct = signed.clone();
    distinct.dedup();
    distinct.sort();
    distinct.dedup();
    assert!(
        distinct.len() >= 2,
        "rotated credentials were used, not only the first: {signed:?}"
    );
    for secret in handed
        .iter()
        .flat_map(|k| [format!("secret-of-{k}"), format!("session-of-{k}")])
    {
        assert!(!stdout.contains(&secret) && !text(&out.stderr).contains(&secret));
    }
}

#[test]
fn in_cloudshell_credentials_that_are_still_good_are_not_fetched_again() {
    let Some((out, signed, handed)) = status_in_cloudshell(Duration::from_secs(3600)) else {
        return;
    };
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(handed.len(), 1, "one fetch for the whole run: {handed:?}");
    assert!(signed.len() >= 3, "requests went out: {signed:?}");
    assert!(signed.iter().all(|k| k == &handed[0]), "{signed:?}");
}

#[test]
fn a_wrong_container_token_gets_a_clear_message_and_nothing_is_sent() {
    let (endpoint, handed) = credentials_endpoint(Duration::from_secs(3600));
    let (aws, calls) = fake::failing_aws(500, "InternalFailure", "must not be reached");
    let home = tempfile::tempdir().expect("home");
    for (lang, expected) in [
        (
            "en",
            "CloudShell's credentials endpoint gives no credentials",
        ),
        (
            "de",
            "Der Credentials-Endpunkt von CloudShell liefert keine Zugangsdaten",
        ),
    ] {
        let out = in_cloudshell(
            home.path(),
            &endpoint,
            "token-of-another-session",
            &format!("http://127.0.0.1:{aws}"),
        )
        .args(["--lang", lang, "status"])
        .output()
        .expect("binary runs");
        let stderr = text(&out.stderr);
        assert!(!out.status.success(), "{stderr}");
        assert!(stderr.contains(expected), "{lang}: {stderr}");
        assert!(
            stderr.contains("401"),
            "the endpoint's answer is named: {stderr}"
        );
        assert!(
            !stderr.contains("token-of-another-session") && !stderr.contains(TOKEN),
            "no token is shown: {stderr}"
        );
    }
    let handed = handed
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    assert!(handed.refused >= 2 && handed.keys.is_empty());
    assert_eq!(
        calls.load(std::sync::atomic::Ordering::SeqCst),
        0,
        "nothing reached AWS"
    );
}

/// An STS endpoint for which every session has expired.
fn expired_sts() -> u16 {
    fake::serve(|_| {
        let body = "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>\
                    <Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message>\
                    </Error><RequestId>1</RequestId></ErrorResponse>";
        (400, "text/xml".into(), body.into())
    })
}

fn expired_with(home: &Path, env: &[(&str, &str)], lang: &str) -> String {
    let sts = expired_sts();
    let mut command = Command::new(env!("CARGO_BIN_EXE_backup-lab"));
    command
        .env_clear()
        .env("HOME", home)
        .env("BACKUP_LAB_STATE_DIR", home.join("state"))
        .env("AWS_REGION", REGION)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ENDPOINT_URL", format!("http://127.0.0.1:{sts}"))
        .envs(env.iter().copied())
        .args(["--lang", lang, "status"])
        .stdin(Stdio::null());
    let out = command.output().expect("binary runs");
    assert!(!out.status.success());
    text(&out.stderr)
}

#[test]
fn expired_credentials_advice_follows_their_source() {
    let home = tempfile::tempdir().expect("home");
    let env_keys = [
        ("AWS_ACCESS_KEY_ID", "ASIAENVIRONMENT"),
        ("AWS_SECRET_ACCESS_KEY", "environment-secret"),
        ("AWS_SESSION_TOKEN", "environment-session"),
    ];
    let en = expired_with(home.path(), &env_keys, "en");
    assert!(en.contains("environment variables"), "{en}");
    assert!(en.contains("start it again"), "a restart is needed: {en}");
    assert!(
        !en.contains("picks them up"),
        "pasting does not help here: {en}"
    );
    let de = expired_with(home.path(), &env_keys, "de");
    assert!(
        de.contains("Umgebungsvariablen") && de.contains("starte es neu"),
        "{de}"
    );

    std::fs::create_dir_all(home.path().join(".aws")).expect("mkdir");
    std::fs::write(
        home.path().join(".aws/credentials"),
        "[default]\naws_access_key_id = ASIAFILE\naws_secret_access_key = file-secret\n\
         aws_session_token = file-session\n",
    )
    .expect("write credentials");
    let en = expired_with(home.path(), &[], "en");
    assert!(
        en.contains("profile default in ~/.aws/credentials") && en.contains("picks them up"),
        "{en}"
    );
    let de = expired_with(home.path(), &[], "de");
    assert!(
        de.contains("Profil default in ~/.aws/credentials") && de.contains("übernimmt sie"),
        "{de}"
    );
    for secret in [
        "environment-secret",
        "environment-session",
        "file-secret",
        "file-session",
    ] {
        assert!(!en.contains(secret) && !de.contains(secret));
    }
}
