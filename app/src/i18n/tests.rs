use super::*;

#[test]
fn both_catalogs_parse_and_have_the_same_keys() {
    let zh = catalog(Locale::ZhCn);
    let en = catalog(Locale::En);
    assert!(zh.len() > 50, "zh-CN catalog did not load");
    let mut only_zh: Vec<_> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
    let mut only_en: Vec<_> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
    only_zh.sort();
    only_en.sort();
    assert!(only_zh.is_empty() && only_en.is_empty(), "only zh: {only_zh:?}, only en: {only_en:?}");
    for (key, text) in en {
        assert!(!text.trim().is_empty(), "en {key} is empty");
        assert!(!zh[key].trim().is_empty(), "zh-CN {key} is empty");
    }
}

#[test]
fn every_key_used_in_the_source_exists() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut missing = Vec::new();
    for key in used_keys(&root) {
        if !has_key(Locale::En, &key) || !has_key(Locale::ZhCn, &key) {
            missing.push(key);
        }
    }
    assert!(missing.is_empty(), "keys used but not translated: {missing:?}");
}

#[test]
fn every_vocabulary_value_has_a_label() {
    use crate::domain::{Channel, ServiceType, TicketStatus, Urgency};
    let keys = TicketStatus::ALL
        .iter()
        .map(|v| v.label_key())
        .chain(ServiceType::ALL.iter().map(|v| v.label_key()))
        .chain(Urgency::ALL.iter().map(|v| v.label_key()))
        .chain(Channel::ALL.iter().map(|v| v.label_key()))
        .chain(crate::domain::repeat::FaultCategory::ALL.iter().map(|v| v.label_key()));
    for key in keys {
        assert!(has_key(Locale::En, key) && has_key(Locale::ZhCn, key), "{key}");
    }
    use crate::domain::Role;
    use crate::domain::workflow::{Step, StepRefusal};
    let refusals = [
        StepRefusal::NotFromHere,
        StepRefusal::RoleNotPermitted,
        StepRefusal::NotAssigned,
        StepRefusal::ServiceReportMissing,
        StepRefusal::QuoteNotApproved,
        StepRefusal::ReasonRequired,
        StepRefusal::FollowUpMissing,
        StepRefusal::CustomerUnsatisfied,
        StepRefusal::ChargeUndecided,
        StepRefusal::QuoteNotNeeded,
        StepRefusal::NoOpenQuote,
        StepRefusal::QuoteAlreadyDecided,
        StepRefusal::NoOpenRequisition,
    ];
    let more = Role::ALL
        .iter()
        .map(|r| r.label_key().to_owned())
        .chain(Step::ALL.iter().map(|s| s.label_key()))
        .chain(refusals.iter().map(|r| r.message_key().to_owned()))
        .chain(service_vocabulary());
    for key in more {
        assert!(has_key(Locale::En, &key) && has_key(Locale::ZhCn, &key), "{key}");
    }
}

/// The labels of the service records' vocabularies (charge classes, warranty bases, quote line kinds,
/// quote states, old-part fates).
fn service_vocabulary() -> Vec<String> {
    use crate::domain::service::quote::{LineKind, QuoteStatus};
    use crate::domain::service::report::OldPartFate;
    use crate::domain::service::warranty::{ChargeClass, WarrantyBasis};
    use WarrantyBasis::*;
    let classes =
        [ChargeClass::Charged, ChargeClass::Contract, ChargeClass::Free, ChargeClass::Administrative];
    let bases = [InWarranty, UnderContract, Expired, NoStartDate, SealBroken, UserCaused];
    let states = [QuoteStatus::Proposed, QuoteStatus::Approved, QuoteStatus::Rejected];
    classes
        .iter()
        .map(|c| c.label_key().to_owned())
        .chain(bases.iter().map(|b| b.label_key().to_owned()))
        .chain([LineKind::Part, LineKind::Labour, LineKind::Travel].iter().map(|k| k.label_key().to_owned()))
        .chain(states.iter().map(|s| s.label_key().to_owned()))
        .chain(OldPartFate::ALL.iter().map(|f| f.label_key().to_owned()))
        .chain((1..=5).map(|n| format!("workflow.score.{n}")))
        .chain(crate::service::RECORD_EVENTS.iter().map(|e| format!("event.record.{e}")))
        .chain(
            [
                "charge_class",
                "quote_total",
                "quote_status",
                "appointment",
                "estimate_minutes",
                "bring",
                "responsible",
                "repairer",
            ]
            .iter()
            .map(|f| format!("change.{f}")),
        )
        .collect()
}

/// Keys appear in the source as the first string argument of `t(`, `tr(`, `tr_with(` or as `"key"` in a
/// `key = "..."` attribute; scanning keeps the test honest as screens are added.
fn used_keys(dir: &std::path::Path) -> Vec<String> {
    let mut keys = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        for entry in std::fs::read_dir(&path).unwrap().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                let source = std::fs::read_to_string(&p).unwrap();
                keys.extend(keys_in(&source));
                keys.extend(error_codes_in(&source));
            }
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// Error codes travel as data (`"error.required"`), so every such literal is a key too.
fn error_codes_in(source: &str) -> Vec<String> {
    source
        .split("\"error.")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|tail| !tail.is_empty() && tail.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .map(|tail| format!("error.{tail}"))
        .collect()
}

fn keys_in(source: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for marker in [".t(\"", "tr(locale, \"", "tr_with(locale, \"", "t(\"", "key=\""] {
        let mut rest = source;
        while let Some(at) = rest.find(marker) {
            rest = &rest[at + marker.len()..];
            if let Some(end) = rest.find('"') {
                let key = &rest[..end];
                if key.contains('.') && !key.contains(' ') && !key.contains('{') {
                    keys.push(key.to_owned());
                }
            }
        }
    }
    keys
}

#[test]
fn the_cookie_wins_over_accept_language() {
    assert_eq!(negotiate(Some("x=1; afterdesk_lang=en"), Some("zh-CN")), Locale::En);
    assert_eq!(negotiate(Some("afterdesk_lang=zh-CN"), Some("en-US")), Locale::ZhCn);
}

#[test]
fn accept_language_picks_the_best_weighted_supported_language() {
    assert_eq!(negotiate(None, Some("en-US,en;q=0.9,zh-CN;q=0.8")), Locale::En);
    assert_eq!(negotiate(None, Some("fr;q=1,zh-TW;q=0.5,en;q=0.4")), Locale::ZhCn);
    assert_eq!(negotiate(None, Some("en;q=0,zh;q=0.1")), Locale::ZhCn);
}

#[test]
fn unknown_or_missing_preferences_fall_back_to_chinese() {
    assert_eq!(negotiate(None, None), Locale::ZhCn);
    assert_eq!(negotiate(Some("afterdesk_lang=klingon"), Some("de-DE")), Locale::ZhCn);
}

#[test]
fn placeholders_are_filled() {
    assert_eq!(tr_with(Locale::En, "missing.{n}", &[("n", "5")]), "missing.5");
}
