//! The [`Analyzer`] as a Tantivy tokenizer, so passages are indexed with the same terms that
//! questions are searched with.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::language::Analyzer;

/// Name under which the tokenizer is registered in the index.
pub const NAME: &str = "indonesian";

/// Tantivy tokenizer running the Indonesian analyser (which caches stems per thread).
#[derive(Clone, Default)]
pub struct IndonesianTokenizer {
    analyzer: Analyzer,
}

impl Tokenizer for IndonesianTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let tokens = self
            .analyzer
            .tokens(text)
            .into_iter()
            .map(|t| Token {
                offset_from: t.start,
                offset_to: t.end,
                position: t.position,
                text: t.term,
                position_length: 1,
            })
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
