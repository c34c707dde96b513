//! The [`Analyzer`] as a Tantivy tokenizer, so passages are indexed with the same terms that
//! questions are searched with.

use std::collections::HashMap;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::language::Analyzer;

/// Name under which the tokenizer is registered in the index.
pub const NAME: &str = "indonesian";

/// Tantivy tokenizer running the Indonesian analyser. Remembers the stems it has computed,
/// because news text repeats the same few thousand words and stemming dominates indexing.
#[derive(Clone, Default)]
pub struct IndonesianTokenizer {
    analyzer: Analyzer,
    stems: HashMap<String, String>,
}

/// Cap on remembered stems, so a huge corpus cannot grow the cache without bound.
const MAX_CACHED_STEMS: usize = 200_000;

impl Tokenizer for IndonesianTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let (analyzer, stems) = (&self.analyzer, &mut self.stems);
        let tokens = analyzer
            .tokens_with(text, |word| {
                if let Some(t) = stems.get(word) {
                    return t.clone();
                }
                let t = analyzer.stem(word);
                if stems.len() < MAX_CACHED_STEMS {
                    stems.insert(word.to_string(), t.clone());
                }
                t
            })
            .into_iter()
            .map(|t| Token { offset_from: t.start, offset_to: t.end, position: t.position, text: t.term, position_length: 1 })
            .collect();
        VecTokenStream { tokens, next: 0 }
    }
}

/// A token stream over tokens computed up front.
pub struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}
