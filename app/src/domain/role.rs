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

    /// The role's wire name (`agent`, `technician`, ...), as stored and sent in forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Agent => "agent",
            Role::Technician => "technician",
            Role::Clerk => "clerk",
            Role::Supervisor => "supervisor",
            Role::Inspector => "inspector",
            Role::Warehouse => "warehouse",
            Role::Admin => "admin",
        }
    }

    /// The role with this wire name.
    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == text.trim())
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip_and_match_serde() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
            assert_eq!(serde_json::to_value(role).unwrap(), role.as_str());
        }
        assert_eq!(Role::parse("root"), None);
    }
}
