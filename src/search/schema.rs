//! The one tantivy schema, shared by the index writer, the searcher and the export,
//! with the weight of each field.
//!
//! Text fields are analysed by [`super::tokenizer`] (registered as `guidebook` on
//! the index that is written; searching never analyses through tantivy). `phrase` holds every text of a page with positions and only
//! checks "quoted phrases"; the other text fields are scored with BM25 times their
//! weight. The display records are kept outside the index ([`super::record_file`]).

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

/// Scored text fields and their weights. Title and headings weigh more than body.
pub const WEIGHTS: &[(&str, f32)] = &[
    ("title", 4.0),
    ("headings", 2.0),
    ("summary", 1.5),
    ("tags", 2.0),
    ("body", 1.0),
    ("contact_name", 3.0),
    ("contact_role", 2.0),
    ("contact_team", 1.0),
    ("contact_email", 1.0),
    ("contact_phone", 1.0),
    ("contact_topics", 2.0),
];

/// The fields that make a contact the answer to a query, and their weights.
pub const ANSWER_WEIGHTS: &[(&str, f32)] = &[
    ("contact_name", 1.0),
    ("contact_role", 1.0),
    ("contact_topics", 1.0),
];

/// Every field, resolved once.
#[derive(Debug, Clone)]
pub struct Fields {
    pub schema: Schema,
    /// The scored text fields with their weights, in [`WEIGHTS`] order.
    pub scored: Vec<(Field, f32)>,
    /// The answer fields with their weights, in [`ANSWER_WEIGHTS`] order.
    pub answer: Vec<(Field, f32)>,
    pub phrase: Field,
    pub kind: Field,
    pub section: Field,
    pub url: Field,
    pub edition: Field,
    pub ord: Field,
}

impl Fields {
    /// Build the schema.
    pub fn new() -> Fields {
        let mut b = Schema::builder();
        let freqs = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(super::tokenizer::NAME)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let positions = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(super::tokenizer::NAME)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let scored: Vec<(Field, f32)> = WEIGHTS
            .iter()
            .map(|(name, w)| (b.add_text_field(name, freqs.clone()), *w))
            .collect();
        let phrase = b.add_text_field("phrase", positions);
        let kind = b.add_text_field("kind", STRING);
        let section = b.add_text_field("section", STRING);
        let url = b.add_text_field("url", STRING | STORED);
        let edition = b.add_text_field("edition", STRING | STORED);
        let ord = b.add_u64_field("ord", FAST | STORED | INDEXED);
        let schema = b.build();
        let answer = ANSWER_WEIGHTS
            .iter()
            .filter_map(|(name, w)| {
                scored
                    .iter()
                    .find(|(f, _)| schema.get_field_name(*f) == *name)
                    .map(|(f, _)| (*f, *w))
            })
            .collect();
        Fields {
            schema,
            scored,
            answer,
            phrase,
            kind,
            section,
            url,
            edition,
            ord,
        }
    }

    /// Resolve the fields of an existing index's schema.
    pub fn from_schema(schema: &Schema) -> Option<Fields> {
        let expected = Fields::new();
        (expected.schema == *schema).then_some(expected)
    }

    /// A scored field by name.
    pub fn scored_field(&self, name: &str) -> Option<Field> {
        self.scored
            .iter()
            .find(|(f, _)| self.schema.get_field_name(*f) == name)
            .map(|(f, _)| *f)
    }
}

impl Default for Fields {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answer_fields_are_scored_fields() {
        let f = Fields::new();
        assert_eq!(f.answer.len(), ANSWER_WEIGHTS.len());
        assert!(f.scored_field("title").is_some());
        assert!(Fields::from_schema(&f.schema).is_some());
    }
}
