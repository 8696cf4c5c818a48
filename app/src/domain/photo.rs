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
