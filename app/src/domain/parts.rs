//! Spare parts (配件): catalogue codes, requisition lines, and what a service report's usage means for
//! stock. Issuing books parts out of a warehouse to the ticket; the report says how many were used; the
//! rest go back to the same warehouse in the report's own transaction. Stock never goes below zero.

use serde::{Deserialize, Serialize};

use super::FieldError;

/// Most lines on one requisition, and most units of a part on one line.
pub const MAX_LINES: usize = 20;
pub const MAX_QUANTITY: u32 = 9999;

/// A catalogue part code: 2 to 32 letters, digits, `-`, `_` or `.`, stored upper-cased.
pub fn parse_code(raw: &str) -> Option<String> {
    let code = raw.trim();
    let ok = (2..=32).contains(&code.len())
        && code.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    ok.then(|| code.to_ascii_uppercase())
}

/// A whole number of units from 1 to [`MAX_QUANTITY`] (`allow_zero` for "none of it was used").
pub fn parse_quantity(raw: &str, allow_zero: bool) -> Option<u32> {
    let n = raw.trim().parse::<u32>().ok()?;
    ((allow_zero || n >= 1) && n <= MAX_QUANTITY).then_some(n)
}

/// One requisition line as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LineInput {
    pub part_code: String,
    pub quantity: String,
}

/// A checked line: which part, how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartQuantity {
    pub part_code: String,
    pub quantity: u32,
}

/// Checks requisition lines: 1 to [`MAX_LINES`], each a valid code and quantity, each part once.
/// Errors name the field and the line (from 1). Whether the part exists is the catalogue's answer.
pub fn check_lines(lines: &[LineInput]) -> Result<Vec<PartQuantity>, Vec<FieldError>> {
    if lines.is_empty() || lines.len() > MAX_LINES {
        return Err(vec![FieldError::new("requisition", "error.parts_line_count")]);
    }
    let mut errors = Vec::new();
    let mut out: Vec<PartQuantity> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let at =
            |field: &str, code: &str| FieldError { line: Some(i as u32 + 1), ..FieldError::new(field, code) };
        let code = parse_code(&line.part_code);
        let quantity = parse_quantity(&line.quantity, false);
        match &code {
            None => errors.push(at("part_code", "error.part_code")),
            Some(c) if seen.contains(c) => errors.push(at("part_code", "error.part_twice")),
            Some(c) => seen.push(c.clone()),
        }
        if quantity.is_none() {
            errors.push(at("part_quantity", "error.part_quantity"));
        }
        if let (Some(part_code), Some(quantity)) = (code, quantity) {
            out.push(PartQuantity { part_code, quantity });
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// Why a report's usage does not fit what was issued to the ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum UsageError {
    /// A part used on the report was never issued to this ticket.
    NotIssued { part_code: String },
    /// More used than issued.
    MoreThanIssued { part_code: String, issued: u32 },
}

/// For each part issued to the ticket, how many go back to stock given what the report says was used.
/// Parts on the report without a catalogue code (customer-supplied, bought locally) are not checked.
pub fn returns(issued: &[PartQuantity], used: &[PartQuantity]) -> Result<Vec<PartQuantity>, UsageError> {
    let total = |list: &[PartQuantity], code: &str| -> u32 {
        list.iter().filter(|l| l.part_code == code).map(|l| l.quantity).sum()
    };
    for u in used {
        let issued_n = total(issued, &u.part_code);
        if issued_n == 0 {
            return Err(UsageError::NotIssued { part_code: u.part_code.clone() });
        }
        if total(used, &u.part_code) > issued_n {
            return Err(UsageError::MoreThanIssued { part_code: u.part_code.clone(), issued: issued_n });
        }
    }
    let mut codes: Vec<&str> = issued.iter().map(|l| l.part_code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    Ok(codes
        .into_iter()
        .map(|code| PartQuantity {
            part_code: code.to_owned(),
            quantity: total(issued, code) - total(used, code),
        })
        .collect())
}

/// Checks a report's parts against what was issued to the ticket: the catalogue parts (those
/// `is_catalogue` knows by code) must have been issued, no more than issued. Answers the returns to
/// stock, or the field error naming the report's line. The tablet checks with it before queueing the
/// report; the server checks again when it arrives.
pub fn check_usage(
    parts: &[crate::domain::service::report::PartUsed],
    issued: &[PartQuantity],
    is_catalogue: impl Fn(&str) -> bool,
) -> Result<Vec<PartQuantity>, FieldError> {
    let used: Vec<(usize, PartQuantity)> = parts
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let code = p.code.as_deref().and_then(parse_code)?;
            is_catalogue(&code).then_some((i, PartQuantity { part_code: code, quantity: p.quantity }))
        })
        .collect();
    let only_used: Vec<PartQuantity> = used.iter().map(|(_, u)| u.clone()).collect();
    let field = |code: &str, message: &str| FieldError {
        line: used.iter().find(|(_, u)| u.part_code == code).map(|(i, _)| *i as u32 + 1),
        ..FieldError::new("part_code", message)
    };
    returns(issued, &only_used).map_err(|e| match e {
        UsageError::NotIssued { part_code } => field(&part_code, "error.part_not_issued"),
        UsageError::MoreThanIssued { part_code, .. } => field(&part_code, "error.part_more_than_issued"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reports_parts_must_have_been_issued_and_the_error_names_the_line() {
        use crate::domain::service::report::{OldPartFate, PartUsed};
        let part = |code: Option<&str>, quantity| PartUsed {
            name: "x".into(),
            code: code.map(str::to_owned),
            quantity,
            old_part: OldPartFate::Returned,
        };
        let issued = vec![PartQuantity { part_code: "BRG-7014".into(), quantity: 2 }];
        let catalogue = |code: &str| code != "LOCAL-1";
        let ok = check_usage(
            &[part(None, 5), part(Some("LOCAL-1"), 1), part(Some("BRG-7014"), 1)],
            &issued,
            catalogue,
        );
        assert_eq!(ok, Ok(vec![PartQuantity { part_code: "BRG-7014".into(), quantity: 1 }]));
        let over = check_usage(&[part(None, 1), part(Some("BRG-7014"), 3)], &issued, catalogue).unwrap_err();
        assert_eq!((over.code.as_str(), over.line), ("error.part_more_than_issued", Some(2)));
        let never = check_usage(&[part(Some("SEAL-88"), 1)], &issued, catalogue).unwrap_err();
        assert_eq!((never.code.as_str(), never.line), ("error.part_not_issued", Some(1)));
    }

    fn line(code: &str, n: &str) -> LineInput {
        LineInput { part_code: code.into(), quantity: n.into() }
    }
    fn pq(code: &str, n: u32) -> PartQuantity {
        PartQuantity { part_code: code.into(), quantity: n }
    }

    #[test]
    fn lines_are_upper_cased_and_every_bad_one_is_named_by_line() {
        assert_eq!(check_lines(&[line(" brg-7014 ", "2")]), Ok(vec![pq("BRG-7014", 2)]));
        let errors = check_lines(&[
            line("BRG-7014", "-1"),
            line("b", "1"),
            line("brg-7014", "1"),
            line("SEAL-1", "10000"),
        ])
        .unwrap_err();
        let named: Vec<(String, Option<u32>)> = errors.into_iter().map(|e| (e.field, e.line)).collect();
        assert_eq!(
            named,
            [
                ("part_quantity".to_owned(), Some(1)),
                ("part_code".to_owned(), Some(2)),
                ("part_code".to_owned(), Some(3)),
                ("part_quantity".to_owned(), Some(4)),
            ]
        );
        assert_eq!(check_lines(&[]).unwrap_err()[0].code, "error.parts_line_count");
        assert!(check_lines(&vec![line("A1", "1"); MAX_LINES + 1]).is_err());
        assert_eq!(parse_quantity("0", true), Some(0));
        assert_eq!(parse_quantity("0", false), None);
        assert_eq!(parse_quantity("1.5", false), None);
    }

    #[test]
    fn unused_parts_go_back_and_usage_beyond_the_issue_is_refused() {
        let issued = [pq("BRG-7014", 2), pq("SEAL-88", 1), pq("BRG-7014", 1)];
        assert_eq!(returns(&issued, &[pq("BRG-7014", 2)]), Ok(vec![pq("BRG-7014", 1), pq("SEAL-88", 1)]));
        assert_eq!(
            returns(&issued, &[pq("BRG-7014", 3), pq("SEAL-88", 1)]),
            Ok(vec![pq("BRG-7014", 0), pq("SEAL-88", 0)])
        );
        assert_eq!(
            returns(&issued, &[pq("BRG-7014", 4)]),
            Err(UsageError::MoreThanIssued { part_code: "BRG-7014".into(), issued: 3 })
        );
        assert_eq!(
            returns(&issued, &[pq("FAN-1", 1)]),
            Err(UsageError::NotIssued { part_code: "FAN-1".into() })
        );
        assert_eq!(returns(&[], &[]), Ok(vec![]));
    }
}
