//! Typed settings, layered: built-in defaults, then `AFTERDESK_*` environment variables, then flags.
//! `server --help` lists them all.

use std::fmt;
use std::net::SocketAddr;
use std::str::FromStr;

use chrono_tz::Tz;
use clap::builder::TypedValueParser as _;
use clap::{Parser, Subcommand, ValueEnum};

/// How to run one Afterdesk server process.
#[derive(Debug, Clone, Parser)]
#[command(name = "afterdesk", version, about = "Afterdesk after-sales service desk (售后服务管理系统)")]
pub struct Settings {
    /// Address and port to listen on (port 0 picks a free port).
    #[arg(long, env = "AFTERDESK_BIND", default_value = "127.0.0.1:3000")]
    pub bind: SocketAddr,

    /// Database: `rocksdb://PATH?sync=every` (embedded, on disk), `mem://` (in memory, for tests) or
    /// `ws://HOST:PORT` (a SurrealDB server).
    #[arg(long, env = "AFTERDESK_DATABASE_URL", default_value = "rocksdb://data/afterdesk?sync=every")]
    pub database_url: String,

    /// SurrealDB namespace.
    #[arg(long, env = "AFTERDESK_DATABASE_NAMESPACE", default_value = "afterdesk")]
    pub database_namespace: String,

    /// SurrealDB database within the namespace.
    #[arg(long, env = "AFTERDESK_DATABASE_NAME", default_value = "main")]
    pub database_name: String,

    /// Root user for a remote SurrealDB server.
    #[arg(long, env = "AFTERDESK_DATABASE_USER")]
    pub database_user: Option<String>,

    /// Password of that user (never printed).
    #[arg(long, env = "AFTERDESK_DATABASE_PASSWORD", hide_env_values = true)]
    pub database_password: Option<Secret>,

    /// The company's time zone (IANA name): ticket numbers, dates and shown times follow it.
    #[arg(long, env = "AFTERDESK_TIMEZONE", default_value = "Asia/Shanghai")]
    pub timezone: Tz,

    /// Log filter: a level (`info`, `debug`) or a tracing directive list.
    #[arg(long, env = "AFTERDESK_LOG", default_value = "info")]
    pub log_level: String,

    /// Log line format.
    #[arg(long, env = "AFTERDESK_LOG_FORMAT", value_enum, default_value = "text")]
    pub log_format: LogFormat,

    /// Add the demo company's customers and tickets when the database is empty.
    #[arg(long, env = "AFTERDESK_DEMO_DATA")]
    pub demo_data: bool,

    /// Folder with the built site (`pkg/` with the wasm bundle, CSS, favicon), as cargo-leptos writes it.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,

    /// A session ends after this many minutes without a request.
    #[arg(long, env = "AFTERDESK_SESSION_IDLE_MINUTES", default_value_t = 120, value_parser = clap::value_parser!(i64).range(1..=10080))]
    pub session_idle_minutes: i64,

    /// A session ends this many hours after sign-in, however active.
    #[arg(long, env = "AFTERDESK_SESSION_MAX_HOURS", default_value_t = 12, value_parser = clap::value_parser!(i64).range(1..=720))]
    pub session_max_hours: i64,

    /// Mark the session cookie `Secure`: set it when the site is served over HTTPS (directly or behind a
    /// proxy).
    #[arg(long, env = "AFTERDESK_SECURE_COOKIES")]
    pub secure_cookies: bool,

    /// Public origins (e.g. `https://desk.example.com`) allowed to send forms and server-function calls
    /// besides the request's own host; comma-separated. Needed behind a proxy that rewrites `Host`.
    #[arg(long, env = "AFTERDESK_ALLOWED_ORIGINS", value_delimiter = ',')]
    pub allowed_origins: Vec<String>,

    /// How often (seconds) open tickets are checked for missed deadlines, which are then recorded.
    #[arg(long, env = "AFTERDESK_SLA_SCAN_SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(5..=3600))]
    pub sla_scan_seconds: u64,

    /// Days within which the same fault category on the same unit counts as a repeat repair
    /// (不允许同一问题重复修理).
    #[arg(long, env = "AFTERDESK_REPEAT_DAYS", default_value_t = app::domain::repeat::DEFAULT_WINDOW_DAYS, value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub repeat_window_days: u32,

    /// How many ticket changes the live hub keeps: a page that reconnects within them resumes
    /// without re-fetching, and a stream that falls this far behind re-fetches instead.
    #[arg(long, env = "AFTERDESK_LIVE_BUFFER", default_value_t = app::live::hub::DEFAULT_CAPACITY, value_parser = clap::value_parser!(u64).range(16..=1_000_000).map(|v| v as usize))]
    pub live_buffer: usize,

    /// How many customer-link page loads (and live connections) one client address may make per
    /// minute; more are answered "too many requests".
    #[arg(long, env = "AFTERDESK_LINK_LOOKUPS_PER_MINUTE", default_value_t = 60, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub link_lookups_per_minute: u32,

    /// Folder for files kept outside the database: photos sent with tickets (`photos/<ticket>/`).
    #[arg(long, env = "AFTERDESK_DATA_DIR", default_value = "data")]
    pub data_dir: String,

    /// How many faults one client address may report through the public form per hour.
    #[arg(long, env = "AFTERDESK_FAULT_REPORTS_PER_HOUR", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub fault_reports_per_hour: u32,

    /// A one-off task instead of serving.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// One-off tasks of the server binary.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Create an administrator account (the first one, or another). The password is read from
    /// `AFTERDESK_ADMIN_PASSWORD`, or from the first line of standard input.
    CreateAdmin {
        /// Sign-in name: 3–32 lowercase letters, digits, `.`, `_`, `-`.
        #[arg(long)]
        username: String,
        /// The name shown in the app.
        #[arg(long, default_value = "管理员")]
        display_name: String,
    },
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

/// A value that must never appear in logs or error messages.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// The secret itself, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self(s.to_owned()))
    }
}

impl Settings {
    /// Settings for tests: a free port on loopback and a fresh in-memory database.
    pub fn for_tests() -> Self {
        Self::parse_from(["afterdesk", "--bind", "127.0.0.1:0", "--database-url", "mem://"])
    }

    /// How sessions and sign-ins behave, from these settings.
    pub fn auth_config(&self) -> app::state::AuthConfig {
        use app::domain::session::SessionPolicy;
        app::state::AuthConfig {
            sessions: SessionPolicy {
                idle: chrono::Duration::minutes(self.session_idle_minutes),
                absolute: chrono::Duration::hours(self.session_max_hours),
            },
            throttle: Default::default(),
            secure_cookies: self.secure_cookies,
            allowed_origins: self
                .allowed_origins
                .iter()
                .map(|o| o.trim().trim_end_matches('/').to_owned())
                .filter(|o| !o.is_empty())
                .collect(),
        }
    }

    /// The database URL with any user and password removed, for logs.
    pub fn database_url_for_logs(&self) -> String {
        redact_url(&self.database_url)
    }
}

fn redact_url(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let (authority, path) = rest.split_once('/').map_or((rest, ""), |(a, p)| (a, p));
    let authority = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let sep = if path.is_empty() && !rest.contains('/') { "" } else { "/" };
    format!("{scheme}://{authority}{sep}{path}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_use_the_embedded_database_and_shanghai_time() {
        let s = Settings::parse_from(["afterdesk"]);
        assert_eq!(s.database_url, "rocksdb://data/afterdesk?sync=every");
        assert_eq!(s.timezone, chrono_tz::Asia::Shanghai);
        assert_eq!(s.bind.port(), 3000);
    }

    #[test]
    fn flags_override_defaults() {
        let s =
            Settings::parse_from(["afterdesk", "--bind", "0.0.0.0:8080", "--timezone", "UTC", "--demo-data"]);
        assert_eq!(s.bind.port(), 8080);
        assert_eq!(s.timezone, chrono_tz::UTC);
        assert!(s.demo_data);
    }

    #[test]
    fn session_limits_and_origins_come_from_flags() {
        let s = Settings::parse_from([
            "afterdesk",
            "--session-idle-minutes",
            "30",
            "--allowed-origins",
            "https://desk.example.com/,",
        ]);
        let auth = s.auth_config();
        assert_eq!(auth.sessions.idle, chrono::Duration::minutes(30));
        assert_eq!(auth.allowed_origins, vec!["https://desk.example.com".to_owned()]);
        assert!(Settings::try_parse_from(["afterdesk", "--session-idle-minutes", "0"]).is_err());
    }

    #[test]
    fn create_admin_is_a_subcommand() {
        let s = Settings::parse_from(["afterdesk", "create-admin", "--username", "boss"]);
        assert!(matches!(s.command, Some(Command::CreateAdmin { ref username, .. }) if username == "boss"));
    }

    #[test]
    fn an_unknown_time_zone_is_refused() {
        assert!(Settings::try_parse_from(["afterdesk", "--timezone", "Mars/Olympus"]).is_err());
    }

    #[test]
    fn secrets_never_print() {
        let s = Settings::parse_from(["afterdesk", "--database-password", "hunter2"]);
        assert!(!format!("{s:?}").contains("hunter2"));
        assert_eq!(s.database_password.map(|p| p.expose().to_owned()).as_deref(), Some("hunter2"));
    }

    #[test]
    fn credentials_in_urls_are_redacted_for_logs() {
        assert_eq!(redact_url("ws://root:pw@db.local:8000"), "ws://db.local:8000");
        assert_eq!(redact_url("ws://root:pw@db.local:8000/rpc"), "ws://db.local:8000/rpc");
        assert_eq!(redact_url("rocksdb://data/afterdesk?sync=every"), "rocksdb://data/afterdesk?sync=every");
        assert_eq!(redact_url("mem://"), "mem://");
    }
}
