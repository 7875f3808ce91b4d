//! Canonical speakers on hand-made statement lists (`eval --statements`):
//! the default pipeline (rules plus tagger, as `extract` runs it) must find
//! the listed statements and name each one's speaker as the article
//! establishes it. The issue asks for 80% found and 90% of the found
//! statements with the right speaker on British articles.

use quotesent::eval::speakers::{evaluate_speakers, read_statements, SpeakerReport};
use quotesent::pipeline::Extractor;
use quotesent::sides::Sides;
use std::path::PathBuf;

fn score(set: &str) -> SpeakerReport {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(set);
    let gold = read_statements(&dir.join("statements.tsv")).unwrap();
    let r = evaluate_speakers(&dir, &gold, &Extractor::new(Sides::none())).unwrap();
    eprintln!("{set}:\n{r}");
    r
}

/// tests/data/british: single quote marks, "Mr Blair said", "a Downing Street
/// spokesman", knights and peers, titles before names and in appositives,
/// "the former prime minister" for a person named earlier.
#[test]
fn british_statements_are_found_with_their_canonical_speakers() {
    let r = score("british");
    assert!(r.total >= 90, "{} statements", r.total);
    assert!(r.found_share() >= 0.95, "{r}");
    assert!(r.right_share() >= 0.95, "{r}");
}

/// tests/data/wire: wire copy on Ukraine-Russia talks ("The Kremlin said on
/// Tuesday there were ...", "Kremlin spokesman Dmitry Peskov told reporters",
/// "the minister said", transliterations as written).
#[test]
fn wire_statements_are_found_with_their_canonical_speakers() {
    let r = score("wire");
    assert!(r.total >= 36, "{} statements", r.total);
    assert!(r.found_share() >= 0.95, "{r}");
    assert!(r.right_share() >= 0.95, "{r}");
}

/// tests/data/international: Irish ("the Taoiseach", "Minister for Housing
/// Darragh O'Brien", "Labour TD"), Australian ("Treasurer Jim Chalmers"),
/// Reuters wire, a magazine interview with quotes running over paragraphs,
/// British local news ("Resident Janet Holmes", "the father of two").
#[test]
fn international_statements_are_found_with_their_canonical_speakers() {
    let r = score("international");
    assert!(r.total >= 55, "{} statements", r.total);
    assert!(r.found_share() >= 0.95, "{r}");
    assert!(r.right_share() >= 0.90, "{r}");
}

/// tests/data/uk-press: British national press written at stop 17 by a
/// helper that saw neither the code nor the other lists (PMQs, the Bank of
/// England, a Crown Court sentencing, Geneva talks, an NHS strike, a football
/// press conference, an inquest, a Tory row, floods): "Sir Keir", "the
/// thinktank", "the widow", "Labour MP for <seat> Tom Ashworth", "Jonathan
/// Hale KC", "the 64-year-old" after a quote paragraph.
#[test]
fn uk_press_statements_are_found_with_their_canonical_speakers() {
    let r = score("uk-press");
    assert!(r.total >= 160, "{} statements", r.total);
    assert!(r.found_share() >= 0.95, "{r}");
    assert!(r.right_share() >= 0.88, "{r}");
}

/// tests/data/uk-regional: councils, Holyrood, Stormont, the Dáil, Welsh
/// police and Northern rail, written like uk-press: lead offices named in
/// the next sentence ("The First Minister has insisted ... / Alasdair
/// Crombie faced ..."), "the East Antrim MLA", "Cllr", "Student Priya Shah".
#[test]
fn uk_regional_statements_are_found_with_their_canonical_speakers() {
    let r = score("uk-regional");
    assert!(r.total >= 85, "{} statements", r.total);
    assert!(r.found_share() >= 0.95, "{r}");
    assert!(r.right_share() >= 0.88, "{r}");
}

/// tests/data/world-press: outlets outside Britain, written like uk-press:
/// particles ("von der Leyen", "De Wever"), surname-first names ("Mr Gan"),
/// "according to the regional governor, Ivan Fedorov", court benches and
/// readouts. Below the British sets: some speakers are read-outs and
/// benches the lists name by convention.
#[test]
fn world_press_statements_are_found_with_their_canonical_speakers() {
    let r = score("world-press");
    assert!(r.total >= 190, "{} statements", r.total);
    assert!(r.found_share() >= 0.95, "{r}");
    assert!(r.right_share() >= 0.82, "{r}");
}
