use surrealdb::types::QueryError;

use crate::error::TicketError;

/// A failure talking to the database. Logged in full on the server; users see only its kind.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The database could not be reached or opened.
    #[error("cannot open the database: {0}")]
    Connect(#[source] surrealdb::Error),
    /// A query failed.
    #[error("query failed: {0}")]
    Query(#[from] surrealdb::Error),
    /// A row did not have the shape the code expects (a schema defect).
    #[error("unexpected row shape: {0}")]
    Shape(#[from] serde_json::Error),
    /// A migration failed; the message names it.
    #[error("migration {version} ({name}) failed: {source}")]
    Migration { version: u32, name: &'static str, source: surrealdb::Error },
    /// A write kept conflicting with concurrent writes after every retry.
    #[error("gave up after {0} conflicting attempts")]
    Contention(u32),
}

impl DbError {
    pub(crate) fn connect(e: surrealdb::Error) -> Self {
        Self::Connect(e)
    }
}

/// Whether a failed transaction lost a race with another one and can simply be run again.
pub fn is_retryable(e: &surrealdb::Error) -> bool {
    e.query_details() == Some(&QueryError::TransactionConflict)
        || e.message().contains("conflict")
        || e.message().contains("can be retried")
}

impl From<DbError> for TicketError {
    fn from(e: DbError) -> Self {
        tracing::error!(error = %e, "database error");
        match e {
            DbError::Connect(_) | DbError::Contention(_) => TicketError::Unavailable,
            DbError::Query(ref q) if q.is_connection() => TicketError::Unavailable,
            _ => TicketError::Internal,
        }
    }
}
