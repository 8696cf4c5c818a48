use super::*;

fn person(roles: &[Role]) -> Subject {
    Subject { user_id: "user:u1".into(), roles: roles.to_vec() }
}

fn ticket_for(assignee: Option<&str>) -> TicketFacts {
    TicketFacts { assignee: assignee.map(str::to_owned), claimable: false }
}

#[test]
fn a_technician_may_pick_up_an_unclaimed_consultation_but_not_unassigned_field_work() {
    use crate::domain::ServiceType;
    let tech = person(&[Role::Technician]);
    let phone_queue = TicketFacts::of(ServiceType::Consultation, None);
    assert_eq!(permits(&tech, Action::UpdateTicket, Some(&phone_queue)), Ok(()));
    let taken = TicketFacts::of(ServiceType::Consultation, Some("user:u2".into()));
    assert_eq!(permits(&tech, Action::ViewTicket, Some(&taken)), Err(Denied::NotOwner));
    let field = TicketFacts::of(ServiceType::FieldRepair, None);
    assert_eq!(permits(&tech, Action::ViewTicket, Some(&field)), Err(Denied::NotOwner));
}

#[test]
fn a_technician_sees_and_changes_only_tickets_dispatched_to_them() {
    let tech = person(&[Role::Technician]);
    for action in [Action::ViewTicket, Action::UpdateTicket] {
        assert_eq!(permits(&tech, action, Some(&ticket_for(Some("user:u1")))), Ok(()));
        assert_eq!(permits(&tech, action, Some(&ticket_for(Some("user:u2")))), Err(Denied::NotOwner));
        assert_eq!(permits(&tech, action, Some(&ticket_for(None))), Err(Denied::NotOwner));
    }
    assert_eq!(permits(&tech, Action::ListAllTickets, None), Err(Denied::Role));
    assert_eq!(permits(&tech, Action::CreateTicket, None), Err(Denied::Role));
    assert!(!permits_all(&tech, Action::ViewTicket));
}

#[test]
fn the_widest_grant_among_several_roles_wins() {
    let both = person(&[Role::Technician, Role::Supervisor]);
    assert_eq!(permits(&both, Action::ViewTicket, Some(&ticket_for(Some("user:other")))), Ok(()));
    assert!(permits_all(&both, Action::ViewTicket));
}

#[test]
fn only_administrators_manage_users_and_read_the_audit_log() {
    for role in Role::ALL {
        let allowed = role == Role::Admin;
        assert_eq!(permits(&person(&[role]), Action::ManageUsers, None).is_ok(), allowed, "{role:?}");
        assert_eq!(permits(&person(&[role]), Action::ViewAudit, None).is_ok(), allowed, "{role:?}");
    }
}

#[test]
fn administrators_do_not_read_customer_data_by_default() {
    let admin = person(&[Role::Admin]);
    assert_eq!(permits(&admin, Action::ViewTicket, Some(&ticket_for(None))), Err(Denied::Role));
    assert_eq!(permits(&admin, Action::ListAllTickets, None), Err(Denied::Role));
}

#[test]
fn nobody_without_a_role_may_do_anything_but_manage_their_own_account() {
    let nobody = person(&[]);
    for action in Action::ALL {
        let expected = if action == Action::ManageOwnAccount { Ok(()) } else { Err(Denied::Role) };
        assert_eq!(permits(&nobody, action, None), expected, "{action:?}");
    }
}

#[test]
fn every_role_can_do_something_and_reach_a_home_page_it_may_open() {
    for role in Role::ALL {
        let p = person(&[role]);
        let home = home_path(&p);
        assert_eq!(page_access(home, Some(&p), false), PageAccess::Allowed, "{role:?} home {home}");
        assert!(!nav_items(&p).is_empty(), "{role:?} has no navigation");
        for item in nav_items(&p) {
            assert_eq!(
                page_access(item.href, Some(&p), false),
                PageAccess::Allowed,
                "{role:?} {}",
                item.href
            );
        }
    }
}

#[test]
fn each_role_lands_where_its_work_is() {
    assert_eq!(home_path(&person(&[Role::Supervisor])), "/dashboard");
    assert_eq!(home_path(&person(&[Role::Agent])), "/tickets");
    assert_eq!(home_path(&person(&[Role::Technician])), "/jobs");
    assert_eq!(home_path(&person(&[Role::Admin])), "/admin/users");
    assert_eq!(home_path(&person(&[Role::Admin, Role::Supervisor])), "/dashboard");
    assert_eq!(
        page_access("/", Some(&person(&[Role::Technician])), false),
        PageAccess::Redirect("/jobs".into())
    );
}

#[test]
fn pages_need_a_session_except_sign_in_and_files() {
    assert_eq!(page_access("/tickets", None, false), PageAccess::SignIn);
    assert_eq!(page_access("/", None, false), PageAccess::SignIn);
    assert_eq!(page_access("/admin/users", None, false), PageAccess::SignIn);
    assert_eq!(page_access("/signin", None, false), PageAccess::Public);
    assert_eq!(page_access("/pkg/afterdesk.wasm", None, false), PageAccess::Public);
    assert_eq!(page_access("/favicon.svg", None, false), PageAccess::Public);
    assert_eq!(page_access("/c/some-customer-token", None, false), PageAccess::Public);
}

#[test]
fn typing_an_administrator_url_does_not_open_it() {
    let tech = person(&[Role::Technician]);
    for path in ["/admin", "/admin/users", "/admin/users/user:x", "/admin/audit", "/tickets", "/dashboard"] {
        assert_eq!(page_access(path, Some(&tech), false), PageAccess::Forbidden, "{path}");
    }
    assert_eq!(page_access("/tickets/SV-20261125-0001", Some(&tech), false), PageAccess::Allowed);
}

#[test]
fn a_job_page_opens_for_whoever_may_read_tickets_and_its_record_check_follows() {
    let job = "/jobs/SV-20261125-0001";
    assert_eq!(page_access(job, Some(&person(&[Role::Technician])), false), PageAccess::Allowed);
    assert_eq!(page_access(job, Some(&person(&[Role::Supervisor])), false), PageAccess::Allowed);
    assert_eq!(page_access(job, Some(&person(&[Role::Admin])), false), PageAccess::Forbidden);
    assert_eq!(page_access(job, None, false), PageAccess::SignIn);
    // A serial number with a dot is still a job page, not a static file.
    assert_eq!(page_access("/jobs/SV.1", None, false), PageAccess::SignIn);
}

#[test]
fn a_forced_password_change_comes_first() {
    let agent = person(&[Role::Agent]);
    assert_eq!(page_access("/tickets", Some(&agent), true), PageAccess::ChangePassword);
    assert_eq!(page_access("/account", Some(&agent), true), PageAccess::Allowed);
    assert_eq!(page_access("/signin", Some(&agent), true), PageAccess::Public);
}
