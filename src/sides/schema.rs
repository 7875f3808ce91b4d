//! The serde mirror of a sides file, and nothing else.
//!
//! This is the file format exactly as users write it (see the README's
//! "Sides file" section); validation and meaning live in
//! [`super::resolve`]. Keeping the two apart means the format can only change
//! here, and `deny_unknown_fields` turns a typo such as `alias = [...]` into an
//! error that names the key instead of a silently ignored line. Names are
//! [`Spanned`] so validation errors can point at the line they came from.

use serde::Deserialize;
use toml::Spanned;

/// A whole sides file: `[[sides]]` tables.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SidesFile {
    #[serde(default)]
    pub sides: Vec<SideEntry>,
}

/// One `[[sides]]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SideEntry {
    pub name: Spanned<String>,
    /// Words that tie a speaker to this side when they appear in the
    /// speaker's title, appositive or paragraph ("Ukrainian", "Kremlin").
    #[serde(default)]
    pub cues: Vec<Spanned<String>>,
    /// Other names of the side itself ("UA"), accepted when reading saved
    /// quote rows back.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub members: Vec<MemberEntry>,
}

/// One `[[sides.members]]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberEntry {
    pub name: Spanned<String>,
    /// Spellings and transliterations ("Zelenskyy", "Zelenskiy").
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    /// Informational: the member's role.
    #[serde(default)]
    pub title: Option<String>,
}
