//! The Afterdesk server: settings, database start-up, routes and graceful shutdown.
//! `main.rs` is a thin wrapper around [`start`] so that tests run the very same server.

#![recursion_limit = "256"]

pub mod api_errors;
pub mod routes;
pub mod session_layer;
pub mod settings;

use std::net::SocketAddr;

use app::db::{self, DbCredentials};
use app::state::AppState;
use leptos::config::Env;
use leptos::prelude::LeptosOptions;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use settings::Settings;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error(transparent)]
    Database(#[from] db::DbError),
    #[error("cannot add demo data: {0}")]
    Demo(String),
}

/// A running server: its address, and the means to stop it gracefully.
pub struct Server {
    pub addr: SocketAddr,
    pub state: AppState,
    shutdown: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
    scanner: JoinHandle<()>,
    live: JoinHandle<()>,
}

impl Server {
    /// Stops accepting connections, lets in-flight requests finish (their writes included), then closes
    /// the database.
    pub async fn stop(self) -> std::io::Result<()> {
        self.scanner.abort();
        self.live.abort();
        // Open live streams would otherwise hold the graceful shutdown open for ever.
        self.state.live.shut_down();
        let _ = self.shutdown.send(());
        let result = self.task.await.unwrap_or_else(|e| Err(std::io::Error::other(e)));
        drop(self.state);
        result
    }
}

/// Opens the database of `settings` and applies pending migrations.
pub async fn open_database(settings: &Settings) -> Result<db::Db, db::DbError> {
    let credentials = match (&settings.database_user, &settings.database_password) {
        (Some(username), Some(password)) => {
            Some(DbCredentials { username: username.clone(), password: password.expose().to_owned() })
        }
        _ => None,
    };
    tracing::info!(url = %settings.database_url_for_logs(), "opening database");
    db::connect(&settings.database_url, &settings.database_namespace, &settings.database_name, credentials)
        .await
}

/// Connects to the database (applying migrations, adding demo data if asked), binds the address and
/// serves until [`Server::stop`].
pub async fn start(settings: Settings) -> Result<Server, StartError> {
    let database = open_database(&settings).await?;
    if settings.demo_data {
        seed_demo(&database, &settings).await?;
    }

    let listener = tokio::net::TcpListener::bind(settings.bind)
        .await
        .map_err(|source| StartError::Bind { addr: settings.bind, source })?;
    let addr = listener.local_addr().map_err(|source| StartError::Bind { addr: settings.bind, source })?;

    let leptos_options = LeptosOptions::builder()
        .output_name(option_env!("LEPTOS_OUTPUT_NAME").unwrap_or("afterdesk"))
        .site_root(settings.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .env(Env::PROD)
        .build();
    let state = AppState {
        leptos_options,
        db: database,
        tz: settings.timezone,
        auth: settings.auth_config(),
        repeat_window_days: settings.repeat_window_days,
        live: app::live::hub::LiveHub::for_process(settings.live_buffer),
        tally: Default::default(),
        public_limits: app::state::PublicLimits::new(
            settings.link_lookups_per_minute,
            settings.fault_reports_per_hour,
        ),
        data_dir: settings.data_dir.clone().into(),
    };
    // Before the first request: a page must never subscribe to a hub nothing feeds.
    let sinks =
        app::live::source::Sinks { hub: state.live.clone(), tally: state.tally.clone(), tz: state.tz };
    let live = app::live::source::start(state.db.clone(), sinks).await?;
    let router = routes::router(state.clone());

    let (shutdown, signal) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(async move {
                let _ = signal.await;
            })
            .await
    });
    let scanner = tokio::spawn(scan_breaches(state.clone(), settings.sla_scan_seconds));
    tracing::info!(%addr, timezone = %settings.timezone, "Afterdesk is listening");
    Ok(Server { addr, state, shutdown, task, scanner, live })
}

/// Adds the demo company (staff first, then customers and tickets) to an empty database and says how to
/// sign in.
async fn seed_demo(database: &db::Db, settings: &Settings) -> Result<(), StartError> {
    use app::auth::bootstrap::{DEMO_PASSWORD, DEMO_STAFF, seed_demo_staff};
    let now = chrono::Utc::now();
    let staff = seed_demo_staff(database, now).await.map_err(|e| StartError::Demo(e.to_string()))?;
    let tickets = db::demo::seed_if_empty(database, settings.timezone, now).await?;
    if staff + tickets > 0 {
        tracing::info!(staff, tickets, "added demo data");
    }
    let names: Vec<&str> = DEMO_STAFF.iter().map(|(username, ..)| *username).collect();
    tracing::info!(
        "demo mode: sign in as {} with the password {DEMO_PASSWORD} (demo accounts exist only in demo mode)",
        names.join(", ")
    );
    Ok(())
}

/// Every `seconds`, records the deadlines open tickets have missed since the last look.
async fn scan_breaches(state: AppState, seconds: u64) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(seconds));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        // The calendar is read each time: an administrator may have changed it.
        let scanned = match db::calendar::load(&state.db).await {
            Ok((calendar, _)) => db::breaches::scan(&state.db, state.tz, &calendar, chrono::Utc::now()).await,
            Err(e) => Err(e),
        };
        if let Err(e) = scanned {
            tracing::error!(error = %e, "deadline scan failed");
        }
    }
}
