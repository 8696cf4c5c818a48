//! The review step's form: for each missed deadline, who is responsible (主管审核 names them).

use leptos::prelude::*;

use super::StaffOption;
use crate::domain::sla::ClockKind;
use crate::i18n::use_i18n;

/// The form field that carries the person named for `clock`.
pub fn field_name(clock: ClockKind) -> String {
    format!("responsible_{}", clock_wire(clock))
}

fn clock_wire(clock: ClockKind) -> String {
    serde_json::to_value(clock).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// One choice of person per breached deadline; nothing when every deadline was met.
#[component]
pub fn ReviewFields(breached: Vec<ClockKind>, staff: Vec<StaffOption>) -> impl IntoView {
    let i18n = use_i18n();
    if breached.is_empty() {
        return view! { <p class="hint">{move || i18n.t("review.all_met")}</p> }.into_any();
    }
    let staff = StoredValue::new(staff);
    view! {
        <fieldset class="field">
            <legend>{move || i18n.t("review.responsible")}</legend>
            <p class="hint">{move || i18n.t("review.responsible_hint")}</p>
            {breached.into_iter().map(|clock| {
                let (name, clock_key) = (field_name(clock), format!("clock.{}", clock_wire(clock)));
                let id = format!("f-{name}");
                view! {
                    <div class="field">
                        <label for=id.clone()>
                            {move || i18n.t(&clock_key)}<span class="req" aria-hidden="true">" *"</span>
                        </label>
                        <select id=id name=name aria-required="true">
                            <option value="">{move || i18n.t("review.choose_person")}</option>
                            {staff.get_value().into_iter().map(|p| view! {
                                <option value=p.username.clone()>{p.display_name.clone()} " (" {p.username.clone()} ")"</option>
                            }).collect_view()}
                        </select>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
    .into_any()
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use crate::db::Db;
    use crate::domain::FieldError;
    use crate::domain::sla::ClockKind;
    use crate::domain::workflow::review::{distinct_breaches, responsible_for};
    use crate::error::TicketError;
    use crate::tickets::FieldChange;

    /// Checks that every missed deadline of ticket `number` names a known person; answers the event's
    /// changes ("responsible for <deadline>: name") or the field errors to show.
    pub async fn responsibility(
        db: &Db,
        number: &crate::domain::TicketNumber,
        named: &[(ClockKind, String)],
        fields: &mut Vec<FieldError>,
    ) -> Result<Vec<FieldChange>, TicketError> {
        let breached =
            distinct_breaches(crate::db::breaches::of_ticket(db, number).await?.into_iter().map(|(c, _)| c));
        let people = crate::db::staff::people(db).await?;
        let name_of = |u: &str| people.iter().find(|p| p.username == u).map(|p| p.display_name.clone());
        let mut changes = Vec::new();
        for (clock, who) in responsible_for(&breached, named, |u| name_of(u).is_some()) {
            let field = super::field_name(clock);
            match who {
                Some(who) => changes.push(FieldChange {
                    field,
                    old: None,
                    new: name_of(who).map(|name| format!("{name} ({who})")),
                }),
                None => fields.push(FieldError::new(&field, "error.name_responsible")),
            }
        }
        Ok(changes)
    }
}
