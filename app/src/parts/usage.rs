//! (ssr) What a service report's parts mean for stock: catalogue parts on the report must have been
//! issued to the ticket, at most as many as issued; the rest goes back to the warehouse it came from,
//! booked with the report. Amending the report books only the difference.

use chrono_tz::Tz;

use super::RequisitionStatus;
use crate::db::Db;
use crate::domain::FieldError;
use crate::domain::parts::{PartQuantity, check_usage};
use crate::domain::service::report::PartUsed;
use crate::error::TicketError;

/// The report's returns and the stock bookings `(stock id, change)` that go with it, or the report's
/// part lines that do not fit what was issued.
pub async fn settle(
    db: &Db,
    number: &str,
    tz: Tz,
    parts: &[PartUsed],
    returned_before: &[PartQuantity],
) -> Result<(Vec<PartQuantity>, Vec<(String, i64)>), TicketError> {
    let catalogue = crate::db::parts::catalogue(db).await?;
    let issued_from: Vec<(String, PartQuantity)> = crate::db::parts::requisitions(db, number, tz)
        .await?
        .into_iter()
        .filter(|r| r.status == RequisitionStatus::Issued)
        .flat_map(|r| r.lines.into_iter().map(move |l| (r.warehouse.clone(), l)))
        .collect();
    let issued: Vec<PartQuantity> = issued_from.iter().map(|(_, l)| l.clone()).collect();
    // Catalogue parts only: a part the customer supplied or bought locally carries no stock.
    let back = check_usage(parts, &issued, |code| catalogue.parts.iter().any(|c| c.part_code == code))
        .map_err(|field| TicketError::Invalid { fields: vec![field] })?;
    let field = |code: &str, message: &str| TicketError::Invalid {
        fields: vec![FieldError {
            line: parts.iter().position(|p| p.code.as_deref() == Some(code)).map(|i| i as u32 + 1),
            ..FieldError::new("part_code", message)
        }],
    };
    let mut stock = Vec::new();
    for r in &back {
        let before =
            returned_before.iter().find(|b| b.part_code == r.part_code).map_or(0, |b| i64::from(b.quantity));
        let change = i64::from(r.quantity) - before;
        if change == 0 {
            continue;
        }
        // Back to the warehouse that issued it last.
        let Some((warehouse, _)) = issued_from.iter().rev().find(|(_, l)| l.part_code == r.part_code) else {
            continue;
        };
        let held =
            catalogue.parts.iter().find(|p| p.part_code == r.part_code).map_or(0, |p| p.held_in(warehouse));
        if held + change < 0 {
            return Err(field(&r.part_code, "error.part_stock_moved"));
        }
        stock.push((crate::db::parts::stock_id(warehouse, &r.part_code), change));
    }
    Ok((back, stock))
}
