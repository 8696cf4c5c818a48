//! Versioned schema migrations, applied once at start-up and recorded in `migration`.
//! A released migration is never edited: change the schema with a new one.

use super::{Db, DbError};

/// One schema step: its number, a name for the log, and its SurrealQL.
pub struct Migration {
    pub version: u32,
    pub name: &'static str,
    pub sql: &'static str,
}

/// Every migration, oldest first.
pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, name: "tickets", sql: include_str!("migrations/0001_tickets.surql") },
    Migration { version: 2, name: "accounts", sql: include_str!("migrations/0002_accounts.surql") },
    Migration { version: 3, name: "workflow", sql: include_str!("migrations/0003_workflow.surql") },
    Migration { version: 4, name: "service", sql: include_str!("migrations/0004_service.surql") },
    Migration { version: 5, name: "dispatch", sql: include_str!("migrations/0005_dispatch.surql") },
    Migration {
        version: 6,
        name: "follow-up score",
        sql: include_str!("migrations/0006_follow_up_score.surql"),
    },
    Migration { version: 7, name: "assets", sql: include_str!("migrations/0007_assets.surql") },
    Migration { version: 8, name: "parts and depot", sql: include_str!("migrations/0008_parts_depot.surql") },
    Migration { version: 9, name: "dashboard", sql: include_str!("migrations/0009_dashboard.surql") },
    Migration { version: 10, name: "share links", sql: include_str!("migrations/0010_share_links.surql") },
    Migration { version: 11, name: "job photos", sql: include_str!("migrations/0011_job_photos.surql") },
];

const BOOKKEEPING: &str = "
DEFINE TABLE IF NOT EXISTS migration SCHEMAFULL;
DEFINE FIELD IF NOT EXISTS version ON migration TYPE int;
DEFINE FIELD IF NOT EXISTS name ON migration TYPE string;
DEFINE FIELD IF NOT EXISTS applied_at ON migration TYPE datetime;
";

/// Applies the migrations this database has not recorded yet, each in its own transaction together
/// with its record, and returns the versions it applied.
pub async fn apply(db: &Db) -> Result<Vec<u32>, DbError> {
    db.query(BOOKKEEPING).await?.check()?;
    let applied: Vec<i64> = db.query("SELECT VALUE version FROM migration").await?.check()?.take(0)?;
    let mut newly = Vec::new();
    for m in MIGRATIONS.iter().filter(|m| !applied.contains(&i64::from(m.version))) {
        let sql = format!(
            "BEGIN TRANSACTION;\n{}\nCREATE type::record('migration', $version) CONTENT \
             {{ version: $version, name: $name, applied_at: time::now() }};\nCOMMIT TRANSACTION;",
            m.sql
        );
        let failed = |source| DbError::Migration { version: m.version, name: m.name, source };
        let mut response = db
            .query(sql)
            .bind(("version", i64::from(m.version)))
            .bind(("name", m.name))
            .await
            .map_err(failed)?;
        // Report the statement that failed, not the ones the failed transaction then skipped.
        let mut errors: Vec<_> = response.take_errors().into_iter().collect();
        errors.sort_by_key(|(index, _)| *index);
        let skipped = |e: &surrealdb::Error| e.message().contains("not executed");
        if let Some((_, e)) = errors.iter().find(|(_, e)| !skipped(e)).or(errors.first()) {
            return Err(failed(e.clone()));
        }
        tracing::info!(version = m.version, name = m.name, "applied migration");
        newly.push(m.version);
    }
    Ok(newly)
}
