//! Account DTOs shared by server functions and the wasm client.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::domain::Role;
use crate::domain::access::Subject;

/// The signed-in person, as every page needs to know them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Me {
    pub username: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    /// An administrator reset the password: the person must choose a new one before anything else.
    pub must_change_password: bool,
}

impl Me {
    /// The person as the permission matrix sees them.
    pub fn subject(&self) -> Subject {
        Subject { user_id: self.username.clone(), roles: self.roles.clone() }
    }
}

/// Where to go after signing in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignedIn {
    pub home: String,
}

/// A staff account as the administrator sees it. Times are in the company's time zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffAccount {
    pub username: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub regions: Vec<String>,
    pub product_lines: Vec<String>,
    pub disabled: bool,
    pub must_change_password: bool,
    pub created_at: DateTime<FixedOffset>,
    pub last_sign_in_at: Option<DateTime<FixedOffset>>,
    /// The version this copy was read at; an edit must send it back.
    pub version: u64,
}

/// What the security audit log records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    SignIn,
    SignInFailed,
    SignOut,
    SignOutEverywhere,
    PasswordChanged,
    PasswordReset,
    UserCreated,
    UserUpdated,
    RolesChanged,
    UserDisabled,
    UserEnabled,
}

impl AuditAction {
    /// The translation key of the action's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::SignIn => "audit.sign_in",
            Self::SignInFailed => "audit.sign_in_failed",
            Self::SignOut => "audit.sign_out",
            Self::SignOutEverywhere => "audit.sign_out_everywhere",
            Self::PasswordChanged => "audit.password_changed",
            Self::PasswordReset => "audit.password_reset",
            Self::UserCreated => "audit.user_created",
            Self::UserUpdated => "audit.user_updated",
            Self::RolesChanged => "audit.roles_changed",
            Self::UserDisabled => "audit.user_disabled",
            Self::UserEnabled => "audit.user_enabled",
        }
    }
}

/// One line of the security audit log: who did what to whom, when and from where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: DateTime<FixedOffset>,
    /// The user name of the person acting; `None` for failed sign-ins.
    pub actor: Option<String>,
    pub action: AuditAction,
    /// The account acted upon.
    pub target: Option<String>,
    /// The client address the request came from.
    pub address: String,
    /// Extra facts, e.g. the roles before and after a change.
    pub detail: Option<String>,
}
