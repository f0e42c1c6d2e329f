//! What a saved page says about a product it sells (JSON-LD, product meta
//! tags, microdata, its canonical URL), gathered as the content script does
//! (`extension/content/scan.js`, `productHints`); the engine reads them
//! (`crate::products`). Native only.

use scraper::{Html, Selector};
use url::Url;

use crate::html_text::visible_text;
use crate::plan::ScanPlan;
use crate::products::ProductHints;

/// What the page says about a product, gathered as the content script does.
pub(crate) fn product_hints(doc: &Html, plan: &ScanPlan, base: Option<&Url>) -> ProductHints {
    let limits = &plan.limits;
    let select = |css: &str| Selector::parse(css).ok();
    let json_ld = select(plan.json_ld_selector)
        .map(|s| {
            doc.select(&s)
                .take(limits.max_json_ld_scripts)
                .map(|el| el.text().collect::<String>().chars().take(limits.max_json_ld_chars).collect::<String>())
                .filter(|block| block.contains(plan.json_ld_needs))
                .take(limits.max_json_ld_blocks)
                .collect()
        })
        .unwrap_or_default();
    let meta = select(plan.product_meta_selector)
        .map(|s| {
            doc.select(&s)
                .take(limits.max_product_properties)
                .filter_map(|m| {
                    let name = m.value().attr("property").or_else(|| m.value().attr("name"))?;
                    Some((name.to_owned(), m.value().attr("content").unwrap_or_default().to_owned()))
                })
                .collect()
        })
        .unwrap_or_default();
    let microdata = match (select(plan.microdata_product_selector), select("[itemprop]")) {
        (Some(item), Some(props)) => doc
            .select(&item)
            .next()
            .map(|item| {
                item.select(&props)
                    .take(limits.max_product_properties)
                    .filter_map(|p| {
                        let name = p.value().attr("itemprop")?;
                        let value = p
                            .value()
                            .attr("content")
                            .map(str::to_owned)
                            .unwrap_or_else(|| visible_text(p, limits.max_heading_chars));
                        Some((name.to_owned(), value))
                    })
                    .collect()
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let canonical = select("link[rel=\"canonical\"]")
        .and_then(|s| doc.select(&s).next())
        .and_then(|l| l.value().attr("href"))
        .and_then(|href| match base {
            Some(base) => base.join(href).ok(),
            None => Url::parse(href).ok(),
        })
        .map(String::from);
    ProductHints { json_ld, meta, microdata, canonical }
}

#[cfg(test)]
mod tests {
    use crate::html_scan::snapshot_from_html;
    use crate::plan::ScanPlan;

    #[test]
    fn only_json_ld_that_can_name_a_product_is_taken() {
        let html = r#"<html><head>
            <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Trail running"}</script>
            <script type="application/ld+json">{"@type": "Product", "name": "Trail Runner X"}</script>
            </head><body></body></html>"#;
        let snapshot = snapshot_from_html(html, "https://shop.example/p", &ScanPlan::build(), None);
        assert_eq!(snapshot.product_hints.json_ld, vec![r#"{"@type": "Product", "name": "Trail Runner X"}"#]);
    }
}
