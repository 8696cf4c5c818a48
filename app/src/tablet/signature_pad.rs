//! The customer signs on the tablet with a finger or stylus: pointer events on a canvas, kept as SVG
//! path strokes (see `domain::signature`), and drawn back as SVG on the printable report.

use leptos::prelude::*;

use crate::domain::signature::{HEIGHT, WIDTH, stroke_path};
use crate::i18n::use_i18n;

/// The signature as drawn, for the report and for print: SVG, scaled to its box.
#[component]
pub fn SignatureDrawing(strokes: Vec<String>, #[prop(into)] label: String) -> impl IntoView {
    view! {
        <svg class="signature-drawing" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=label>
            {strokes.into_iter().map(|d| view! { <path d=d /> }).collect_view()}
        </svg>
    }
}

/// The pad: draws as the pointer moves and adds each finished stroke to `strokes`.
#[component]
pub fn SignaturePad(strokes: RwSignal<Vec<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let current = RwSignal::new(Vec::<(u32, u32)>::new());
    let drawing = RwSignal::new(false);
    // Redraw whatever is kept (after a re-render, or when cleared).
    Effect::new(move |_| {
        let kept = strokes.get();
        redraw(canvas, &kept);
    });
    let point = move |ev: &web_sys::PointerEvent| -> Option<(u32, u32)> {
        let el = canvas.get_untracked()?;
        let rect = el.get_bounding_client_rect();
        if rect.width() <= 0.0 || rect.height() <= 0.0 {
            return None;
        }
        let x = (f64::from(ev.client_x()) - rect.left()) * f64::from(WIDTH) / rect.width();
        let y = (f64::from(ev.client_y()) - rect.top()) * f64::from(HEIGHT) / rect.height();
        Some((x.round().clamp(0.0, f64::from(WIDTH)) as u32, y.round().clamp(0.0, f64::from(HEIGHT)) as u32))
    };
    let finish = move || {
        if drawing.get_untracked() {
            drawing.set(false);
            let points = current.get_untracked();
            current.set(Vec::new());
            if let Some(d) = stroke_path(&points) {
                strokes.update(|s| s.push(d));
            }
        }
    };
    view! {
        <div class="signature-pad">
            <canvas
                node_ref=canvas
                width=WIDTH.to_string()
                height=HEIGHT.to_string()
                aria-label=move || i18n.t("tablet.signature_pad")
                data-testid="signature-pad"
                on:pointerdown=move |ev| {
                    ev.prevent_default();
                    if let Some(el) = canvas.get_untracked() {
                        let _ = el.set_pointer_capture(ev.pointer_id());
                    }
                    if let Some(p) = point(&ev) {
                        drawing.set(true);
                        current.set(vec![p]);
                    }
                }
                on:pointermove=move |ev| {
                    if !drawing.get_untracked() {
                        return;
                    }
                    if let Some(p) = point(&ev) {
                        let last = current.with_untracked(|c| c.last().copied());
                        if last != Some(p) {
                            if let Some(from) = last {
                                line(canvas, from, p);
                            }
                            current.update(|c| c.push(p));
                        }
                    }
                }
                on:pointerup=move |_| finish()
                on:pointercancel=move |_| finish()
            ></canvas>
            <div class="actions">
                <span class="muted">{move || i18n.t("tablet.signature_hint")}</span>
                <button type="button" class="touch-btn" on:click=move |_| strokes.set(Vec::new())>
                    {move || i18n.t("tablet.signature_clear")}
                </button>
            </div>
        </div>
    }
}

#[cfg(feature = "hydrate")]
fn context(canvas: NodeRef<leptos::html::Canvas>) -> Option<web_sys::CanvasRenderingContext2d> {
    use wasm_bindgen::JsCast;
    let el = canvas.get_untracked()?;
    let ctx = el.get_context("2d").ok()??.dyn_into::<web_sys::CanvasRenderingContext2d>().ok()?;
    ctx.set_line_width(3.0);
    ctx.set_line_cap("round");
    ctx.set_line_join("round");
    ctx.set_stroke_style_str("#1b2a41");
    Some(ctx)
}

#[cfg(feature = "hydrate")]
fn line(canvas: NodeRef<leptos::html::Canvas>, from: (u32, u32), to: (u32, u32)) {
    if let Some(ctx) = context(canvas) {
        ctx.begin_path();
        ctx.move_to(f64::from(from.0), f64::from(from.1));
        ctx.line_to(f64::from(to.0), f64::from(to.1));
        ctx.stroke();
    }
}

#[cfg(not(feature = "hydrate"))]
fn line(_canvas: NodeRef<leptos::html::Canvas>, _from: (u32, u32), _to: (u32, u32)) {}

#[cfg(feature = "hydrate")]
fn redraw(canvas: NodeRef<leptos::html::Canvas>, strokes: &[String]) {
    let Some(ctx) = context(canvas) else { return };
    ctx.clear_rect(0.0, 0.0, f64::from(WIDTH), f64::from(HEIGHT));
    for d in strokes {
        let Some(points) = crate::domain::signature::parse_stroke(d) else { continue };
        ctx.begin_path();
        for (i, (x, y)) in points.iter().enumerate() {
            if i == 0 {
                ctx.move_to(f64::from(*x), f64::from(*y));
            } else {
                ctx.line_to(f64::from(*x), f64::from(*y));
            }
        }
        ctx.stroke();
    }
}

#[cfg(not(feature = "hydrate"))]
fn redraw(_canvas: NodeRef<leptos::html::Canvas>, _strokes: &[String]) {}
