//! What a site's last consent string says against a personalised ad, as
//! evidence ([`crate::consent`]): the TCF purposes refused, or the US
//! opt-outs; and what the user's browser asked of the site (Global Privacy
//! Control).

use crate::consent::{ConsentSignal, OptOut};
use crate::reasons::{Evidence, Reason};

/// The user's browser asked the site not to sell or share their data
/// (Global Privacy Control: a `Sec-GPC: 1` header with every request, and
/// `navigator.globalPrivacyControl`), which US state laws (California's
/// first) take as an opt-out of the sale and sharing of their data.
pub(super) fn gpc_evidence() -> Evidence {
    Evidence {
        sentence: "Your browser asked this site not to sell or share your data (Global Privacy Control)".into(),
        reason: Reason::GlobalPrivacyControl,
    }
}

/// What a site's last consent string says against a personalised ad: the
/// TCF purposes refused, or the US opt-outs.
pub(super) fn consent_evidence(consent: &ConsentSignal) -> Option<Evidence> {
    if !consent.refused.is_empty() {
        let purposes: Vec<String> = consent.refused.iter().map(u8::to_string).collect();
        let plural = if purposes.len() > 1 { "s" } else { "" };
        return Some(Evidence {
            sentence: format!(
                "This site told ad companies you did not consent to personalised ads (IAB TCF purpose{plural} {})",
                purposes.join(" and ")
            ),
            reason: Reason::PersonalisedAdsRefused { purposes: consent.refused.clone() },
        });
    }
    if consent.opted_out.is_empty() {
        return None;
    }
    let what: Vec<&str> = consent
        .opted_out
        .iter()
        .map(|o| match o {
            OptOut::Sale => "the sale of your data",
            OptOut::Sharing => "the sharing of your data for advertising",
            OptOut::TargetedAdvertising => "targeted advertising",
        })
        .collect();
    let listed = match what.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    };
    Some(Evidence {
        sentence: format!("This site told ad companies you opted out of {listed} (US privacy choices)"),
        reason: Reason::TargetedAdsOptedOut { opt_outs: consent.opted_out.clone() },
    })
}
