//! Product pages: what a shop page says it sells (schema.org `Product` in
//! JSON-LD or microdata, or OpenGraph `og:type=product`), and the local
//! memory of products the user viewed, which the retargeting detector reads.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domains::{host_of, registrable_domain};
use crate::text::truncate;

/// Most products remembered; the least recently viewed are forgotten first.
pub const MAX_PRODUCTS: usize = 5_000;
/// Longest field kept.
const MAX_FIELD_CHARS: usize = 300;

/// What a page gathered about a possible product, as raw page data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ProductHints {
    /// Texts of `<script type="application/ld+json">` blocks.
    pub json_ld: Vec<String>,
    /// `og:*` and `product:*` meta properties, name → content.
    pub meta: Vec<(String, String)>,
    /// `itemprop` → value inside a schema.org `Product` microdata item.
    pub microdata: Vec<(String, String)>,
    /// `<link rel="canonical">`.
    pub canonical: Option<String>,
}

/// A product as a shop page describes it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Product {
    /// Its name.
    pub name: String,
    /// Its brand.
    pub brand: Option<String>,
    /// The shop's stock-keeping unit.
    pub sku: Option<String>,
    /// A GTIN (EAN/UPC).
    pub gtin: Option<String>,
    /// Price as the page states it.
    pub price: Option<String>,
    /// ISO currency code.
    pub currency: Option<String>,
    /// Main image URL.
    pub image: Option<String>,
    /// Canonical URL of the product page.
    pub url: String,
    /// The shop (registrable domain of the page).
    pub shop: String,
}

/// The product a page describes, with notes about unreadable data.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Extraction {
    /// The product, if the page is a product page.
    pub product: Option<Product>,
    /// Problems met (broken JSON-LD…), for the log.
    pub notes: Vec<String>,
}

/// Reads the product a page describes. Sources in order of trust: JSON-LD,
/// microdata, OpenGraph.
pub fn extract(page_url: &str, hints: &ProductHints) -> Extraction {
    let mut notes = Vec::new();
    let shop = host_of(page_url).map(|h| registrable_domain(&h)).unwrap_or_default();
    let url = hints.canonical.clone().filter(|c| c.starts_with("http")).unwrap_or_else(|| page_url.to_owned());
    let mut product = None;
    for (i, block) in hints.json_ld.iter().enumerate() {
        match serde_json::from_str::<Value>(block) {
            Ok(value) => {
                if let Some(found) = find_product(&value, 0) {
                    product = from_json_ld(found);
                    break;
                }
            }
            Err(e) => notes.push(format!("JSON-LD block {i} unreadable: {e}")),
        }
    }
    let product = product.or_else(|| from_pairs(&hints.microdata, MICRODATA)).or_else(|| {
        let is_product = hints.meta.iter().any(|(k, v)| k == "og:type" && v.eq_ignore_ascii_case("product"));
        if is_product {
            from_pairs(&hints.meta, OPEN_GRAPH)
        } else {
            None
        }
    });
    let product = product.map(|p| Product { url: clip(&url), shop, ..p });
    Extraction { product, notes }
}

/// The schema.org type a product is read from. Every JSON-LD block the
/// engine can read a product from names it, so the scans send only those
/// ([`crate::plan::ScanPlan::json_ld_needs`]).
pub const PRODUCT_TYPE: &str = "Product";

/// Finds a `Product` object anywhere a JSON-LD document may put it
/// (top level, arrays, `@graph`), without unbounded recursion.
fn find_product(value: &Value, depth: usize) -> Option<&Value> {
    if depth > 6 {
        return None;
    }
    match value {
        Value::Array(items) => items.iter().find_map(|v| find_product(v, depth + 1)),
        Value::Object(map) => {
            let is_product = match map.get("@type") {
                Some(Value::String(t)) => {
                    t.strip_suffix(PRODUCT_TYPE).is_some_and(|rest| rest.is_empty() || rest.ends_with('/'))
                }
                Some(Value::Array(types)) => types.iter().any(|t| t.as_str() == Some(PRODUCT_TYPE)),
                _ => false,
            };
            if is_product {
                Some(value)
            } else {
                map.get("@graph").and_then(|g| find_product(g, depth + 1))
            }
        }
        _ => None,
    }
}

fn from_json_ld(v: &Value) -> Option<Product> {
    let name = text(v.get("name"))?;
    let offers = v.get("offers").map(|o| if let Value::Array(a) = o { a.first().unwrap_or(o) } else { o });
    let price = offers.and_then(|o| text(o.get("price")).or_else(|| text(o.get("lowPrice"))));
    let gtin = ["gtin13", "gtin", "gtin12", "gtin14", "gtin8"].iter().find_map(|k| text(v.get(*k)));
    Some(Product {
        name,
        brand: v.get("brand").and_then(|b| text(b.get("name")).or_else(|| text(Some(b)))),
        sku: text(v.get("sku")),
        gtin,
        price,
        currency: offers.and_then(|o| text(o.get("priceCurrency"))),
        image: v.get("image").and_then(|i| match i {
            Value::Array(a) => a.first().and_then(|x| text(Some(x)).or_else(|| text(x.get("url")))),
            other => text(Some(other)).or_else(|| text(other.get("url"))),
        }),
        ..Product::default()
    })
}

/// A JSON value as trimmed, clipped text (strings and numbers only).
fn text(v: Option<&Value>) -> Option<String> {
    let s = match v? {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!s.is_empty()).then(|| clip(&s))
}

fn clip(s: &str) -> String {
    truncate(s, MAX_FIELD_CHARS).to_owned()
}

/// Which key of a name → value list fills which field.
struct Keys {
    name: &'static [&'static str],
    brand: &'static [&'static str],
    sku: &'static [&'static str],
    gtin: &'static [&'static str],
    price: &'static [&'static str],
    currency: &'static [&'static str],
    image: &'static [&'static str],
}

const MICRODATA: Keys = Keys {
    name: &["name"],
    brand: &["brand"],
    sku: &["sku"],
    gtin: &["gtin13", "gtin", "gtin12", "gtin14", "gtin8"],
    price: &["price", "lowPrice"],
    currency: &["priceCurrency"],
    image: &["image"],
};

const OPEN_GRAPH: Keys = Keys {
    name: &["og:title"],
    brand: &["product:brand", "og:brand"],
    sku: &["product:retailer_item_id", "product:sku"],
    gtin: &["product:ean", "product:upc", "product:gtin"],
    price: &["product:price:amount", "og:price:amount"],
    currency: &["product:price:currency", "og:price:currency"],
    image: &["og:image"],
};

fn from_pairs(pairs: &[(String, String)], keys: Keys) -> Option<Product> {
    let get = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| pairs.iter().find(|(k, v)| k == n && !v.trim().is_empty()).map(|(_, v)| clip(v.trim())))
    };
    Some(Product {
        name: get(keys.name)?,
        brand: get(keys.brand),
        sku: get(keys.sku),
        gtin: get(keys.gtin),
        price: get(keys.price),
        currency: get(keys.currency),
        image: get(keys.image),
        ..Product::default()
    })
}

/// A product the user viewed, with when and how often.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ViewedProduct {
    /// The product.
    #[serde(flatten)]
    pub product: Product,
    /// First view, epoch milliseconds.
    pub first_seen: u64,
    /// Last view, epoch milliseconds.
    pub last_seen: u64,
    /// How many views.
    pub views: u32,
}

/// The products the user viewed, most recent last. Never leaves the device.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ProductMemory {
    /// Viewed products.
    pub products: Vec<ViewedProduct>,
}

impl ProductMemory {
    /// Remembers a view; the same product (same page URL) is counted again.
    pub fn record(&mut self, product: Product, time_ms: u64) {
        if let Some(known) = self.products.iter_mut().find(|p| p.product.url == product.url) {
            known.product = product;
            known.views = known.views.saturating_add(1);
            known.last_seen = known.last_seen.max(time_ms);
            known.first_seen = known.first_seen.min(time_ms);
            return;
        }
        if self.products.len() >= MAX_PRODUCTS {
            if let Some(oldest) = self.products.iter().enumerate().min_by_key(|(_, p)| p.last_seen).map(|(i, _)| i) {
                self.products.swap_remove(oldest);
            }
        }
        self.products.push(ViewedProduct { product, first_seen: time_ms, last_seen: time_ms, views: 1 });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "http://www.shop.example/product/trail-runner-x.html?ref=home";

    fn hints(json_ld: &[&str]) -> ProductHints {
        ProductHints { json_ld: json_ld.iter().map(|s| (*s).to_owned()).collect(), ..Default::default() }
    }

    #[test]
    fn json_ld_product_with_brand_offer_and_gtin() {
        let block = r#"{"@context": "https://schema.org", "@type": "Product", "name": "Trail Runner X",
            "brand": {"@type": "Brand", "name": "Stride"}, "sku": "TRX-42", "gtin13": "5901234123457",
            "image": ["http://shop.example/a.jpg"], "offers": {"price": 129.0, "priceCurrency": "EUR"}}"#;
        let p = extract(PAGE, &hints(&[block])).product.expect("a product");
        assert_eq!(
            (p.name.as_str(), p.brand.as_deref(), p.sku.as_deref(), p.gtin.as_deref()),
            ("Trail Runner X", Some("Stride"), Some("TRX-42"), Some("5901234123457"))
        );
        assert_eq!((p.price.as_deref(), p.currency.as_deref()), (Some("129.0"), Some("EUR")));
        assert_eq!((p.shop.as_str(), p.url.as_str()), ("shop.example", PAGE));
    }

    #[test]
    fn product_inside_a_graph_and_broken_blocks_are_noted() {
        let graph = r#"{"@graph": [{"@type": "WebPage"}, {"@type": ["Product"], "name": "Kurtka"}]}"#;
        let got = extract(PAGE, &hints(&["{ not json", graph]));
        assert_eq!(got.product.map(|p| p.name), Some("Kurtka".into()));
        assert_eq!(got.notes.len(), 1);
        assert!(got.notes[0].starts_with("JSON-LD block 0 unreadable"), "{:?}", got.notes);
    }

    #[test]
    fn open_graph_needs_og_type_product() {
        let mut h = ProductHints {
            meta: vec![("og:title".into(), "Headlamp 400".into()), ("product:price:amount".into(), "39".into())],
            canonical: Some("http://shop.example/headlamp".into()),
            ..Default::default()
        };
        assert!(extract(PAGE, &h).product.is_none(), "an article with og:title is not a product");
        h.meta.push(("og:type".into(), "product".into()));
        let p = extract(PAGE, &h).product.expect("product");
        assert_eq!((p.name.as_str(), p.url.as_str()), ("Headlamp 400", "http://shop.example/headlamp"));
    }

    #[test]
    fn pages_without_products_and_absurd_input() {
        assert!(extract(PAGE, &ProductHints::default()).product.is_none());
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let got = extract(PAGE, &hints(&[&deep, r#"{"@type": "Product"}"#]));
        assert!(got.product.is_none(), "a product needs a name");
    }

    #[test]
    fn memory_counts_views_and_forgets_the_oldest() {
        let mut memory = ProductMemory::default();
        let p = |url: &str| Product { name: "x".into(), url: url.into(), ..Default::default() };
        memory.record(p("http://a.example/1"), 10);
        memory.record(p("http://a.example/1"), 20);
        assert_eq!((memory.products[0].views, memory.products[0].last_seen), (2, 20));
        for i in 0..MAX_PRODUCTS {
            memory.record(p(&format!("http://b.example/{i}")), 100 + i as u64);
        }
        assert_eq!(memory.products.len(), MAX_PRODUCTS);
        assert!(memory.products.iter().all(|v| v.product.url != "http://a.example/1"));
    }
}
