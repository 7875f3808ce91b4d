//! quotesent: quoted statements in news → speakers → sides → optimism.
//!
//! # Architecture
//!
//! The folder layout is the pipeline; each stage meets the next at one small
//! trait and speaks the types of [`types`]:
//!
//! ```text
//! input      files / stdin  ──► Article            (input::open)
//! segment    Article.text   ──► Segmentation       (Segmenter)
//! quote      Segmentation   ──► Vec<Quote>         (QuoteFinder)
//! attribute  Quotes         ──► Vec<Attribution>   (Attributor)
//! sides      Attribution    ──► SideAssignment     (SideResolver)
//! score      quote texts    ──► OptimismScore      (Scorer, batched across articles)
//! aggregate  QuoteRecords   ──► per side/speaker/article statistics
//! report     records+stats  ──► CSV / JSONL / table files (written atomically)
//! ```
//!
//! [`pipeline`] wires the stages together; the binary (`src/main.rs`,
//! `src/cli/`) only parses arguments, builds a pipeline and reports errors.
//! Everything but scoring is pure Rust; the transformer scorer needs libtorch
//! and sits behind the `transformer` feature (on by default).

pub mod aggregate;
pub mod attribute;
pub mod eval;
pub mod input;
pub mod journal;
pub mod pipeline;
pub mod quote;
pub mod record;
pub mod report;
pub mod score;
pub mod segment;
pub mod sides;
pub mod train;
pub mod types;

pub use types::*;
