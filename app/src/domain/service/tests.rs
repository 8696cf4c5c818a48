use chrono::NaiveDate;

use super::quote::{QuoteLineInput, check_lines, format_yuan, limits, parse_hundredths};
use super::report::{PartInput, ReportInput};
use super::warranty::{ChargeClass, WarrantyBasis, WarrantyFacts, decide, last_covered_day};
use super::*;
use crate::domain::workflow::Actor;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn bought(start: NaiveDate) -> WarrantyFacts {
    WarrantyFacts {
        start: Some(start),
        months: 12,
        contract_until: None,
        seal_broken: false,
        user_caused: false,
    }
}

#[test]
fn a_twelve_month_warranty_covers_its_last_day_and_not_the_anniversary() {
    let facts = bought(day(2025, 3, 10));
    assert_eq!(last_covered_day(day(2025, 3, 10), 12), Some(day(2026, 3, 9)));
    assert_eq!(decide(&facts, day(2025, 3, 10)).class, ChargeClass::Free);
    assert_eq!(decide(&facts, day(2026, 3, 9)).class, ChargeClass::Free);
    let lapsed = decide(&facts, day(2026, 3, 10));
    assert_eq!((lapsed.class, lapsed.basis), (ChargeClass::Charged, WarrantyBasis::Expired));
    assert_eq!(lapsed.covered_until, Some(day(2026, 3, 9)));
}

#[test]
fn month_ends_and_leap_days_clamp_to_the_shorter_month() {
    assert_eq!(last_covered_day(day(2024, 2, 29), 12), Some(day(2025, 2, 27)));
    assert_eq!(last_covered_day(day(2025, 1, 31), 1), Some(day(2025, 2, 27)));
    assert_eq!(last_covered_day(day(2025, 8, 31), 6), Some(day(2026, 2, 27)));
}

#[test]
fn a_zero_month_warranty_or_an_unknown_start_covers_nothing() {
    let facts = WarrantyFacts { months: 0, ..bought(day(2026, 1, 1)) };
    assert_eq!(decide(&facts, day(2026, 1, 1)).class, ChargeClass::Charged);
    let unknown = WarrantyFacts { start: None, ..bought(day(2026, 1, 1)) };
    assert_eq!(decide(&unknown, day(2026, 1, 1)).basis, WarrantyBasis::NoStartDate);
}

#[test]
fn a_running_contract_covers_out_of_warranty_work_through_its_last_day() {
    let facts = WarrantyFacts { contract_until: Some(day(2026, 12, 31)), ..bought(day(2020, 1, 1)) };
    let covered = decide(&facts, day(2026, 12, 31));
    assert_eq!((covered.class, covered.covered_until), (ChargeClass::Contract, Some(day(2026, 12, 31))));
    assert_eq!(decide(&facts, day(2027, 1, 1)).class, ChargeClass::Charged);
    // In warranty the warranty is what pays, not the contract.
    let both = WarrantyFacts { contract_until: Some(day(2030, 1, 1)), ..bought(day(2026, 6, 1)) };
    assert_eq!(decide(&both, day(2026, 7, 1)).class, ChargeClass::Free);
}

#[test]
fn a_broken_seal_or_user_damage_is_charged_even_in_warranty_and_under_contract() {
    let covered = WarrantyFacts { contract_until: Some(day(2030, 1, 1)), ..bought(day(2026, 6, 1)) };
    let seal = decide(&WarrantyFacts { seal_broken: true, ..covered.clone() }, day(2026, 7, 1));
    assert_eq!((seal.class, seal.basis), (ChargeClass::Charged, WarrantyBasis::SealBroken));
    let misuse = decide(&WarrantyFacts { user_caused: true, ..covered }, day(2026, 7, 1));
    assert_eq!((misuse.class, misuse.basis), (ChargeClass::Charged, WarrantyBasis::UserCaused));
}

#[test]
fn work_before_the_start_date_is_not_in_warranty() {
    assert_eq!(decide(&bought(day(2026, 6, 1)), day(2026, 5, 31)).class, ChargeClass::Charged);
}

#[test]
fn amounts_parse_exactly_and_refuse_what_is_not_a_plain_amount() {
    assert_eq!(parse_hundredths("12", 10_000), Ok(1200));
    assert_eq!(parse_hundredths(" 1.5 ", 10_000), Ok(150));
    assert_eq!(parse_hundredths("0.05", 10_000), Ok(5));
    for bad in ["-1", "+1", "1e3", "1,000", "", ".5", "5.", "一", "1.2.3", "NaN"] {
        assert!(parse_hundredths(bad, u64::MAX).is_err(), "{bad:?}");
    }
    assert_eq!(parse_hundredths("1.005", 10_000), Err("error.too_many_decimals"));
    assert_eq!(parse_hundredths("100.01", 10_000), Err("error.amount_too_large"));
    assert_eq!(parse_hundredths("99999999999999999999999", u64::MAX), Err("error.amount_too_large"));
    assert_eq!(format_yuan(1_234_567), "12,345.67");
    assert_eq!(format_yuan(5), "0.05");
}

fn line(kind: &str, quantity: &str, price: &str) -> QuoteLineInput {
    QuoteLineInput {
        kind: kind.into(),
        description: "主板".into(),
        quantity: quantity.into(),
        unit_price: price.into(),
    }
}

#[test]
fn a_quote_sums_its_lines_in_fen_and_rounds_half_a_fen_up() {
    let (lines, total) = check_lines(&[
        line("part", "2", "380.00"),
        line("labour", "1.5", "120"),
        line("travel", "1", "0.33"),
    ])
    .unwrap();
    assert_eq!(lines.iter().map(|l| l.amount_fen).collect::<Vec<_>>(), vec![76_000, 18_000, 33]);
    assert_eq!(total, 94_033);
    let (lines, _) = check_lines(&[line("labour", "0.5", "0.01")]).unwrap();
    assert_eq!(lines[0].amount_fen, 1);
}

#[test]
fn quote_errors_name_the_line_and_field() {
    let errors = check_lines(&[line("part", "1", "10"), line("gift", "-2", "abc")]).unwrap_err();
    let found: Vec<_> = errors.iter().map(|e| (e.line, e.field.as_str())).collect();
    assert_eq!(found, vec![(Some(2), "kind"), (Some(2), "quantity"), (Some(2), "unit_price")]);
    assert_eq!(check_lines(&[line("part", "0", "10")]).unwrap_err()[0].code, "error.quantity_zero");
    assert_eq!(check_lines(&[]).unwrap_err()[0].code, "error.quote_empty");
}

#[test]
fn a_quote_whose_total_would_overflow_is_refused_not_wrapped() {
    let biggest = line("part", "10000", "1000000");
    let errors = check_lines(&vec![biggest; limits::LINES]).unwrap_err();
    assert_eq!(errors[0].code, "error.quote_total_too_large");
    assert_eq!(
        check_lines(&vec![line("part", "1", "1"); limits::LINES + 1]).unwrap_err()[0].code,
        "error.too_many_lines"
    );
}

fn report() -> ReportInput {
    ReportInput {
        fault_cause: "电源板电容老化".into(),
        work_done: "更换电源板，通电测试两小时正常".into(),
        parts: vec![PartInput {
            name: "电源板".into(),
            code: "PB-220".into(),
            quantity: "1".into(),
            old_part: "returned".into(),
        }],
        work_minutes: "95".into(),
        travel_minutes: "".into(),
        customer_opinion: "".into(),
        signed_by: "王建国".into(),
        signature: vec!["M10 10L40 60".into()],
    }
}

#[test]
fn a_complete_report_checks_and_blank_travel_means_none() {
    let content = report().check().unwrap();
    assert_eq!((content.work_minutes, content.travel_minutes, content.customer_opinion), (95, 0, None));
    assert_eq!(content.parts[0].code.as_deref(), Some("PB-220"));
    assert_eq!(content.signature, vec!["M10 10L40 60".to_string()]);
}

#[test]
fn report_errors_cover_every_field_at_once() {
    let bad = ReportInput {
        fault_cause: " ".into(),
        work_minutes: "1.5".into(),
        signed_by: "".into(),
        parts: vec![PartInput {
            name: "x".into(),
            quantity: "-1".into(),
            old_part: "lost".into(),
            ..PartInput::default()
        }],
        signature: vec!["M1 2\"/><script>".into()],
        ..report()
    };
    let errors = bad.check().unwrap_err();
    let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        vec!["fault_cause", "signed_by", "work_minutes", "part_quantity", "old_part", "signature"]
    );
    let zero = ReportInput { work_minutes: "0".into(), ..report() };
    assert_eq!(zero.check().unwrap_err()[0].code, "error.quantity_zero");
    let huge = ReportInput { work_minutes: "99999999999".into(), ..report() };
    assert_eq!(huge.check().unwrap_err()[0].code, "error.amount_too_large");
}

fn actor(roles: &[Role], assigned: bool) -> Actor {
    Actor { roles: roles.to_vec(), is_assigned_technician: assigned }
}

#[test]
fn only_the_dispatched_technician_or_a_supervisor_records_field_work() {
    let t = ServiceType::FieldRepair;
    let s = TicketStatus::InProgress;
    let none = ServiceState::default();
    let assigned = actor(&[Role::Technician], true);
    assert_eq!(
        check(t, s, ServiceAction::DecideWarranty, &actor(&[Role::Technician], false), &none),
        Err(StepRefusal::NotAssigned)
    );
    assert_eq!(
        check(t, s, ServiceAction::DecideWarranty, &actor(&[Role::Agent], false), &none),
        Err(StepRefusal::RoleNotPermitted)
    );
    let diagnose = vec![ServiceAction::DecideWarranty, ServiceAction::RequestParts];
    assert_eq!(available(t, s, &assigned, &none), diagnose);
    assert_eq!(available(t, s, &actor(&[Role::Supervisor], false), &none), diagnose);
    // Parts: the workers ask, only the warehouse issues — and the warehouse does not ask.
    let warehouse = actor(&[Role::Warehouse], false);
    assert_eq!(available(t, s, &warehouse, &none), vec![ServiceAction::IssueParts]);
    assert_eq!(check(t, s, ServiceAction::IssueParts, &assigned, &none), Err(StepRefusal::RoleNotPermitted));
    assert_eq!(
        check(t, TicketStatus::Resolved, ServiceAction::IssueParts, &warehouse, &none),
        Err(StepRefusal::NotFromHere)
    );
}

#[test]
fn charged_work_needs_an_approved_quote_before_the_report() {
    let t = ServiceType::FieldRepair;
    let s = TicketStatus::InProgress;
    let tech = actor(&[Role::Technician], true);
    let agent = actor(&[Role::Agent], false);
    let charged = ServiceState { class: Some(ChargeClass::Charged), ..ServiceState::default() };
    assert_eq!(check(t, s, ServiceAction::FileReport, &tech, &charged), Err(StepRefusal::QuoteNotApproved));
    assert_eq!(check(t, s, ServiceAction::AnswerQuote, &agent, &charged), Err(StepRefusal::NoOpenQuote));
    let proposed = ServiceState { quote: Some(QuoteStatus::Proposed), ..charged };
    assert_eq!(check(t, s, ServiceAction::AnswerQuote, &agent, &proposed), Ok(()));
    assert_eq!(check(t, s, ServiceAction::ProposeQuote, &tech, &proposed), Ok(()));
    let approved = ServiceState { quote: Some(QuoteStatus::Approved), ..charged };
    assert_eq!(
        check(t, s, ServiceAction::AnswerQuote, &agent, &approved),
        Err(StepRefusal::QuoteAlreadyDecided)
    );
    assert_eq!(
        check(t, s, ServiceAction::ProposeQuote, &tech, &approved),
        Err(StepRefusal::QuoteAlreadyDecided)
    );
    assert_eq!(
        check(t, s, ServiceAction::DecideWarranty, &tech, &approved),
        Err(StepRefusal::QuoteAlreadyDecided)
    );
    assert_eq!(check(t, s, ServiceAction::FileReport, &tech, &approved), Ok(()));
    let rejected = ServiceState { quote: Some(QuoteStatus::Rejected), ..charged };
    assert_eq!(check(t, s, ServiceAction::ProposeQuote, &tech, &rejected), Ok(()));
    let facts = approved.workflow_facts();
    assert!(facts.quote_required && facts.quote_approved && !facts.has_service_report);
}

#[test]
fn free_work_needs_no_quote_and_records_stop_once_the_work_is_done() {
    let t = ServiceType::DepotRepair;
    let clerk = actor(&[Role::Clerk], false);
    let free = ServiceState { class: Some(ChargeClass::Free), ..ServiceState::default() };
    assert_eq!(
        check(t, TicketStatus::InProgress, ServiceAction::ProposeQuote, &clerk, &free),
        Err(StepRefusal::QuoteNotNeeded)
    );
    assert_eq!(check(t, TicketStatus::InProgress, ServiceAction::FileReport, &clerk, &free), Ok(()));
    assert_eq!(
        check(t, TicketStatus::Accepted, ServiceAction::FileReport, &clerk, &free),
        Err(StepRefusal::NotFromHere)
    );
    // Once resolved only the depot record stays open, for the tracking number back.
    assert_eq!(available(t, TicketStatus::Resolved, &clerk, &free), vec![ServiceAction::RecordDepot]);
    assert!(available(t, TicketStatus::FollowedUp, &clerk, &free).is_empty());
    assert!(available(t, TicketStatus::New, &clerk, &free).is_empty());
    let consult = actor(&[Role::Technician, Role::Supervisor], false);
    assert!(available(ServiceType::Consultation, TicketStatus::InProgress, &consult, &free).is_empty());
}

#[test]
fn the_warranty_form_names_every_bad_field() {
    use super::warranty::WarrantyForm;
    let today = day(2026, 11, 25);
    let form = WarrantyForm {
        start_date: "2099-01-01",
        months: "999",
        contract_until: "31/12/2026",
        seal_broken: false,
        user_caused: true,
    };
    let fields: Vec<String> = form.check(today).unwrap_err().into_iter().map(|e| e.field).collect();
    assert_eq!(fields, ["contract_until", "start_date", "months"]);
    let old = WarrantyForm { start_date: "1979-12-31", months: "-1", ..form };
    let codes: Vec<String> = old.check(today).unwrap_err().into_iter().map(|e| e.code).collect();
    assert_eq!(codes, ["error.invalid_date", "error.invalid_date", "error.warranty_months"]);
    let good = WarrantyForm { start_date: " 2026-01-05 ", months: "12", contract_until: "", ..form };
    let facts = good.check(today).unwrap();
    assert_eq!(
        (facts.start, facts.months, facts.contract_until, facts.user_caused),
        (Some(day(2026, 1, 5)), 12, None, true)
    );
}
