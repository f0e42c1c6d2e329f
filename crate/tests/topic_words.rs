//! Topic words against the common words of the seven languages: a word
//! folded into another language's common word ("thé" → "the"), a stem
//! reaching into words of other meanings ("déco*" → "découvrez"), one word
//! found by two entries.

use adlens::topical::ITEM_MIN_SCORE;
use adlens::topics::TopicMatcher;

fn top(text: &str, lang: Option<&str>) -> Option<String> {
    TopicMatcher::new().topics_of(text, lang).top().map(|t| t.topic.clone())
}

#[test]
fn a_word_that_folds_into_a_common_word_keeps_its_accents() {
    // "thé" folded is "the": every English ad would be about tea.
    assert_eq!(top("Get the best deal of the year on the new model", Some("en")), None);
    assert_eq!(top("The offer of the week, the price of the month", None), None);
    assert_eq!(top("Te esperamos: te lo contamos todo", Some("es")), None);
    assert_eq!(top("Ile kosztuje ile razy", Some("pl")), None);
    assert_eq!(top("El sol de la tarde", Some("es")), None);
    // With its accents it is still the word.
    assert_eq!(top("Un thé vert, un café et une pâtisserie", Some("fr")).as_deref(), Some("food_drink"));
    assert_eq!(top("Té verde con una receta de chocolate", Some("es")).as_deref(), Some("food_drink"));
    // Written decomposed (e + combining acute), as some pages are.
    let decomposed = TopicMatcher::new().topics_of("Un the\u{301} vert et une pâtisserie", Some("fr"));
    assert_eq!(decomposed.top().map(|t| t.words.len()), Some(2), "{decomposed:?}");
    let words = TopicMatcher::new().topics_of("Une île, des îles: vacances au soleil", Some("fr"));
    assert_eq!(
        words.top().map(|t| (t.topic.as_str(), t.words.clone())),
        Some(("travel", vec!["île".into(), "îles".into(), "vacances".into()]))
    );
}

#[test]
fn stems_do_not_reach_into_common_words_of_the_same_spelling() {
    let topics = |text: &str, lang: &str| -> Vec<String> {
        TopicMatcher::new().topics_of(text, Some(lang)).topics.into_iter().map(|t| t.topic).collect()
    };
    for (text, lang, not) in [
        ("Découvrez nos offres de la semaine", "fr", "home_garden"),
        ("Livré en 24 h, livraison offerte", "fr", "books"),
        ("Tentez votre chance au grand jeu", "fr", "outdoors"),
        ("Robert a pris la parole", "fr", "style_fashion"),
        ("Un prétexte pour être prête à temps", "fr", "personal_finance"),
        ("Hundert Euro sparen, jetzt", "de", "pets"),
        ("Das Wetter heute und morgen", "de", "gambling"),
        ("Kuchen zum Kaffee", "de", "home_garden"),
        ("Wir kriegen das hin", "de", "news_politics"),
        ("Duży wybór kolorów", "pl", "news_politics"),
        ("Rzadko spotykane okazje", "pl", "news_politics"),
        ("Rosół na kościach", "pl", "religion"),
        ("Our condolences to the family", "en", "real_estate"),
        ("The villain returns in the sequel", "en", "travel"),
        ("A hedge fund bets on rates", "en", "home_garden"),
        ("Odds are you will love it", "en", "gambling"),
        ("Book one of the last time slots", "en", "gambling"),
        ("Mamy dla ciebie nowe oferty", "pl", "family_parenting"),
        ("Prom night dresses on sale", "en", "travel"),
    ] {
        assert!(!topics(text, lang).contains(&not.to_owned()), "{text}: {:?}", topics(text, lang));
    }
    // French "chef" is a head of anything: only the English word counts,
    // at a foreign word's weight, too little to make an item about food.
    let chef = TopicMatcher::new().topics_of("Le chef de l'État a parlé", Some("fr"));
    assert!(chef.topics.iter().all(|t| t.score < ITEM_MIN_SCORE), "{chef:?}");
    for (text, lang, topic) in [
        ("Neue Küchen und Möbel", "de", "home_garden"),
        ("Sportwetten und Wetten", "de", "gambling"),
        ("Der Krieg und die Kriegsfolgen", "de", "news_politics"),
        ("Hunde und Welpen", "de", "pets"),
        ("Wybory: rząd i wyborcza kampania", "pl", "news_politics"),
        ("Msza w kościele", "pl", "religion"),
        ("Un livre et des romans", "fr", "books"),
        ("Décoration et déco", "fr", "home_garden"),
        ("Une tente pour le camping", "fr", "outdoors"),
        ("Condos and apartments for rent", "en", "real_estate"),
        ("A villa by the beach", "en", "travel"),
        ("Place a bet on the match: betting odds and online slots", "en", "gambling"),
    ] {
        assert_eq!(topics(text, lang).first().map(String::as_str), Some(topic), "{text}");
    }
}

#[test]
fn a_word_found_by_two_entries_counts_once() {
    // "chef" is a whole word in Spanish and a stem ("chef*") in English.
    let chef = TopicMatcher::new().topics_of("Our chef", Some("en"));
    assert_eq!(chef.top().map(|t| (t.topic.as_str(), t.score)), Some(("food_drink", 1.0)));
}
