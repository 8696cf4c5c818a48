//! Scanning on site: the camera reads a QR code where the browser can (the `BarcodeDetector` of
//! Chrome on Android tablets); elsewhere the code is typed into the parts search. A unit's label
//! (`…/assets/<serial>`) confirms the unit in front of the technician is the job's; anything else is
//! read as a part code.

/// What a scanned code says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scanned {
    /// A unit's label: its serial number.
    Unit(String),
    /// Anything else, taken as a part code.
    Part(String),
}

/// Reads a scanned code.
pub fn read_scan(raw: &str) -> Scanned {
    let raw = raw.trim();
    match raw.split_once("/assets/") {
        Some((_, rest)) if !rest.is_empty() => {
            let segment = rest.split(['?', '#']).next().unwrap_or_default().trim_end_matches('/');
            Scanned::Unit(crate::assets::serial_from_segment(segment))
        }
        _ => Scanned::Part(raw.to_owned()),
    }
}

/// Whether this browser can read QR codes from the camera.
pub fn can_scan() -> bool {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window().is_some_and(|w| {
            js_sys::Reflect::has(&w, &wasm_bindgen::JsValue::from_str("BarcodeDetector")).unwrap_or(false)
        })
    }
    #[cfg(not(feature = "hydrate"))]
    {
        false
    }
}

/// The first QR code in a photo, if the browser finds one.
#[cfg(feature = "hydrate")]
pub async fn detect(photo: web_sys::File) -> Option<String> {
    use js_sys::{Array, Function, Object, Promise, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    let window = web_sys::window()?;
    let constructor: Function =
        Reflect::get(&window, &JsValue::from_str("BarcodeDetector")).ok()?.dyn_into().ok()?;
    let options = Object::new();
    Reflect::set(&options, &JsValue::from_str("formats"), &Array::of1(&JsValue::from_str("qr_code"))).ok()?;
    let detector = Reflect::construct(&constructor, &Array::of1(&options)).ok()?;
    let detect: Function = Reflect::get(&detector, &JsValue::from_str("detect")).ok()?.dyn_into().ok()?;
    let found: Promise = detect.call1(&detector, &photo).ok()?.dyn_into().ok()?;
    let codes: Array = wasm_bindgen_futures::JsFuture::from(found).await.ok()?.dyn_into().ok()?;
    Reflect::get(&codes.get(0), &JsValue::from_str("rawValue")).ok()?.as_string()
}

#[cfg(not(feature = "hydrate"))]
pub async fn detect(_photo: web_sys::File) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_label_gives_its_serial_and_anything_else_is_a_part_code() {
        assert_eq!(
            read_scan("https://desk.example.com/assets/VMC850-2024-0117"),
            Scanned::Unit("VMC850-2024-0117".into())
        );
        assert_eq!(read_scan("http://10.0.0.5:3000/assets/AB%2F12/?x=1"), Scanned::Unit("AB/12".into()));
        assert_eq!(read_scan(" BRG-7014 "), Scanned::Part("BRG-7014".into()));
        let bare = "https://x.example/assets/";
        assert_eq!(read_scan(bare), Scanned::Part(bare.to_owned()));
    }
}
