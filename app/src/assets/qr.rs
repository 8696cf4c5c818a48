//! (ssr) QR codes as inline SVG, for asset labels.

/// The QR code of `text` as an `<svg>` element (medium error correction, so a scuffed label still
/// reads); `None` if the text is too long for a QR code.
pub fn svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M).ok()?;
    let svg = code.render::<qrcode::render::svg::Color>().min_dimensions(160, 160).quiet_zone(true).build();
    // Inline in HTML: the XML prolog is not wanted there.
    svg.find("<svg").map(|start| svg[start..].to_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_page_address_becomes_an_inline_svg() {
        let svg = super::svg("https://desk.example.com/assets/VMC850-2023-0042").unwrap();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"), "{svg}");
        assert!(svg.contains("viewBox") || svg.contains("width"));
        assert!(super::svg(&"x".repeat(5000)).is_none(), "too long for a QR code");
    }
}
