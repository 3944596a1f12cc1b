//! The analyser ([`super::analyze`]) as a tantivy tokenizer, so the index writer's own
//! threads analyse each page's text while they index it: documents carry plain text,
//! and no token list is built, serialised and parsed again per page.
//!
//! Every clone keeps its own stem cache and, when dropped, adds it to the site's word
//! list (word → stem) shared by all clones. tantivy drops its clones when it finishes
//! a segment, so after the writer's commit the shared list holds every indexed word.
//!
//! Each text of a page is indexed twice, in its scored field and in `phrase`, and
//! both times by the same indexing thread (tantivy indexes a document on one thread).
//! So the first pass keeps the text's tokens for its thread ([`Replays`]), and the
//! second replays them instead of analysing the text again.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use thread_local::ThreadLocal;

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
    /// Shared by every clone; each indexing thread has its own.
    replays: Arc<ThreadLocal<RefCell<Replays>>>,
}

impl PageTokenizer {
    pub fn new(words: WordList) -> PageTokenizer {
        PageTokenizer {
            analyzer: Analyzer::new(),
            words,
            replays: Arc::default(),
        }
    }
}

impl Clone for PageTokenizer {
    fn clone(&self) -> Self {
        PageTokenizer {
            analyzer: Analyzer::new(),
            words: Arc::clone(&self.words),
            replays: Arc::clone(&self.replays),
        }
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
        let replays = self.replays.get_or_default();
        let source = match replays.borrow_mut().take(text) {
            Some(tokens) => Source::Replay(tokens, 0),
            None => Source::Analyse {
                words: words(text),
                position: 0,
                surface: String::new(),
                analyzer: &mut self.analyzer,
                kept: Tokens::new(text),
                replays,
            },
        };
        PageTokens {
            text,
            source,
            token: Token::default(),
        }
    }
}

/// The most texts a thread keeps tokens for: more than a page has, so a page's
/// texts are all replayed; past it (only if a text were never indexed again) the
/// kept tokens are dropped.
const KEPT_TEXTS: usize = 256;

/// The texts one indexing thread has analysed once, waiting to be indexed again.
#[derive(Default)]
struct Replays {
    texts: Vec<Tokens>,
}

impl Replays {
    /// The tokens kept for `text`, taken out.
    fn take(&mut self, text: &str) -> Option<Tokens> {
        let k = self.texts.iter().position(|t| t.text == text)?;
        Some(self.texts.swap_remove(k))
    }

    fn keep(&mut self, tokens: Tokens) {
        if self.texts.len() >= KEPT_TEXTS {
            self.texts.clear();
        }
        self.texts.push(tokens);
    }
}

/// One text's tokens, the stems in one buffer.
struct Tokens {
    text: String,
    stems: String,
    /// Each token: where its stem ends in `stems` (it starts where the previous
    /// ends), its position and its byte offsets.
    tokens: Vec<(usize, usize, usize, usize)>,
}

impl Tokens {
    fn new(text: &str) -> Tokens {
        Tokens {
            text: text.to_string(),
            stems: String::new(),
            tokens: Vec::new(),
        }
    }

    fn push(&mut self, t: &Token) {
        self.stems.push_str(&t.text);
        self.tokens
            .push((self.stems.len(), t.position, t.offset_from, t.offset_to));
    }

    /// Token `k` into `token`; `false` past the last.
    fn read(&self, k: usize, token: &mut Token) -> bool {
        let Some(&(end, position, from, to)) = self.tokens.get(k) else {
            return false;
        };
        let start = k.checked_sub(1).map_or(0, |p| self.tokens[p].0);
        token.text.clear();
        token.text.push_str(&self.stems[start..end]);
        token.position = position;
        token.offset_from = from;
        token.offset_to = to;
        token.position_length = 1;
        true
    }
}

/// Where a text's tokens come from.
enum Source<'a> {
    /// The analyser, keeping what it finds for the text's second pass.
    Analyse {
        words: Words<'a>,
        /// The number of the next word.
        position: usize,
        surface: String,
        analyzer: &'a mut Analyzer,
        kept: Tokens,
        replays: &'a RefCell<Replays>,
    },
    /// The tokens the first pass kept, and the next to give.
    Replay(Tokens, usize),
    /// Every token given.
    Done,
}

/// The tokens of one text.
pub struct PageTokens<'a> {
    text: &'a str,
    source: Source<'a>,
    token: Token,
}

impl PageTokens<'_> {
    /// The next word the analyser keeps, as `self.token`.
    fn analyse(&mut self) -> bool {
        let Source::Analyse {
            words,
            position,
            surface,
            analyzer,
            kept,
            ..
        } = &mut self.source
        else {
            return false;
        };
        for (start, end) in words.by_ref() {
            let at = *position;
            *position += 1;
            surface.clear();
            normalize_into(&self.text[start..end], surface);
            self.token.text.clear();
            if !analyzer.stem_into(surface, &mut self.token.text) {
                continue;
            }
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.token.position = at;
            self.token.position_length = 1;
            kept.push(&self.token);
            return true;
        }
        false
    }
}

impl TokenStream for PageTokens<'_> {
    fn advance(&mut self) -> bool {
        match &mut self.source {
            Source::Replay(tokens, next) => {
                *next += 1;
                if tokens.read(*next - 1, &mut self.token) {
                    return true;
                }
            }
            Source::Analyse { .. } => {
                if self.analyse() {
                    return true;
                }
                // the whole text is analysed: keep its tokens for the second pass
                if let Source::Analyse { kept, replays, .. } =
                    std::mem::replace(&mut self.source, Source::Done)
                {
                    replays.borrow_mut().keep(kept);
                }
                return false;
            }
            Source::Done => return false,
        }
        self.source = Source::Done;
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
        let got = all_tokens(&mut tokenizer, text);
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

    fn all_tokens(tokenizer: &mut PageTokenizer, text: &str) -> Vec<(String, u32, usize, usize)> {
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
        got
    }

    fn kept(tokenizer: &PageTokenizer) -> Vec<String> {
        let replays = tokenizer.replays.get_or_default().borrow();
        replays.texts.iter().map(|t| t.text.clone()).collect()
    }

    /// A text's second pass (by another clone, on the same thread) replays the
    /// first pass's tokens, which are then dropped; a text read only in part is not
    /// kept; each thread keeps its own.
    #[test]
    fn the_second_pass_replays_the_first() {
        let text = "Export licences: who do I ask about the export of a licence?";
        let list = WordList::default();
        let mut scored = PageTokenizer::new(Arc::clone(&list));
        let mut phrase = scored.clone();
        let first = all_tokens(&mut scored, text);
        assert_eq!(first.len(), 5, "{first:?}");
        assert_eq!(kept(&scored), [text]);
        let other = std::thread::scope(|s| s.spawn(|| kept(&phrase.clone())).join().unwrap());
        assert!(other.is_empty(), "another thread keeps its own: {other:?}");
        assert_eq!(all_tokens(&mut phrase, text), first);
        assert!(kept(&scored).is_empty());
        let mut partial = phrase.token_stream("a different text");
        assert!(partial.advance());
        drop(partial);
        assert!(kept(&phrase).is_empty());
        // the same words at another place are analysed again, not mixed up
        let moved = format!("So: {text}");
        let again = all_tokens(&mut phrase, &moved);
        assert_eq!(again[0].0, first[0].0);
        assert_eq!(again[0].1, first[0].1 + 1);
        assert_eq!(again[0].2, first[0].2 + 4);
        assert_eq!(kept(&phrase), [moved]);
    }
}
