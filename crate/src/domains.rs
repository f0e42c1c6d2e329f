//! Registrable domains ("eTLD+1") from the public-suffix list, and the
//! first-party/third-party question that depends on them.

use url::Url;

/// The registrable domain of a host (`news.bbc.co.uk` → `bbc.co.uk`), or the
/// host itself when it has none (IP addresses, `localhost`, bare suffixes).
pub fn registrable_domain(host: &str) -> String {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if host.trim_start_matches('[').trim_end_matches(']').parse::<std::net::IpAddr>().is_ok() {
        return host;
    }
    match psl::domain_str(&host) {
        Some(domain) => domain.to_owned(),
        None => host,
    }
}

/// The host of an absolute URL, lower-case; `None` if it has none.
pub fn host_of(url: &str) -> Option<String> {
    Url::parse(url).ok()?.host_str().map(str::to_ascii_lowercase)
}

/// Whether a request to `request_host` made by a page on `page_host` goes to
/// another site. An unknown page (empty host) makes every request third-party.
pub fn is_third_party(request_host: &str, page_host: &str) -> bool {
    page_host.is_empty() || registrable_domain(request_host) != registrable_domain(page_host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registrable_domain_follows_the_public_suffix_list() {
        assert_eq!(registrable_domain("news.bbc.co.uk"), "bbc.co.uk");
        assert_eq!(registrable_domain("static.criteo.net"), "criteo.net");
        assert_eq!(registrable_domain("shop.example"), "shop.example");
        assert_eq!(registrable_domain("foo.github.io"), "foo.github.io");
        assert_eq!(registrable_domain("127.0.0.1"), "127.0.0.1");
        assert_eq!(registrable_domain("[::1]"), "[::1]");
    }

    #[test]
    fn same_site_subdomains_are_first_party() {
        assert!(!is_third_party("img.shop.example", "www.shop.example"));
        assert!(is_third_party("static.criteo.net", "shop.example"));
        assert!(is_third_party("a.example", ""));
    }

    #[test]
    fn host_of_handles_garbage() {
        assert_eq!(host_of("https://WWW.Example.com/x"), Some("www.example.com".into()));
        assert_eq!(host_of("not a url"), None);
        assert_eq!(host_of("data:text/plain,hi"), None);
    }
}
