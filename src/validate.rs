//! Input rules, checked before anything is sent: AWS identifier rules, the backup window
//! (format, length, overlap with the maintenance window), retention, URLs.
//! Errors are values with a Fluent id (`invalid-<id>`) so every front end localizes them.

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;

use crate::msg;

pub const MAX_RETENTION_DAYS: u32 = 35;
const MAX_IDENTIFIER_LEN: usize = 63;
/// Elastic Load Balancing: a load balancer's name has at most 32 characters.
const MAX_LOAD_BALANCER_LEN: usize = 32;
/// The longest `--app-url` taken (browsers and proxies agree on about this much).
pub const MAX_URL_LEN: usize = 2048;
const MIN_WINDOW_MINUTES: i32 = 30;
const MINUTES_PER_DAY: i32 = 24 * 60;
const MINUTES_PER_WEEK: i32 = 7 * MINUTES_PER_DAY;

/// Why an input was refused; `id()` names the Fluent message `invalid-<id>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    IdentifierEmpty,
    IdentifierTooLong,
    IdentifierFirstChar,
    IdentifierChars,
    IdentifierHyphens,
    WindowFormat,
    WindowTooShort,
    WindowOverlapsMaintenance {
        maintenance: String,
    },
    Retention,
    Target,
    /// The example's orders per hour: 1 to [`crate::config::MAX_ORDERS_PER_HOUR`].
    OrderRate,
    Url,
    /// A URL with a user name or password in it: they would end up in logs and reports.
    UrlCredentials,
    /// Port 0 in a URL: nothing listens there.
    UrlPort,
    /// A URL longer than [`MAX_URL_LEN`].
    UrlTooLong,
    Timezone,
    /// A name that must differ from another one (`other` names the other setting).
    SameName {
        other: String,
    },
    /// Load balancer names: at most 32 characters.
    LoadBalancerTooLong,
    /// Load balancer names: letters, digits and hyphens only (no underscore).
    LoadBalancerChars,
    /// Load balancer names: no hyphen first or last, and not `internal-` first.
    LoadBalancerEdges,
    /// The learner's name for the report: 1 to [`MAX_NAME_CHARS`] characters, no control
    /// characters.
    Name,
}

/// The longest learner's name the report takes.
pub const MAX_NAME_CHARS: usize = 80;

impl Invalid {
    #[must_use]
    pub fn id(&self) -> &'static str {
        match self {
            Self::IdentifierEmpty => "identifier-empty",
            Self::IdentifierTooLong => "identifier-too-long",
            Self::IdentifierFirstChar => "identifier-first-char",
            Self::IdentifierChars => "identifier-chars",
            Self::IdentifierHyphens => "identifier-hyphens",
            Self::WindowFormat => "window-format",
            Self::WindowTooShort => "window-too-short",
            Self::WindowOverlapsMaintenance { .. } => "window-overlap",
            Self::Retention => "retention",
            Self::Target => "target",
            Self::OrderRate => "order-rate",
            Self::Url => "url",
            Self::UrlCredentials => "url-credentials",
            Self::UrlPort => "url-port",
            Self::UrlTooLong => "url-too-long",
            Self::Timezone => "timezone",
            Self::SameName { .. } => "same-name",
            Self::LoadBalancerTooLong => "lb-too-long",
            Self::LoadBalancerChars => "lb-chars",
            Self::LoadBalancerEdges => "lb-edges",
            Self::Name => "name",
        }
    }
}

/// RDS instance and snapshot identifiers: 1–63 letters, digits or hyphens, a letter first,
/// no two hyphens in a row and none at the end.
pub fn rds_identifier(id: &str) -> Result<(), Invalid> {
    if id.is_empty() {
        return Err(Invalid::IdentifierEmpty);
    }
    if id.len() > MAX_IDENTIFIER_LEN {
        return Err(Invalid::IdentifierTooLong);
    }
    if !id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Err(Invalid::IdentifierFirstChar);
    }
    if !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(Invalid::IdentifierChars);
    }
    if id.contains("--") || id.ends_with('-') {
        return Err(Invalid::IdentifierHyphens);
    }
    Ok(())
}

/// ECS names (cluster, service, family, container): 1–255 letters, digits, hyphens, underscores.
pub fn ecs_name(name: &str) -> Result<(), Invalid> {
    if name.is_empty() {
        return Err(Invalid::IdentifierEmpty);
    }
    if name.len() > 255 {
        return Err(Invalid::IdentifierTooLong);
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(Invalid::IdentifierChars);
    }
    Ok(())
}

/// Load balancer names as Elastic Load Balancing takes them: 1–32 letters, digits or hyphens,
/// no hyphen first or last, not beginning with `internal-`.
pub fn load_balancer_name(name: &str) -> Result<(), Invalid> {
    if name.is_empty() {
        return Err(Invalid::IdentifierEmpty);
    }
    if name.chars().count() > MAX_LOAD_BALANCER_LEN {
        return Err(Invalid::LoadBalancerTooLong);
    }
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(Invalid::LoadBalancerChars);
    }
    if name.starts_with('-') || name.ends_with('-') || name.starts_with("internal-") {
        return Err(Invalid::LoadBalancerEdges);
    }
    Ok(())
}

pub fn retention(days: u32) -> Result<(), Invalid> {
    if days > MAX_RETENTION_DAYS {
        Err(Invalid::Retention)
    } else {
        Ok(())
    }
}

/// `hh:mm` → minutes after midnight.
fn parse_hhmm(text: &str) -> Option<i32> {
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let h: i32 = h.parse().ok()?;
    let m: i32 = m.parse().ok()?;
    (h < 24 && m < 60).then_some(h * 60 + m)
}

impl std::fmt::Display for Invalid {
    /// The Fluent id of the message (`invalid-<id>`); front ends render it localized.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid-{}", self.id())
    }
}

impl std::error::Error for Invalid {}

/// A daily window `hh:mm-hh:mm` (the backup window, RDS's `PreferredBackupWindow`), read once
/// at the edge (configuration file, `--window`, the window dialog, an AWS answer) and passed
/// on as this type: its start in minutes after midnight and its length, at least
/// [`MIN_WINDOW_MINUTES`]; it may run past midnight. Written back (`Display`, JSON) as
/// `hh:mm-hh:mm`, the format RDS takes. Whether it is UTC or local time is said by where it is
/// kept (`window_local` in the configuration, UTC in what RDS shows and takes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BackupWindow {
    start: i32,
    length: i32,
}

impl std::str::FromStr for BackupWindow {
    type Err = Invalid;

    fn from_str(text: &str) -> Result<Self, Invalid> {
        let (a, b) = text.trim().split_once('-').ok_or(Invalid::WindowFormat)?;
        let minute = |part: &str| {
            parse_hhmm(part.trim())
                .and_then(|m| u16::try_from(m).ok())
                .ok_or(Invalid::WindowFormat)
        };
        Self::from_minutes(minute(a)?, minute(b)?)
    }
}

impl std::fmt::Display for BackupWindow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let end = (self.start + self.length).rem_euclid(MINUTES_PER_DAY);
        write!(
            f,
            "{:02}:{:02}-{:02}:{:02}",
            self.start / 60,
            self.start % 60,
            end / 60,
            end % 60
        )
    }
}

impl serde::Serialize for BackupWindow {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for BackupWindow {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// An optional window that was stored as text: one that does not read as a window (a file
/// written by hand, a value RDS might change its format of) is no window rather than a file
/// that cannot be read.
///
/// # Errors
/// Only when the value is neither text nor absent.
pub fn lenient_window<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<BackupWindow>, D::Error> {
    let text: Option<String> = serde::Deserialize::deserialize(deserializer)?;
    Ok(text.and_then(|t| t.parse().ok()))
}

impl From<BackupWindow> for crate::text::Arg {
    fn from(window: BackupWindow) -> Self {
        Self::Str(window.to_string())
    }
}

impl BackupWindow {
    /// The window from its start and end in minutes after midnight (UTC or local, as the
    /// caller keeps it).
    ///
    /// # Errors
    /// [`Invalid::WindowFormat`] for a minute outside the day, [`Invalid::WindowTooShort`] for
    /// a window under [`MIN_WINDOW_MINUTES`].
    pub fn from_minutes(start: u16, end: u16) -> Result<Self, Invalid> {
        let (start, end) = (i32::from(start), i32::from(end));
        if start >= MINUTES_PER_DAY || end >= MINUTES_PER_DAY {
            return Err(Invalid::WindowFormat);
        }
        let length = (end - start).rem_euclid(MINUTES_PER_DAY);
        if length < MIN_WINDOW_MINUTES {
            return Err(Invalid::WindowTooShort);
        }
        Ok(Self { start, length })
    }

    /// The half hour from `start_minute` (taken modulo a day): a window known to be valid,
    /// for defaults.
    #[must_use]
    pub const fn half_hour_from(start_minute: u16) -> Self {
        Self {
            start: (start_minute % 1440) as i32,
            length: MIN_WINDOW_MINUTES,
        }
    }

    /// Its start in minutes after midnight.
    #[must_use]
    pub fn start_minute(self) -> u16 {
        u16::try_from(self.start).unwrap_or(0)
    }

    /// Its end in minutes after midnight (smaller than the start when it runs past midnight).
    #[must_use]
    pub fn end_minute(self) -> u16 {
        u16::try_from((self.start + self.length).rem_euclid(MINUTES_PER_DAY)).unwrap_or(0)
    }

    /// How many minutes it lasts.
    #[must_use]
    pub fn minutes(self) -> u16 {
        u16::try_from(self.length).unwrap_or(0)
    }

    /// The start as a time of day.
    fn start_time(self) -> Option<Time> {
        Time::new(
            i8::try_from(self.start / 60).ok()?,
            i8::try_from(self.start % 60).ok()?,
            0,
            0,
        )
        .ok()
    }

    /// The same window starting at `start` (minutes after midnight).
    fn starting_at(self, start: i32) -> Self {
        Self {
            start,
            length: self.length,
        }
    }

    /// This window in local time in `tz` as UTC, for `date` (the offset of that day, so
    /// summer time is respected).
    pub fn to_utc(self, tz: &TimeZone, date: Date) -> Result<Self, Invalid> {
        let time = self.start_time().ok_or(Invalid::WindowFormat)?;
        let zoned = date
            .to_datetime(time)
            .to_zoned(tz.clone())
            .map_err(|_| Invalid::Timezone)?;
        let utc = zoned.with_time_zone(TimeZone::UTC);
        Ok(self.starting_at(i32::from(utc.hour()) * 60 + i32::from(utc.minute())))
    }

    /// This UTC window in local time in `tz` on `date`: what the learner's clock shows while
    /// RDS backs up.
    #[must_use]
    pub fn to_local(self, tz: &TimeZone, date: Date) -> Option<Self> {
        let local = date
            .to_datetime(self.start_time()?)
            .to_zoned(TimeZone::UTC)
            .ok()?
            .with_time_zone(tz.clone());
        Some(self.starting_at(i32::from(local.hour()) * 60 + i32::from(local.minute())))
    }

    /// This UTC window clear of the weekly maintenance window `ddd:hh:mm-ddd:hh:mm` (on every
    /// day of the week, since the backup window is daily).
    pub fn clear_of(self, maintenance: &str) -> Result<(), Invalid> {
        if let Some((m_start, m_len)) = parse_weekly(maintenance) {
            let clash = (0..7).any(|day| {
                overlaps(
                    day * MINUTES_PER_DAY + self.start,
                    self.length,
                    m_start,
                    m_len,
                    MINUTES_PER_WEEK,
                )
            });
            if clash {
                return Err(Invalid::WindowOverlapsMaintenance {
                    maintenance: maintenance.to_owned(),
                });
            }
        }
        Ok(())
    }
}

fn weekday_index(text: &str) -> Option<i32> {
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .position(|d| d.eq_ignore_ascii_case(text))
        .and_then(|i| i32::try_from(i).ok())
}

/// `ddd:hh:mm-ddd:hh:mm` → (start, length) in minutes of the week.
fn parse_weekly(text: &str) -> Option<(i32, i32)> {
    let (a, b) = text.split_once('-')?;
    let minute_of_week = |part: &str| -> Option<i32> {
        let (day, time) = part.split_once(':')?;
        Some(weekday_index(day)? * MINUTES_PER_DAY + parse_hhmm(time)?)
    };
    let start = minute_of_week(a)?;
    let end = minute_of_week(b)?;
    Some((start, (end - start).rem_euclid(MINUTES_PER_WEEK)))
}

/// When the weekly window `ddd:hh:mm-ddd:hh:mm` (UTC, as RDS gives the maintenance window)
/// next begins, at or after `now`.
#[must_use]
pub fn next_weekly_start(window: &str, now: jiff::Timestamp) -> Option<jiff::Timestamp> {
    let (start, _) = parse_weekly(window)?;
    let utc = now.to_zoned(jiff::tz::TimeZone::UTC);
    let now_minute = i32::from(utc.weekday().to_monday_zero_offset()) * MINUTES_PER_DAY
        + i32::from(utc.hour()) * 60
        + i32::from(utc.minute());
    let ahead = (start - now_minute).rem_euclid(MINUTES_PER_WEEK);
    let minute_start = now.as_second() - now.as_second().rem_euclid(60);
    jiff::Timestamp::from_second(minute_start + i64::from(ahead) * 60).ok()
}

fn overlaps(a_start: i32, a_len: i32, b_start: i32, b_len: i32, period: i32) -> bool {
    // Two intervals on a circle overlap when either start lies inside the other.
    let inside = |x: i32, start: i32, len: i32| (x - start).rem_euclid(period) < len;
    inside(a_start, b_start, b_len) || inside(b_start, a_start, a_len)
}

/// `text` as it may be shown: a user name or password in a URL becomes `***`.
#[must_use]
pub fn redacted_url(text: &str) -> String {
    match url::Url::parse(text) {
        Ok(mut parsed) if !parsed.username().is_empty() || parsed.password().is_some() => {
            let _ = parsed.set_password(None);
            let _ = parsed.set_username("***");
            parsed.to_string()
        }
        Ok(_) => text.to_owned(),
        // Unparsable: whatever stands before an `@` could be a secret.
        Err(_) => text
            .rsplit_once('@')
            .map_or_else(|| text.to_owned(), |(_, host)| format!("***@{host}")),
    }
}

/// The learner's name as the report shows it (surrounding spaces dropped).
///
/// # Errors
/// [`Invalid::Name`] when it is empty, longer than [`MAX_NAME_CHARS`] or holds a control
/// character (a line break would break the report's layout).
pub fn learner_name(text: &str) -> Result<String, Invalid> {
    let name = text.trim();
    if name.is_empty()
        || name.chars().count() > MAX_NAME_CHARS
        || name.chars().any(char::is_control)
    {
        return Err(Invalid::Name);
    }
    Ok(name.to_owned())
}

/// An http(s) URL with a host.
pub fn url(text: &str) -> Result<url::Url, Invalid> {
    if text.len() > MAX_URL_LEN {
        return Err(Invalid::UrlTooLong);
    }
    // The URL parser drops tabs and line breaks silently; the text would still carry them.
    if text.chars().any(char::is_control) {
        return Err(Invalid::Url);
    }
    let parsed = url::Url::parse(text).map_err(|_| Invalid::Url)?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none_or(str::is_empty) {
        return Err(Invalid::Url);
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(Invalid::UrlCredentials);
    }
    if parsed.port() == Some(0) {
        return Err(Invalid::UrlPort);
    }
    Ok(parsed)
}

impl Invalid {
    /// Why the value was refused (`invalid-<id>`).
    #[must_use]
    pub fn text_id(&self) -> crate::i18n::Id {
        match self {
            Self::IdentifierEmpty => msg::INVALID_IDENTIFIER_EMPTY,
            Self::IdentifierTooLong => msg::INVALID_IDENTIFIER_TOO_LONG,
            Self::IdentifierFirstChar => msg::INVALID_IDENTIFIER_FIRST_CHAR,
            Self::IdentifierChars => msg::INVALID_IDENTIFIER_CHARS,
            Self::IdentifierHyphens => msg::INVALID_IDENTIFIER_HYPHENS,
            Self::WindowFormat => msg::INVALID_WINDOW_FORMAT,
            Self::WindowTooShort => msg::INVALID_WINDOW_TOO_SHORT,
            Self::WindowOverlapsMaintenance { .. } => msg::INVALID_WINDOW_OVERLAP,
            Self::Retention => msg::INVALID_RETENTION,
            Self::Target => msg::INVALID_TARGET,
            Self::OrderRate => msg::INVALID_ORDER_RATE,
            Self::Url => msg::INVALID_URL,
            Self::UrlCredentials => msg::INVALID_URL_CREDENTIALS,
            Self::UrlPort => msg::INVALID_URL_PORT,
            Self::UrlTooLong => msg::INVALID_URL_TOO_LONG,
            Self::Timezone => msg::INVALID_TIMEZONE,
            Self::SameName { .. } => msg::INVALID_SAME_NAME,
            Self::LoadBalancerTooLong => msg::INVALID_LB_TOO_LONG,
            Self::LoadBalancerChars => msg::INVALID_LB_CHARS,
            Self::LoadBalancerEdges => msg::INVALID_LB_EDGES,
            Self::Name => msg::INVALID_NAME,
        }
    }
}

/// The text of an invalid input (`invalid-<id>`), with what it names.
#[must_use]
pub fn invalid_text(e: &Invalid) -> crate::text::Text {
    let text = crate::text::Text::new(e.text_id());
    match e {
        Invalid::WindowOverlapsMaintenance { maintenance } => {
            text.arg("maintenance", maintenance.clone())
        }
        Invalid::SameName { other } => text.arg("other", other.clone()),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msg;

    #[test]
    fn identifiers_follow_the_rds_rules() {
        assert!(rds_identifier("workshop-db-restore").is_ok());
        assert_eq!(rds_identifier(""), Err(Invalid::IdentifierEmpty));
        assert_eq!(rds_identifier("1db"), Err(Invalid::IdentifierFirstChar));
        assert_eq!(rds_identifier("db--x"), Err(Invalid::IdentifierHyphens));
        assert_eq!(rds_identifier("db-"), Err(Invalid::IdentifierHyphens));
        assert_eq!(rds_identifier("db_x"), Err(Invalid::IdentifierChars));
        assert_eq!(
            rds_identifier(&"a".repeat(64)),
            Err(Invalid::IdentifierTooLong)
        );
        assert!(rds_identifier(&"a".repeat(63)).is_ok());
    }

    /// A window as RDS takes it, clear of `maintenance`.
    fn backup_window_utc(window: &str, maintenance: &str) -> Result<(), Invalid> {
        window.parse::<BackupWindow>()?.clear_of(maintenance)
    }

    #[test]
    fn windows_need_thirty_minutes_and_no_overlap() {
        assert!(backup_window_utc("02:00-02:30", "sun:08:00-sun:08:30").is_ok());
        assert_eq!(
            backup_window_utc("02:00-02:29", ""),
            Err(Invalid::WindowTooShort)
        );
        assert_eq!(
            backup_window_utc("2:00-02:30", ""),
            Err(Invalid::WindowFormat)
        );
        assert_eq!(
            backup_window_utc("25:00-25:30", ""),
            Err(Invalid::WindowFormat)
        );
        assert!(matches!(
            backup_window_utc("08:15-08:45", "sun:08:00-sun:08:30"),
            Err(Invalid::WindowOverlapsMaintenance { .. })
        ));
        assert!(matches!(
            backup_window_utc("23:50-00:20", "mon:00:00-mon:00:30"),
            Err(Invalid::WindowOverlapsMaintenance { .. })
        ));
        assert!(backup_window_utc("23:50-00:20", "mon:00:20-mon:00:50").is_ok());
    }

    #[test]
    fn a_backup_window_is_read_once_and_written_back_as_rds_takes_it() {
        let zurich = TimeZone::get("Europe/Zurich").expect("tzdb");
        let winter = Date::new(2026, 11, 25).expect("date");
        let window: BackupWindow = " 23:50 - 00:20 ".parse().expect("window");
        assert_eq!(window.to_string(), "23:50-00:20");
        let utc = window.to_utc(&zurich, winter).expect("utc");
        assert_eq!(utc.to_string(), "22:50-23:20");
        assert_eq!(utc.to_local(&zurich, winter), Some(window));
        assert_eq!(
            utc.clear_of("mon:23:00-mon:23:30"),
            Err(Invalid::WindowOverlapsMaintenance {
                maintenance: "mon:23:00-mon:23:30".into()
            })
        );
        assert_eq!(window.clear_of("mon:23:00-mon:23:30"), Ok(()));
        assert_eq!(
            "02:00-02:29".parse::<BackupWindow>(),
            Err(Invalid::WindowTooShort)
        );
        assert_eq!("02:00".parse::<BackupWindow>(), Err(Invalid::WindowFormat));
    }

    #[test]
    fn local_windows_become_utc_with_the_day_offset() {
        let zurich = TimeZone::get("Europe/Zurich").expect("tzdb");
        let winter = Date::new(2026, 11, 25).expect("date");
        let summer = Date::new(2026, 7, 1).expect("date");
        let utc = |local: &str, date| {
            local
                .parse::<BackupWindow>()
                .and_then(|w| w.to_utc(&zurich, date))
                .map(|w| w.to_string())
        };
        assert_eq!(utc("03:00-03:30", winter).as_deref(), Ok("02:00-02:30"));
        assert_eq!(utc("03:00-03:30", summer).as_deref(), Ok("01:00-01:30"));
        assert_eq!(utc("00:30-01:30", winter).as_deref(), Ok("23:30-00:30"));
    }

    #[test]
    fn a_window_keeps_its_minutes_and_travels_as_the_text_rds_takes() {
        let window = BackupWindow::from_minutes(23 * 60 + 50, 20).expect("window");
        assert_eq!(
            (window.start_minute(), window.end_minute(), window.minutes()),
            (1430, 20, 30)
        );
        assert_eq!(
            serde_json::to_string(&window).expect("json"),
            "\"23:50-00:20\""
        );
        let back: BackupWindow = serde_json::from_str("\"23:50-00:20\"").expect("window");
        assert_eq!(back, window);
        assert!(serde_json::from_str::<BackupWindow>("\"23:50-00:10\"").is_err());
        assert_eq!(
            BackupWindow::from_minutes(1440, 30),
            Err(Invalid::WindowFormat)
        );
        assert_eq!(
            Invalid::WindowTooShort.to_string(),
            msg::INVALID_WINDOW_TOO_SHORT
        );
    }

    #[test]
    fn urls_need_http_and_a_host() {
        assert!(url("http://todoapp-123.us-east-1.elb.amazonaws.com").is_ok());
        assert_eq!(url("ftp://x").err(), Some(Invalid::Url));
        assert_eq!(url("todoapp").err(), Some(Invalid::Url));
        assert_eq!(
            url("http://user:secret@todoapp.example").err(),
            Some(Invalid::UrlCredentials)
        );
        assert_eq!(
            url("http://user@todoapp.example").err(),
            Some(Invalid::UrlCredentials)
        );
        assert_eq!(
            url("http://todoapp.example:0").err(),
            Some(Invalid::UrlPort)
        );
        assert!(url("http://todoapp.example:8080/").is_ok());
        let long = format!("http://todoapp.example/{}", "a".repeat(MAX_URL_LEN));
        assert_eq!(url(&long).err(), Some(Invalid::UrlTooLong));
    }

    #[test]
    fn load_balancer_names_follow_the_elb_rules() {
        assert!(load_balancer_name("todoApp").is_ok());
        assert!(load_balancer_name(&"a".repeat(32)).is_ok());
        assert_eq!(
            load_balancer_name(&"a".repeat(33)),
            Err(Invalid::LoadBalancerTooLong)
        );
        assert_eq!(
            load_balancer_name("todo_app"),
            Err(Invalid::LoadBalancerChars)
        );
        assert_eq!(load_balancer_name("-todo"), Err(Invalid::LoadBalancerEdges));
        assert_eq!(
            load_balancer_name("internal-todo"),
            Err(Invalid::LoadBalancerEdges)
        );
        assert_eq!(load_balancer_name(""), Err(Invalid::IdentifierEmpty));
    }
}
