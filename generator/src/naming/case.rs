//! Case conversion of names, as heck does it, without heck's cost for plain words.
//!
//! heck splits a name into words at every non-alphanumeric character and converts each word
//! on its own; it writes every character through `fmt`, some 5,000 instructions a name,
//! which made naming 5% of a whole run. Most words in specs are plain (`status`,
//! `createdAt`, `Workspace`): for those the result is evident and is built directly; any
//! other word goes to heck. A test holds the two to the same output over every short string
//! of every character class.

use heck::{ToPascalCase, ToSnakeCase};

/// `words` (ASCII letters and digits separated by spaces) in PascalCase.
pub fn pascal(words: &str) -> String {
    let mut out = String::with_capacity(words.len());
    for word in words.split(' ').filter(|w| !w.is_empty()) {
        let (first, rest) = word.split_at(1);
        match shape(word) {
            Shape::Humps => {
                out.push_str(&first.to_ascii_uppercase());
                out.push_str(rest);
            }
            Shape::Caps => {
                out.push_str(first);
                out.push_str(&rest.to_ascii_lowercase());
            }
            Shape::Other => out.push_str(&word.to_pascal_case()),
        }
    }
    out
}

/// `words` (ASCII letters and digits separated by spaces) in snake_case.
pub fn snake(words: &str) -> String {
    let mut out = String::with_capacity(words.len() + 4);
    for word in words.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push('_');
        }
        match shape(word) {
            Shape::Humps => {
                for (i, c) in word.char_indices() {
                    if i > 0 && c.is_ascii_uppercase() {
                        out.push('_');
                    }
                    out.push(c.to_ascii_lowercase());
                }
            }
            Shape::Caps => out.push_str(&word.to_ascii_lowercase()),
            Shape::Other => out.push_str(&word.to_snake_case()),
        }
    }
    out
}

/// The two shapes of word whose conversion is plain to see:
/// - `Shape::Humps`: it starts with a letter, and every later capital stands next to a
///   lowercase letter (`status`, `createdAt`, `WorkspaceBuild`): heck breaks it before each
///   later capital, so PascalCase is the word with its first letter capitalised, and
///   snake_case puts `_` before each later capital and lowercases it;
/// - `Shape::Caps`: a capital letter, then only capitals and digits (`ID`, `UUID`, `V2`):
///   one word for heck, so PascalCase keeps the first letter and lowercases the rest.
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    Humps,
    Caps,
    Other,
}

fn shape(word: &str) -> Shape {
    let bytes = word.as_bytes();
    let lower_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_lowercase);
    match bytes.first() {
        Some(b'A'..=b'Z') if bytes[1..].iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) => Shape::Caps,
        Some(first) if first.is_ascii_alphabetic()
            && (1..bytes.len()).all(|i| match bytes[i] {
                b'a'..=b'z' | b'0'..=b'9' => true,
                b'A'..=b'Z' => lower_at(i - 1) || lower_at(i + 1),
                _ => false,
            }) => Shape::Humps,
        _ => Shape::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string up to `len` characters over one character of each class the rules tell
    /// apart (lowercase, capital, digit, separator), and a second of each letter class.
    fn all_words(len: usize) -> Vec<String> {
        const ALPHABET: [char; 6] = ['a', 'b', 'X', 'Y', '7', ' '];
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..len {
            last = last.iter().flat_map(|s| ALPHABET.iter().map(move |c| format!("{s}{c}"))).collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    #[test]
    fn plain_words_convert_as_heck_converts_them() {
        for words in all_words(6) {
            assert_eq!(pascal(&words), words.to_pascal_case(), "PascalCase of {words:?}");
            assert_eq!(snake(&words), words.to_snake_case(), "snake_case of {words:?}");
        }
    }

    #[test]
    fn plain_words_skip_heck_and_others_do_not() {
        assert!(["status", "createdAt", "Workspace", "WorkspaceBuild", "v2", "aB"].iter().all(|w| shape(w) == Shape::Humps));
        assert!(["ID", "UUID", "V2", "X"].iter().all(|w| shape(w) == Shape::Caps));
        assert!(["HTTPServer", "userID", "2fa", "a1BC"].iter().all(|w| shape(w) == Shape::Other));
        assert_eq!(snake("workspace createdAt"), "workspace_created_at");
        assert_eq!(pascal("codersdk WorkspaceBuild status"), "CodersdkWorkspaceBuildStatus");
    }
}
