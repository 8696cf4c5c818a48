//! Photos sent with a ticket: which files are accepted, judged by their content, not by the name or
//! type the sender claims.

/// The largest photo accepted, in bytes. A phone's full-size JPEG is 2–6 MB.
pub const MAX_BYTES: usize = 8 * 1024 * 1024;

/// The image formats accepted: what every phone camera and browser produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Jpeg,
    Png,
    Webp,
}

impl ImageKind {
    /// The format of `bytes` by their signature; `None` for anything else (including SVG, which
    /// can carry script).
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        match bytes {
            [0xFF, 0xD8, 0xFF, ..] => Some(ImageKind::Jpeg),
            [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some(ImageKind::Png),
            [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some(ImageKind::Webp),
            _ => None,
        }
    }

    /// The file extension it is stored under.
    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Jpeg => "jpg",
            ImageKind::Png => "png",
            ImageKind::Webp => "webp",
        }
    }

    /// The `Content-Type` it is served with.
    pub fn content_type(self) -> &'static str {
        match self {
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Png => "image/png",
            ImageKind::Webp => "image/webp",
        }
    }

    /// The kind stored under `extension`.
    pub fn from_extension(extension: &str) -> Option<Self> {
        [ImageKind::Jpeg, ImageKind::Png, ImageKind::Webp].into_iter().find(|k| k.extension() == extension)
    }
}

/// What a technician's photo shows: the fault as found, or the repair as left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhotoStage {
    Fault,
    Repair,
}

impl PhotoStage {
    pub const ALL: [PhotoStage; 2] = [PhotoStage::Fault, PhotoStage::Repair];

    /// The stage as the upload form sends it.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PhotoStage::Fault => "fault",
            PhotoStage::Repair => "repair",
        }
    }

    /// The name of the ticket event that records such a photo (`event.record.<name>`).
    pub fn record(self) -> &'static str {
        match self {
            PhotoStage::Fault => "photo_fault",
            PhotoStage::Repair => "photo_repair",
        }
    }
}

/// The longest edge, in pixels, the tablet sends: enough to read a nameplate, small enough for a
/// weak mobile connection and the tablet's storage while offline.
pub const SEND_EDGE: u32 = 1600;

/// The size to scale a `width`×`height` picture to so that neither edge exceeds `edge`, keeping its
/// proportions; small pictures keep their size.
pub fn fit_within(width: u32, height: u32, edge: u32) -> (u32, u32) {
    let longest = width.max(height);
    if longest <= edge || longest == 0 {
        return (width, height);
    }
    let scale = |side: u32| {
        ((u64::from(side) * u64::from(edge) + u64::from(longest) / 2) / u64::from(longest)).max(1)
    };
    (scale(width) as u32, scale(height) as u32)
}

/// Whether `id` has the shape of a stored photo's name (`<22 base64url characters>.<ext>`), so that
/// nothing else is ever joined onto the photo folder's path.
pub fn valid_id(id: &str) -> bool {
    let Some((stem, extension)) = id.split_once('.') else { return false };
    stem.len() == 22
        && stem.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && ImageKind::from_extension(extension).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_pictures_shrink_to_the_sending_size_and_keep_their_shape() {
        assert_eq!(fit_within(4032, 3024, SEND_EDGE), (1600, 1200));
        assert_eq!(fit_within(3024, 4032, SEND_EDGE), (1200, 1600));
        assert_eq!(fit_within(800, 600, SEND_EDGE), (800, 600));
        assert_eq!(fit_within(10_000, 3, SEND_EDGE), (1600, 1));
        assert_eq!(fit_within(0, 0, SEND_EDGE), (0, 0));
    }

    #[test]
    fn stages_read_back_from_their_form_value() {
        for stage in PhotoStage::ALL {
            assert_eq!(PhotoStage::parse(stage.as_str()), Some(stage));
        }
        assert_eq!(PhotoStage::parse("../x"), None);
        assert_eq!(PhotoStage::Repair.record(), "photo_repair");
    }

    #[test]
    fn formats_are_told_by_their_content() {
        assert_eq!(ImageKind::sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), Some(ImageKind::Jpeg));
        assert_eq!(ImageKind::sniff(b"\x89PNG\r\n\x1a\n...."), Some(ImageKind::Png));
        assert_eq!(ImageKind::sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Some(ImageKind::Webp));
        for other in
            [&b"<svg xmlns='http://www.w3.org/2000/svg'>"[..], b"GIF89a", b"%PDF-1.7", b"", b"\xFF\xD8"]
        {
            assert_eq!(ImageKind::sniff(other), None, "{other:?}");
        }
    }

    #[test]
    fn only_photo_names_reach_the_file_system() {
        assert!(valid_id("AbCdEfGhIjKlMnOpQrSt-_.jpg"));
        for bad in [
            "../../etc/passwd",
            "AbCdEfGhIjKlMnOpQrSt-_.svg",
            "AbCdEfGhIjKlMnOpQrSt-_",
            "a.jpg",
            "AbCdEfGhIjKlMnOpQrS/-_.jpg",
        ] {
            assert!(!valid_id(bad), "{bad}");
        }
    }
}
