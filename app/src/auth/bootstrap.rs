//! (ssr) Accounts that exist before anyone can sign in: the first administrator (a server command) and
//! the demo company's staff (demo mode only). No password is built in anywhere else.

use chrono::{DateTime, Utc};

use super::AuthError;
use crate::db::Db;
use crate::db::staff::{self, Actor, Written};
use crate::domain::Role;
use crate::domain::account::{UserInput, check_password};

/// The password of every demo account; printed at start-up in demo mode and listed in the README.
pub const DEMO_PASSWORD: &str = "afterdesk-demo";

/// One demo account per role: user name, name shown, role.
pub const DEMO_STAFF: [(&str, &str, Role); 7] = [
    ("agent", "李晓", Role::Agent),
    ("technician", "王磊", Role::Technician),
    ("clerk", "赵敏", Role::Clerk),
    ("supervisor", "陈刚", Role::Supervisor),
    ("inspector", "孙悦", Role::Inspector),
    ("warehouse", "周涛", Role::Warehouse),
    ("admin", "刘洋", Role::Admin),
];

/// More demo technicians, so dispatch has someone to rank: (user name, name, regions, product lines).
/// The first line is the `technician` account of [`DEMO_STAFF`].
pub const DEMO_TECHNICIANS: [(&str, &str, &str, &str); 3] = [
    ("technician", "王磊", "华东·苏州, 华东·上海", "加工中心, VMC"),
    ("technician2", "张伟", "华南·深圳, 华南·广州", "光谱仪, GX"),
    ("technician3", "刘强", "华北·北京, 华东·苏州", "注塑机"),
];

/// Creates an administrator account from the server command line. Refuses weak passwords and taken
/// names with the same rules as the administrator's form.
pub async fn create_admin(
    db: &Db,
    username: &str,
    display_name: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<(), AuthError> {
    let input = UserInput {
        username: username.to_owned(),
        display_name: display_name.to_owned(),
        roles: vec![Role::Admin.as_str().to_owned()],
        password: password.to_owned(),
        ..Default::default()
    };
    let user = input.validate(true).map_err(|fields| AuthError::Invalid { fields })?;
    let hash = super::password::hash(password.to_owned()).await.map_err(|_| AuthError::Internal)?;
    let actor = Actor { username: None, address: "command line" };
    match staff::create(db, &user, &hash, false, now, &actor).await? {
        Written::Done => Ok(()),
        Written::Taken => Err(AuthError::field("username", "error.username_taken")),
        _ => Err(AuthError::Internal),
    }
}

/// Adds the demo staff when the database has no account at all; returns how many it added.
pub async fn seed_demo_staff(db: &Db, now: DateTime<Utc>) -> Result<usize, AuthError> {
    if staff::count(db).await? > 0 {
        return Ok(0);
    }
    debug_assert!(check_password(DEMO_PASSWORD, "").is_ok());
    let hash = super::password::hash(DEMO_PASSWORD.to_owned()).await.map_err(|_| AuthError::Internal)?;
    let actor = Actor { username: None, address: "demo data" };
    let extra = DEMO_TECHNICIANS.iter().skip(1).map(|(u, n, ..)| (*u, *n, Role::Technician));
    let everyone: Vec<(&str, &str, Role)> = DEMO_STAFF.into_iter().chain(extra).collect();
    for (username, display_name, role) in &everyone {
        let skills = DEMO_TECHNICIANS.iter().find(|(u, ..)| u == username);
        let input = UserInput {
            username: (*username).to_owned(),
            display_name: (*display_name).to_owned(),
            roles: vec![role.as_str().to_owned()],
            regions: skills.map(|(_, _, r, _)| (*r).to_owned()).unwrap_or_default(),
            product_lines: skills.map(|(_, _, _, p)| (*p).to_owned()).unwrap_or_default(),
            ..Default::default()
        };
        let user = input.validate(false).map_err(|fields| AuthError::Invalid { fields })?;
        staff::create(db, &user, &hash, false, now, &actor).await?;
    }
    Ok(everyone.len())
}
