//! Where the AWS credentials come from, so that an error about them can say what to do. The
//! answer follows the order of aws-config's default credential chain (which does the real
//! work): environment variables, the selected profile of the shared files (static keys, SSO,
//! `aws login`, `credential_process`, a role assumed from one of these), a web identity token,
//! the container credentials endpoint (how AWS CloudShell hands out its credentials), and
//! instance metadata. Only names and paths are read here, never a key.
//!
//! What to do when credentials expire depends on the source: a running program cannot read
//! new environment variables, so those need a restart; keys pasted into the credentials file,
//! a new SSO login and a credential process are picked up by reconnecting; the container
//! endpoint renews by itself.

use std::borrow::Cow;

use aws_config::profile::{Profile, ProfileSet};
use aws_runtime::env_config::file::EnvConfigFiles as ProfileFiles;
use aws_types::os_shim_internal::{Env, Fs};
use serde::{Deserialize, Serialize};

/// Set by AWS CloudShell to `CloudShell`.
pub const EXECUTION_ENV: &str = "AWS_EXECUTION_ENV";
const CLOUDSHELL: &str = "cloudshell";

/// The source of the credentials the default chain uses (or would use).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum CredentialSource {
    /// `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`.
    Environment,
    /// Keys in a profile; `file` is where they are written (the credentials file, or the
    /// config file when only that one holds them).
    ProfileKeys { profile: String, file: String },
    /// IAM Identity Center (`sso_session` / `sso_start_url`) of a profile.
    Sso { profile: String },
    /// `login_session` (`aws login`) of a profile.
    Login { profile: String },
    /// `credential_process` of a profile.
    Process { profile: String },
    /// A web identity token (`AWS_WEB_IDENTITY_TOKEN_FILE` or the profile's token file).
    WebIdentity,
    /// The container credentials endpoint; `cloudshell` when AWS CloudShell provides it.
    Container { cloudshell: bool },
    /// The instance metadata service (a role of the EC2 instance).
    InstanceMetadata,
    /// Nothing the chain could use was found before instance metadata.
    Nothing,
}

impl CredentialSource {
    /// Stable id for Fluent selectors (`error-expired-token`, `error-no-credentials`).
    #[must_use]
    pub fn id(&self) -> &'static str {
        match self {
            Self::Environment => "environment",
            Self::ProfileKeys { .. } => "profile-keys",
            Self::Sso { .. } => "sso",
            Self::Login { .. } => "login",
            Self::Process { .. } => "process",
            Self::WebIdentity => "web-identity",
            Self::Container { cloudshell: true } => "cloudshell",
            Self::Container { cloudshell: false } => "container",
            Self::InstanceMetadata => "instance-metadata",
            Self::Nothing => "nothing",
        }
    }

    /// The profile the credentials are configured in, if any.
    #[must_use]
    pub fn profile(&self) -> Option<&str> {
        match self {
            Self::ProfileKeys { profile, .. }
            | Self::Sso { profile }
            | Self::Login { profile }
            | Self::Process { profile } => Some(profile),
            _ => None,
        }
    }

    /// The file that holds the keys, for [`CredentialSource::ProfileKeys`].
    #[must_use]
    pub fn file(&self) -> Option<&str> {
        match self {
            Self::ProfileKeys { file, .. } => Some(file),
            _ => None,
        }
    }

    /// Whether connecting again can pick up renewed credentials without a restart. Not so
    /// for environment variables: a running program keeps the values it was started with.
    #[must_use]
    pub fn renews_on_reconnect(&self) -> bool {
        !matches!(self, Self::Environment)
    }
}

/// Whether the program runs in AWS CloudShell (`AWS_EXECUTION_ENV=CloudShell`).
#[must_use]
pub fn in_cloudshell() -> bool {
    env_says_cloudshell(&Env::real())
}

fn env_says_cloudshell(env: &Env) -> bool {
    env.get(EXECUTION_ENV)
        .is_ok_and(|v| v.to_ascii_lowercase().contains(CLOUDSHELL))
}

fn set(env: &Env, name: &str) -> bool {
    env.get(name).is_ok_and(|v| !v.trim().is_empty())
}

/// Where the default chain finds credentials for `profile` (else `AWS_PROFILE`, else
/// `default`), looking at this process's environment and the shared files.
pub async fn detect(profile: Option<&str>) -> CredentialSource {
    detect_with(&Env::real(), &Fs::real(), profile).await
}

/// [`detect`] with a given environment and file system (tests).
pub async fn detect_with(env: &Env, fs: &Fs, profile: Option<&str>) -> CredentialSource {
    if set(env, "AWS_ACCESS_KEY_ID")
        && (set(env, "AWS_SECRET_ACCESS_KEY") || set(env, "SECRET_ACCESS_KEY"))
    {
        return CredentialSource::Environment;
    }
    let selected = profile.map(|p| Cow::Owned(p.to_owned()));
    if let Ok(profiles) =
        aws_config::profile::load(fs, env, &ProfileFiles::default(), selected.clone()).await
        && let Some(source) = from_profiles(&profiles)
    {
        return match source {
            CredentialSource::ProfileKeys { profile, .. } => {
                let file = keys_file(env, fs, &profile, selected).await;
                CredentialSource::ProfileKeys { profile, file }
            }
            other => other,
        };
    }
    if set(env, "AWS_WEB_IDENTITY_TOKEN_FILE") && set(env, "AWS_ROLE_ARN") {
        return CredentialSource::WebIdentity;
    }
    if set(env, "AWS_CONTAINER_CREDENTIALS_FULL_URI")
        || set(env, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
    {
        return CredentialSource::Container {
            cloudshell: env_says_cloudshell(env),
        };
    }
    CredentialSource::Nothing
}

/// The credentials file when it holds the profile's keys, else the config file.
async fn keys_file(
    env: &Env,
    fs: &Fs,
    profile: &str,
    selected: Option<Cow<'static, str>>,
) -> String {
    let only_credentials = ProfileFiles::builder()
        .include_default_credentials_file(true)
        .build();
    let in_credentials = aws_config::profile::load(fs, env, &only_credentials, selected)
        .await
        .ok()
        .and_then(|set| {
            set.get_profile(profile)
                .map(|p| p.get("aws_access_key_id").is_some())
        })
        .unwrap_or(false);
    let (variable, default) = if in_credentials {
        ("AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials")
    } else {
        ("AWS_CONFIG_FILE", "~/.aws/config")
    };
    env.get(variable)
        .ok()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| default.to_owned())
}

/// The base of the selected profile's chain (following `source_profile` of assumed roles),
/// or `None` where the chain would go on to the next provider.
fn from_profiles(profiles: &ProfileSet) -> Option<CredentialSource> {
    let selected = profiles.selected_profile();
    if profiles.is_empty() {
        return None;
    }
    let mut name = selected;
    let mut visited: Vec<&str> = Vec::new();
    loop {
        let profile = profiles.get_profile(name)?;
        if visited.contains(&name) {
            return None;
        }
        visited.push(name);
        // After the first profile, static keys win over everything else (as in the chain).
        if visited.len() > 1 && profile.get("aws_access_key_id").is_some() {
            return Some(keys(profile));
        }
        let assumes_role =
            profile.get("role_arn").is_some() && profile.get("web_identity_token_file").is_none();
        if !assumes_role {
            return base(profile);
        }
        match (
            profile.get("source_profile"),
            profile.get("credential_source"),
        ) {
            (None, Some(source)) => return named_source(source),
            (Some(next), None) if next != name => name = next,
            (Some(_), None) => return base(profile),
            _ => return None,
        }
    }
}

fn keys(profile: &Profile) -> CredentialSource {
    CredentialSource::ProfileKeys {
        profile: profile.name().to_owned(),
        file: String::new(),
    }
}

/// What a profile provides by itself, in the chain's order of preference.
fn base(profile: &Profile) -> Option<CredentialSource> {
    let name = || profile.name().to_owned();
    if let Some(source) = profile.get("credential_source") {
        return named_source(source);
    }
    if profile.get("web_identity_token_file").is_some() {
        return Some(CredentialSource::WebIdentity);
    }
    let sso = [
        "sso_session",
        "sso_start_url",
        "sso_account_id",
        "sso_role_name",
        "sso_region",
    ];
    if sso.iter().any(|key| profile.get(key).is_some()) {
        return Some(CredentialSource::Sso { profile: name() });
    }
    if profile.get("login_session").is_some() {
        return Some(CredentialSource::Login { profile: name() });
    }
    if profile.get("credential_process").is_some() {
        return Some(CredentialSource::Process { profile: name() });
    }
    profile.get("aws_access_key_id").map(|_| keys(profile))
}

/// `credential_source = Environment | EcsContainer | Ec2InstanceMetadata`.
fn named_source(source: &str) -> Option<CredentialSource> {
    match source {
        "Environment" => Some(CredentialSource::Environment),
        "EcsContainer" => Some(CredentialSource::Container { cloudshell: false }),
        "Ec2InstanceMetadata" => Some(CredentialSource::InstanceMetadata),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOME: &str = "/home/learner";

    async fn detect_in(
        vars: &[(&str, &str)],
        files: &[(&str, &str)],
        profile: Option<&str>,
    ) -> CredentialSource {
        let mut all = vec![("HOME", HOME)];
        all.extend_from_slice(vars);
        let files: Vec<(String, String)> = files
            .iter()
            .map(|(path, text)| (format!("{HOME}/.aws/{path}"), (*text).to_owned()))
            .collect();
        let fs = Fs::from_map(files.into_iter().collect());
        detect_with(&Env::from_slice(&all), &fs, profile).await
    }

    const KEYS: &str = "[default]\naws_access_key_id = ASIAEXAMPLE\naws_secret_access_key = x\naws_session_token = y\n";

    #[tokio::test]
    async fn environment_variables_come_first() {
        let source = detect_in(
            &[
                ("AWS_ACCESS_KEY_ID", "ASIA1"),
                ("AWS_SECRET_ACCESS_KEY", "s"),
            ],
            &[("credentials", KEYS)],
            None,
        )
        .await;
        assert_eq!(source, CredentialSource::Environment);
        assert!(!source.renews_on_reconnect(), "a restart is needed");
    }

    #[tokio::test]
    async fn keys_pasted_into_the_credentials_file() {
        let source = detect_in(&[], &[("credentials", KEYS)], None).await;
        assert_eq!(
            source,
            CredentialSource::ProfileKeys {
                profile: "default".into(),
                file: "~/.aws/credentials".into()
            }
        );
        assert!(source.renews_on_reconnect());
        let other = detect_in(
            &[("AWS_SHARED_CREDENTIALS_FILE", "/tmp/lab-credentials")],
            &[],
            None,
        )
        .await;
        assert_eq!(
            other,
            CredentialSource::Nothing,
            "no such file, nothing found"
        );
    }

    #[tokio::test]
    async fn keys_in_the_config_file_name_that_file() {
        let config = "[profile lab]\naws_access_key_id = AKIA\naws_secret_access_key = s\n";
        let source = detect_in(&[], &[("config", config)], Some("lab")).await;
        assert_eq!(
            source,
            CredentialSource::ProfileKeys {
                profile: "lab".into(),
                file: "~/.aws/config".into()
            }
        );
    }

    #[tokio::test]
    async fn sso_login_process_and_roles_name_their_profile() {
        let config = "\
[profile sso]
sso_session = academy
sso_account_id = 111122223333
sso_role_name = LabRole
[sso-session academy]
sso_region = us-east-1
sso_start_url = https://example.awsapps.com/start
[profile console]
login_session = arn:aws:iam::111122223333:user/learner
[profile tool]
credential_process = /usr/local/bin/lab-credentials
[profile admin]
role_arn = arn:aws:iam::111122223333:role/Admin
source_profile = sso
[profile in-ecs]
role_arn = arn:aws:iam::111122223333:role/Admin
credential_source = EcsContainer
";
        let files = [("config", config)];
        assert_eq!(
            detect_in(&[], &files, Some("sso")).await,
            CredentialSource::Sso {
                profile: "sso".into()
            }
        );
        assert_eq!(
            detect_in(&[("AWS_PROFILE", "console")], &files, None).await,
            CredentialSource::Login {
                profile: "console".into()
            }
        );
        assert_eq!(
            detect_in(&[], &files, Some("tool")).await,
            CredentialSource::Process {
                profile: "tool".into()
            }
        );
        assert_eq!(
            detect_in(&[], &files, Some("admin")).await,
            CredentialSource::Sso {
                profile: "sso".into()
            },
            "a role is assumed with the SSO profile's credentials"
        );
        assert_eq!(
            detect_in(&[], &files, Some("in-ecs")).await,
            CredentialSource::Container { cloudshell: false }
        );
    }

    #[tokio::test]
    async fn cloudshell_hands_out_credentials_through_the_container_endpoint() {
        let cloudshell = [
            (
                "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                "http://localhost:1338/latest/meta-data/container/security-credentials",
            ),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "token"),
            ("AWS_EXECUTION_ENV", "CloudShell"),
            ("AWS_REGION", "us-east-1"),
        ];
        let source = detect_in(&cloudshell, &[], None).await;
        assert_eq!(source, CredentialSource::Container { cloudshell: true });
        assert_eq!(source.id(), "cloudshell");
        assert!(env_says_cloudshell(&Env::from_slice(&cloudshell)));
        let ecs = detect_in(
            &[(
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                "/v2/credentials/1",
            )],
            &[],
            None,
        )
        .await;
        assert_eq!(ecs, CredentialSource::Container { cloudshell: false });
        // A default profile with keys comes before the endpoint, as in the chain.
        assert!(matches!(
            detect_in(&cloudshell, &[("credentials", KEYS)], None).await,
            CredentialSource::ProfileKeys { .. }
        ));
    }

    #[tokio::test]
    async fn nothing_configured() {
        assert_eq!(detect_in(&[], &[], None).await, CredentialSource::Nothing);
        assert_eq!(
            detect_in(&[("AWS_ACCESS_KEY_ID", "ASIA1")], &[], None).await,
            CredentialSource::Nothing,
            "a key id without its secret is not used"
        );
        assert!(!env_says_cloudshell(&Env::from_slice(&[])));
    }
}
