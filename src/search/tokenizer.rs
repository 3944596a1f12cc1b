//! The analyser ([`super::analyze`]) as a tantivy tokenizer, so the index writer's own
//! threads analyse each page's text while they index it: documents carry plain text,
//! and no token list is built, serialised and parsed again per page.
//!
//! Every clone keeps its own stem cache and, when dropped, adds it to the site's word
//! list (word → stem) shared by all clones. tantivy drops its clones when it finishes
//! a segment, so after the writer's commit the shared list holds every indexed word.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::analyze::{Analyzer, Words, normalize_into, words};

/// The name the tokenizer is registered under (in the schema's text fields).
pub const NAME: &str = "guidebook";

/// The site's word list, filled by the tokenizer's clones as they are dropped.
pub type WordList = Arc<Mutex<HashMap<String, String>>>;

/// Tokenizes as [`Analyzer::analyze`] does: stems as token text, word numbers
/// (counting stop words) as positions, byte offsets in the text.
pub struct PageTokenizer {
    analyzer: Analyzer,
    words: WordList,
}

impl PageTokenizer {
    pub fn new(words: WordList) -> PageTokenizer {
        PageTokenizer {
            analyzer: Analyzer::new(),
            words,
        }
    }
}

impl Clone for PageTokenizer {
    fn clone(&self) -> Self {
        PageTokenizer::new(Arc::clone(&self.words))
    }
}

impl Drop for PageTokenizer {
    fn drop(&mut self) {
        let mut words = self.words.lock().unwrap_or_else(|e| e.into_inner());
        self.analyzer.drain_words_into(&mut words);
    }
}

impl Tokenizer for PageTokenizer {
    type TokenStream<'a> = PageTokens<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PageTokens<'a> {
        PageTokens {
            text,
            words: words(text),
            position: 0,
            surface: String::new(),
            token: Token::default(),
            analyzer: &mut self.analyzer,
        }
    }
}

/// The tokens of one text.
pub struct PageTokens<'a> {
    text: &'a str,
    words: Words<'a>,
    /// The number of the next word.
    position: usize,
    surface: String,
    token: Token,
    analyzer: &'a mut Analyzer,
}

impl TokenStream for PageTokens<'_> {
    fn advance(&mut self) -> bool {
        for (start, end) in self.words.by_ref() {
            let position = self.position;
            self.position += 1;
            self.surface.clear();
            normalize_into(&self.text[start..end], &mut self.surface);
            self.token.text.clear();
            if !self.analyzer.stem_into(&self.surface, &mut self.token.text) {
                continue;
            }
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.token.position = position;
            self.token.position_length = 1;
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::analyze::Token as Word;

    /// The tokenizer yields exactly what the analyser does, and fills the word list.
    #[test]
    fn tokens_match_the_analyser() {
        let text = "Who do I contact about Export-Licences? Café ÆTHER, and the export licence";
        let mut expected: Vec<Word> = Vec::new();
        Analyzer::new().analyze(text, &mut expected);
        let list = WordList::default();
        let mut tokenizer = PageTokenizer::new(Arc::clone(&list));
        let mut got = Vec::new();
        let mut stream = tokenizer.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            got.push((
                t.text.clone(),
                t.position as u32,
                t.offset_from,
                t.offset_to,
            ));
        }
        let want: Vec<(String, u32, usize, usize)> = expected
            .iter()
            .map(|w| (w.stem.clone(), w.position, w.start, w.end))
            .collect();
        assert_eq!(got, want);
        drop(tokenizer);
        let list = list.lock().unwrap();
        assert_eq!(list.get("licences").map(String::as_str), Some("licens"));
        assert_eq!(list.get("aether").map(String::as_str), Some("aether"));
        assert!(
            !list.contains_key("the"),
            "stop words are not in the word list"
        );
    }
}
