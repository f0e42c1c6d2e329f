//! Text clean-up shared by every rule that reads page text.

/// Lower-cases, trims and collapses runs of whitespace to one space, and cuts
/// the result at `max_chars` characters (never inside a character).
pub fn normalize(text: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max_chars * 4));
    let mut pending_space = false;
    let mut count = 0;
    for ch in text.chars().flat_map(char::to_lowercase) {
        if ch.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            if count + 1 >= max_chars {
                break;
            }
            out.push(' ');
            count += 1;
            pending_space = false;
        }
        if count >= max_chars {
            break;
        }
        out.push(ch);
        count += 1;
    }
    out
}

/// Cuts `text` to at most `max_chars` characters, keeping it valid UTF-8.
pub fn truncate(text: &str, max_chars: usize) -> &str {
    match text.char_indices().nth(max_chars) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_collapses_whitespace_and_lowercases() {
        assert_eq!(normalize("  Recommended \n\t FOR  you ", 100), "recommended for you");
    }

    #[test]
    fn normalize_respects_the_cap_on_multibyte_text() {
        assert_eq!(normalize("猜你喜欢猜你喜欢", 4), "猜你喜欢");
    }

    #[test]
    fn truncate_never_splits_a_character() {
        assert_eq!(truncate("żółw", 2), "żó");
        assert_eq!(truncate("ab", 5), "ab");
    }
}
