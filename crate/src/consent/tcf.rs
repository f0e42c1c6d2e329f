//! IAB TCF v2 strings (`gdpr_consent=`), as far as personalised ads go.
//!
//! Only the core segment's fixed fields are read (version, CMP id, purposes
//! consented), per the IAB's "TC String" format: a string comes from a page
//! and must never crash the engine, and the one Rust decoder of the whole
//! format, `lib_tcstring` 0.5, panics on truncated strings (index out of
//! bounds; `garbage_says_nothing_and_never_panics` below is the case).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

use super::{ConsentSignal, PERSONALISED_ADS_PURPOSES};

/// Where the core segment's fields start, in bits (TC String format v2):
/// version (6 bits), created (36), last updated (36), then the CMP's id.
const CMP_ID_BIT: usize = 78;
/// … CMP version (12), consent screen (6), consent language (12), vendor
/// list version (12), policy version (6), service-specific (1), non-standard
/// texts (1), special feature opt-ins (12), then purposes consented: 24
/// bits, purpose 1 first.
const PURPOSES_CONSENT_BIT: usize = 152;
/// The core segment must hold at least the purposes.
const MIN_CORE_BITS: usize = PURPOSES_CONSENT_BIT + 24;

/// A TC string's answer about personalised ads: None unless its core
/// segment is base64url of a version 2 string long enough to say.
pub fn decode(tc_string: &str) -> Option<ConsentSignal> {
    let core = tc_string.split('.').next()?;
    // Some CMPs pad; base64url in TC strings has no padding.
    let bytes = URL_SAFE_NO_PAD.decode(core.trim_end_matches('=')).ok()?;
    let bits = |start: usize, len: usize| -> Option<u32> {
        if start + len > bytes.len() * 8 {
            return None;
        }
        Some((start..start + len).fold(0u32, |acc, bit| (acc << 1) | u32::from((bytes[bit / 8] >> (7 - bit % 8)) & 1)))
    };
    if bytes.len() * 8 < MIN_CORE_BITS || bits(0, 6)? != 2 {
        return None;
    }
    let cmp_id = u16::try_from(bits(CMP_ID_BIT, 12)?).ok()?;
    let refused = PERSONALISED_ADS_PURPOSES
        .into_iter()
        .filter(|&p| bits(PURPOSES_CONSENT_BIT + usize::from(p) - 1, 1) != Some(1))
        .collect();
    Some(ConsentSignal::from_tcf(refused, cmp_id))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Purposes 1, 2 and 3 consented (lib_tcstring's own example, which it
    /// decodes so too).
    pub const NO_PURPOSE_4: &str = "COvFyGBOvFyGBAbAAAENAPCAAOAAAAAAAAAAAEEUACCKAAA";
    /// No purpose consented, with vendor and publisher segments.
    pub const NOTHING: &str = "COw4XqLOw4XqLAAAAAENAXCAAAAAAAAAAAAAAAAAAAAA.YAAAAAAAAAAAAAAAAAA";
    /// The first string with purposes 1 to 10 consented.
    pub const ALL: &str = "COvFyGBOvFyGBAbAAAENAPCAAP_AAAAAAAAAAEEUACCKAAA";

    #[test]
    fn a_string_says_which_purposes_for_personalised_ads_were_refused() {
        assert_eq!(decode(NO_PURPOSE_4).map(|c| c.refused), Some(vec![4]));
        assert_eq!(decode(NOTHING).map(|c| c.refused), Some(vec![3, 4]));
        let all = decode(ALL).expect("a valid string");
        assert!(all.refused.is_empty(), "{all:?}");
        assert!(!all.refuses_personalised_ads());
        // As lib_tcstring reads the same string: CMP 27.
        assert_eq!(decode(NO_PURPOSE_4).and_then(|c| c.cmp_id), Some(27));
        assert_eq!(all.cmp_id, Some(27));
    }

    #[test]
    fn garbage_says_nothing_and_never_panics() {
        for bad in
            ["", "x", "%%%", "BOEFEAyOEFEAyAHABDENAI4AAAB9vABAASA", "C", "CO", "COvFyGBOvFyGB", "////////////////"]
        {
            assert_eq!(decode(bad), None, "{bad}");
        }
        // Every prefix, and every one-character change, of a real string.
        let chars: Vec<char> = NOTHING.chars().collect();
        for end in 0..chars.len() {
            let _ = decode(&chars[..end].iter().collect::<String>());
        }
        for at in 0..chars.len() {
            for with in ['A', '_', '-', '/', '.', 'z'] {
                let mut changed = chars.clone();
                changed[at] = with;
                let _ = decode(&changed.iter().collect::<String>());
            }
        }
        // And 5,000 strings of random length drawn from the format's alphabet.
        let alphabet: Vec<char> = ('A'..='Z').chain('a'..='z').chain('0'..='9').chain(['-', '_', '.', '=']).collect();
        let mut next = crate::consent::pseudo_random(7);
        for _ in 0..5_000 {
            let len = next(120);
            let text: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
            if let Some(signal) = decode(&text) {
                assert!(signal.refused.iter().all(|p| PERSONALISED_ADS_PURPOSES.contains(p)), "{text}");
            }
        }
    }
}
