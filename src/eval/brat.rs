//! Reading brat standoff (`.ann`) attribution files.
//!
//! Only what scoring needs: Content, Source and Cue text-bound annotations
//! (`T` lines, character offsets, possibly discontinuous `a b;c d`) and the
//! `E` lines that tie them into attributions. The surface text after the
//! offsets may wrap onto following lines, so lines that do not start with an
//! annotation id are skipped, and spans are always taken from the offsets.

use super::EvalError;
use std::collections::HashMap;
use std::path::Path;

/// One gold attribution, in character offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldAttribution {
    pub content: Vec<(usize, usize)>,
    pub source: Option<Vec<(usize, usize)>>,
    pub cue: Option<Vec<(usize, usize)>>,
    /// The content holds a quote mark (" “ ” « » „ ‘ `` '').
    pub direct: bool,
    /// The source is a pronoun ("he", "she", "who").
    pub pronoun_source: bool,
}

fn parse_spans(s: &str) -> Option<Vec<(usize, usize)>> {
    s.split(';')
        .map(|part| {
            let mut it = part.split_whitespace();
            let a = it.next()?.parse().ok()?;
            let b = it.next()?.parse().ok()?;
            Some((a, b))
        })
        .collect()
}

fn has_quote_mark(s: &str) -> bool {
    s.contains(['"', '“', '”', '«', '»', '„', '‘']) || s.contains("``") || s.contains("''")
}

/// Reads one `.ann` file; `text` is the article, for slicing by offsets.
pub fn read_ann(path: &Path, text: &str) -> Result<Vec<GoldAttribution>, EvalError> {
    let src = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let chars: Vec<char> = text.chars().collect();
    let slice = |spans: &[(usize, usize)]| -> String {
        spans
            .iter()
            .map(|&(a, b)| {
                chars[a.min(chars.len())..b.min(chars.len())]
                    .iter()
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut tb: HashMap<String, (String, Vec<(usize, usize)>)> = HashMap::new();
    let mut events: Vec<Vec<(String, String)>> = Vec::new();
    let mut content_order: Vec<String> = Vec::new();
    for (ln, line) in src.lines().enumerate() {
        let mut fields = line.splitn(3, '\t');
        let id = fields.next().unwrap_or("");
        let Some(body) = fields.next() else {
            continue;
        };
        if id.starts_with('T') && id[1..].chars().all(|c| c.is_ascii_digit()) && id.len() > 1 {
            let (label, offs) = body.split_once(' ').ok_or_else(|| EvalError::Parse {
                path: path.to_path_buf(),
                line: ln + 1,
                message: format!("no offsets in {body:?}"),
            })?;
            let spans = parse_spans(offs).ok_or_else(|| EvalError::Parse {
                path: path.to_path_buf(),
                line: ln + 1,
                message: format!("bad offsets {offs:?}"),
            })?;
            if label == "Content" {
                content_order.push(id.to_string());
            }
            tb.insert(id.to_string(), (label.to_string(), spans));
        } else if id.starts_with('E') {
            events.push(
                body.split_whitespace()
                    .filter_map(|a| a.split_once(':'))
                    .map(|(r, t)| (r.to_string(), t.to_string()))
                    .collect(),
            );
        }
    }
    let mut by_content: HashMap<&str, (Option<&str>, Option<&str>)> = HashMap::new();
    for ev in &events {
        let get = |role: &str| ev.iter().find(|(r, _)| r == role).map(|(_, t)| t.as_str());
        if let Some(c) = get("Content") {
            by_content.insert(c, (get("Source"), get("Cue")));
        }
    }
    let mut out = Vec::new();
    for cid in &content_order {
        let Some((_, content)) = tb.get(cid) else {
            continue;
        };
        let (src_id, cue_id) = by_content
            .get(cid.as_str())
            .copied()
            .unwrap_or((None, None));
        let source = src_id.and_then(|s| tb.get(s)).map(|(_, sp)| sp.clone());
        let cue = cue_id.and_then(|s| tb.get(s)).map(|(_, sp)| sp.clone());
        let pronoun_source = source.as_ref().is_some_and(|s| {
            matches!(
                slice(s).trim().to_lowercase().as_str(),
                "he" | "she" | "they" | "it" | "who" | "i" | "we" | "you" | "him" | "her"
            )
        });
        out.push(GoldAttribution {
            direct: has_quote_mark(&slice(content)),
            content: content.clone(),
            source,
            cue,
            pronoun_source,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_discontinuous_and_wrapped() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ann");
        let text = "“One,” he said. “Two.” Then x.";
        std::fs::write(
            &p,
            "T1\tContent 0 6;16 22\t“One,” “Two.”\nwrapped surface text\nT2\tSource 7 9\the\nT3\tCue 10 14\tsaid\n# note\nE1\tAttribution:T3 Content:T1 Cue:T3 Source:T2\n",
        )
        .unwrap();
        let g = read_ann(&p, text).unwrap();
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].content, vec![(0, 6), (16, 22)]);
        assert!(g[0].direct);
        assert!(g[0].pronoun_source);
        assert_eq!(g[0].source, Some(vec![(7, 9)]));
    }

    #[test]
    fn bad_offsets_name_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("b.ann");
        std::fs::write(&p, "T1\tContent x y\tz\n").unwrap();
        let e = read_ann(&p, "abc").unwrap_err().to_string();
        assert!(e.contains("b.ann:1"), "{e}");
    }
}
