//! The customer's signature as drawn on the tablet: strokes of whole-number points on a fixed
//! [`WIDTH`]×[`HEIGHT`] pad, kept as SVG path data (`M12 30L14 31L…`), so the printable report draws
//! exactly what the customer drew at any size. The server re-reads every stroke: nothing but moves and
//! lines inside the pad is ever stored or put into a page.

/// The pad's drawing size in signature units (the canvas is scaled to it).
pub const WIDTH: u32 = 600;
pub const HEIGHT: u32 = 200;
/// Most strokes and points accepted: far more than any name needs.
pub const MAX_STROKES: usize = 150;
pub const MAX_POINTS: usize = 6_000;

/// The SVG path of one stroke through `points`, or `None` for an empty stroke.
pub fn stroke_path(points: &[(u32, u32)]) -> Option<String> {
    let ((x0, y0), rest) = points.split_first()?;
    let mut d = format!("M{x0} {y0}");
    for (x, y) in rest {
        d.push_str(&format!("L{x} {y}"));
    }
    Some(d)
}

/// Reads a stroke written by [`stroke_path`]: one move then lines, every point on the pad.
pub fn parse_stroke(d: &str) -> Option<Vec<(u32, u32)>> {
    let body = d.strip_prefix('M')?;
    let mut points = Vec::new();
    for pair in body.split('L') {
        let (x, y) = pair.split_once(' ')?;
        let number = |s: &str| {
            (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u32>().ok())?
        };
        let (x, y) = (number(x)?, number(y)?);
        if x > WIDTH || y > HEIGHT {
            return None;
        }
        points.push((x, y));
    }
    Some(points)
}

/// Checks the strokes sent with a report; returns them re-written in canonical form, or the error code
/// for the `signature` field.
pub fn check(strokes: &[String]) -> Result<Vec<String>, &'static str> {
    if strokes.len() > MAX_STROKES {
        return Err("error.signature_too_long");
    }
    let mut total = 0;
    let mut clean = Vec::with_capacity(strokes.len());
    for d in strokes {
        let points = parse_stroke(d).ok_or("error.signature_unreadable")?;
        total += points.len();
        if total > MAX_POINTS {
            return Err("error.signature_too_long");
        }
        clean.extend(stroke_path(&points));
    }
    Ok(clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stroke_round_trips_through_its_path() {
        let points = vec![(0, 0), (12, 30), (600, 200)];
        let d = stroke_path(&points).unwrap();
        assert_eq!(d, "M0 0L12 30L600 200");
        assert_eq!(parse_stroke(&d), Some(points));
        assert_eq!(stroke_path(&[]), None);
        assert_eq!(parse_stroke("M5 5"), Some(vec![(5, 5)]));
    }

    #[test]
    fn anything_but_moves_and_lines_on_the_pad_is_refused() {
        for bad in [
            "",
            "M",
            "M1",
            "m1 2",
            "M1 2C3 4 5 6",
            "M1 2L3",
            "M601 2",
            "M1 201",
            "M-1 2",
            "M1.5 2",
            "M1 2\"/><script>",
            "M1  2",
            "M99999 1",
        ] {
            assert_eq!(parse_stroke(bad), None, "{bad:?}");
        }
        assert_eq!(check(&["M1 2".into(), "<svg>".into()]), Err("error.signature_unreadable"));
    }

    #[test]
    fn too_many_strokes_or_points_are_refused_and_an_empty_signature_is_allowed() {
        assert_eq!(check(&[]), Ok(vec![]));
        assert_eq!(check(&vec!["M1 1".to_string(); MAX_STROKES + 1]), Err("error.signature_too_long"));
        let long = stroke_path(&vec![(1, 1); MAX_POINTS / 2 + 1]).unwrap();
        assert_eq!(check(&[long.clone(), long]), Err("error.signature_too_long"));
        assert_eq!(check(&["M1 2L3 4".into()]), Ok(vec!["M1 2L3 4".into()]));
    }
}
