//! The index schema, declared in one place.
//!
//! - `body`: the passage text, analysed in Indonesian (no positions: the engine measures
//!   proximity itself on the few passages it reranks);
//! - `context`: the article title or program name, a weaker signal;
//! - `ord`: the passage's position in `Index::passages`, a fast field read after search.
//!
//! Nothing is stored in Tantivy: passages are kept as plain structs beside it.

use tantivy::schema::{FAST, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};

use super::tokenizer;

/// Name of the field holding a passage's position in `Index::passages`.
pub const ORD: &str = "ord";

#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub body: Field,
    pub context: Field,
    pub ord: Field,
}

pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |record| {
        TextOptions::default()
            .set_indexing_options(TextFieldIndexing::default().set_tokenizer(tokenizer::NAME).set_index_option(record))
    };
    let body = b.add_text_field("body", text(IndexRecordOption::WithFreqs));
    let context = b.add_text_field("context", text(IndexRecordOption::WithFreqs));
    let ord = b.add_u64_field(ORD, FAST);
    (b.build(), Fields { body, context, ord })
}
