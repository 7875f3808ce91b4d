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
    assert!(r.right_share() >= 0.89, "{r}");
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
    assert!(r.right_share() >= 0.89, "{r}");
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

/// tests/data/held-out-17: the batch kept out of all work at stop 17 until
/// measured (BBC on a prisoner exchange, the Guardian on the home secretary,
/// the Telegraph on a peer, the Scotsman, the MEN, Reuters on OPEC+, Al
/// Jazeera, ABC). Its first reading was 80 of 111 right; the bar is what it
/// reaches now, less a margin, so a regression shows.
#[test]
fn held_out_17_statements_are_found_with_their_canonical_speakers() {
    let r = score("held-out-17");
    assert!(r.total >= 115, "{} statements", r.total);
    assert!(r.found_share() >= 0.95, "{r}");
    assert!(r.right_share() >= 0.82, "{r}");
}

/// tests/data/uk-press-b: five British articles written at stop 18 (a rail
/// strike, an inquest, bin collections, a Labour letter, a rugby coach):
/// "a spokeswoman for the operator", "the 47-year-old, who ...", "Asked by
/// the coroner ..., he said". First reading 64 of 86 right.
#[test]
fn uk_press_b_statements_are_found_with_their_canonical_speakers() {
    let r = score("uk-press-b");
    assert!(r.total >= 90, "{} statements", r.total);
    assert!(r.found_share() >= 0.95, "{r}");
    assert!(r.right_share() >= 0.74, "{r}");
}

/// tests/data/world-press-b: five international articles written at stop 18
/// (Istanbul talks, a Gaza truce, an EU budget summit, Queensland floods,
/// China-EU tariff talks): "Sefcovic" after "Maroš Šefčovič", "and she
/// warned" after "Ursula von der Leyen". First reading 74 of 98 right.
#[test]
fn world_press_b_statements_are_found_with_their_canonical_speakers() {
    let r = score("world-press-b");
    assert!(r.total >= 100, "{} statements", r.total);
    assert!(r.found_share() >= 0.95, "{r}");
    assert!(r.right_share() >= 0.78, "{r}");
}

/// tests/data/uk-press-c: six British articles written at stop 19 (a rail
/// strike, a maternity unit, a fraud trial, a Lords defeat, a council loan,
/// a takeover): "as union says" in a headline, "The Rail Operatives' Union",
/// "the council said" long after "Leeds City Council", "Coun Helen Akroyd",
/// "Transport Secretary Heidi Alexander ... The minister told MPs",
/// "Hannah Lowther, 34, who founded the Keep Eden Births group ..., said".
/// First reading 86 of 109 right.
#[test]
fn uk_press_c_statements_are_found_with_their_canonical_speakers() {
    let r = score("uk-press-c");
    assert!(r.total >= 110, "{} statements", r.total);
    assert!(r.found_share() >= 0.95, "{r}");
    assert!(r.right_share() >= 0.89, "{r}");
}

/// tests/data/uk-press-d: six articles written at stop 19 (an energy price
/// cap, university cuts, a care home inquest, a Holyrood budget row, a sewage
/// fine, a football club embargo): acronyms defined once ("the Office for
/// Students (OfS)", "Cosla", "Defra"), "A spokeswoman said" after "The
/// Department for Education said", "the club" for "Tameside Town FC",
/// "Treasury sources". First reading 96 of 115 right (stop-18 rules: 90).
#[test]
fn uk_press_d_statements_are_found_with_their_canonical_speakers() {
    let r = score("uk-press-d");
    assert!(r.total >= 117, "{} statements", r.total);
    assert!(r.found_share() >= 0.95, "{r}");
    assert!(r.right_share() >= 0.89, "{r}");
}

/// tests/data/uk-press-e: five articles written at stop 19 (an Ofsted
/// dispute, a sentencing, a Navy contract, store closures, a Stormont row):
/// "the force said" for "Avon and Somerset Police", acronyms with
/// connectors and ampersands ("DfI", "DE&S"), "residents at a public
/// meeting" as "residents". First reading 80 of 92 right (stop-18 rules: 79).
#[test]
fn uk_press_e_statements_are_found_with_their_canonical_speakers() {
    let r = score("uk-press-e");
    assert!(r.total >= 94, "{} statements", r.total);
    assert!(r.found_share() >= 0.95, "{r}");
    assert!(r.right_share() >= 0.89, "{r}");
}

/// tests/data/uk-press-f: five articles written at stop 19 and kept out of
/// all rule work (prison places, a waiting-list scandal, an asylum hotel, a
/// mill fire, a bank fine): the held-out reading of the stop-19 rules, 79
/// of 89 right (stop-18 rules: 74).
#[test]
fn uk_press_f_held_out_statements() {
    let r = score("uk-press-f");
    assert!(r.total >= 91, "{} statements", r.total);
    assert!(r.found_share() >= 0.95, "{r}");
    assert!(r.right_share() >= 0.89, "{r}");
}

/// tests/data/uk-press-h: five articles written at stop 20 (Telegraph
/// energy levies, an Irish Times hospital story, a PA football takeover, a
/// Sun housing row, a Herald ferry contract): "the minister" for the
/// Energy Secretary, not "a former energy minister"; "a source close to
/// the Energy Secretary"; "Mum-of-three Stacey Pearce ... the fuming mum";
/// "the club" for "League One club Castlebridge United"; "the company" for
/// the business that spoke; "a club spokesman". First reading 83 of 102
/// right with the stop-19 rules.
#[test]
fn uk_press_h_statements_are_found_with_their_canonical_speakers() {
    let r = score("uk-press-h");
    assert!(r.total >= 105, "{} statements", r.total);
    assert!(r.found_share() >= 0.97, "{r}");
    assert!(r.right_share() >= 0.97, "{r}");
}

/// tests/data/uk-press-g: five articles written at stop 20 (Guardian nurses'
/// pay talks, a Daily Mail sentencing, a BBC sewage fine, an Independent
/// university's cuts, a Manchester Evening News budget row): "a senior
/// government source", "the Department of Health and Social Care", "A
/// spokesman for Age UK", "said a spokesman for Severnside Water", "in what
/// union leaders have called", "According to the Office for Students
/// (OfS)". First reading 84 of 103 right with the rules of commit 9813192.
#[test]
fn uk_press_g_statements_are_found_with_their_canonical_speakers() {
    let r = score("uk-press-g");
    assert!(r.total >= 103, "{} statements", r.total);
    assert!(r.found_share() >= 0.97, "{r}");
    assert!(r.right_share() >= 0.95, "{r}");
}

/// tests/data/uk-press-i: five articles written at stop 20 and held out
/// until the end of the stop's rule work (a Times maternity review, an
/// Evening Standard bus strike, a Mirror police crash, an FT bank's job
/// cuts, a WalesOnline wind farm). Read once: 84 of 101 right (stop-19
/// rules: 81); then "Cabinet Secretary for Energy and Planning Rhian
/// Pugh-Evans" and "on the London Assembly Harriet Vance" were fixed on it.
#[test]
fn uk_press_i_statements_are_found_with_their_canonical_speakers() {
    let r = score("uk-press-i");
    assert!(r.total >= 101, "{} statements", r.total);
    assert!(r.found_share() >= 0.97, "{r}");
    assert!(r.right_share() >= 0.86, "{r}");
}

/// tests/data/uk-press-j: five articles written at stop 20 and held out
/// until the end of the stop's rule work (a Daily Express fishing row, a
/// Guardian report on Ukraine-Russia prisoner-swap talks, a Liverpool Echo
/// fire, an Irish Independent policing story, a Reuters Bank of England
/// decision). Read once: 81 of 100 right (stop-19 rules: 76); then
/// "FURIOUS Brexiteers", "(SWIFA)", "the Russian negotiator" and a
/// dateline before "but said" were fixed on it.
#[test]
fn uk_press_j_statements_are_found_with_their_canonical_speakers() {
    let r = score("uk-press-j");
    assert!(r.total >= 102, "{} statements", r.total);
    assert!(r.found_share() >= 0.97, "{r}");
    assert!(r.right_share() >= 0.86, "{r}");
}

/// tests/data/uk-press-k: five articles written at stop 21 (a BBC hospital
/// waiting-time row, a Telegraph report on Ukraine-Russia prisoner-swap
/// talks, a Manchester Evening News bin dispute, an Irish Times planning
/// ruling, a Scotsman ferry contract). Read once: 90 of 108 right with the
/// stop-20 rules; then analysts at a bank, relatives of unnamed people
/// ("The daughter of one patient"), plain nouns before a role ("A bin
/// worker"), ministries listing portfolios over a comma, an acronym after a
/// possessor and party members as role phrases were fixed on it.
#[test]
fn uk_press_k_statements_are_found_with_their_canonical_speakers() {
    let r = score("uk-press-k");
    assert!(r.total >= 111, "{} statements", r.total);
    assert!(r.found_share() >= 0.97, "{r}");
    assert!(r.right_share() >= 0.90, "{r}");
}

/// tests/data/uk-press-m: five articles written at stop 21 (Guardian Gaza
/// talks in Doha, a Belfast Telegraph Stormont row, a Times sewage fine, a
/// Mirror court report with family statements, a PA teachers' pay story).
/// Read once: 97 of 115 right with the stop-20 rules; then the cue nearest
/// a colon, a lead role phrase named later ("the DUP leader"), "whose"
/// clauses, "Mansouri" for "al-Mansouri" and bracketed acronyms inside a
/// spokesperson's phrase were fixed on it.
#[test]
fn uk_press_m_statements_are_found_with_their_canonical_speakers() {
    let r = score("uk-press-m");
    assert!(r.total >= 116, "{} statements", r.total);
    assert!(r.found_share() >= 0.97, "{r}");
    assert!(r.right_share() >= 0.91, "{r}");
}

/// tests/data/uk-press-l: five articles written at stop 21 and held out
/// until the end of the stop's rule work on uk-press-k and -m (an
/// Independent defence-contract row, a Daily Mail takeover bid, a Yorkshire
/// Post murder trial, Sky News peace talks, an FT profit warning). Read
/// once: 94 of 111 right (stop-20 rules: 92 of 112); then "X, whose bid
/// ...", "The Premier League", "One resident of Orsk, reached by phone by
/// Sky News,", "A spokesman for the Arvenian government, Pavel Idris," and
/// "wrote to the Cabinet Secretary demanding" were fixed on it.
#[test]
fn uk_press_l_statements_are_found_with_their_canonical_speakers() {
    let r = score("uk-press-l");
    assert!(r.total >= 116, "{} statements", r.total);
    assert!(r.found_share() >= 0.95, "{r}");
    assert!(r.right_share() >= 0.90, "{r}");
}

/// tests/data/uk-press-o: five British and Irish articles written at stop
/// 22 (an Irish Times Dáil housing row with single quote marks, a
/// Manchester Evening News hospital story, an Observer long-read on an
/// energy supplier's collapse, an i newspaper piece on UK-EU food talks, a
/// WalesOnline rugby-ground story). Read once: 89 of 118 right with the
/// stop-21 rules; then a role in a team before "who asked not to be named",
/// pronouns that never resolve to a company or to a place after "in", a
/// participle aside with its own commas, "Minister for European Union
/// Relations Tom Halloran", "NHS Greater Manchester", "the source" again,
/// "Danielle Okafor, Labour MP for Irwell Valley," and "think tank" were
/// fixed on it.
#[test]
fn uk_press_o_statements_are_found_with_their_canonical_speakers() {
    let r = score("uk-press-o");
    assert!(r.total >= 122, "{} statements", r.total);
    assert!(r.found_share() >= 0.98, "{r}");
    assert!(r.right_share() >= 0.87, "{r}");
}

/// tests/data/uk-press-n: five articles written at stop 22 and held out
/// until the end of the stop's rule work on uk-press-o (a BBC water-bill
/// rebellion, Telegraph dam talks, a Scotsman leisure-centre closure, an
/// Evening Standard tower block, a Sun court report). Read once: 101 of 115
/// right, the same with the stop-21 rules; then "Eleanor Pryce, the Labour
/// MP for Severn Vale, who said", "a club statement", "Fix Our Homes
/// London" and "Meridian Riverside Housing" were fixed on it.
#[test]
fn uk_press_n_statements_are_found_with_their_canonical_speakers() {
    let r = score("uk-press-n");
    assert!(r.total >= 115, "{} statements", r.total);
    assert!(r.found_share() >= 0.99, "{r}");
    assert!(r.right_share() >= 0.90, "{r}");
}

/// tests/data/uk-press-p: five articles written at stop 23 (a Scotsman
/// ferry breakdown, a Yorkshire Post council budget, a Belfast Telegraph
/// nurses' strike, an Evening Standard fraud trial, a Mirror hit-and-run).
/// Read once: 90 of 121 right with the stop-22 rules; the stop's rule work
/// was done on it (court roles, tabloid families, "police said", leads'
/// offices and relatives named later, "According to a report by ...").
#[test]
fn uk_press_p_statements_are_found_with_their_canonical_speakers() {
    let r = score("uk-press-p");
    assert!(r.total >= 122, "{} statements", r.total);
    assert!(r.found_share() >= 0.99, "{r}");
    assert!(r.right_share() >= 0.95, "{r}");
}

/// tests/data/world-press-q: five articles written at stop 23 (Kyiv
/// Independent prisoner exchange, Irish Independent pay deal, ABC Sydney
/// rail dispute, The Hindu water talks, Guardian doctors' strike), held
/// out during the work on uk-press-p. Read once: 96 of 113 right, the same
/// as with the stop-22 rules; then fixed on it.
#[test]
fn world_press_q_statements_are_found_with_their_canonical_speakers() {
    let r = score("world-press-q");
    assert!(r.total >= 116, "{} statements", r.total);
    assert!(r.found_share() >= 0.99, "{r}");
    assert!(r.right_share() >= 0.94, "{r}");
}

/// tests/data/press-r: five articles written at stop 23 (a Times cabinet
/// row, an Irish Examiner waiting list, a PA court report, a Manchester
/// Evening News bus gate, a Reuters prisoner swap), held out until the end
/// of the stop's rule work. Read once: 100 of 113 right, the same as with
/// the stop-22 rules; "Allies of Ms Vesey" and "Residents in Burnage" were
/// fixed on it afterwards.
#[test]
fn press_r_statements_are_found_with_their_canonical_speakers() {
    let r = score("press-r");
    assert!(r.total >= 115, "{} statements", r.total);
    assert!(r.found_share() >= 0.98, "{r}");
    assert!(r.right_share() >= 0.89, "{r}");
}

/// tests/data/press-s: five articles written at stop 24 (a Guardian NHS
/// waiting-list row, a Scotsman ferry breakdown, an AP Senate hearing, a
/// BBC inquest, an AFP ceasefire talk), held out until commit 89b672b. Read
/// once: 85 of 112 right (0.759); then fixed on it (titles before names,
/// party labels, acronyms spelled out earlier, trade names as businesses,
/// "warned, though, that").
#[test]
fn press_s_statements_are_found_with_their_canonical_speakers() {
    let r = score("press-s");
    assert!(r.total >= 116, "{} statements", r.total);
    assert!(r.found_share() >= 0.98, "{r}");
    assert!(r.right_share() >= 0.86, "{r}");
}

/// tests/data/press-t: five articles written at stop 30 (a Telegraph
/// cabinet row, a Liverpool Echo sentencing, a BBC ambulance-delay story, a
/// Guardian report on Istanbul peace talks, an Irish Times Dáil row) by a
/// helper that saw no code. Read once: 94 of 112 right (0.839); then fixed
/// on it (fronted places, lawyers "for" the accused, one person "with" an
/// organisation, group nouns opening a sentence, offices for a portfolio,
/// "welcomed ... as", the principal of a shared surname).
#[test]
fn press_t_statements_are_found_with_their_canonical_speakers() {
    let r = score("press-t");
    assert!(r.total >= 112, "{} statements", r.total);
    assert!(r.found_share() >= 0.98, "{r}");
    assert!(r.right_share() >= 0.90, "{r}");
}

/// tests/data/press-u: five articles written at stop 30 after the fixes on
/// press-t (a Times procurement row, a Manchester Evening News cable theft, a
/// Sky News strike, a Reuters report on water talks, a Scotsman ferry
/// breakdown) by a helper that saw no code. Read once: 95 of 111 right
/// (0.856); then fixed on it (a relative clause with commas of its own;
/// "the operator" after the organisation spoke; "spokesman for No 10" in
/// `eval`).
#[test]
fn press_u_statements_are_found_with_their_canonical_speakers() {
    let r = score("press-u");
    assert!(r.total >= 114, "{} statements", r.total);
    assert!(r.found_share() >= 0.97, "{r}");
    assert!(r.right_share() >= 0.89, "{r}");
}

/// tests/data/press-v: five articles written at stop 31 (a Financial Times
/// water-bills story, a WalesOnline ward closure, an ITV News report on
/// Channel crossings, a Belfast Telegraph budget row, a PA Media fraud
/// sentencing) by a helper that saw no code. Read once: 106 of 117 right
/// (0.906); then fixed on it (a party's acronym is an organisation, "It
/// said" after a one-word body, "Ahmad, 24, who said", "A nurse who ...,
/// and who ..., said", a lower-case office before a name, "..., and
/// accused", a party office after a government one).
#[test]
fn press_v_statements_are_found_with_their_canonical_speakers() {
    let r = score("press-v");
    assert!(r.total >= 119, "{} statements", r.total);
    assert!(r.found_share() >= 0.99, "{r}");
    assert!(r.right_share() >= 0.97, "{r}");
}

/// tests/data/press-w: five articles written at stop 31 after the fixes on
/// press-v (an Independent rail strike, a Herald shipyard row, a Guardian
/// climate summit with single marks in the body, an RTÉ housing protest, a
/// Daily Mail waiting-list death) by a helper that saw no code. Read once:
/// 89 of 114 right (0.781); then fixed on it (one family's surname told
/// apart by honorific, "Sorcha, a 29-year-old childcare worker", closing
/// marks after an apostrophe). Eight of the remaining misses are naming
/// conventions of the list ("spokeswoman for Threshold" for "Threshold").
#[test]
fn press_w_statements_are_found_with_their_canonical_speakers() {
    let r = score("press-w");
    assert!(r.total >= 119, "{} statements", r.total);
    assert!(r.found_share() >= 0.97, "{r}");
    assert!(r.right_share() >= 0.89, "{r}");
}

/// tests/data/press-x: five articles written at stop 32 (a Press and
/// Journal offshore incident, an Irish News council row with single marks,
/// a Sky News Commons row, a Birmingham Mail inquest, a Reuters grain
/// corridor story with straight quotes) by a helper that saw no code. Read
/// once: 101 of 124 right (0.815; 0.879 with the eval's reading of "a" and
/// "U.N."); then fixed on it with press-y.
#[test]
fn press_x_statements_are_found_with_their_canonical_speakers() {
    let r = score("press-x");
    assert!(r.total >= 125, "{} statements", r.total);
    assert!(r.found_share() >= 0.99, "{r}");
    assert!(r.right_share() >= 0.98, "{r}");
}

/// tests/data/press-y: five articles written at stop 32 (a Sunday Times
/// cabinet split, a Bristol Post clean-air row with straight quotes, a
/// National Holyrood row with single marks, a Daily Express fraud trial, a
/// BBC peace-talks story with dash credits) by a helper that saw no code.
/// Read once: 106 of 123 right (0.862; 0.894 with the eval's reading of
/// "a"); then fixed on it with press-x.
#[test]
fn press_y_statements_are_found_with_their_canonical_speakers() {
    let r = score("press-y");
    assert!(r.total >= 123, "{} statements", r.total);
    assert!(r.found_share() >= 0.99, "{r}");
    assert!(r.right_share() >= 0.96, "{r}");
}

/// tests/data/press-z: five articles written at stop 32 after the press-x
/// and press-y fixes (Metro with single marks, Kent Online with straight
/// quotes, TheJournal.ie, a Yorkshire Evening Post murder trial, Guardian
/// Caucasus talks) by a helper that saw no code. Read once: 114 of 124 right
/// (0.919); then fixed on it with press-za.
#[test]
fn press_z_statements_are_found_with_their_canonical_speakers() {
    let r = score("press-z");
    assert!(r.total >= 126, "{} statements", r.total);
    assert!(r.found_share() >= 0.98, "{r}");
    assert!(r.right_share() >= 0.94, "{r}");
}

/// tests/data/press-za: five articles written at stop 32 (the i, the
/// Northern Echo with straight quotes, Channel 4 News, the Eastern Daily
/// Press with single marks, the Times) by a helper that saw no code. Read
/// once: 107 of 121 right (0.884); then fixed on it with press-z.
#[test]
fn press_za_statements_are_found_with_their_canonical_speakers() {
    let r = score("press-za");
    assert!(r.total >= 122, "{} statements", r.total);
    assert!(r.found_share() >= 0.99, "{r}");
    assert!(r.right_share() >= 0.95, "{r}");
}
