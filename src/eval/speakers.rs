//! Canonical-speaker evaluation on a small hand-made gold list.
//!
//! PolNeAR scores the speaker *mention* ("he", "Mr Blair"); readers and the
//! reports care about the *canonical* speaker ("Tony Blair"). This checks
//! that on a list of statements written as `file <TAB> piece <TAB> speaker`
//! (a distinctive piece of each statement's text and the full name the
//! article establishes for its speaker), e.g. `tests/data/british/`:
//! how many statements the pipeline finds, and how many of those it gives
//! the right canonical speaker.

use super::EvalError;
use crate::pipeline::Extractor;
use crate::types::{Article, Origin};
use std::fmt;
use std::path::{Path, PathBuf};

/// One gold statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldStatement {
    /// Article file, relative to the list's folder.
    pub file: String,
    /// A piece of the statement's text (whitespace-normalised match).
    pub piece: String,
    /// The canonical speaker.
    pub speaker: String,
    /// 1-based line in the list.
    pub line: usize,
}

/// Reads a statement list: tab-separated `file`, `piece`, `speaker`; `#`
/// starts a comment line, blank lines are skipped.
pub fn read_statements(path: &Path) -> Result<Vec<GoldStatement>, EvalError> {
    let src = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut out = Vec::new();
    for (i, line) in src.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let parse = |message: String| EvalError::Parse {
            path: path.to_path_buf(),
            line: i + 1,
            message,
        };
        let fields: Vec<&str> = line.split('\t').collect();
        let [file, piece, speaker] = fields[..] else {
            return Err(parse(format!(
                "expected 3 tab-separated fields (file, piece, speaker), found {}",
                fields.len()
            )));
        };
        if [file, piece, speaker].iter().any(|f| f.trim().is_empty()) {
            return Err(parse("empty field".into()));
        }
        out.push(GoldStatement {
            file: file.trim().to_string(),
            piece: normalise(piece),
            speaker: speaker.trim().to_string(),
            line: i + 1,
        });
    }
    if out.is_empty() {
        return Err(EvalError::Parse {
            path: path.to_path_buf(),
            line: 0,
            message: "no statements".into(),
        });
    }
    Ok(out)
}

fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('’', "'")
}

/// Whether two canonical speakers name the same speaker: equal up to
/// apostrophes, where "spokesman for the Rail Delivery Group" and "Rail
/// Delivery Group spokesman" are one name in two word orders, and so are
/// "daughter of a patient" and "patient's daughter", "family of Jordan Hale"
/// and "Hale family", "Number 10 source" and "Downing Street source".
fn same_speaker(a: &str, b: &str) -> bool {
    fn key(s: &str) -> String {
        let s = s.trim().replace('’', "'");
        // "The Times" and "Times": a newspaper's article is no part of who.
        let s = s
            .strip_prefix("The ")
            .filter(|r| r.starts_with(char::is_uppercase))
            .map_or(s.clone(), str::to_string);
        // "a senior Whitehall source" and "senior Whitehall source", "two
        // sources familiar with the talks" and "sources familiar with the
        // talks": an unnamed source's article or count is no part of who.
        let s = ["a ", "an ", "two ", "three ", "several "]
            .iter()
            .find_map(|d| s.strip_prefix(d))
            .map_or(s.clone(), str::to_string);
        // "U.N. spokesman" and "UN spokesman": an acronym's dots.
        let s = s
            .split(' ')
            .map(|w| {
                let dotted = w.len() >= 4
                    && w.split_terminator('.')
                        .all(|p| p.len() == 1 && p.chars().all(|c| c.is_ascii_uppercase()));
                if dotted {
                    w.replace('.', "")
                } else {
                    w.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        for word in ["spokesman", "spokeswoman", "spokesperson"] {
            let rest = s
                .strip_prefix(word)
                .and_then(|r| r.strip_prefix(" for "))
                .map(|r| r.strip_prefix("the ").unwrap_or(r));
            if let Some(org) = rest.filter(|r| !r.is_empty()) {
                // ("spokesman for No 10": Downing Street by its door, too.)
                return key(&format!("{org} {word}"));
            }
        }
        // "family of Jordan Hale" and "Hale family".
        if let Some(who) = s.strip_prefix("family of ") {
            let sur = who.split_whitespace().next_back().unwrap_or(who);
            return format!("{sur} family");
        }
        // Downing Street by its door number.
        for door in ["Number 10 ", "No 10 ", "No. 10 "] {
            if let Some(rest) = s.strip_prefix(door) {
                return format!("Downing Street {rest}");
            }
        }
        // "allies of Mrs Badenoch" and "allies of Kemi Badenoch": a group
        // of a person by the person's surname.
        if let Some((group, who)) = s.split_once(" of ") {
            if group.ends_with('s') && who.starts_with(char::is_uppercase) {
                let sur = who.split_whitespace().next_back().unwrap_or(who);
                return format!("{group} of {sur}");
            }
        }
        // "daughter of a patient" and "patient's daughter".
        if let Some((kin, rest)) = s.split_once(" of ") {
            let noun = rest.strip_prefix("a ").or_else(|| rest.strip_prefix("an "));
            if let Some(noun) = noun.filter(|_| !kin.contains(' ')) {
                return format!("{noun}'s {kin}");
            }
        }
        s
    }
    let (ka, kb) = (key(a), key(b));
    ka == kb || abbreviated(&ka, &kb) || abbreviated(&kb, &ka)
}

/// Whether `long` reads as `short` once a run of its capitalised words is
/// written as the acronym `short` uses: "British Medical Association
/// spokesperson" and "BMA spokesperson" ("of", "for" and "and" may count or
/// not: "Department of Justice", DOJ).
fn abbreviated(short: &str, long: &str) -> bool {
    let sw: Vec<&str> = short.split(' ').collect();
    let lw: Vec<&str> = long.split(' ').collect();
    let connector = |w: &str| matches!(w, "of" | "for" | "and");
    sw.iter().enumerate().any(|(i, acr)| {
        let is_acronym =
            (2..=6).contains(&acr.len()) && acr.chars().all(|c| c.is_ascii_uppercase());
        if !is_acronym || sw[..i] != lw[..i.min(lw.len())] {
            return false;
        }
        // The run starts where the acronym stands; the words after it
        // must be the same.
        let rest = &sw[i + 1..];
        (i + 2..=lw.len()).any(|end| {
            let run = &lw[i..end];
            run.iter()
                .all(|w| w.starts_with(char::is_uppercase) || connector(w))
                && crate::attribute::initials_spell(acr, run)
                && lw[end..] == *rest
        })
    })
}

/// Found and right counts, with every miss.
#[derive(Debug, Clone, Default)]
pub struct SpeakerReport {
    pub total: usize,
    pub found: usize,
    /// Found with the right canonical speaker.
    pub right: usize,
    /// "file:line: ..." for each statement not found or misattributed.
    pub misses: Vec<String>,
}

impl SpeakerReport {
    pub fn found_share(&self) -> f64 {
        self.found as f64 / self.total.max(1) as f64
    }

    /// Right speakers among the statements found.
    pub fn right_share(&self) -> f64 {
        self.right as f64 / self.found.max(1) as f64
    }
}

impl fmt::Display for SpeakerReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "statements found {:.3}  ({}/{})",
            self.found_share(),
            self.found,
            self.total
        )?;
        writeln!(
            f,
            "speaker right    {:.3}  ({}/{} found statements, canonical name)",
            self.right_share(),
            self.right,
            self.found
        )?;
        if !self.misses.is_empty() {
            writeln!(f, "misses:")?;
            for m in &self.misses {
                writeln!(f, "  {m}")?;
            }
        }
        Ok(())
    }
}

/// Runs `extractor` over each listed article (paths relative to `dir`) and
/// scores the list.
pub fn evaluate_speakers(
    dir: &Path,
    gold: &[GoldStatement],
    extractor: &Extractor,
) -> Result<SpeakerReport, EvalError> {
    let mut report = SpeakerReport::default();
    let mut done: Vec<(&str, Vec<crate::record::QuoteRecord>)> = Vec::new();
    for g in gold {
        if !done.iter().any(|(f, _)| *f == g.file) {
            let path: PathBuf = dir.join(&g.file);
            let text = std::fs::read_to_string(&path).map_err(|source| EvalError::Io {
                path: path.clone(),
                source,
            })?;
            let article = Article {
                id: g.file.clone(),
                text,
                origin: Origin {
                    path: Some(path),
                    line: None,
                },
                ..Article::default()
            };
            done.push((&g.file, extractor.extract(&article)));
        }
        let records = &done.iter().find(|(f, _)| *f == g.file).expect("added").1;
        report.total += 1;
        let at = format!("{}:{}", g.file, g.line);
        match records
            .iter()
            .find(|r| normalise(&r.text).contains(&g.piece))
        {
            None => report.misses.push(format!("{at}: not found: {}", g.piece)),
            Some(r) => {
                report.found += 1;
                if same_speaker(&r.speaker, &g.speaker) {
                    report.right += 1;
                } else {
                    report.misses.push(format!(
                        "{at}: {:?} got {:?}, want {:?}",
                        g.piece, r.speaker, g.speaker
                    ));
                }
            }
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spokespeople_match_in_either_word_order() {
        assert!(same_speaker(
            "Rail Delivery Group spokesman",
            "spokesman for the Rail Delivery Group"
        ));
        assert!(same_speaker(
            "spokeswoman for NHS Lothian",
            "NHS Lothian spokeswoman"
        ));
        assert!(same_speaker("Sadiq Khan’s office", "Sadiq Khan's office"));
        assert!(!same_speaker(
            "Rail Delivery Group",
            "spokesman for the Rail Delivery Group"
        ));
        assert!(!same_speaker(
            "Rail Delivery Group spokeswoman",
            "spokesman for the Rail Delivery Group"
        ));
        assert!(same_speaker("daughter of a patient", "patient's daughter"));
        assert!(same_speaker("family of Jordan Hale", "Hale family"));
        assert!(!same_speaker("family of Jordan Hale", "Doyle family"));
        assert!(same_speaker("Downing Street source", "Number 10 source"));
        assert!(same_speaker(
            "Downing Street spokesman",
            "spokesman for No 10"
        ));
        assert!(same_speaker("The Times", "Times"));
        assert!(same_speaker(
            "a senior Whitehall source",
            "senior Whitehall source"
        ));
        assert!(same_speaker(
            "two sources familiar with the talks",
            "sources familiar with the talks"
        ));
        assert!(!same_speaker(
            "a senior Whitehall source",
            "Treasury source"
        ));
        assert!(same_speaker(
            "U.N. spokesman",
            "spokesman for United Nations"
        ));
        assert!(same_speaker(
            "allies of Mrs Badenoch",
            "allies of Kemi Badenoch"
        ));
        assert!(!same_speaker(
            "allies of Mrs Badenoch",
            "allies of Kemi Smith"
        ));
        assert!(!same_speaker("The Times", "The Guardian"));
        assert!(!same_speaker("daughter of a patient", "patient's son"));
        assert!(!same_speaker("Ministry of Defence", "Defence's Ministry"));
        // An acronym and the name it stands for.
        assert!(same_speaker(
            "BMA spokesperson",
            "British Medical Association spokesperson"
        ));
        assert!(same_speaker("Department of Justice", "DOJ"));
        assert!(!same_speaker(
            "BMA spokesperson",
            "British Medical Association"
        ));
        assert!(!same_speaker("RK", "Robert Smith"));
    }

    #[test]
    fn bad_lines_name_the_file_and_line() {
        let dir = std::env::temp_dir().join(format!("qs-statements-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("s.tsv");
        std::fs::write(&p, "# c\na.txt\tpiece\tSpeaker\nb.txt\tonly two\n").unwrap();
        let e = read_statements(&p).unwrap_err().to_string();
        assert!(
            e.contains("s.tsv:3:") && e.contains("3 tab-separated"),
            "{e}"
        );
        std::fs::write(&p, "a.txt\t  the  piece’s\tSpeaker\n").unwrap();
        let g = read_statements(&p).unwrap();
        assert_eq!(g[0].piece, "the piece's");
        assert_eq!(g[0].line, 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn counts_found_and_right_speakers() {
        let dir = std::env::temp_dir().join(format!("qs-statements-run-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("a.txt"),
            "Talks\n\nMr Blair said the deal was “fair to both sides”.\n",
        )
        .unwrap();
        let gold = vec![
            GoldStatement {
                file: "a.txt".into(),
                piece: "fair to both sides".into(),
                speaker: "Blair".into(),
                line: 1,
            },
            GoldStatement {
                file: "a.txt".into(),
                piece: "the deal was".into(),
                speaker: "Tony Blair".into(),
                line: 2,
            },
            GoldStatement {
                file: "a.txt".into(),
                piece: "never said".into(),
                speaker: "Nobody".into(),
                line: 3,
            },
        ];
        let ex = Extractor::new(crate::sides::Sides::none());
        let r = evaluate_speakers(&dir, &gold, &ex).unwrap();
        assert_eq!((r.total, r.found, r.right), (3, 2, 1), "{r}");
        assert_eq!(r.misses.len(), 2, "{r}");
        assert!(r.misses[1].contains("a.txt:3: not found"), "{r}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
