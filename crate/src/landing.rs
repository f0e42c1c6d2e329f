//! Where an ad leads: click-through links are decoded to their landing URL
//! (`…/aclk?…&adurl=https://shop.example/…` → `https://shop.example/…`).

use url::Url;

use crate::domains::registrable_domain;

/// Query parameters that carry the landing URL in ad networks' click links.
const LANDING_PARAMS: &[&str] =
    &["adurl", "maxdest", "redir", "url", "u", "dest", "destination", "redirect", "lp", "landing", "dcm_link"];
/// The subset that is followed even on a non-ad host: publishers' own click
/// counters sit between the ad server and the advertiser.
const REDIRECT_PARAMS: &[&str] = &["adurl", "dcm_link", "redir", "redirect", "dest", "destination"];
/// How many redirect layers are unwrapped at most.
const MAX_DEPTH: usize = 4;

/// Registrable domains of ad servers and recommendation vendors: a link to
/// one of them is a click-through, not the landing page.
pub const CLICK_SERVER_DOMAINS: &[&str] = &[
    "doubleclick.net",
    "googleadservices.com",
    "googlesyndication.com",
    "google.com",
    "taboola.com",
    "outbrain.com",
    "revcontent.com",
    "mgid.com",
    "criteo.com",
    "criteo.net",
    "adroll.com",
    "creativecdn.com",
    "amazon-adsystem.com",
    "adnxs.com",
    "nosto.com",
    "dynamicyield.com",
];

/// The landing URL of an ad link: the decoded target of a click-through
/// link, or the link itself when it does not point at an ad server.
/// `None` when the link leads nowhere useful (ad server without a target,
/// `javascript:`, not a URL).
pub fn landing_url(href: &str) -> Option<String> {
    unwrap(href, 0)
}

fn unwrap(href: &str, depth: usize) -> Option<String> {
    let url = Url::parse(href.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let click_server = is_click_server(url.host_str()?);
    let params = if click_server { LANDING_PARAMS } else { REDIRECT_PARAMS };
    if depth < MAX_DEPTH {
        let target = url
            .query_pairs()
            .filter(|(name, _)| params.contains(&name.as_ref()))
            .find_map(|(_, value)| unwrap(&value, depth + 1))
            .or_else(|| click_server.then(|| target_in_encoded_path(href, depth)).flatten());
        if target.is_some() {
            return target;
        }
    }
    (!click_server).then(|| url.into())
}

/// Some click links carry their query percent-encoded inside the path
/// (`/pcs/click%253Fxai%253D…%2526adurl%253Dhttps://…`): decode and look for
/// a landing parameter in what comes out.
fn target_in_encoded_path(href: &str, depth: usize) -> Option<String> {
    let mut text = href.to_owned();
    for _ in 0..3 {
        let decoded = percent_decode(&text);
        if decoded == text {
            break;
        }
        text = decoded;
        for name in LANDING_PARAMS.iter().filter(|n| n.len() > 1) {
            let key = format!("{name}=");
            if let Some(at) = text.rfind(&key) {
                if let Some(found) = unwrap(&text[at + key.len()..], depth + 1) {
                    return Some(found);
                }
            }
        }
    }
    None
}

fn percent_decode(text: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", text.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

/// Whether a host belongs to an ad server or recommendation vendor.
pub fn is_click_server(host: &str) -> bool {
    CLICK_SERVER_DOMAINS.contains(&registrable_domain(host).as_str())
}

/// The first landing URL among an item's links, with its registrable domain.
/// A link back to the page itself (`href="#"`, a saved page's `href=""`
/// made absolute) leads nowhere: the page's own words are not the ad's.
pub fn first_landing<'a>(links: impl IntoIterator<Item = &'a String>, page_url: &str) -> Option<(String, String)> {
    let page = without_fragment(page_url);
    links.into_iter().find_map(|href| {
        let landing = landing_url(href)?;
        let url = Url::parse(&landing).ok()?;
        if page.as_ref().is_some_and(|page| without_fragment(url.as_str()).as_ref() == Some(page)) {
            return None;
        }
        let host = url.host_str()?.to_owned();
        Some((landing, registrable_domain(&host)))
    })
}

/// Top-level names reserved for examples and tests (RFC 2606, RFC 6761): in
/// no public-suffix list, never a real site's, and the fixture sites' own.
const RESERVED_TLDS: [&str; 2] = ["example", "test"];

/// The advertiser's address an ad shows as text ("uniqlo.com",
/// "brand.naver.com/"), as a landing page with its registrable domain: the
/// first word of the text that is a host name (letters, digits and hyphens
/// in dot-separated labels, under a known public suffix), a path after it
/// left out. Only for ads known to show it so (YouTube's, whose links are
/// scripts): running text holds other dotted words ("Node.js", "1.5x").
pub fn shown_address(text: &str) -> Option<(String, String)> {
    text.split_whitespace().find_map(|word| {
        let word = word.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | ';' | '·' | '"' | '\''));
        let host = word.split('/').next().unwrap_or_default().trim_end_matches('.').to_ascii_lowercase();
        let labels: Vec<&str> = host.split('.').collect();
        let label_ok = |l: &&str| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        };
        let suffix = labels.last()?;
        let is_host = labels.len() >= 2
            && labels.iter().all(label_ok)
            && suffix.chars().all(|c| c.is_ascii_alphabetic())
            && (RESERVED_TLDS.contains(suffix) || psl::suffix(host.as_bytes()).is_some_and(|s| s.is_known()));
        is_host.then(|| (format!("https://{host}/"), registrable_domain(&host)))
    })
}

fn without_fragment(url: &str) -> Option<Url> {
    let mut url = Url::parse(url).ok()?;
    url.set_fragment(None);
    Some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn google_click_links_decode_to_adurl() {
        let href =
            "https://googleads.g.doubleclick.net/aclk?sa=L&ai=x&adurl=https%3A%2F%2Fshop.example%2Fp%2F1%3Futm%3Dad";
        assert_eq!(landing_url(href).as_deref(), Some("https://shop.example/p/1?utm=ad"));
    }

    #[test]
    fn nested_redirects_are_followed() {
        let inner = "https%3A%2F%2Fad.doubleclick.net%2Fx%3Fadurl%3Dhttps%253A%252F%252Fbrand.example%252F";
        let href = format!("https://www.googleadservices.com/pagead/aclk?adurl={inner}");
        assert_eq!(landing_url(&href).as_deref(), Some("https://brand.example/"));
    }

    #[test]
    fn taboola_redir_and_plain_links() {
        let href = "http://trc.taboola.com/pub/log/3/click?redir=http%3A%2F%2Fshoe-deals.example%2F";
        assert_eq!(landing_url(href).as_deref(), Some("http://shoe-deals.example/"));
        assert_eq!(landing_url("https://brand.example/offer").as_deref(), Some("https://brand.example/offer"));
    }

    #[test]
    fn queries_encoded_in_the_path_and_publisher_counters_are_unwrapped() {
        let href = "https://adclick.g.doubleclick.net/pcs/click%253Fxai%253DAKA%2526sig%253DCg0%2526adurl%253Dhttps://www.myfmbank.com/";
        assert_eq!(landing_url(href).as_deref(), Some("https://www.myfmbank.com/"));
        let href = "https://adclick.g.doubleclick.net/pcs/click?xai=A&adurl=https://www.digitimes.com/clg.asp%3Fseq%3D6%26dcm_link%3Dhttps://www.digikey.com/p%253Fd%253D1";
        assert_eq!(landing_url(href).as_deref(), Some("https://www.digikey.com/p?d=1"));
    }

    #[test]
    fn ad_server_links_without_a_target_and_scripts_lead_nowhere() {
        assert_eq!(landing_url("https://adssettings.google.com/whythisad?x=1"), None);
        assert_eq!(landing_url("javascript:void(0)"), None);
        assert_eq!(landing_url("not a url"), None);
    }

    #[test]
    fn first_landing_skips_adchoices_links() {
        let links = vec![
            "https://adssettings.google.com/whythisad".to_owned(),
            "https://www.googleadservices.com/pagead/aclk?adurl=https://www.brand.co.uk/x".to_owned(),
        ];
        assert_eq!(first_landing(&links, ""), Some(("https://www.brand.co.uk/x".into(), "brand.co.uk".into())));
    }

    #[test]
    fn a_shown_address_is_the_first_host_name_in_the_text() {
        // As YouTube's player card shows them (the saved watch page's two ads).
        let card = "Sponsored 1 of 2 · 0:15 세탁세제 퍼울 brand.naver.com/ Skip";
        assert_eq!(shown_address(card), Some(("https://brand.naver.com/".into(), "naver.com".into())));
        assert_eq!(shown_address("유니클로 (uniqlo.com)").map(|(_, d)| d).as_deref(), Some("uniqlo.com"));
        assert_eq!(
            shown_address("Trail Runner X shop.example/p/trail").map(|(_, d)| d).as_deref(),
            Some("shop.example")
        );
        // Times, counts, version numbers and names are not addresses.
        let named = "Learn Node.js in a weekend · Sponsored · courses.example";
        assert_eq!(shown_address(named).map(|(_, d)| d).as_deref(), Some("courses.example"));
        for text in ["0:15 1.5x Skip", "Sponsored 2 of 2", "v1.2 release", "e.g. this", "-bad-.com", "a..b", "Vue.js"] {
            assert_eq!(shown_address(text), None, "{text}");
        }
    }

    #[test]
    fn a_link_back_to_the_page_is_no_landing_page() {
        let page = "https://news.example/diet-pills?id=1";
        let links = ["https://news.example/diet-pills?id=1#", "https://news.example/diet-pills?id=1"].map(String::from);
        assert_eq!(first_landing(&links, page), None);
        let elsewhere = ["https://news.example/diet-pills?id=2".to_owned()];
        assert_eq!(first_landing(&elsewhere, page).map(|(_, d)| d).as_deref(), Some("news.example"));
    }
}
