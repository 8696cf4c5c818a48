#![recursion_limit = "256"]

use clap::Parser;
use server::settings::{Command, LogFormat, Settings};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let settings = Settings::parse();
    init_logging(&settings);
    if let Some(Command::CreateAdmin { username, display_name }) = settings.command.clone() {
        return create_admin(&settings, &username, &display_name).await;
    }
    let server = match server::start(settings).await {
        Ok(server) => server,
        Err(e) => {
            tracing::error!(error = %e, "cannot start");
            return std::process::ExitCode::FAILURE;
        }
    };
    shutdown_signal().await;
    tracing::info!("shutting down: finishing in-flight requests");
    match server.stop().await {
        Ok(()) => {
            tracing::info!("stopped");
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            tracing::error!(error = %e, "server error");
            std::process::ExitCode::FAILURE
        }
    }
}

/// `server create-admin`: adds an administrator account and exits.
async fn create_admin(settings: &Settings, username: &str, display_name: &str) -> std::process::ExitCode {
    let password = match std::env::var("AFTERDESK_ADMIN_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            eprintln!("Password for {username} (at least 10 characters), then Enter:");
            let mut line = String::new();
            if std::io::stdin().read_line(&mut line).is_err() {
                eprintln!("cannot read the password from standard input");
                return std::process::ExitCode::FAILURE;
            }
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let database = match server::open_database(settings).await {
        Ok(db) => db,
        Err(e) => {
            eprintln!("cannot open the database: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let now = chrono::Utc::now();
    match app::auth::bootstrap::create_admin(&database, username, display_name, &password, now).await {
        Ok(()) => {
            println!("Administrator {} created. Sign in at /signin.", username.trim().to_lowercase());
            std::process::ExitCode::SUCCESS
        }
        Err(app::auth::AuthError::Invalid { fields }) => {
            for f in fields {
                let message = app::i18n::tr(app::i18n::Locale::En, &f.code);
                eprintln!("{}: {message}", f.field);
            }
            std::process::ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("cannot create the administrator: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn init_logging(settings: &Settings) {
    let filter = EnvFilter::try_new(&settings.log_level).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    match settings.log_format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.init(),
    }
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
