//! The parts used on site: picked from the catalogue by name or code (typed, or read from a QR code
//! where the browser can), counted with ± buttons, each with what happened to the old part.

use leptos::prelude::*;

use crate::domain::FieldError;
use crate::domain::service::report::{OldPartFate, PartInput};
use crate::i18n::use_i18n;

/// The rows of parts, and the rest of the picker.
#[component]
pub fn PartsPicker(
    rows: RwSignal<Vec<(u32, RwSignal<PartInput>)>>,
    /// The key the next row gets.
    next_row: StoredValue<u32>,
    /// The catalogue as `(code, name)`.
    catalogue: Vec<(String, String)>,
    /// The parts issued to this job, offered first: one tap adds one.
    issued: Vec<crate::domain::parts::PartQuantity>,
    /// The job's unit, to check a scanned label against.
    serial: Option<String>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let issued: Vec<(String, String, u32)> = issued
        .into_iter()
        .map(|q| {
            let name =
                catalogue.iter().find(|(c, _)| *c == q.part_code).map(|(_, n)| n.clone()).unwrap_or_default();
            (q.part_code, name, q.quantity)
        })
        .collect();
    let catalogue = StoredValue::new(catalogue);
    let search = RwSignal::new(String::new());
    let add_row = move |part: PartInput| {
        let id = next_row.get_value();
        next_row.set_value(id + 1);
        rows.update(|r| r.push((id, RwSignal::new(part))));
    };
    let pick = move |typed: String| {
        let typed = typed.trim().to_owned();
        let found = catalogue.with_value(|c| {
            c.iter()
                .find(|(code, name)| {
                    typed.eq_ignore_ascii_case(code) || typed == *name || typed == format!("{code} · {name}")
                })
                .cloned()
        });
        let known = found.is_some();
        if let Some((code, name)) = found {
            add_row(PartInput { name, code, quantity: "1".into(), old_part: "returned".into() });
            search.set(String::new());
        }
        known
    };
    // Only in the browser, after hydration: the server cannot know whether the camera can read codes.
    let scannable = RwSignal::new(false);
    Effect::new(move |_| scannable.set(super::scan::can_scan()));
    let scan_note = RwSignal::new(None::<String>);
    let serial = StoredValue::new(serial);
    let scanned = move |input: web_sys::HtmlInputElement| {
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let note = match super::scan::detect(file).await.map(|raw| super::scan::read_scan(&raw)) {
                None => i18n.t("tablet.scan_nothing"),
                Some(super::scan::Scanned::Unit(unit)) => match serial.get_value() {
                    Some(expected) if expected == unit => {
                        i18n.t_with("tablet.scan_unit_ok", &[("serial", &unit)])
                    }
                    expected => i18n.t_with(
                        "tablet.scan_unit_other",
                        &[("serial", &unit), ("expected", &expected.unwrap_or_else(|| "—".into()))],
                    ),
                },
                Some(super::scan::Scanned::Part(code)) => {
                    if pick(code.clone()) {
                        i18n.t_with("tablet.scan_part_added", &[("code", &code)])
                    } else {
                        search.set(code.clone());
                        i18n.t_with("tablet.scan_part_unknown", &[("code", &code)])
                    }
                }
            };
            scan_note.set(Some(note));
        });
    };
    view! {
        <fieldset class="parts-picker">
            <legend>{move || i18n.t("tablet.parts")}</legend>
            {(!issued.is_empty()).then(|| view! {
                <p class="label">{move || i18n.t("tablet.parts_issued")}</p>
                <div class="inline issued">
                    {issued.into_iter().map(|(code, name, quantity)| {
                        let text = format!("{code} · {name} ×{quantity}");
                        view! {
                            <button type="button" class="touch-btn" on:click=move |_| {
                                pick(code.clone());
                            }>{text}</button>
                        }
                    }).collect_view()}
                </div>
            })}
            <label for="part-search">{move || i18n.t("tablet.part_search")}</label>
            <div class="inline">
                <input id="part-search" list="part-options" type="search" autocomplete="off"
                    prop:value=move || search.get()
                    on:input=move |ev| search.set(event_target_value(&ev))
                    on:change=move |ev| {
                        pick(event_target_value(&ev));
                    } />
                <button type="button" class="touch-btn" on:click=move |_| {
                    pick(search.get_untracked());
                }>{move || i18n.t("tablet.part_add")}</button>
                {move || scannable.get().then(|| view! {
                    <label class="touch-btn" for="scan-code">{i18n.t("tablet.scan")}</label>
                    <input id="scan-code" class="visually-hidden" type="file" accept="image/*" capture="environment"
                        on:change=move |ev| scanned(event_target::<web_sys::HtmlInputElement>(&ev)) />
                })}
                <button type="button" class="touch-btn" on:click=move |_| add_row(PartInput { quantity: "1".into(), old_part: "returned".into(), ..Default::default() })>
                    {move || i18n.t("tablet.part_other")}
                </button>
            </div>
            {move || scan_note.get().map(|n| view! { <p role="status">{n}</p> })}
            <datalist id="part-options">
                {catalogue.get_value().into_iter().map(|(code, name)| view! { <option value=format!("{code} · {name}") /> }).collect_view()}
            </datalist>
            <ul class="part-rows">
                <For each=move || rows.get() key=|(id, _)| *id let:row>
                    <PartRow id=row.0 part=row.1 on_remove=Callback::new(move |id: u32| rows.update(|r| r.retain(|(i, _)| *i != id))) />
                </For>
            </ul>
            {move || errors.with(|e| e.iter().filter_map(|f| f.line.map(|n| i18n.t_with(
                "tablet.part_line_error", &[("n", &n.to_string()), ("reason", &i18n.t(&f.code))],
            ))).collect::<Vec<_>>()).into_iter().map(|m| view! { <p class="field-error">{m}</p> }).collect_view()}
        </fieldset>
    }
}

#[component]
fn PartRow(id: u32, part: RwSignal<PartInput>, on_remove: Callback<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let name = part.with_untracked(|p| {
        if p.code.is_empty() { p.name.clone() } else { format!("{} · {}", p.code, p.name) }
    });
    let custom = part.with_untracked(|p| p.code.is_empty());
    let quantity = move || part.with(|p| p.quantity.parse::<u32>().unwrap_or(0));
    let step = move |by: i64| {
        part.update(|p| {
            let n = (i64::from(p.quantity.parse::<u32>().unwrap_or(0)) + by).clamp(1, 999);
            p.quantity = n.to_string();
        })
    };
    let name_id = format!("part-name-{id}");
    let fate_id = format!("part-fate-{id}");
    view! {
        <li class="part-row">
            {if custom {
                view! {
                    <label class="visually-hidden" for=name_id.clone()>{move || i18n.t("service.field.part_name")}</label>
                    <input id=name_id type="text" placeholder=move || i18n.t("service.field.part_name")
                        prop:value=move || part.with(|p| p.name.clone())
                        on:input=move |ev| part.update(|p| p.name = event_target_value(&ev)) />
                }.into_any()
            } else {
                view! { <span class="part-name">{name}</span> }.into_any()
            }}
            <span class="stepper">
                <button type="button" class="touch-btn" aria-label=move || i18n.t("tablet.less") on:click=move |_| step(-1)>"−"</button>
                <output aria-live="polite">{quantity}</output>
                <button type="button" class="touch-btn" aria-label=move || i18n.t("tablet.more") on:click=move |_| step(1)>"+"</button>
            </span>
            <label class="visually-hidden" for=fate_id.clone()>{move || i18n.t("service.field.old_part")}</label>
            <select id=fate_id on:change=move |ev| part.update(|p| p.old_part = event_target_value(&ev))>
                {OldPartFate::ALL.into_iter().map(|fate| {
                    let wire = serde_json::to_value(fate).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
                    let selected = part.with_untracked(|p| p.old_part == wire);
                    view! { <option value=wire selected=selected>{move || i18n.t(fate.label_key())}</option> }
                }).collect_view()}
            </select>
            <button type="button" class="touch-btn danger" on:click=move |_| on_remove.run(id)>{move || i18n.t("tablet.remove")}</button>
        </li>
    }
}
