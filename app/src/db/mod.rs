//! (ssr) SurrealDB: the connection, versioned schema migrations, row types and queries.

pub mod assets;
pub mod breaches;
pub mod calendar;
pub mod dashboard;
pub mod demo;
mod error;
pub mod jobs;
pub mod live;
pub mod migrations;
pub mod parts;
pub mod service;
pub mod sessions;
pub mod share;
pub mod staff;
pub mod tally;
pub mod tickets;
pub mod workflow;

use surrealdb::Surreal;
use surrealdb::engine::any::Any;
use surrealdb::opt::auth::Root;

pub use error::{DbError, is_retryable};

/// The database handle shared by every request; cheap to clone, and every clone is the same
/// database session. (Cloning the SDK's handle itself opens a new session on the engine, with
/// its own state: 56 KiB held by every open live stream, and a session made and dropped for
/// every request.)
pub type Db = std::sync::Arc<Surreal<Any>>;

/// Credentials for a remote SurrealDB server (`ws://`); embedded engines need none.
#[derive(Clone)]
pub struct DbCredentials {
    pub username: String,
    pub password: String,
}

/// Opens the database named by `url` (`mem://`, `rocksdb://path?sync=every`, `ws://host:port`), selects
/// the namespace and database, and applies pending migrations.
pub async fn connect(
    url: &str,
    namespace: &str,
    database: &str,
    credentials: Option<DbCredentials>,
) -> Result<Db, DbError> {
    let db = surrealdb::engine::any::connect(url).await.map_err(DbError::connect)?;
    if let Some(c) = credentials {
        db.signin(Root { username: c.username, password: c.password }).await.map_err(DbError::connect)?;
    }
    db.use_ns(namespace).use_db(database).await.map_err(DbError::connect)?;
    let db = std::sync::Arc::new(db);
    migrations::apply(&db).await?;
    Ok(db)
}
