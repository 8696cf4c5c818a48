//! Staff roles (DOMAIN.md, "Roles"). A person may hold several.

use serde::{Deserialize, Serialize};

/// A job a staff member does; decides what they may do to a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 客服代表: registers, classifies, follows up.
    Agent,
    /// 技术代表 / 维修工程师: diagnoses and repairs, on site or by phone.
    Technician,
    /// 售后文员: depot and mail-in repairs.
    Clerk,
    /// 售后主管 / 经理: dispatches, handles complaints, reviews.
    Supervisor,
    /// 品质 / 质检: inspects repaired and returned goods.
    Inspector,
    /// 仓库: receives returns, issues parts.
    Warehouse,
    /// 管理员: users, policies, calendars.
    Admin,
}

impl Role {
    /// Every role, in the order administration screens list them.
    pub const ALL: [Role; 7] = [
        Role::Agent,
        Role::Technician,
        Role::Clerk,
        Role::Supervisor,
        Role::Inspector,
        Role::Warehouse,
        Role::Admin,
    ];

    /// The translation key of this role's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Role::Agent => "role.agent",
            Role::Technician => "role.technician",
            Role::Clerk => "role.clerk",
            Role::Supervisor => "role.supervisor",
            Role::Inspector => "role.inspector",
            Role::Warehouse => "role.warehouse",
            Role::Admin => "role.admin",
        }
    }
}
