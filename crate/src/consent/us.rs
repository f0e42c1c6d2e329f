//! The IAB's US strings: GPP (`gpp=`, its sections that apply in
//! `gpp_sid=`) and US Privacy (`us_privacy=`), read with `iab_gpp`, as far
//! as personalised ads go: what the user opted out of. A GPP string can
//! also carry a TCF section (EU), read for the purposes as a TC string is.
//!
//! The strings come from pages: `iab_gpp` returns an error for what does not
//! decode (`garbage_says_nothing_and_never_panics` below feeds it prefixes,
//! changed characters and random strings; a panic would abort the engine's
//! wasm). It adds section ids without overflow checks, so test builds build
//! it as release does (the workspace's `Cargo.toml`), and a TCF section is
//! read by our own TC string reader, which reads fixed fields only.

use std::collections::BTreeSet;
use std::str::FromStr;

use iab_gpp::sections::us_common::OptOut as UsOptOut;
use iab_gpp::sections::uspv1::{Flag, UspV1};
use iab_gpp::sections::{usnat, Section, SectionId};
use iab_gpp::v1::GPPString;
use num_traits::ToPrimitive;

use super::{decode_tcf, ConsentSignal, Framework, OptOut};

/// What one GPP or US Privacy section said.
#[derive(Default)]
struct Said {
    /// A section applied (one whose every field is "not applicable" does not).
    applies: bool,
    opted_out: BTreeSet<OptOut>,
    /// From a TCF section: the purposes personalised ads need not consented to, and the CMP.
    tcf: Option<ConsentSignal>,
}

impl Said {
    /// Notes one opt-out field.
    fn opt_out(&mut self, what: OptOut, field: &UsOptOut) {
        match field {
            UsOptOut::OptedOut => {
                self.applies = true;
                self.opted_out.insert(what);
            }
            UsOptOut::DidNotOptOut => self.applies = true,
            _ => {}
        }
    }

    /// Notes a US Privacy string's "opted out of sale".
    fn us_privacy(&mut self, usp: &UspV1) {
        match usp.opt_out_sale {
            Flag::Yes => {
                self.applies = true;
                self.opted_out.insert(OptOut::Sale);
            }
            Flag::No => self.applies = true,
            Flag::NotApplicable => {}
        }
    }

    fn section(&mut self, section: &Section) {
        // The state sections (Virginia, Colorado…) all have sale and targeted
        // advertising opt-outs in their core.
        macro_rules! state {
            ($s:expr) => {{
                self.opt_out(OptOut::Sale, &$s.core.sale_opt_out);
                self.opt_out(OptOut::TargetedAdvertising, &$s.core.targeted_advertising_opt_out);
            }};
        }
        match section {
            Section::UspV1(u) => self.us_privacy(u),
            Section::UsNat(n) => {
                let (sale, sharing, targeted) = match &n.core {
                    usnat::Core::V1(c) => (&c.sale_opt_out, &c.sharing_opt_out, &c.targeted_advertising_opt_out),
                    usnat::Core::V2(c) => (&c.sale_opt_out, &c.sharing_opt_out, &c.targeted_advertising_opt_out),
                    _ => return,
                };
                self.opt_out(OptOut::Sale, sale);
                self.opt_out(OptOut::Sharing, sharing);
                self.opt_out(OptOut::TargetedAdvertising, targeted);
            }
            Section::UsCa(c) => {
                self.opt_out(OptOut::Sale, &c.core.sale_opt_out);
                self.opt_out(OptOut::Sharing, &c.core.sharing_opt_out);
            }
            Section::UsVa(s) => state!(s),
            Section::UsCo(s) => state!(s),
            Section::UsUt(s) => state!(s),
            Section::UsCt(s) => state!(s),
            Section::UsFl(s) => state!(s),
            Section::UsMt(s) => state!(s),
            Section::UsOr(s) => state!(s),
            Section::UsTx(s) => state!(s),
            Section::UsDe(s) => state!(s),
            Section::UsIa(s) => state!(s),
            Section::UsNe(s) => state!(s),
            Section::UsNh(s) => state!(s),
            Section::UsNj(s) => state!(s),
            Section::UsTn(s) => state!(s),
            Section::UsMn(s) => state!(s),
            // TCF sections are read as TC strings (`decode_gpp`).
            _ => {}
        }
    }

    fn signal(self, framework: Framework) -> Option<ConsentSignal> {
        if !self.applies {
            return None;
        }
        let (refused, cmp_id) = self.tcf.map_or((Vec::new(), None), |tcf| (tcf.refused, tcf.cmp_id));
        Some(ConsentSignal { framework, refused, opted_out: self.opted_out.into_iter().collect(), cmp_id })
    }
}

/// A GPP string's answer about personalised ads, from the sections listed
/// in `gpp_sid` (the ones that apply to the request; all, when it is
/// missing): None when none applies or the string does not decode.
pub fn decode_gpp(gpp: &str, gpp_sid: Option<&str>) -> Option<ConsentSignal> {
    let applicable: Option<Vec<u8>> =
        gpp_sid.map(|sids| sids.split([',', '_']).filter_map(|id| id.trim().parse::<u8>().ok()).collect());
    let gpp = GPPString::from_str(gpp).ok()?;
    let mut said = Said::default();
    for &id in gpp.section_ids() {
        let number = id.to_u8();
        if applicable.as_ref().is_some_and(|ids| !number.is_some_and(|n| ids.contains(&n))) {
            continue;
        }
        match id {
            // A TCF section is a TC string: read as one, its fixed fields
            // only (`iab_gpp` would expand its vendor ranges, up to 4,095
            // ranges of 65,536 ids each from a hostile page).
            SectionId::TcfEuV2 => {
                said.tcf = gpp.section(id).and_then(decode_tcf);
                said.applies |= said.tcf.is_some();
            }
            // Nothing about personalised ads in TCF v1 (deprecated) or Canada's.
            SectionId::TcfEuV1 | SectionId::TcfCaV1 => {}
            _ => {
                if let Ok(section) = gpp.decode_section(id) {
                    said.section(&section);
                }
            }
        }
    }
    said.signal(Framework::Gpp)
}

/// A US Privacy string's answer (`1YYN`: version 1, notice given, opted out
/// of sale, not an LSPA transaction): None when it does not apply (`1---`)
/// or is not one.
pub fn decode_us_privacy(usp: &str) -> Option<ConsentSignal> {
    // Four characters exactly (`iab_gpp` reads the first four of any longer one).
    if usp.len() != 4 {
        return None;
    }
    let mut said = Said::default();
    said.us_privacy(&UspV1::from_str(usp).ok()?);
    said.signal(Framework::Usp)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The IAB's US national section, version 1, opted out of everything
    /// (`iab_gpp`'s own test data, `usnat_v1_opted_out.json`).
    const USNAT_OPTED_OUT: &str = "DBABLA~BVVVVVVVVWA";
    /// … and every field "not applicable" (`usnat_v1_not_applicable.json`).
    const USNAT_NOT_APPLICABLE: &str = "DBABLA~BAAAAAAAAQA";
    /// … and notices given, no opt-out (the crate's documentation example).
    const USNAT_KEPT: &str = "DBABLA~BVQqAAAAAgA.QA";
    /// California, opted out of sale and sharing (`usca_opted_out.json`).
    const USCA_OPTED_OUT: &str = "DBABBg~BVVVVVVY";
    /// Virginia, opted out of sale and targeted advertising (`usva_opted_out.json`).
    const USVA_OPTED_OUT: &str = "DBABRg~BVVVVWY";
    /// A TCF EU section in which no purpose is consented, beside US Privacy "1YNN".
    const TCF_AND_USP: &str = "DBACNY~CPXxRfAPXxRfAAfKABENB-CgAAAAAAAAAAYgAAAAAAAA~1YNN";

    #[test]
    fn a_gpp_string_says_what_the_user_opted_out_of() {
        let all = decode_gpp(USNAT_OPTED_OUT, Some("7")).expect("applies");
        assert_eq!(all.opted_out, vec![OptOut::Sale, OptOut::Sharing, OptOut::TargetedAdvertising]);
        assert!(all.refuses_personalised_ads());
        assert_eq!(decode_gpp(USNAT_NOT_APPLICABLE, None), None);
        let kept = decode_gpp(USNAT_KEPT, None).expect("applies");
        assert!(kept.opted_out.is_empty() && !kept.refuses_personalised_ads(), "{kept:?}");
        assert_eq!(
            decode_gpp(USCA_OPTED_OUT, Some("8")).map(|s| s.opted_out),
            Some(vec![OptOut::Sale, OptOut::Sharing])
        );
        assert_eq!(
            decode_gpp(USVA_OPTED_OUT, Some("9")).map(|s| s.opted_out),
            Some(vec![OptOut::Sale, OptOut::TargetedAdvertising])
        );
    }

    #[test]
    fn only_the_sections_that_apply_count() {
        // The TCF section applies: its purposes, its CMP.
        let tcf = decode_gpp(TCF_AND_USP, Some("2")).expect("applies");
        assert_eq!((tcf.refused.clone(), tcf.cmp_id, tcf.opted_out.is_empty()), (vec![3, 4], Some(31), true));
        // US Privacy applies: "1YNN", no opt-out.
        let usp = decode_gpp(TCF_AND_USP, Some("6")).expect("applies");
        assert_eq!((usp.refused.is_empty(), usp.cmp_id, usp.opted_out.is_empty()), (true, None, true));
        assert_eq!(decode_gpp(USNAT_OPTED_OUT, Some("2,6")), None, "not listed");
        assert_eq!(decode_gpp(USNAT_OPTED_OUT, Some("")), None, "none listed");
        assert!(decode_gpp(USNAT_OPTED_OUT, Some("2_7")).is_some(), "Prebid's separator too");
    }

    #[test]
    fn a_us_privacy_string_says_whether_the_user_opted_out_of_sale() {
        assert_eq!(decode_us_privacy("1YYN").map(|s| s.opted_out), Some(vec![OptOut::Sale]));
        assert_eq!(decode_us_privacy("1NNN").map(|s| s.opted_out), Some(vec![]));
        assert_eq!(decode_us_privacy("1---"), None);
        for bad in ["", "1", "2YYN", "1YYNN", "YYYY", "1yyn", "1ÿYN"] {
            assert_eq!(decode_us_privacy(bad), None, "{bad}");
        }
    }

    #[test]
    fn garbage_says_nothing_and_never_panics() {
        for bad in ["", "~", "D", "DBA", "DBABLA", "DBABLA~", "~~~~", "DBABLA~BVVVVVVVVWA~1YNN~x", "////", "DBABLA~=="]
        {
            let _ = decode_gpp(bad, None);
            let _ = decode_gpp(bad, Some("7"));
        }
        let bases = [USNAT_OPTED_OUT, USNAT_KEPT, USCA_OPTED_OUT, USVA_OPTED_OUT, TCF_AND_USP];
        for base in bases {
            let chars: Vec<char> = base.chars().collect();
            for end in 0..chars.len() {
                let _ = decode_gpp(&chars[..end].iter().collect::<String>(), None);
            }
            for at in 0..chars.len() {
                for with in ['A', '_', '-', '~', '.', 'z', '/'] {
                    let mut changed = chars.clone();
                    changed[at] = with;
                    let _ = decode_gpp(&changed.iter().collect::<String>(), None);
                }
            }
        }
        let alphabet: Vec<char> = ('A'..='Z').chain('a'..='z').chain('0'..='9').chain(['-', '_', '.', '~']).collect();
        let mut next = crate::consent::pseudo_random(11);
        for _ in 0..5_000 {
            let base = bases[next(bases.len())];
            let keep = next(base.len());
            let tail: String = (0..next(40)).map(|_| alphabet[next(alphabet.len())]).collect();
            let _ = decode_gpp(&format!("{}{tail}", &base[..keep]), None);
        }
    }
}
