//! The validated meaning of a sides file: [`Sides`].
//!
//! [`super::schema`] only says what keys exist; this module checks what they
//! mean (no empty names, no side listed twice, no person or cue on two sides)
//! and builds the lookup tables the resolver and `quotesent report` use. Every
//! error names the file and the line (TOML spans turned into line numbers) and
//! the key or name at fault, because a sides file is written by hand and a
//! user fixing it needs to know where to look.

use super::names::{name_tokens, normalize_name};
use super::schema::{SideEntry, SidesFile};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// A problem with a sides file.
#[derive(Debug, thiserror::Error)]
pub enum SidesError {
    #[error("cannot read sides file {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}:{line}: unknown key `{key}` in sides file ({message})")]
    UnknownKey {
        file: String,
        line: usize,
        key: String,
        message: String,
    },
    #[error("{file}:{line}: invalid sides file: {message}")]
    Syntax {
        file: String,
        line: usize,
        message: String,
        #[source]
        source: Box<toml::de::Error>,
    },
    #[error("{file}: no [[sides]] tables; a sides file needs at least one side")]
    NoSides { file: String },
    #[error("{file}:{line}: empty {what} name")]
    EmptyName {
        file: String,
        line: usize,
        what: &'static str,
    },
    #[error("{file}:{line}: side {name:?} is listed twice (first at line {first_line})")]
    DuplicateSide {
        file: String,
        line: usize,
        name: String,
        first_line: usize,
    },
    #[error(
        "{file}:{line}: {name:?} is on two sides: {first_side:?} (line {first_line}) and {second_side:?}"
    )]
    MemberOnTwoSides {
        file: String,
        line: usize,
        name: String,
        first_side: String,
        first_line: usize,
        second_side: String,
    },
    #[error(
        "{file}:{line}: {name:?} is given to two members of side {side:?}: {first_member:?} (line {first_line}) and the member at this line"
    )]
    DuplicateMember {
        file: String,
        line: usize,
        name: String,
        side: String,
        first_member: String,
        first_line: usize,
    },
    #[error(
        "{file}:{line}: cue {cue:?} is given to two sides: {first_side:?} (line {first_line}) and {second_side:?}"
    )]
    CueOnTwoSides {
        file: String,
        line: usize,
        cue: String,
        first_side: String,
        first_line: usize,
        second_side: String,
    },
}

/// A person (or body) that belongs to a side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub name: String,
    pub aliases: Vec<String>,
    pub title: Option<String>,
}

/// One side: its name, the words that point to it, and its members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    pub name: String,
    pub cues: Vec<String>,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    pub members: Vec<Member>,
}

/// Indices of a member: `(side, member)`.
pub type MemberId = (usize, usize);

/// A validated sides file with its name lookups.
#[derive(Debug, Clone)]
pub struct Sides {
    origin: String,
    sides: Vec<Side>,
    /// Normalised full names and aliases → member.
    by_name: HashMap<String, MemberId>,
    /// Normalised last tokens of names and one-word aliases → members
    /// (deduplicated); a last name is usable only when it has one member.
    by_last: HashMap<String, Vec<MemberId>>,
    /// Normalised side names and side aliases → side.
    side_by_name: HashMap<String, usize>,
}

fn line_of(src: &str, offset: usize) -> usize {
    let end = offset.min(src.len());
    src.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

impl Sides {
    /// No sides at all: every speaker is unaffiliated (`extract` without
    /// `--sides`).
    pub fn none() -> Sides {
        Sides {
            origin: "<no sides file>".to_string(),
            sides: Vec::new(),
            by_name: HashMap::new(),
            by_last: HashMap::new(),
            side_by_name: HashMap::new(),
        }
    }

    /// Reads and validates a sides file.
    pub fn from_path(path: &Path) -> Result<Sides, SidesError> {
        let bytes = std::fs::read(path).map_err(|source| SidesError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let src = String::from_utf8_lossy(&bytes);
        Sides::from_toml_str(&src, &path.display().to_string())
    }

    /// Parses and validates sides-file text; `origin` names it in errors
    /// (usually the path).
    pub fn from_toml_str(src: &str, origin: &str) -> Result<Sides, SidesError> {
        let file = origin.to_string();
        let parsed: SidesFile = toml::from_str(src).map_err(|e| {
            let line = e.span().map_or(1, |s| line_of(src, s.start));
            let message = e.message().trim().to_string();
            match message
                .strip_prefix("unknown field `")
                .and_then(|rest| rest.split_once('`'))
            {
                Some((key, _)) => SidesError::UnknownKey {
                    file: file.clone(),
                    line,
                    key: key.to_string(),
                    message: message.clone(),
                },
                None => SidesError::Syntax {
                    file: file.clone(),
                    line,
                    message,
                    source: Box::new(e),
                },
            }
        })?;
        Sides::validate(parsed, src, file)
    }

    fn validate(parsed: SidesFile, src: &str, file: String) -> Result<Sides, SidesError> {
        if parsed.sides.is_empty() {
            return Err(SidesError::NoSides { file });
        }
        let line = |s: &Spanned<String>| line_of(src, s.span().start);
        let mut out = Sides {
            origin: file.clone(),
            sides: Vec::new(),
            by_name: HashMap::new(),
            by_last: HashMap::new(),
            side_by_name: HashMap::new(),
        };
        // Where each key was first seen, for "first at line N" messages.
        let mut side_lines: HashMap<String, (usize, usize)> = HashMap::new();
        let mut name_lines: HashMap<String, (MemberId, usize)> = HashMap::new();
        let mut cue_lines: HashMap<String, (usize, usize)> = HashMap::new();

        for (si, entry) in parsed.sides.iter().enumerate() {
            let SideEntry {
                name,
                cues,
                aliases,
                description,
                members,
            } = entry;
            let side_name = name.get_ref().trim().to_string();
            for n in std::iter::once(name).chain(aliases.iter()) {
                let key = normalize_name(n.get_ref());
                if key.is_empty() {
                    return Err(SidesError::EmptyName {
                        file,
                        line: line(n),
                        what: "side",
                    });
                }
                if let Some(&(_, first_line)) = side_lines.get(&key) {
                    return Err(SidesError::DuplicateSide {
                        file,
                        line: line(n),
                        name: n.get_ref().clone(),
                        first_line,
                    });
                }
                side_lines.insert(key.clone(), (si, line(n)));
                out.side_by_name.insert(key, si);
            }
            for cue in cues {
                let text = cue.get_ref().trim();
                if text.is_empty() {
                    return Err(SidesError::EmptyName {
                        file,
                        line: line(cue),
                        what: "cue",
                    });
                }
                if let Some(&(other, first_line)) = cue_lines.get(text) {
                    if other != si {
                        return Err(SidesError::CueOnTwoSides {
                            file,
                            line: line(cue),
                            cue: text.to_string(),
                            first_side: out.sides[other].name.clone(),
                            first_line,
                            second_side: side_name,
                        });
                    }
                }
                cue_lines.insert(text.to_string(), (si, line(cue)));
            }
            let mut side = Side {
                name: side_name.clone(),
                cues: dedup(cues.iter().map(|c| c.get_ref().trim().to_string())),
                aliases: aliases
                    .iter()
                    .map(|a| a.get_ref().trim().to_string())
                    .collect(),
                description: description.clone(),
                members: Vec::new(),
            };
            for (mi, m) in members.iter().enumerate() {
                let id = (si, mi);
                let member_name = m.name.get_ref().trim().to_string();
                for n in std::iter::once(&m.name).chain(m.aliases.iter()) {
                    let key = normalize_name(n.get_ref());
                    if key.is_empty() {
                        return Err(SidesError::EmptyName {
                            file,
                            line: line(n),
                            what: "member",
                        });
                    }
                    if let Some(&((os, om), first_line)) = name_lines.get(&key) {
                        if (os, om) == id {
                            continue; // an alias repeating the name is harmless
                        }
                        let first_member = if os == si {
                            side.members[om].name.clone()
                        } else {
                            out.sides[os].members[om].name.clone()
                        };
                        if os != si {
                            return Err(SidesError::MemberOnTwoSides {
                                file,
                                line: line(n),
                                name: n.get_ref().clone(),
                                first_side: out.sides[os].name.clone(),
                                first_line,
                                second_side: side_name,
                            });
                        }
                        return Err(SidesError::DuplicateMember {
                            file,
                            line: line(n),
                            name: n.get_ref().clone(),
                            side: side_name,
                            first_member,
                            first_line,
                        });
                    }
                    name_lines.insert(key.clone(), (id, line(n)));
                    if let Some(last) = key.rsplit(' ').next() {
                        let ids = out.by_last.entry(last.to_string()).or_default();
                        if !ids.contains(&id) {
                            ids.push(id);
                        }
                    }
                    out.by_name.insert(key, id);
                }
                side.members.push(Member {
                    name: member_name,
                    aliases: m
                        .aliases
                        .iter()
                        .map(|a| a.get_ref().trim().to_string())
                        .collect(),
                    title: m.title.clone(),
                });
            }
            out.sides.push(side);
        }
        Ok(out)
    }

    /// The file (or other origin) these sides came from.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The sides, in file order.
    pub fn sides(&self) -> &[Side] {
        &self.sides
    }

    /// Side names, in file order (the order reports list them in).
    pub fn side_names(&self) -> Vec<String> {
        self.sides.iter().map(|s| s.name.clone()).collect()
    }

    pub fn member(&self, id: MemberId) -> &Member {
        &self.sides[id.0].members[id.1]
    }

    /// The side with this name or side alias (normalised match).
    pub fn side_named(&self, name: &str) -> Option<&Side> {
        self.side_by_name
            .get(&normalize_name(name))
            .map(|&i| &self.sides[i])
    }

    /// The member a speaker name refers to: the full name or an alias (case,
    /// diacritics and punctuation folded, leading honorifics ignored), else
    /// the last name when exactly one member has it and any other words of
    /// the query fit that member ("Putin", "V. Putin" → Vladimir Putin).
    pub fn find_member(&self, name: &str) -> Option<MemberId> {
        let key = normalize_name(name);
        if key.is_empty() {
            return None;
        }
        if let Some(&id) = self.by_name.get(&key) {
            return Some(id);
        }
        let tokens = name_tokens(&key);
        if let Some(&id) = self.by_name.get(&tokens.join(" ")) {
            return Some(id);
        }
        let (last, rest) = tokens.split_last()?;
        let ids = self.by_last.get(*last)?;
        let [id] = ids.as_slice() else {
            return None;
        };
        let member = self.member(*id);
        let known: Vec<String> = std::iter::once(&member.name)
            .chain(member.aliases.iter())
            .flat_map(|n| {
                normalize_name(n)
                    .split(' ')
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        let fits = rest.iter().all(|t| {
            known.iter().any(|k| {
                k == t || (t.chars().count() == 1 && k.starts_with(t)) // an initial
            })
        });
        fits.then_some(*id)
    }

    /// The side of the member a speaker name refers to (see [`Sides::find_member`]).
    pub fn side_of_member(&self, name: &str) -> Option<&str> {
        self.find_member(name)
            .map(|(s, _)| self.sides[s].name.as_str())
    }

    /// The side that lists `cue` (exact text as in the file).
    pub fn side_of_cue(&self, cue: &str) -> Option<&str> {
        self.sides
            .iter()
            .find(|s| s.cues.iter().any(|c| c == cue))
            .map(|s| s.name.as_str())
    }

    /// Last names that identify exactly one member, with that member.
    pub(crate) fn unique_last_names(&self) -> impl Iterator<Item = (&str, MemberId)> {
        self.by_last
            .iter()
            .filter_map(|(k, ids)| match ids.as_slice() {
                [id] => Some((k.as_str(), *id)),
                _ => None,
            })
    }
}

fn dedup(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"[[sides]]
name = "Ukraine"
cues = ["Ukrainian", "Ukraine's", "Kyiv"]
[[sides.members]]
name = "Volodymyr Zelensky"
aliases = ["Zelenskyy", "Zelenskiy"]

[[sides]]
name = "Russia"
cues = ["Russian", "Russia's", "Kremlin", "Moscow"]
[[sides.members]]
name = "Vladimir Putin"
"#;

    #[test]
    fn parses_the_issue_example() {
        let s = Sides::from_toml_str(EXAMPLE, "sides.toml").unwrap();
        assert_eq!(s.side_names(), ["Ukraine", "Russia"]);
        assert_eq!(s.sides()[0].members[0].aliases, ["Zelenskyy", "Zelenskiy"]);
        assert_eq!(s.sides()[1].cues.len(), 4);
        assert_eq!(s.origin(), "sides.toml");
    }

    #[test]
    fn matches_members_by_name_alias_and_unique_last_name() {
        let s = Sides::from_toml_str(EXAMPLE, "t").unwrap();
        assert_eq!(s.side_of_member("Vladimir Putin"), Some("Russia"));
        assert_eq!(s.side_of_member("PUTIN"), Some("Russia"));
        assert_eq!(s.side_of_member("President Putin"), Some("Russia"));
        assert_eq!(s.side_of_member("V. Putin"), Some("Russia"));
        assert_eq!(s.side_of_member("Zelenskiy"), Some("Ukraine"));
        assert_eq!(s.side_of_member("Volodymyr Zelenskyy"), Some("Ukraine"));
        assert_eq!(s.side_of_member("Olena Zelenska"), None);
        // Another first name with the same surname is someone else.
        assert_eq!(s.side_of_member("Lyudmila Putin"), None);
        assert_eq!(s.side_of_member(""), None);
    }

    #[test]
    fn shared_last_names_are_not_matched_alone() {
        let src = r#"
[[sides]]
name = "A"
[[sides.members]]
name = "Anna Smith"
[[sides]]
name = "B"
[[sides.members]]
name = "John Smith"
"#;
        let s = Sides::from_toml_str(src, "t").unwrap();
        assert_eq!(s.side_of_member("Smith"), None);
        assert_eq!(s.side_of_member("John Smith"), Some("B"));
    }

    #[test]
    fn unknown_key_is_named_with_its_line() {
        let src = "[[sides]]\nname = \"A\"\n[[sides.members]]\nname = \"X\"\nalias = [\"Y\"]\n";
        let err = Sides::from_toml_str(src, "bad.toml").unwrap_err();
        match &err {
            SidesError::UnknownKey {
                file, line, key, ..
            } => {
                assert_eq!(file, "bad.toml");
                assert_eq!(*line, 5);
                assert_eq!(key, "alias");
            }
            other => panic!("expected UnknownKey, got {other:?}"),
        }
        assert!(err
            .to_string()
            .starts_with("bad.toml:5: unknown key `alias`"));
    }

    #[test]
    fn unknown_side_key_is_named() {
        let src = "[[sides]]\nname = \"A\"\ncolour = \"red\"\n";
        let err = Sides::from_toml_str(src, "f").unwrap_err();
        assert!(matches!(err, SidesError::UnknownKey { ref key, line: 3, .. } if key == "colour"));
    }

    #[test]
    fn syntax_errors_carry_a_line() {
        let err = Sides::from_toml_str("[[sides]]\nname = \n", "f").unwrap_err();
        assert!(matches!(err, SidesError::Syntax { line: 2, .. }), "{err:?}");
        let err = Sides::from_toml_str("[[sides]]\ncues = []\n", "f").unwrap_err();
        assert!(err.to_string().contains("name"), "{err}");
    }

    #[test]
    fn duplicate_side_names_both_lines() {
        let src = "[[sides]]\nname = \"A\"\n\n[[sides]]\nname = \"a\"\n";
        let err = Sides::from_toml_str(src, "f").unwrap_err();
        assert!(
            matches!(
                err,
                SidesError::DuplicateSide {
                    line: 5,
                    first_line: 2,
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn member_on_two_sides_is_an_error_naming_both() {
        let src = r#"[[sides]]
name = "A"
[[sides.members]]
name = "Jane Doe"
[[sides]]
name = "B"
[[sides.members]]
name = "Someone"
aliases = ["jane doe"]
"#;
        let err = Sides::from_toml_str(src, "f").unwrap_err();
        let msg = err.to_string();
        assert!(matches!(
            err,
            SidesError::MemberOnTwoSides {
                line: 9,
                first_line: 4,
                ..
            }
        ));
        assert!(
            msg.contains("\"A\"") && msg.contains("\"B\"") && msg.contains("jane doe"),
            "{msg}"
        );
    }

    #[test]
    fn empty_names_and_cues_and_files_are_errors() {
        let err = Sides::from_toml_str("[[sides]]\nname = \"  \"\n", "f").unwrap_err();
        assert!(matches!(
            err,
            SidesError::EmptyName {
                what: "side",
                line: 2,
                ..
            }
        ));
        let err = Sides::from_toml_str(
            "[[sides]]\nname = \"A\"\n[[sides.members]]\nname = \"\"\n",
            "f",
        )
        .unwrap_err();
        assert!(matches!(
            err,
            SidesError::EmptyName {
                what: "member",
                line: 4,
                ..
            }
        ));
        let err =
            Sides::from_toml_str("[[sides]]\nname = \"A\"\ncues = [\"\"]\n", "f").unwrap_err();
        assert!(matches!(err, SidesError::EmptyName { what: "cue", .. }));
        assert!(matches!(
            Sides::from_toml_str("", "f").unwrap_err(),
            SidesError::NoSides { .. }
        ));
    }

    #[test]
    fn cue_on_two_sides_is_an_error() {
        let src =
            "[[sides]]\nname = \"A\"\ncues = [\"X\"]\n[[sides]]\nname = \"B\"\ncues = [\"X\"]\n";
        let err = Sides::from_toml_str(src, "f").unwrap_err();
        assert!(matches!(
            err,
            SidesError::CueOnTwoSides {
                line: 6,
                first_line: 3,
                ..
            }
        ));
    }

    #[test]
    fn missing_file_names_the_path() {
        let err = Sides::from_path(Path::new("/nonexistent/sides.toml")).unwrap_err();
        assert!(err.to_string().contains("/nonexistent/sides.toml"));
    }

    #[test]
    fn optional_keys_are_accepted() {
        let src = r#"[[sides]]
name = "Turkey"
aliases = ["Türkiye"]
description = "mediator"
cues = ["Turkish"]
[[sides.members]]
name = "Hakan Fidan"
title = "Foreign Minister"
"#;
        let s = Sides::from_toml_str(src, "f").unwrap();
        assert_eq!(
            s.side_named("turkiye").map(|s| s.name.as_str()),
            Some("Turkey")
        );
        assert_eq!(
            s.sides()[0].members[0].title.as_deref(),
            Some("Foreign Minister")
        );
        assert_eq!(s.side_of_cue("Turkish"), Some("Turkey"));
    }
}
