//! Lower-case hex, for the few bytes the bot keeps or sends as text: the store's secrets, the
//! askers' hashes, button tags and the webhook secret.

/// `bytes` as lower-case hex.
pub fn encode(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The `N` bytes that `hex` (exactly `2N` hex digits, lower or upper case) stands for.
pub fn decode<const N: usize>(hex: &str) -> Option<[u8; N]> {
    if hex.len() != 2 * N || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut bytes = [0u8; N];
    for (i, byte) in bytes.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_reads_back_what_it_wrote_and_nothing_else() {
        assert_eq!(encode(&[0, 15, 255]), "000fff");
        assert_eq!(decode::<3>("000fff"), Some([0, 15, 255]));
        for bad in ["000ff", "000fff0", "00 fff", "+0f0f0", "ééé"] {
            assert_eq!(decode::<3>(bad), None, "{bad}");
        }
    }
}
