//! Label phrases that introduce ads and recommendation widgets, in seven
//! languages, as versioned data (seeded from DOMAIN.md; ✓ there = seen live).

use serde::Serialize;

use crate::text::normalize;

/// Bumped whenever a phrase is added, removed or changed.
pub const LEXICON_VERSION: u32 = 3;

/// What a label phrase says about the item it introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PhraseHint {
    /// "Recommended for you": picked from a profile of the user.
    Behavioural,
    /// "Recently viewed": things the user looked at before.
    Retargeted,
    /// "Customers who viewed this also viewed": about this page's item.
    Contextual,
    /// "Trending", "Top sellers": the same for everyone.
    Generic,
    /// "You may also like", "Around the web": a recommendation widget, with
    /// no word on how its items are picked (the evidence decides).
    Widget,
    /// "Sponsored", "Advertisement": says it is an ad, not why.
    AdMarker,
}

/// How a phrase must appear in a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// The label contains the phrase (long, unambiguous phrases).
    Contains,
    /// The label is the phrase and nothing else (short words like "Ad").
    Whole,
}

/// One phrase of the lexicon, stored lower-case.
#[derive(Debug, Clone, Copy)]
pub struct Phrase {
    /// The phrase, lower-case, single-spaced.
    pub text: &'static str,
    /// BCP 47 language tag.
    pub lang: &'static str,
    /// What it implies.
    pub hint: PhraseHint,
    /// How it must appear.
    pub fit: Fit,
}

/// A phrase found in a label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PhraseMatch {
    /// The phrase as stored.
    pub phrase: &'static str,
    /// Its language.
    pub lang: &'static str,
    /// What it implies.
    pub hint: PhraseHint,
    /// The label as the page writes it ("Around The Web"): single-spaced,
    /// without the trailing punctuation the match ignores. What the user
    /// sees, where `phrase` is the lexicon's key.
    pub heading: String,
}

/// The ad markers ("Sponsored", "Anzeige", "广告"…) that, as the whole
/// text of a small element, mark the item they sit in, whatever the
/// element's classes. Bare "ad" is left out: as a whole text it is also an
/// era ("AD 1066") or an abbreviation.
pub fn text_markers() -> Vec<&'static str> {
    PHRASES.iter().filter(|p| p.hint == PhraseHint::AdMarker && p.text != "ad").map(|p| p.text).collect()
}

const fn p(text: &'static str, lang: &'static str, hint: PhraseHint, fit: Fit) -> Phrase {
    Phrase { text, lang, hint, fit }
}

use Fit::{Contains as C, Whole as W};
use PhraseHint::{AdMarker as A, Behavioural as B, Contextual as X, Generic as G, Retargeted as R, Widget as N};

/// The phrases. Longer, more specific phrases come first within a language
/// so that "inspired by your browsing history" wins over shorter overlaps.
pub const PHRASES: &[Phrase] = &[
    // English
    p("customers who viewed this item also viewed", "en", X, C),
    p("customers who bought this item also bought", "en", X, C),
    p("frequently bought together", "en", X, C),
    p("products related to this item", "en", X, C),
    p("similar to this", "en", X, C),
    p("customers also viewed", "en", X, C),
    p("customers also bought", "en", X, C),
    p("related products", "en", X, W),
    p("related articles", "en", X, W),
    p("related stories", "en", X, W),
    p("similar items", "en", X, W),
    p("inspired by your browsing history", "en", B, C),
    p("inspired by your shopping trends", "en", B, C),
    p("recommended for you", "en", B, C),
    p("just for you", "en", B, C),
    p("picked for you", "en", B, C),
    p("based on your browsing history", "en", B, C),
    p("more for you", "en", B, W),
    p("recently viewed", "en", R, C),
    p("take another look", "en", R, C),
    p("your browsing history", "en", R, C),
    p("still interested?", "en", R, C),
    p("pick up where you left off", "en", R, C),
    p("popular right now", "en", G, C),
    p("most popular", "en", G, W),
    p("most read", "en", G, W),
    // Seen on the saved real pages (bbc.com, breitbart.com, msn.com,
    // kotaku.com, tmz.com): a widget, with no word on how it picks.
    p("you may also like", "en", N, C),
    p("you might also like", "en", N, C),
    p("you may like", "en", N, W),
    p("you might like", "en", N, W),
    p("we recommend", "en", N, W),
    p("recommended", "en", N, W),
    p("around the web", "en", N, W),
    p("from around the web", "en", N, W),
    p("from the web", "en", N, W),
    p("top sellers", "en", G, C),
    p("best sellers", "en", G, C),
    p("trending", "en", G, W),
    p("trending now", "en", G, W),
    p("sponsored", "en", A, W),
    p("sponsored products", "en", A, W),
    p("advertisement", "en", A, W),
    p("ad", "en", A, W),
    p("promoted", "en", A, W),
    p("sponsored links", "en", A, W),
    p("promoted links", "en", A, W),
    p("promoted stories", "en", A, W),
    p("sponsored content", "en", A, W),
    p("promoted content", "en", A, W),
    p("paid content", "en", A, W),
    p("paid post", "en", A, W),
    p("paid partner", "en", A, W),
    // Polish
    p("klienci, którzy oglądali ten produkt, oglądali również", "pl", X, C),
    p("często kupowane razem", "pl", X, C),
    p("podobne produkty", "pl", X, C),
    p("podobne artykuły", "pl", X, W),
    p("polecane dla ciebie", "pl", B, C),
    p("więcej dla ciebie", "pl", B, W),
    p("ostatnio oglądane", "pl", R, C),
    p("może ci się spodobać", "pl", N, C),
    p("polecamy", "pl", N, W),
    p("najczęściej czytane", "pl", G, W),
    p("popularne", "pl", G, W),
    p("bestsellery", "pl", G, W),
    p("sponsorowane", "pl", A, W),
    p("reklama", "pl", A, W),
    p("linki sponsorowane", "pl", A, W),
    p("artykuł sponsorowany", "pl", A, W),
    p("materiał sponsorowany", "pl", A, W),
    // German
    p("kunden, die diesen artikel angesehen haben, haben auch angesehen", "de", X, C),
    p("wird oft zusammen gekauft", "de", X, C),
    p("ähnliche produkte", "de", X, W),
    p("ähnliche artikel", "de", X, W),
    p("empfohlen für sie", "de", B, C),
    p("empfehlungen für sie", "de", B, C),
    p("mehr für dich", "de", B, W),
    p("zuletzt angesehen", "de", R, C),
    p("topverkäufe", "de", G, W),
    p("das könnte sie auch interessieren", "de", N, C),
    p("das könnte dich auch interessieren", "de", N, C),
    p("meistgelesen", "de", G, W),
    p("gesponsert", "de", A, W),
    p("anzeige", "de", A, W),
    p("werbung", "de", A, W),
    p("gesponserte links", "de", A, W),
    // French
    p("les clients ayant consulté cet article ont également regardé", "fr", X, C),
    p("produits similaires", "fr", X, W),
    p("sur le même sujet", "fr", X, W),
    p("recommandé selon votre navigation", "fr", B, C),
    p("recommandé pour vous", "fr", B, C),
    p("plus pour vous", "fr", B, W),
    p("vus récemment", "fr", R, C),
    p("meilleures ventes", "fr", G, C),
    p("tendances", "fr", G, W),
    p("vous aimerez aussi", "fr", N, C),
    p("vous aimerez peut-être aussi", "fr", N, C),
    p("vous pourriez aussi aimer", "fr", N, C),
    p("les plus lus", "fr", G, W),
    p("sponsorisé", "fr", A, W),
    p("publicité", "fr", A, W),
    p("liens sponsorisés", "fr", A, W),
    p("contenu sponsorisé", "fr", A, W),
    // Spanish
    p("los clientes que vieron este producto también vieron", "es", X, C),
    p("productos relacionados", "es", X, W),
    p("noticias relacionadas", "es", X, W),
    p("recomendado para ti", "es", B, C),
    p("más para ti", "es", B, W),
    p("vistos recientemente", "es", R, C),
    p("más vendidos", "es", G, C),
    p("te puede interesar", "es", N, C),
    p("te podría interesar", "es", N, C),
    p("lo más leído", "es", G, W),
    p("patrocinado", "es", A, W),
    p("publicidad", "es", A, W),
    p("enlaces patrocinados", "es", A, W),
    p("contenido patrocinado", "es", A, W),
    // Chinese (Simplified)
    p("看了又看", "zh", X, C),
    p("相关推荐", "zh", X, C),
    p("相关商品", "zh", X, W),
    p("相关文章", "zh", X, W),
    p("猜你喜欢", "zh", B, C),
    p("为你推荐", "zh", B, C),
    p("最近浏览", "zh", R, C),
    p("浏览记录", "zh", R, C),
    p("热销", "zh", G, W),
    p("热门", "zh", G, W),
    p("你可能还喜欢", "zh", N, C),
    p("你可能也喜欢", "zh", N, C),
    p("推荐阅读", "zh", N, W),
    p("广告", "zh", A, W),
    p("赞助", "zh", A, W),
    p("推广", "zh", A, W),
    p("赞助内容", "zh", A, W),
    // Japanese
    p("この商品をチェックした人はこんな商品もチェックしています", "ja", X, C),
    p("よく一緒に購入されている商品", "ja", X, C),
    p("関連商品", "ja", X, W),
    p("関連記事", "ja", X, W),
    p("閲覧履歴に基づくおすすめ", "ja", B, C),
    p("あなたにおすすめ", "ja", B, C),
    p("最近チェックした商品", "ja", R, C),
    p("人気", "ja", G, W),
    p("ランキング", "ja", G, W),
    p("こちらもおすすめ", "ja", N, C),
    p("広告", "ja", A, W),
    p("スポンサー", "ja", A, W),
    p("プロモーション", "ja", A, W),
];

/// Longest label text worth matching; longer text is content, not a label.
pub const MAX_LABEL_CHARS: usize = 120;

/// Finds the phrase a label says, if any. Labels longer than
/// [`MAX_LABEL_CHARS`] are not labels and never match.
pub fn match_label(label: &str) -> Option<PhraseMatch> {
    if label.chars().count() > MAX_LABEL_CHARS {
        return None;
    }
    let norm = normalize(label, MAX_LABEL_CHARS);
    let norm = norm.trim_end_matches(LABEL_END).trim();
    PHRASES
        .iter()
        .find(|ph| match ph.fit {
            Fit::Whole => norm == ph.text,
            Fit::Contains => norm.contains(ph.text),
        })
        .map(|ph| PhraseMatch { phrase: ph.text, lang: ph.lang, hint: ph.hint, heading: as_written(label) })
}

/// Punctuation a label may end with ("Sponsored:", "More »"), not part of it.
const LABEL_END: [char; 6] = [':', '.', '!', '›', '»', '>'];

/// A label single-spaced and without its trailing punctuation, its case
/// kept.
fn as_written(label: &str) -> String {
    let spaced = label.split_whitespace().collect::<Vec<_>>().join(" ");
    spaced.trim_end_matches(LABEL_END).trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(label: &str) -> Option<(PhraseHint, &'static str)> {
        match_label(label).map(|m| (m.hint, m.lang))
    }

    #[test]
    fn matches_phrases_in_three_scripts() {
        assert_eq!(hint("Recommended for you"), Some((PhraseHint::Behavioural, "en")));
        assert_eq!(hint("  Ostatnio  OGLĄDANE "), Some((PhraseHint::Retargeted, "pl")));
        assert_eq!(hint("猜你喜欢"), Some((PhraseHint::Behavioural, "zh")));
        assert_eq!(hint("看了又看"), Some((PhraseHint::Contextual, "zh")));
    }

    #[test]
    fn headings_seen_on_real_pages_and_their_equivalents() {
        assert_eq!(hint("You may also like"), Some((PhraseHint::Widget, "en")));
        assert_eq!(hint("You Might Also Like"), Some((PhraseHint::Widget, "en")));
        assert_eq!(hint("Around The Web"), Some((PhraseHint::Widget, "en")));
        assert_eq!(hint("Sponsored Links"), Some((PhraseHint::AdMarker, "en")));
        assert_eq!(hint("Recommended"), Some((PhraseHint::Widget, "en")));
        assert_eq!(hint("Recommended for you"), Some((PhraseHint::Behavioural, "en")), "the longer phrase wins");
        assert_eq!(hint("Based on your browsing history"), Some((PhraseHint::Behavioural, "en")));
        // msn.com's Taboola feed; its equivalents, as whole headings only.
        assert_eq!(hint("MORE FOR YOU"), Some((PhraseHint::Behavioural, "en")));
        assert_eq!(hint("Więcej dla Ciebie"), Some((PhraseHint::Behavioural, "pl")));
        assert_eq!(hint("Mehr für dich"), Some((PhraseHint::Behavioural, "de")));
        assert_eq!(hint("Plus pour vous"), Some((PhraseHint::Behavioural, "fr")));
        assert_eq!(hint("Más para ti"), Some((PhraseHint::Behavioural, "es")));
        assert_eq!(hint("More for you to love this winter"), None);
        assert_eq!(hint("Może Ci się spodobać"), Some((PhraseHint::Widget, "pl")));
        assert_eq!(hint("Das könnte Sie auch interessieren"), Some((PhraseHint::Widget, "de")));
        assert_eq!(hint("Vous aimerez peut-être aussi"), Some((PhraseHint::Widget, "fr")));
        assert_eq!(hint("También te puede interesar"), Some((PhraseHint::Widget, "es")));
        assert_eq!(hint("你可能还喜欢"), Some((PhraseHint::Widget, "zh")));
        assert_eq!(hint("推广"), Some((PhraseHint::AdMarker, "zh")));
        assert_eq!(hint("こちらもおすすめ"), Some((PhraseHint::Widget, "ja")));
        // Short ones must be the whole label, not words in a headline.
        assert_eq!(hint("Why the most recommended shoes fail"), None);
        assert_eq!(hint("Paid post office workers strike"), None);
    }

    #[test]
    fn keeps_the_label_as_the_page_writes_it() {
        let heading = |label: &str| match_label(label).map(|m| (m.phrase, m.heading));
        assert_eq!(heading("  Around The\n  Web "), Some(("around the web", "Around The Web".to_owned())));
        assert_eq!(heading("MOST POPULAR:"), Some(("most popular", "MOST POPULAR".to_owned())));
        assert_eq!(heading("Ostatnio  OGLĄDANE »"), Some(("ostatnio oglądane", "Ostatnio OGLĄDANE".to_owned())));
        assert_eq!(heading("猜你喜欢"), Some(("猜你喜欢", "猜你喜欢".to_owned())));
    }

    #[test]
    fn short_markers_must_be_the_whole_label() {
        assert_eq!(hint("Ad"), Some((PhraseHint::AdMarker, "en")));
        assert_eq!(hint("Sponsored:"), Some((PhraseHint::AdMarker, "en")));
        assert_eq!(hint("Add to cart"), None);
        assert_eq!(hint("Our sponsored content policy explained"), None);
    }

    #[test]
    fn long_text_is_not_a_label() {
        let long = format!("recommended for you {}", "word ".repeat(40));
        assert_eq!(hint(&long), None);
    }

    #[test]
    fn phrases_are_stored_normalized() {
        for ph in PHRASES {
            assert_eq!(normalize(ph.text, 500), ph.text, "{}", ph.text);
        }
    }
}
